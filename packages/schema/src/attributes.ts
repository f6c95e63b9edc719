/**
 * Attribute factories: `a.str()`, `a.num()`, `a.list(el)`, `a.nested.list({...})`, ...
 *
 * Options are captured as literal types (`const` generics), so `a.str({ required: true })`
 * is known to TypeScript as a required string and inference (`InferConfig`, ...) follows.
 *
 * @module
 */
import {
  CtyBool,
  type CtyBoolType,
  CtyDynamic,
  type CtyDynamicType,
  CtyList,
  type CtyListType,
  CtyMap,
  type CtyMapType,
  CtyNumber,
  type CtyNumberType,
  CtyObject,
  type CtyObjectType,
  CtySet,
  type CtySetType,
  CtyString,
  type CtyStringType,
  CtyTuple,
  type CtyTupleType,
  type CtyType,
} from "@pyvider/cty";
import {
  type AttributeOptions,
  type CollectionOptions,
  commonFields,
  type FlagsOf,
  hasAnyFlag,
} from "./attribute-options.js";
import type {
  AnyAttribute,
  Attribute,
  AttributeFields,
  NestedAttribute,
  NestedNesting,
  ObjectValidator,
} from "./model.js";

/** Problems found while building a type from element definitions, reported by the schema checks with a location. */
export const elementProblems = new WeakMap<object, string[]>();

/** Something that can be used as a collection element or object member type: a cty type or an unflagged attribute. */
export type TypeLike = CtyType | Attribute<CtyType, any> | NestedAttribute<any, any, any>;

/** A collection element: a cty type `T` or an attribute of type `T` (flags on it are rejected by the checks). */
export type ElementLike<T extends CtyType> = T | { readonly kind: "attribute"; readonly type: T };

/** The cty type of a {@link TypeLike}. */
export type TypeOf<X> = X extends Attribute<infer T, any> ? T : X extends CtyType ? X : CtyType;

function isAttributeLike(x: TypeLike): x is AnyAttribute {
  return (x as { kind?: string }).kind === "attribute" || (x as { kind?: string }).kind === "nested";
}

function resolveType(x: TypeLike, where: string, problems: string[]): CtyType {
  if (!isAttributeLike(x)) return x as CtyType;
  if (x.kind === "nested") {
    problems.push(
      `${where}: a nested attribute cannot be the element of a plain collection or object type; use a.nested.list/set/map instead`,
    );
    return CtyDynamic;
  }
  if (hasAnyFlag(x)) {
    problems.push(
      `${where}: flags, validators, defaults and descriptions have no effect on an element type; use a nested attribute to give them meaning`,
    );
  }
  for (const p of elementProblems.get(x) ?? []) problems.push(p);
  return x.type;
}

/** Builds an attribute of the given cty type from options. Used by every authoring style. */
export function defineAttribute<T extends CtyType, const O extends AttributeOptions<T>>(
  type: T,
  options?: O,
): Attribute<T, FlagsOf<O>> {
  return rawAttribute(type, options);
}

/** Builds an attribute without type-level option checks (the factories give the precise type). */
function rawAttribute(type: CtyType, options?: object): any {
  return Object.freeze({ kind: "attribute", type, ...commonFields(options) });
}

function withProblems<A extends object>(attr: A, problems: string[]): A {
  if (problems.length > 0) elementProblems.set(attr, problems);
  return attr;
}

/** Options for nested attributes: attribute options plus item counts and object validators. */
export interface NestedOptions extends Omit<AttributeOptions<CtyType>, "default"> {
  /** Minimum number of objects (list, set, map). */
  readonly minItems?: number;
  /** Maximum number of objects (list, set, map). */
  readonly maxItems?: number;
  /** Validators run on each object (conflicts-with, exactly-one-of, ...). */
  readonly objectValidators?: readonly ObjectValidator[];
  /** A default for the whole nested value (a native value or cty value). */
  readonly default?: unknown;
}

/** Builds a nested attribute. Used by every authoring style. */
export function nestedAttribute<
  N extends NestedNesting,
  const Fs extends AttributeFields,
  const O extends NestedOptions,
>(nesting: N, fields: Fs, options?: O): NestedAttribute<N, Fs, FlagsOf<O>> {
  const attributes = Object.create(null) as Record<string, AnyAttribute>;
  for (const name of Object.keys(fields)) attributes[name] = fields[name]!;
  return Object.freeze({
    kind: "nested",
    nesting,
    attributes: Object.freeze(attributes),
    objectValidators: Object.freeze([...(options?.objectValidators ?? [])]),
    minItems: options?.minItems ?? 0,
    maxItems: options?.maxItems ?? 0,
    ...commonFields(options),
  }) as unknown as NestedAttribute<N, Fs, FlagsOf<O>>;
}

