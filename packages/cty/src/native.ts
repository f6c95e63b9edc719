/**
 * Conversion between cty values and plain JavaScript values, the way provider code sees them:
 * strings, numbers, booleans, arrays, plain objects, `null` for null and the {@link Unknown}
 * marker for values not known until apply.
 *
 * @module
 */
import {
  boolVal,
  capsuleVal,
  DynamicVal,
  listVal,
  mapVal,
  nullVal,
  numberVal,
  objectVal,
  setVal,
  stringVal,
  tupleVal,
  unknownVal,
} from "./constructors.js";
import { CtyNum } from "./number.js";
import { type CtyPath, formatPath, type PathStep } from "./path.js";
import {
  CtyDynamic,
  CtyList,
  CtyMap,
  CtyObject,
  CtySet,
  CtyTuple,
  type CtyType,
  friendlyName,
  typeEquals,
  typeString,
} from "./types.js";
import { CtyValue } from "./value.js";

/** The marker that stands for an unknown value in plain JS data (e.g. a computed attribute during plan). */
export const Unknown: unique symbol = Symbol.for("@pyvider/cty.Unknown");
/** The type of the {@link Unknown} marker. */
export type UnknownMarker = typeof Unknown;

/** True if `js` is the {@link Unknown} marker. */
export function isUnknown(js: unknown): js is UnknownMarker {
  return js === Unknown;
}

/** A mismatch between a JS value and the cty type it should become. */
export class NativeConversionError extends TypeError {
  /** @param path where the mismatch is */
  constructor(
    message: string,
    readonly path: CtyPath,
  ) {
    super(path.length === 0 ? message : `${formatPath(path)}: ${message}`);
    this.name = "NativeConversionError";
  }
}

/** The type without optional-attribute markers (values never carry them). */
export function withoutOptionalAttrs(t: CtyType): CtyType {
  switch (t.kind) {
    case "list":
      return CtyList(withoutOptionalAttrs(t.element));
    case "set":
      return CtySet(withoutOptionalAttrs(t.element));
    case "map":
      return CtyMap(withoutOptionalAttrs(t.element));
    case "tuple":
      return CtyTuple(t.elements.map(withoutOptionalAttrs));
    case "object": {
      const attrs: Record<string, CtyType> = Object.create(null);
      for (const n of t.names) attrs[n] = withoutOptionalAttrs(t.attributes[n]!);
      return CtyObject(attrs);
    }
    default:
      return t;
  }
}

function jsKind(js: unknown): string {
  if (js === null) return "null";
  if (Array.isArray(js)) return "array";
  if (js instanceof Map) return "Map";
  if (js instanceof Set) return "Set";
  if (js instanceof CtyNum) return "number";
  return typeof js;
}

function isPlainObject(js: unknown): js is Record<string, unknown> {
  if (js === null || typeof js !== "object") return false;
  const proto = Object.getPrototypeOf(js);
  return proto === Object.prototype || proto === null;
}

function entriesOf(js: unknown): [string, unknown][] | undefined {
  if (js instanceof Map) return [...js.entries()].map(([k, v]) => [String(k), v]);
  if (isPlainObject(js)) return Object.entries(js);
  return undefined;
}

/**
 * Converts a plain JS value to a cty value of `type`. Objects given for an object type must have
 * every non-optional attribute (`undefined` counts as null) and no others; `dynamic` infers a
 * type (arrays become tuples, objects become objects). Throws {@link NativeConversionError}.
 */
export function fromNative(js: unknown, type: CtyType): CtyValue {
  return convert(js, withoutOptionalAttrs(type), type, []);
}

