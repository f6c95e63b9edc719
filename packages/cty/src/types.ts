/**
 * cty types: the type system shared by Terraform, OpenTofu and go-cty.
 *
 * Types are immutable plain objects discriminated by `kind`. Compare them with
 * {@link typeEquals}, never with `===` (two `CtyList(CtyString)` are distinct objects).
 *
 * @module
 */

/** The primitive type `string`. */
export interface CtyStringType {
  readonly kind: "string";
}
/** The primitive type `number` (arbitrary precision). */
export interface CtyNumberType {
  readonly kind: "number";
}
/** The primitive type `bool`. */
export interface CtyBoolType {
  readonly kind: "bool";
}
/** The dynamic pseudo-type: "any type, decided at runtime". */
export interface CtyDynamicType {
  readonly kind: "dynamic";
}
/** A list of elements of one type. */
export interface CtyListType<E extends CtyType = CtyType> {
  readonly kind: "list";
  readonly element: E;
}
/** A set of elements of one type. */
export interface CtySetType<E extends CtyType = CtyType> {
  readonly kind: "set";
  readonly element: E;
}
/** A map from string keys to elements of one type. */
export interface CtyMapType<E extends CtyType = CtyType> {
  readonly kind: "map";
  readonly element: E;
}
/** An object with a fixed set of named attributes, some of which may be optional (type constraints only). */
export interface CtyObjectType<
  A extends Readonly<Record<string, CtyType>> = Readonly<Record<string, CtyType>>,
> {
  readonly kind: "object";
  /** Attribute types (a null-prototype record; iterate {@link CtyObjectType.names} for a stable order). */
  readonly attributes: A;
  /** Attribute names sorted bytewise (UTF-8), as go-cty orders them on the wire. */
  readonly names: readonly string[];
  /** Names of optional attributes, sorted. Only meaningful in type constraints (conversion). */
  readonly optional: readonly string[];
}
/** A tuple: a fixed-length sequence with a type per position. */
export interface CtyTupleType<E extends readonly CtyType[] = readonly CtyType[]> {
  readonly kind: "tuple";
  readonly elements: E;
}
/**
 * A capsule type: wraps an arbitrary provider-internal JavaScript value. Capsules cannot be
 * serialised to the wire; two capsule types are equal only if they are the same object.
 */
export interface CtyCapsuleType<T = unknown> {
  readonly kind: "capsule";
  readonly name: string;
  /** Phantom field carrying the encapsulated JS type; never set at runtime. */
  readonly __native?: T;
}

/** Any cty type. */
export type CtyType =
  | CtyStringType
  | CtyNumberType
  | CtyBoolType
  | CtyDynamicType
  | CtyListType
  | CtySetType
  | CtyMapType
  | CtyObjectType
  | CtyTupleType
  | CtyCapsuleType;

/** The `string` type. */
export const CtyString: CtyStringType = Object.freeze({ kind: "string" });
/** The `number` type. */
export const CtyNumber: CtyNumberType = Object.freeze({ kind: "number" });
/** The `bool` type. */
export const CtyBool: CtyBoolType = Object.freeze({ kind: "bool" });
/** The dynamic pseudo-type. */
export const CtyDynamic: CtyDynamicType = Object.freeze({ kind: "dynamic" });

/** A list type with the given element type. */
export function CtyList<E extends CtyType>(element: E): CtyListType<E> {
  return Object.freeze({ kind: "list", element });
}
/** A set type with the given element type. */
export function CtySet<E extends CtyType>(element: E): CtySetType<E> {
  return Object.freeze({ kind: "set", element });
}
/** A map type with the given element type. */
export function CtyMap<E extends CtyType>(element: E): CtyMapType<E> {
  return Object.freeze({ kind: "map", element });
}

/** Compares two strings bytewise by their UTF-8 encoding (which is code point order). */
export function compareUtf8(a: string, b: string): number {
  // UTF-16 code unit order differs from code point order only for surrogates vs U+E000..U+FFFF.
  const n = Math.min(a.length, b.length);
  for (let i = 0; i < n; i++) {
    const x = a.charCodeAt(i);
    const y = b.charCodeAt(i);
    if (x === y) continue;
    const xs = x >= 0xd800 && x <= 0xdfff;
    const ys = y >= 0xd800 && y <= 0xdfff;
    if (xs !== ys) return xs ? 1 : -1;
    return x < y ? -1 : 1;
  }
  return a.length - b.length;
}

/**
 * An object type. `optional` names attributes that may be omitted in a type constraint
 * (`["object",{...},["a"]]` in type JSON); each must be one of `attributes`.
 */
