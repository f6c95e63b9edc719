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

/**
 * Prior elements (by index, ascending) that share the values of their first `depth` exact
 * attributes, and how many at the front are used. A bucket short of every attribute holds
 * every prior element with those values so far (it is split into a level once a second one
 * comes): a superset of the matches, which the check sorts out.
 */
interface Bucket {
  readonly indices: number[];
  readonly depth: number;
  start: number;
}

/** The bucket of values no prior element has. */
const EMPTY: Bucket = Object.freeze({ indices: [], depth: 0, start: 0 }) as Bucket;

/**
 * One level of the key trie, for one exact attribute: a known string value keys by itself, any
 * other value by its go-cty set hash string (two maps, so that a string never meets a hash
 * string). Equal values, once refinements are dropped, give equal keys.
 */
class KeyLevel {
  strings: Map<string, KeyLevel | Bucket> | undefined;
  others: Map<string, KeyLevel | Bucket> | undefined;

  /** The map that the attribute value `a` belongs in (created when `create`). */
  map(a: CtyValue, create: boolean): Map<string, KeyLevel | Bucket> | undefined {
    if (isKnownString(a)) return create ? (this.strings ??= new Map()) : this.strings;
    return create ? (this.others ??= new Map()) : this.others;
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
  /** The whole index as one bucket, when no attribute is exact. */
  readonly #all: Bucket | undefined;
  /** Prior elements that are not known, non-null objects holding every exact attribute. */
  readonly #unkeyed: Bucket = { indices: [], depth: 0, start: 0 };

  /**
   * @param schema the schema of one element
   * @param candidates the prior set's elements, in order
   */
  constructor(schema: ElementSchema, candidates: readonly CtyValue[]) {
    this.#check = new PriorCheck(schema);
    this.#names = exactAttributeNames(schema);
    this.#candidates = candidates;
    this.#used = new Array<boolean>(candidates.length).fill(false);
    this.#all = this.#names.length === 0 ? { indices: [], depth: 0, start: 0 } : undefined;
    for (let j = 0; j < candidates.length; j++) {
      const p = candidates[j]!;
      if (p.isNull || !p.isKnown || !this.#hasExact(p)) this.#unkeyed.indices.push(j);
      else if (this.#all !== undefined) this.#all.indices.push(j);
      else this.#insert(this.#root, 0, j);
    }
  }

  /** Whether a known, non-null object holds every exact attribute. */
  #hasExact(v: CtyValue): boolean {
    const attrs = v.type.kind === "object" ? v.type.attributes : {};
    for (const n of this.#names) if (!(n in attrs)) return false;
    return true;
  }

  /** Exact attribute number `depth` of a prior or configured element that holds them all. */
  #exact(v: CtyValue, depth: number): CtyValue {
    return attributes(v).get(this.#names[depth]!)!;
  }

  /** Adds prior element `j` below `level`, which is at exact attribute number `depth`. */
  #insert(level: KeyLevel, depth: number, j: number): void {
    const p = this.#candidates[j]!;
    const a = this.#exact(p, depth);
    const map = level.map(a, true)!;
    const key = keyOf(a);
    const node = map.get(key);
    if (node === undefined) {
      map.set(key, { indices: [j], depth: depth + 1, start: 0 });
      return;
    }
    if (node instanceof KeyLevel) {
      this.#insert(node, depth + 1, j);
      return;
    }
    if (node.depth === this.#names.length) {
      node.indices.push(j);
      return;
    }
    // a second prior element with these values so far: the bucket becomes a level
    const next = new KeyLevel();
    map.set(key, next);
    for (const k of node.indices) this.#insert(next, depth + 1, k);
    this.#insert(next, depth + 1, j);
  }

  /**
   * The bucket holding every prior element whose exact attributes could equal those of
   * `config`, or undefined when `config` is not a known, non-null object holding every one.
   */
  #lookup(config: CtyValue): Bucket | undefined {
    if (config.isNull || !config.isKnown || !this.#hasExact(config)) return undefined;
    if (this.#all !== undefined) return this.#all;
    let level = this.#root;
    for (let depth = 0; ; depth++) {
      const a = this.#exact(config, depth);
      const node = level.map(a, false)?.get(keyOf(a));
      if (node === undefined) return EMPTY;
      if (!(node instanceof KeyLevel)) return node;
      level = node;
    }
  }

  /** The first unused index of the bucket that the check accepts for `config`, or -1. */
  #first(bucket: Bucket, config: CtyValue): number {
    const { indices } = bucket;
    // used elements at the front are passed once, not on every look-up
    while (bucket.start < indices.length && this.#used[indices[bucket.start]!]) bucket.start++;
    for (let k = bucket.start; k < indices.length; k++) {
      const j = indices[k]!;
      if (!this.#used[j] && this.#check.valid(this.#candidates[j]!, config)) return j;
    }
    return -1;
  }

  /**
   * Takes the prior element the configured element `config` merges with, marking it used.
   *
   * @returns the prior element, or undefined when none could have come from `config`
   */
  take(config: CtyValue): CtyValue | undefined {
    const bucket = this.#lookup(config);
    let i: number;
    if (bucket === undefined) {
      i = this.#candidates.findIndex((p, j) => !this.#used[j] && this.#check.valid(p, config));
    } else {
      const a = bucket === EMPTY ? -1 : this.#first(bucket, config);
      const b = this.#first(this.#unkeyed, config);
      i = a < 0 ? b : b < 0 ? a : Math.min(a, b);
    }
    if (i < 0) return undefined;
    this.#used[i] = true;
    return this.#candidates[i];
  }
}
