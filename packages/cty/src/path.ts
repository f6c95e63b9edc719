/**
 * Paths into values (go-cty's `cty.Path`): attribute, map key, list/tuple index and set element
 * steps, with lookup, immutable update and Terraform-style formatting.
 *
 * @module
 */
import { listVal, mapVal, objectVal, setVal, tupleVal, unknownVal } from "./constructors.js";
import { rawEquals } from "./equality.js";
import { PathError } from "./error.js";
import { typeString } from "./types.js";
import { CtyValue, type Mark } from "./value.js";

export { PathError };

/** One step of a path. */
export type PathStep =
  | { readonly kind: "attr"; readonly name: string }
  | { readonly kind: "key"; readonly key: string }
  | { readonly kind: "index"; readonly index: number }
  | { readonly kind: "element"; readonly value: CtyValue };

/** A path: the steps from a root value to a value inside it. */
export type CtyPath = readonly PathStep[];

/** An object attribute step. */
export function attrStep(name: string): PathStep {
  return Object.freeze({ kind: "attr", name });
}
/** A map key step. */
export function keyStep(key: string): PathStep {
  return Object.freeze({ kind: "key", key });
}
/** A list or tuple index step. */
export function indexStep(index: number): PathStep {
  if (!Number.isSafeInteger(index) || index < 0)
    throw new TypeError(`a path index must be a non-negative integer, got ${index}`);
  return Object.freeze({ kind: "index", index });
}
/** A set element step (the element value identifies it). */
export function elementStep(value: CtyValue): PathStep {
  return Object.freeze({ kind: "element", value });
}

function formatStep(step: PathStep, first: boolean): string {
  switch (step.kind) {
    case "attr":
      return first ? step.name : `.${step.name}`;
    case "key":
      return `[${JSON.stringify(step.key)}]`;
    case "index":
      return `[${step.index}]`;
    case "element":
      return "[*]";
  }
}

/**
 * A path as an author writes it. Strings are attribute names and numbers list indexes; use
 * {@link keyStep} for a map key or {@link elementStep} for a set element.
 */
export type PathInput = CtyPath | string | readonly (string | number | PathStep)[];

/** Converts a {@link PathInput} to a cty path. */
export function toPath(input: PathInput): CtyPath {
  if (typeof input === "string") return [attrStep(input)];
  return input.map((step) => {
    if (typeof step === "string") return attrStep(step);
    if (typeof step === "number") return indexStep(step);
    return step;
  });
}

/** Terraform-style text: `tags["env"]`, `rule[1].match`, `entries[*]` for a set element; `(root)` for the empty path. */
export function formatPath(path: CtyPath): string {
  if (path.length === 0) return "(root)";
  return path.map((s, i) => formatStep(s, i === 0)).join("");
}

/** True if both paths have the same steps (set elements compared with `rawEquals`). */
export function pathEquals(a: CtyPath, b: CtyPath): boolean {
  return a.length === b.length && pathStartsWith(a, b);
}

/** True if `path` begins with all the steps of `prefix`. */
export function pathStartsWith(path: CtyPath, prefix: CtyPath): boolean {
  if (prefix.length > path.length) return false;
  return prefix.every((s, i) => stepEquals(s, path[i]!));
}

function stepEquals(a: PathStep, b: PathStep): boolean {
  switch (a.kind) {
    case "attr":
      return b.kind === "attr" && a.name === b.name;
    case "key":
      return b.kind === "key" && a.key === b.key;
    case "index":
      return b.kind === "index" && a.index === b.index;
    case "element":
      return b.kind === "element" && rawEquals(a.value, b.value);
  }
}

function addMarks(v: CtyValue, marks: ReadonlySet<Mark>): CtyValue {
  if (marks.size === 0) return v;
  return new CtyValue(v.type, v.raw, new Set([...v.marks, ...marks]));
}