function str<const O extends AttributeOptions<CtyStringType>>(
  options?: O,
): Attribute<CtyStringType, FlagsOf<O>> {
  return defineAttribute(CtyString, options);
}
function num<const O extends AttributeOptions<CtyNumberType>>(
  options?: O,
): Attribute<CtyNumberType, FlagsOf<O>> {
  return defineAttribute(CtyNumber, options);
}
function bool<const O extends AttributeOptions<CtyBoolType>>(
  options?: O,
): Attribute<CtyBoolType, FlagsOf<O>> {
  return defineAttribute(CtyBool, options);
}
function dyn<const O extends AttributeOptions<CtyDynamicType>>(
  options?: O,
): Attribute<CtyDynamicType, FlagsOf<O>> {
  return defineAttribute(CtyDynamic, options);
}
function list<T extends CtyType, const O extends CollectionOptions>(
  element: ElementLike<T>,
  options?: O,
): Attribute<CtyListType<T>, FlagsOf<O>> {
  const problems: string[] = [];
  const t = CtyList(resolveType(element as TypeLike, "list element", problems)) as CtyListType<T>;
  return withProblems(rawAttribute(t, options), problems);
}
function set<T extends CtyType, const O extends CollectionOptions>(
  element: ElementLike<T>,
  options?: O,
): Attribute<CtySetType<T>, FlagsOf<O>> {
  const problems: string[] = [];
  const t = CtySet(resolveType(element as TypeLike, "set element", problems)) as CtySetType<T>;
  return withProblems(rawAttribute(t, options), problems);
}
function map<T extends CtyType, const O extends CollectionOptions>(
  element: ElementLike<T>,
  options?: O,
): Attribute<CtyMapType<T>, FlagsOf<O>> {
  const problems: string[] = [];
  const t = CtyMap(resolveType(element as TypeLike, "map element", problems)) as CtyMapType<T>;
  return withProblems(rawAttribute(t, options), problems);
}

/** The object type built from member definitions. */
export type ObjTypeOf<M extends Record<string, TypeLike>> = CtyObjectType<{
  readonly [K in keyof M]: TypeOf<M[K]>;
}>;

function obj<const M extends Record<string, TypeLike>, const O extends CollectionOptions>(
  members: M,
  options?: O,
): Attribute<ObjTypeOf<M>, FlagsOf<O>> {
  const problems: string[] = [];
  const types: Record<string, CtyType> = {};
  for (const k of Object.keys(members)) types[k] = resolveType(members[k]!, `object member "${k}"`, problems);
  return withProblems(rawAttribute(CtyObject(types), options), problems);
}

/** The tuple type built from element definitions. */
export type TupleTypeOf<E extends readonly TypeLike[]> = CtyTupleType<{
  readonly [I in keyof E]: TypeOf<E[I]>;
}>;

function tuple<const E extends readonly TypeLike[], const O extends CollectionOptions>(
  elements: E,
  options?: O,
): Attribute<TupleTypeOf<E>, FlagsOf<O>> {
  const problems: string[] = [];
  const types = elements.map((e, i) => resolveType(e, `tuple element ${i}`, problems));
  return withProblems(rawAttribute(CtyTuple(types), options), problems);
}

/** Nested attribute factories. */
const nested = Object.freeze({
  /** One object. */
  single<const Fs extends AttributeFields, const O extends NestedOptions>(fields: Fs, options?: O) {
    return nestedAttribute("single", fields, options);
  },
  /** A list of objects. */
  list<const Fs extends AttributeFields, const O extends NestedOptions>(fields: Fs, options?: O) {
    return nestedAttribute("list", fields, options);
  },
  /** A set of objects. */
  set<const Fs extends AttributeFields, const O extends NestedOptions>(fields: Fs, options?: O) {
    return nestedAttribute("set", fields, options);
  },
  /** A map of objects. */
  map<const Fs extends AttributeFields, const O extends NestedOptions>(fields: Fs, options?: O) {
    return nestedAttribute("map", fields, options);
  },
});

/**
 * Attribute factories. Every factory takes an options object ({@link AttributeOptions}); without
 * `required` or `computed` an attribute is optional.
 *
 * @example
 * ```ts
 * const name = a.str({ required: true, validators: [v.lengthBetween(1, 64)] });
 * const tags = a.map(a.str(), { optional: true });
 * const rules = a.nested.list({ match: a.str({ required: true }) }, { minItems: 1 });
 * ```
 */
export const a = Object.freeze({ str, num, bool, dyn, list, set, map, obj, tuple, nested });

/** pyvider alias of `a.str`. */
export const a_str = str;
/** pyvider alias of `a.num`. */
export const a_num = num;
/** pyvider alias of `a.bool`. */
export const a_bool = bool;
/** pyvider alias of `a.dyn`. */
export const a_dyn = dyn;
/** pyvider alias of `a.list`. */
export const a_list = list;
/** pyvider alias of `a.set`. */
export const a_set = set;
/** pyvider alias of `a.map`. */
export const a_map = map;
/** pyvider alias of `a.obj`. */
export const a_obj = obj;
/** pyvider alias of `a.tuple`. */
export const a_tuple = tuple;
