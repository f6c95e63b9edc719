/**
 * Values between the wire and user code: cty values of a schema's type to the plain JS values
 * handlers see, and back, with mismatches reported as diagnostics that name the attribute.
 *
 * @module
 */
import {
  attributes,
  attrStep,
  CtyList,
  CtyMap,
  type CtyNum,
  CtyObject,
  type CtyPath,
  CtySet,
  CtyTuple,
  type CtyType,
  type CtyValue,
  elements,
  formatPath,
  fromNative,
  getPath,
  indexStep,
  keyStep,
  listVal,
  mapEntries,
  mapVal,
  NativeConversionError,
  objectVal,
  setVal,
  toNative,
  tupleVal,
} from "@pyvider/cty";
import { errorAt } from "./diagnostics.js";
import { RequestError } from "./dynamic.js";

/** The plain JS view of a value (`null`, the `Unknown` marker, arrays, plain objects). */
export function toPlain(value: CtyValue): unknown {
  return toNative(value);
}

/** The plain view of an object value (null stays null). */
export function toPlainObject(value: CtyValue): Record<string, unknown> | null {
  return toNative(value) as Record<string, unknown> | null;
}

/**
 * Lenient types already built, by type: schema types are built once per schema, so every request
 * after the first converts its results without walking the type again.
 */
const lenientTypes = new WeakMap<CtyType, CtyType>();

/**
 * `type` with every object attribute optional, at every depth, so that a plain JS value may leave
 * attributes out (they convert to null). Handler results are converted through it; so are the
 * plain values a test client sends.
 * @example
 * ```ts
 * fromNative({ a: 1 }, lenientType(CtyObject({ a: CtyNumber, b: CtyString })));
 * // an object whose `b` is null
 * ```
 */
export function lenientType(t: CtyType): CtyType {
  let out = lenientTypes.get(t);
  if (out === undefined) {
    out = buildLenientType(t);
    lenientTypes.set(t, out);
  }
  return out;
}

function buildLenientType(t: CtyType): CtyType {
  switch (t.kind) {
    case "list":
      return CtyList(lenientType(t.element));
    case "set":
      return CtySet(lenientType(t.element));
    case "map":
      return CtyMap(lenientType(t.element));
    case "tuple":
      return CtyTuple(t.elements.map(lenientType));
    case "object": {
      const attrs: Record<string, CtyType> = {};
      for (const n of t.names) attrs[n] = lenientType(t.attributes[n]!);
      return CtyObject(attrs, [...t.names]);
    }
    default:
      return t;
  }
}

/**
 * Converts what a handler returned into a value of `type` (missing attributes are null). Throws
 * {@link RequestError} with a diagnostic naming the attribute when it does not fit.
 * @param where e.g. `resource kv_entry create`, for the message
 * @param source the value the handler was given (the plan, the prior state): numbers it passed
 *   through unchanged keep their exact value (see {@link keepExactNumbers})
 */
export function fromPlain(js: unknown, type: CtyType, where: string, source?: CtyValue): CtyValue {
  try {
    return keepExactNumbers(fromNative(js, lenientType(type)), source);
  } catch (e) {
    const path = e instanceof NativeConversionError ? e.path : undefined;
    const at = path === undefined || path.length === 0 ? "" : ` at ${formatPath(path)}`;
    const reason = e instanceof NativeConversionError ? e.message : String(e);
    throw new RequestError([
      errorAt(
        `Invalid result from ${where}`,
        `The value returned${at} does not match the schema: ${reason}. This is a bug in the provider.`,
        path,
      ),
    ]);
  }
}

/** Whether a type holds a number anywhere, by type (schema types are built once). */
const numberTypes = new WeakMap<CtyType, boolean>();

function holdsNumber(t: CtyType): boolean {
  let out = numberTypes.get(t);
  if (out === undefined) {
    switch (t.kind) {
      case "number":
      case "dynamic":
        out = true;
        break;
      case "list":
      case "set":
      case "map":
        out = holdsNumber(t.element);
        break;
      case "tuple":
        out = t.elements.some(holdsNumber);
        break;
      case "object":
        out = t.names.some((n) => holdsNumber(t.attributes[n]!));
        break;
      default:
        out = false;
    }
    numberTypes.set(t, out);
  }
  return out;
}