/** The child selected by one step; throws PathError. Unknown containers give unknown children. */
function stepInto(v: CtyValue, step: PathStep, at: CtyPath): CtyValue {
  const t = v.type;
  const fail = (msg: string): never => {
    throw new PathError(msg, at);
  };
  if (v.isNull) fail(`cannot traverse a null ${typeString(t)}`);
  switch (step.kind) {
    case "attr": {
      if (t.kind === "dynamic" && !v.isKnown) return unknownVal(t);
      if (t.kind !== "object")
        return fail(`cannot access attribute "${step.name}" of a ${typeString(t)} value`);
      const at2 = t.attributes[step.name];
      if (at2 === undefined) return fail(`object has no attribute "${step.name}"`);
      if (!v.isKnown) return unknownVal(at2);
      return (v.raw as ReadonlyMap<string, CtyValue>).get(step.name)!;
    }
    case "key": {
      if (t.kind === "dynamic" && !v.isKnown) return unknownVal(t);
      if (t.kind !== "map")
        return fail(`cannot look up key ${JSON.stringify(step.key)} in a ${typeString(t)} value`);
      if (!v.isKnown) return unknownVal(t.element);
      const e = (v.raw as ReadonlyMap<string, CtyValue>).get(step.key.normalize("NFC"));
      return e ?? fail(`map has no element for key ${JSON.stringify(step.key)}`);
    }
    case "index": {
      if (t.kind === "dynamic" && !v.isKnown) return unknownVal(t);
      if (t.kind === "tuple") {
        const et = t.elements[step.index];
        if (et === undefined)
          return fail(`index ${step.index} is out of range for a tuple of ${t.elements.length} elements`);
        return v.isKnown ? (v.raw as readonly CtyValue[])[step.index]! : unknownVal(et);
      }
      if (t.kind !== "list") return fail(`cannot index a ${typeString(t)} value by number`);
      if (!v.isKnown) return unknownVal(t.element);
      const list = v.raw as readonly CtyValue[];
      return (
        list[step.index] ?? fail(`index ${step.index} is out of range for a list of ${list.length} elements`)
      );
    }
    case "element": {
      if (t.kind === "dynamic" && !v.isKnown) return unknownVal(t);
      if (t.kind !== "set") return fail(`cannot select a set element in a ${typeString(t)} value`);
      if (!v.isKnown) return unknownVal(t.element);
      const e = (v.raw as readonly CtyValue[]).find((x) => rawEquals(x, step.value));
      return e ?? fail("set has no such element");
    }
  }
}

/**
 * The value at `path`. Marks on the containers passed through are carried over to the result
 * (as go-cty's `GetAttr`/`Index` do). Throws {@link PathError} naming the failing step.
 */
export function getPath(value: CtyValue, path: CtyPath): CtyValue {
  let v = value;
  const marks = new Set<Mark>();
  path.forEach((step, i) => {
    for (const m of v.marks) marks.add(m);
    v = stepInto(v, step, path.slice(0, i + 1));
  });
  return addMarks(v, marks);
}

/**
 * A copy of `value` with the value at `path` replaced by `newValue`. The containers on the way
 * must be known and not null; collections are rebuilt with their constructors (so element types
 * are checked and sets re-canonicalised); objects and tuples may change type.
 */
export function setPath(value: CtyValue, path: CtyPath, newValue: CtyValue): CtyValue {
  return setAt(value, path, 0, newValue);
}

function setAt(v: CtyValue, path: CtyPath, i: number, nv: CtyValue): CtyValue {
  if (i === path.length) return nv;
  const step = path[i]!;
  const at = path.slice(0, i + 1);
  if (!v.isKnown) throw new PathError("cannot update inside an unknown value", at);
  const child = stepInto(v, step, at);
  const updated = setAt(child, path, i + 1, nv);
  let out: CtyValue;
  try {
    out = rebuild(v, step, child, updated);
  } catch (e) {
    if (e instanceof PathError) throw e;
    throw new PathError((e as Error).message, at);
  }
  return v.marks.size === 0 ? out : new CtyValue(out.type, out.raw, v.marks);
}

function rebuild(v: CtyValue, step: PathStep, old: CtyValue, nv: CtyValue): CtyValue {
  switch (v.type.kind) {
    case "object": {
      const m = new Map(v.raw as ReadonlyMap<string, CtyValue>);
      m.set((step as { name: string }).name, nv);
      return objectVal(m);
    }
    case "map": {
      const m = new Map(v.raw as ReadonlyMap<string, CtyValue>);
      m.set((step as { key: string }).key.normalize("NFC"), nv);
      return mapVal(m, v.type.element);
    }
    case "list":
    case "tuple": {
      const a = [...(v.raw as readonly CtyValue[])];
      a[(step as { index: number }).index] = nv;
      return v.type.kind === "list" ? listVal(a, v.type.element) : tupleVal(a);
    }
    case "set": {
      const a = (v.raw as readonly CtyValue[]).map((e) => (e === old ? nv : e));
      return setVal(a, v.type.element);
    }
    default:
      throw new TypeError(`cannot update inside a ${typeString(v.type)} value`);
  }
}
