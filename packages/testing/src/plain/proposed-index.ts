/**
 * The index behind the proposed new state's set matching: for each configured set element, the
 * first unused prior element that could have come from it, found without scanning every prior
 * element, so that matching stays linear in the set's size.
 *
 * @module
 */
import { attributes, type CtyValue, setHashString } from "@pyvider/cty";
import { PriorCheck } from "./proposed-match.js";
import type { ElementSchema } from "./proposed-schema.js";

/**
 * The names of an element schema's top-level attributes that {@link PriorCheck} only accepts
 * when prior and configured values are equal: neither computed nor nested.
 */
function exactAttributeNames(schema: ElementSchema): string[] {
  const attrs = schema.kind === "block" ? schema.block.attributes : schema.object.attributes;
  return attrs.filter((a) => !a.computed && a.nestedType === undefined).map((a) => a.name);
}

/** Prior elements (by index, ascending) with one key, and how many at the front are used. */
interface Bucket {
  readonly indices: number[];
  start: number;
}

/**
 * What a key prefix leads to: a level for the next exact attribute; a bucket of the prior
 * elements with the whole key; or, as long as only one prior element has the prefix, that
 * element's index (a superset of the matches, which the check sorts out; a level replaces it
 * once a second element comes).
 */
type KeyNode = KeyLevel | Bucket | number;

/**
 * One level of the key trie, for one exact attribute: a known string value keys by itself, any
 * other value by its go-cty set hash string (two maps, so that a string never meets a hash
 * string). Equal values, once refinements are dropped, give equal keys.
 */
class KeyLevel {
  strings: Map<string, KeyNode> | undefined;
  others: Map<string, KeyNode> | undefined;

  /** The map that the attribute value `a` belongs in (created when `create`). */
  map(a: CtyValue, create: boolean): Map<string, KeyNode> | undefined {
    if (isKnownString(a)) {
      if (create && this.strings === undefined) this.strings = new Map();
      return this.strings;
    }
    if (create && this.others === undefined) this.others = new Map();
    return this.others;
  }
}

/** True for a known, non-null string (cty keeps it as a JS string; null and unknown are not strings). */
function isKnownString(a: CtyValue): boolean {
  return typeof a.raw === "string" && a.type.kind === "string";
}

/** The key of the attribute value `a` in its {@link KeyLevel} map. */
function keyOf(a: CtyValue): string {
  return isKnownString(a) ? (a.raw as string) : setHashString(a);
}

/** The attributes of a known, non-null object, or undefined for any other value. */
function attributesOf(v: CtyValue): ReadonlyMap<string, CtyValue> | undefined {
  return v.type.kind === "object" && v.isKnown && !v.isNull ? attributes(v) : undefined;
}

/**
 * Finds, for configured set elements one after the other, the first prior element not yet used
 * that {@link PriorCheck} accepts, without scanning every prior element: the prior elements are
 * indexed by their exact attributes' values, and only those with the configured element's
 * values (plus the few without them, which can match anything) are checked. Same answer as a
 * scan in prior order.
 */
export class PriorElementIndex {
  readonly #check: PriorCheck;
  readonly #names: readonly string[];
  readonly #candidates: readonly CtyValue[];
  readonly #used: boolean[];
  readonly #root = new KeyLevel();
  /** Every keyed prior element, when no attribute is exact. */
  readonly #all: Bucket = { indices: [], start: 0 };
  /** Prior elements that are not known, non-null objects holding every exact attribute. */
  readonly #unkeyed: Bucket = { indices: [], start: 0 };

  /**
   * @param schema the schema of one element
   * @param candidates the prior set's elements, in order
   */
  constructor(schema: ElementSchema, candidates: readonly CtyValue[]) {
    this.#check = new PriorCheck(schema);
    this.#names = exactAttributeNames(schema);
    this.#candidates = candidates;
    this.#used = new Array<boolean>(candidates.length).fill(false);
    for (let j = 0; j < candidates.length; j++) {
      const attrs = attributesOf(candidates[j]!);
      if (attrs === undefined || !this.#names.every((n) => attrs.has(n))) this.#unkeyed.indices.push(j);
      else if (this.#names.length === 0) this.#all.indices.push(j);
      else this.#insert(this.#root, 0, j);
    }
  }

  /** Exact attribute number `depth` of prior element `j`. */
  #exact(j: number, depth: number): CtyValue {
    return attributes(this.#candidates[j]!).get(this.#names[depth]!)!;
  }

  /** Adds prior element `j` below `level`, which is at exact attribute number `depth`. */
  #insert(level: KeyLevel, depth: number, j: number): void {
    const a = this.#exact(j, depth);
    const map = level.map(a, true)!;
    const key = keyOf(a);
    const node = map.get(key);
    if (node === undefined) map.set(key, j);
    else if (node instanceof KeyLevel) this.#insert(node, depth + 1, j);
    else if (typeof node !== "number") node.indices.push(j);
    else if (depth === this.#names.length - 1) map.set(key, { indices: [node, j], start: 0 });
    else {
      // a second prior element with this prefix: a level for the next attribute
      const next = new KeyLevel();
      map.set(key, next);
      this.#insert(next, depth + 1, node);
      this.#insert(next, depth + 1, j);
    }
  }

  /**
   * What holds every prior element whose exact attributes could equal those of `config`
   * (undefined when none does), or null when `config` is not a known, non-null object holding
   * every exact attribute.
   */
  #lookup(config: CtyValue): Bucket | number | undefined | null {
    const attrs = attributesOf(config);
    if (attrs === undefined) return null;
    if (this.#names.length === 0) return this.#all;
    let level: KeyLevel | undefined = this.#root;
    let found: Bucket | number | undefined;
    for (const name of this.#names) {
      const a = attrs.get(name);
      if (a === undefined) return null;
      if (level === undefined) continue; // found already: the other names need only be there
      const node: KeyNode | undefined = level.map(a, false)?.get(keyOf(a));
      if (node instanceof KeyLevel) level = node;
      else {
        found = node;
        level = undefined;
      }
    }
    return found;
  }

  /** Whether the unused prior element `j` could have come from `config`. */
  #fits(j: number, config: CtyValue): boolean {
    return !this.#used[j] && this.#check.valid(this.#candidates[j]!, config);
  }

  /** The first unused index of the bucket that the check accepts for `config`, or -1. */
  #first(bucket: Bucket, config: CtyValue): number {
    const { indices } = bucket;
    // used elements at the front are passed once, not on every look-up
    while (bucket.start < indices.length && this.#used[indices[bucket.start]!]) bucket.start++;
    for (let k = bucket.start; k < indices.length; k++)
      if (this.#fits(indices[k]!, config)) return indices[k]!;
    return -1;
  }

  /**
   * Takes the prior element the configured element `config` merges with, marking it used.
   *
   * @returns the prior element, or undefined when none could have come from `config`
   */
  take(config: CtyValue): CtyValue | undefined {
    const found = this.#lookup(config);
    let i: number;
    if (found === null) {
      i = this.#candidates.findIndex((_, j) => this.#fits(j, config));
    } else {
      const a =
        found === undefined
          ? -1
          : typeof found === "number"
            ? this.#fits(found, config)
              ? found
              : -1
            : this.#first(found, config);
      const b = this.#first(this.#unkeyed, config);
      i = a < 0 ? b : b < 0 ? a : Math.min(a, b);
    }
    if (i < 0) return undefined;
    this.#used[i] = true;
    return this.#candidates[i];
  }
}