/** The part of `value` at `path`, or undefined where the path leads nowhere (a set cannot be indexed). */
function partAt(value: CtyValue, path: CtyPath): CtyValue | undefined {
  try {
    return getPath(value, path);
  } catch {
    return undefined;
  }
}

/**
 * `result` with every number that came back as the double nearest the number at the same path of
 * `source` given that exact number back. Handlers see numbers as JS numbers, so one beyond 2^53
 * or with more digits than a double holds returns rounded even when the handler passed it through
 * untouched; without this, Terraform would see the provider change it. A handler cannot express a
 * different number that rounds to the same double, so nothing it meant is lost. Set elements are
 * not matched (they have no stable position).
 */
export function keepExactNumbers(result: CtyValue, source: CtyValue | undefined): CtyValue {
  if (source === undefined || !source.isKnown || source.isNull || !holdsNumber(result.type)) return result;
  return mapValue(result, (v, path) => {
    if (v.type.kind !== "number" || !v.isKnown || v.isNull) return v;
    const exact = partAt(source, path);
    if (exact === undefined || exact.type.kind !== "number" || !exact.isKnown || exact.isNull) return v;
    const a = exact.raw as CtyNum;
    const b = v.raw as CtyNum;
    return !a.equals(b) && a.toNumber() === b.toNumber() ? exact : v;
  });
}

/**
 * Rebuilds `value` with `fn` applied to every child (depth first, children before the value),
 * keeping the value itself when nothing changed. Sets are rebuilt (and re-canonicalised).
 */
export function mapValue(
  value: CtyValue,
  fn: (v: CtyValue, path: CtyPath) => CtyValue,
  path: CtyPath = [],
): CtyValue {
  if (!value.isKnown || value.isNull) return fn(value, path);
  const t = value.type;
  let next = value;
  switch (t.kind) {
    case "object": {
      const out = new Map<string, CtyValue>();
      let changed = false;
      for (const [k, v] of attributes(value)) {
        const n = mapValue(v, fn, [...path, attrStep(k)]);
        changed ||= n !== v;
        out.set(k, n);
      }
      if (changed) next = objectVal(out);
      break;
    }
    case "map": {
      const out = new Map<string, CtyValue>();
      let changed = false;
      for (const [k, v] of mapEntries(value)) {
        const n = mapValue(v, fn, [...path, keyStep(k)]);
        changed ||= n !== v;
        out.set(k, n);
      }
      if (changed) next = mapVal(out, t.element);
      break;
    }
    case "list":
    case "set":
    case "tuple": {
      let changed = false;
      const out = elements(value).map((v, i) => {
        const n = mapValue(v, fn, [...path, indexStep(i)]);
        changed ||= n !== v;
        return n;
      });
      if (changed)
        next =
          t.kind === "list"
            ? listVal(out, t.element)
            : t.kind === "set"
              ? setVal(out, t.element)
              : tupleVal(out);
      break;
    }
    default:
      break;
  }
  return fn(next, path);
}

/** Paths of the unknown parts of a value (a set is reported as a whole). */
export function unknownPaths(value: CtyValue, path: CtyPath = [], out: CtyPath[] = []): CtyPath[] {
  if (!value.isKnown) {
    out.push(path);
    return out;
  }
  if (value.isNull) return out;
  switch (value.type.kind) {
    case "object":
      for (const [k, v] of attributes(value)) unknownPaths(v, [...path, attrStep(k)], out);
      break;
    case "map":
      for (const [k, v] of mapEntries(value)) unknownPaths(v, [...path, keyStep(k)], out);
      break;
    case "list":
    case "tuple":
      elements(value).forEach((v, i) => {
        unknownPaths(v, [...path, indexStep(i)], out);
      });
      break;
    case "set": {
      const before = out.length;
      for (const v of elements(value)) unknownPaths(v, path, out);
      if (out.length > before) out.splice(before, out.length - before, path);
      break;
    }
    default:
      break;
  }
  return out;
}