function convert(js: unknown, t: CtyType, constraint: CtyType, path: PathStep[]): CtyValue {
  const fail = (msg: string): never => {
    throw new NativeConversionError(msg, [...path]);
  };
  if (js === Unknown) return t.kind === "dynamic" ? DynamicVal : unknownVal(t);
  if (js === null || js === undefined) return nullVal(t);
  if (js instanceof CtyValue) {
    if (t.kind === "dynamic" || typeEquals(js.type, t)) return js;
    if (js.type.kind === "dynamic") return new CtyValue(t, js.raw, js.marks); // a dynamic null or DynamicVal
    return fail(`expected a value of type ${typeString(t)}, got a cty value of type ${typeString(js.type)}`);
  }
  const mismatch = (): never => fail(`expected ${friendlyName(t)}, got ${jsKind(js)}`);
  const nested = (step: PathStep, v: unknown, et: CtyType, ec: CtyType): CtyValue => {
    path.push(step);
    const r = convert(v, et, ec, path);
    path.pop();
    return r;
  };
  switch (t.kind) {
    case "string":
      return typeof js === "string" ? stringVal(js) : mismatch();
    case "number":
      if (typeof js === "number" && Number.isNaN(js)) return fail("NaN is not a valid number");
      return typeof js === "number" || typeof js === "bigint" || js instanceof CtyNum
        ? numberVal(js)
        : mismatch();
    case "bool":
      return typeof js === "boolean" ? boolVal(js) : mismatch();
    case "list":
    case "set": {
      const items = Array.isArray(js) ? js : js instanceof Set ? [...js] : mismatch();
      const ec = (constraint as typeof t).element;
      const vals = items.map((v, i) => nested({ kind: "index", index: i }, v, t.element, ec));
      return t.kind === "list" ? listVal(vals, t.element) : setVal(vals, t.element);
    }
    case "tuple": {
      if (!Array.isArray(js)) return mismatch();
      if (js.length !== t.elements.length)
        return fail(`expected a tuple of ${t.elements.length} elements, got ${js.length}`);
      const ec = (constraint as typeof t).elements;
      return tupleVal(js.map((v, i) => nested({ kind: "index", index: i }, v, t.elements[i]!, ec[i]!)));
    }
    case "map": {
      const entries = entriesOf(js) ?? mismatch();
      const ec = (constraint as typeof t).element;
      return mapVal(
        entries.map(([k, v]) => [k, nested({ kind: "key", key: k }, v, t.element, ec)] as const),
        t.element,
      );
    }
    case "object": {
      const entries = entriesOf(js) ?? mismatch();
      const given = new Map(entries);
      const c = constraint as typeof t;
      for (const k of given.keys()) if (!(k in t.attributes)) fail(`unexpected attribute "${k}"`);
      const out = new Map<string, CtyValue>();
      for (const n of t.names) {
        if (!given.has(n) && !c.optional.includes(n)) fail(`missing required attribute "${n}"`);
        out.set(
          n,
          nested(
            { kind: "attr", name: n },
            given.get(n),
            t.attributes[n]!,
            c.attributes[n] ?? t.attributes[n]!,
          ),
        );
      }
      return objectVal(out);
    }
    case "capsule":
      return capsuleVal(t, js);
    case "dynamic":
      return inferNative(js, path);
  }
}

function inferNative(js: unknown, path: PathStep[]): CtyValue {
  if (typeof js === "string") return stringVal(js);
  if (typeof js === "number" || typeof js === "bigint" || js instanceof CtyNum) {
    if (typeof js === "number" && Number.isNaN(js))
      throw new NativeConversionError("NaN is not a valid number", [...path]);
    return numberVal(js);
  }
  if (typeof js === "boolean") return boolVal(js);
  if (Array.isArray(js)) {
    const tt = CtyTuple(js.map(() => CtyDynamic));
    return convert(js, tt, tt, path);
  }
  const entries = entriesOf(js);
  if (entries !== undefined) {
    const attrs: Record<string, CtyType> = Object.create(null);
    for (const [k] of entries) attrs[k] = CtyDynamic;
    return convert(js, CtyObject(attrs), CtyObject(attrs), path);
  }
  throw new NativeConversionError(`cannot infer a cty type for ${jsKind(js)}`, [...path]);
}

/** How {@link toNative} renders numbers. */
export interface ToNativeOptions {
  /**
   * `"number"` (default): the nearest JS number; `"num"`: the exact {@link CtyNum};
   * `"bigint-when-int"`: a bigint for integers, otherwise the nearest JS number.
   */
  readonly numbers?: "number" | "num" | "bigint-when-int";
}

/**
 * Converts a cty value to plain JS: `null` for null, {@link Unknown} for unknown, arrays for
 * lists, sets and tuples, plain objects for maps and objects, the wrapped value for capsules.
 * Marks are dropped (unmark first if they matter).
 */
export function toNative(value: CtyValue, options: ToNativeOptions = {}): unknown {
  const mode = options.numbers ?? "number";
  const walk = (v: CtyValue): unknown => {
    if (!v.isKnown) return Unknown;
    if (v.isNull) return null;
    switch (v.type.kind) {
      case "string":
      case "bool":
      case "capsule":
        return v.raw;
      case "number": {
        const n = v.raw as CtyNum;
        if (mode === "num") return n;
        if (mode === "bigint-when-int" && n.isInt()) return n.toBigInt();
        return n.toNumber();
      }
      case "list":
      case "set":
      case "tuple":
        return (v.raw as readonly CtyValue[]).map(walk);
      case "map":
      case "object":
        return Object.fromEntries(
          [...(v.raw as ReadonlyMap<string, CtyValue>)].map(([k, e]) => [k, walk(e)]),
        );
      case "dynamic":
        return Unknown;
    }
  };
  return walk(value);
}
