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

/** The prior elements (by index, ascending) with one key, and how many at the front are used. */
interface Bucket {
  readonly indices: number[];
  start: number;
}

/** The bucket of values no prior element has. */
const EMPTY: Bucket = Object.freeze({ indices: [], start: 0 }) as Bucket;

/**
 * One level of the key trie, for one exact attribute: a known string value keys by itself, any
 * other value by its go-cty set hash string (two maps, so that a string never meets a hash
 * string). Equal values, once refinements are dropped, give equal keys. The last level holds
 * the buckets.
 */
class KeyLevel {
  readonly strings = new Map<string, KeyLevel | Bucket>();
  readonly others = new Map<string, KeyLevel | Bucket>();
}

/** The map of `level` and the key that the attribute value `a` takes there. */
function keyOf(level: KeyLevel, a: CtyValue): [Map<string, KeyLevel | Bucket>, string] {
  const raw = a.raw;
  // a known string (cty keeps it as a JS string; null and unknown are not strings)
  if (typeof raw === "string" && a.type.kind === "string") return [level.strings, raw];
  return [level.others, setHashString(a)];
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
    this.#all = this.#names.length === 0 ? { indices: [], start: 0 } : undefined;
    for (let j = 0; j < candidates.length; j++) {
      const bucket = this.#bucket(candidates[j]!, true);
      (bucket ?? this.#unkeyed).indices.push(j);
    }
  }

  /**
   * The bucket of the prior elements whose exact attributes equal those of `v` (created when
   * `create`), or undefined when `v` is not a known, non-null object holding every one of them
   * (or, without `create`, when no prior element has its values).
   */
  #bucket(v: CtyValue, create: boolean): Bucket | undefined {
    if (v.isNull || !v.isKnown || v.type.kind !== "object") return undefined;
    if (this.#all !== undefined) return this.#all;
    const attrs = attributes(v);
    let level = this.#root;
    const last = this.#names.length - 1;
    for (let i = 0; i <= last; i++) {
      const a = attrs.get(this.#names[i]!);
      if (a === undefined) return undefined;
      const [map, key] = keyOf(level, a);
      let next = map.get(key);
      if (next === undefined) {
        if (!create) {
          // still undefined-as-unkeyed only if a later name is missing: check the rest
          for (let k = i + 1; k <= last; k++) if (!attrs.has(this.#names[k]!)) return undefined;
          return EMPTY;
        }
        next = i === last ? { indices: [], start: 0 } : new KeyLevel();
        map.set(key, next);
      }
      if (i === last) return next as Bucket;
      level = next as KeyLevel;
    }
    return undefined;
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
    const bucket = this.#bucket(config, false);
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