export function CtyObject<A extends Readonly<Record<string, CtyType>>>(
  attributes: A,
  optional: readonly (keyof A & string)[] = [],
): CtyObjectType<A> {
  const attrs = Object.create(null) as Record<string, CtyType>;
  for (const name of Object.keys(attributes)) attrs[name] = attributes[name] as CtyType;
  for (const name of optional) {
    if (!(name in attrs))
      throw new TypeError(`optional attribute "${name}" is not an attribute of the object type`);
  }
  const names = Object.keys(attrs).sort(compareUtf8);
  const opt = [...new Set(optional)].sort(compareUtf8);
  return Object.freeze({
    kind: "object",
    attributes: Object.freeze(attrs) as A,
    names: Object.freeze(names),
    optional: Object.freeze(opt),
  });
}
/** A tuple type with the given element types. */
export function CtyTuple<const E extends readonly CtyType[]>(elements: E): CtyTupleType<E> {
  return Object.freeze({ kind: "tuple", elements: Object.freeze([...elements]) as unknown as E });
}
/** Creates a new capsule type; each call makes a distinct type. */
export function CtyCapsule<T = unknown>(name: string): CtyCapsuleType<T> {
  return Object.freeze({ kind: "capsule", name });
}

/** True if the two types are the same type (optional attribute markers included). */
export function typeEquals(a: CtyType, b: CtyType): boolean {
  if (a === b) return true;
  if (a.kind !== b.kind) return false;
  switch (a.kind) {
    case "string":
    case "number":
    case "bool":
    case "dynamic":
      return true;
    case "list":
    case "set":
    case "map":
      return typeEquals(a.element, (b as CtyListType).element);
    case "object": {
      const o = b as CtyObjectType;
      if (a.names.length !== o.names.length || a.optional.length !== o.optional.length) return false;
      for (let i = 0; i < a.names.length; i++) {
        const name = a.names[i]!;
        if (name !== o.names[i]) return false;
        if (!typeEquals(a.attributes[name]!, o.attributes[name]!)) return false;
      }
      return a.optional.every((n, i) => n === o.optional[i]);
    }
    case "tuple": {
      const t = b as CtyTupleType;
      return (
        a.elements.length === t.elements.length && a.elements.every((e, i) => typeEquals(e, t.elements[i]!))
      );
    }
    case "capsule":
      return false; // capsule types are equal only by identity (checked above)
  }
}

/** True for string, number and bool. */
export function isPrimitiveType(t: CtyType): t is CtyStringType | CtyNumberType | CtyBoolType {
  return t.kind === "string" || t.kind === "number" || t.kind === "bool";
}
/** True for list, set and map. */
export function isCollectionType(t: CtyType): t is CtyListType | CtySetType | CtyMapType {
  return t.kind === "list" || t.kind === "set" || t.kind === "map";
}
/** True for object and tuple. */
export function isStructuralType(t: CtyType): t is CtyObjectType | CtyTupleType {
  return t.kind === "object" || t.kind === "tuple";
}
/**
 * True if `test` holds for `t` or for any type nested in it. Iterative: types read from type
 * JSON may nest thousands deep.
 */
function someNestedType(t: CtyType, test: (x: CtyType) => boolean): boolean {
  const todo: CtyType[] = [t];
  while (todo.length > 0) {
    const x = todo.pop()!;
    if (test(x)) return true;
    switch (x.kind) {
      case "list":
      case "set":
      case "map":
        todo.push(x.element);
        break;
      case "object":
        for (const n of x.names) todo.push(x.attributes[n]!);
        break;
      case "tuple":
        for (const e of x.elements) todo.push(e);
        break;
    }
  }
  return false;
}

/**
 * True if an object type with optional attributes appears anywhere in the type. Such a type is a
 * constraint: values never carry optional markers in their own types (as in go-cty).
 */
export function hasOptionalAttributes(t: CtyType): boolean {
  return someNestedType(t, (x) => x.kind === "object" && x.optional.length > 0);
}

/** True if `dynamic` appears anywhere in the type. */
export function hasDynamicTypes(t: CtyType): boolean {
  return someNestedType(t, (x) => x.kind === "dynamic");
}

/**
 * A human-friendly name for messages, as go-cty's `FriendlyName`:
 * `string`, `list of string`, `map of number`, `object`, `tuple`, `dynamic`.
 */
export function friendlyName(t: CtyType): string {
  switch (t.kind) {
    case "string":
    case "number":
    case "bool":
      return t.kind;
    case "dynamic":
      return "dynamic";
    case "list":
    case "set":
    case "map":
      return `${t.kind} of ${friendlyName(t.element)}`;
    case "object":
      return "object";
    case "tuple":
      return "tuple";
    case "capsule":
      return t.name;
  }
}

/**
 * A type written as in Terraform configuration, e.g. `list(string)`,
 * `object({a=string,b=optional(number)})`, `tuple([string,bool])`, `any` for dynamic.
 */
export function typeString(t: CtyType): string {
  switch (t.kind) {
    case "string":
    case "number":
    case "bool":
      return t.kind;
    case "dynamic":
      return "any";
    case "list":
    case "set":
    case "map":
      return `${t.kind}(${typeString(t.element)})`;
    case "object": {
      const opt = new Set(t.optional);
      const parts = t.names.map((n) => {
        const s = typeString(t.attributes[n]!);
        return `${n}=${opt.has(n) ? `optional(${s})` : s}`;
      });
      return `object({${parts.join(",")}})`;
    }
    case "tuple":
      return `tuple([${t.elements.map(typeString).join(",")}])`;
    case "capsule":
      return t.name;
  }
}
