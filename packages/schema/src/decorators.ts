/**
 * Class decorators (standard TC39 decorators, not `experimentalDecorators`): a class whose fields
 * are the attributes.
 *
 * ```ts
 * @resourceSchema({ version: 1 })
 * class Item {
 *   @attribute({ type: CtyString, required: true }) key!: string;
 *   @attribute({ type: CtyString, computed: true }) id!: string;
 * }
 * const schema = schemaOf(Item);
 * ```
 *
 * A field's declared TypeScript type must match the attribute's state type (checked by the compiler).
 *
 * @module
 */
import type { CtyType } from "@pyvider/cty";
import type { CollectionOptions, FlagsOf } from "./attribute-options.js";
import { defineAttribute, type NestedOptions, nestedAttribute } from "./attributes.js";
import { type BlockOptions, blockFromBody, fieldProblems, makeBody } from "./blocks.js";
import { checkSchema, throwIfAny } from "./checks.js";
import type { InferAttribute } from "./infer.js";
import type {
  AnyAttribute,
  Attribute,
  Block,
  BlockBody,
  BlockNesting,
  NestedNesting,
  Schema,
  SchemaKind,
} from "./model.js";
import type { SchemaOptions } from "./schemas.js";

// Standard decorator metadata needs Symbol.metadata; Node 20 lacks it. Use the registered symbol
// that TypeScript and esbuild both fall back to.
(Symbol as { metadata?: symbol }).metadata ??= Symbol.for("Symbol.metadata");

type FieldDef = { readonly name: string; readonly def: AnyAttribute | Block };

const FIELDS = Symbol("pyvider.schema.fields");
/** Fields collected for classes whose decorator context has no metadata object. */
let pending: FieldDef[] = [];

const schemas = new WeakMap<object, Schema>();
const bodies = new WeakMap<object, BlockBody>();

function record(ctx: ClassFieldDecoratorContext, def: AnyAttribute | Block): void {
  if (typeof ctx.name !== "string") throw new TypeError("schema fields must have string names");
  if (ctx.static) throw new TypeError(`schema field "${ctx.name}" must not be static`);
  const md = ctx.metadata as Record<symbol, FieldDef[]> | undefined;
  const entry = { name: ctx.name, def };
  if (md === undefined) {
    pending.push(entry);
    return;
  }
  if (!Object.hasOwn(md, FIELDS)) md[FIELDS] = [...(md[FIELDS] ?? [])];
  md[FIELDS]!.push(entry);
}

function collect(ctx: ClassDecoratorContext): FieldDef[] {
  const md = ctx.metadata as Record<symbol, FieldDef[]> | undefined;
  if (md?.[FIELDS] !== undefined) return md[FIELDS]!;
  const out = pending;
  pending = [];
  return out;
}

function bodyFrom(
  fields: FieldDef[],
  options: SchemaOptions | BlockOptions,
): { body: BlockBody; problems: string[] } {
  const attrs: Record<string, AnyAttribute> = Object.create(null);
  const blks: Record<string, Block> = Object.create(null);
  const problems: string[] = [];
  for (const { name, def } of fields) {
    if (name in attrs || name in blks) problems.push(`"${name}" is defined more than once`);
    if (def.kind === "block") blks[name] = def;
    else attrs[name] = def;
  }
  const { version: _v, name: _n, ...bodyOpts } = options as SchemaOptions;
  return { body: makeBody(attrs, blks, bodyOpts), problems };
}

/** Options for the {@link attribute} decorator: the cty type plus the usual attribute options (defaults are checked against the type at definition time). */
export type AttributeDecoratorOptions<T extends CtyType> = CollectionOptions & { readonly type: T };

/**
 * Declares a field as an attribute. The field's TypeScript type must be the attribute's state type
 * (e.g. `string` for a required string, `string | null` for an optional one).
 */
export function attribute<T extends CtyType, const O extends AttributeDecoratorOptions<T>>(
  options: O & { readonly type: T },
): <This>(
  value: undefined,
  ctx: ClassFieldDecoratorContext<This, InferAttribute<Attribute<T, FlagsOf<O>>, "state">>,
) => void {
  const { type, ...rest } = options;
  const def = defineAttribute(type, rest as never);
  return (_value, ctx) => record(ctx as ClassFieldDecoratorContext, def);
}

/** A class used as the contents of a block or nested attribute (decorated with {@link fields}). */
export type FieldsClass = abstract new (...args: never[]) => unknown;

function bodyOfClass(cls: FieldsClass): BlockBody {
  const body = bodies.get(cls);
  if (body === undefined) throw new TypeError(`class ${cls.name} is not decorated with @fields`);
  return body;
}

/** Declares a field as a nested attribute whose objects are described by a `@fields` class. */
export function nested(
  options: NestedOptions & { readonly nesting: NestedNesting; readonly of: FieldsClass },
): (value: undefined, ctx: ClassFieldDecoratorContext) => void {
  return (_value, ctx) => {
    const { nesting, of, ...rest } = options;
    record(ctx, nestedAttribute(nesting, bodyOfClass(of).attributes, rest));
  };
}

/** Declares a field as a block whose contents are described by a `@fields` class. */
export function block(
  options: BlockOptions & { readonly nesting: BlockNesting; readonly of: FieldsClass },
): (value: undefined, ctx: ClassFieldDecoratorContext) => void {
  return (_value, ctx) => {
    const { nesting, of, ...rest } = options;
    const inner = bodyOfClass(of);
    const opts: BlockOptions = { ...rest };
    const body = makeBody(
      { ...inner.attributes },
      { ...inner.blocks },
      {
        ...opts,
        description: rest.description ?? inner.description,
        markdownDescription: rest.markdownDescription ?? inner.markdownDescription,
        validators: [...inner.validators, ...(rest.validators ?? [])],
      },
    );
    record(ctx, blockFromBody(nesting, body, opts, fieldProblems.get(inner) ?? []));
  };
}

type ClassDecorator = (cls: FieldsClass, ctx: ClassDecoratorContext) => void;

/** Marks a class as the contents of a block or nested attribute, for {@link block} and {@link nested}. */
export function fields(cls: FieldsClass, ctx: ClassDecoratorContext): void {
  const { body, problems } = bodyFrom(collect(ctx), {});
  if (problems.length > 0) fieldProblems.set(body, problems);
  bodies.set(cls, body);
}

function schemaDecorator(kind: SchemaKind) {
  function decorate(options: SchemaOptions): ClassDecorator {
    return (cls, ctx) => {
      const { body, problems } = bodyFrom(collect(ctx), options);
      const frozen = Object.freeze(body);
      if (problems.length > 0) fieldProblems.set(frozen, problems);
      const out: Schema = Object.freeze({ kind, version: options.version ?? 0, block: frozen });
      throwIfAny(checkSchema(out, options.name ?? (cls.name || kind)));
      schemas.set(cls, out);
    };
  }
  function dec(options?: SchemaOptions): ClassDecorator;
  function dec(cls: FieldsClass, ctx: ClassDecoratorContext): void;
  function dec(a?: SchemaOptions | FieldsClass, ctx?: ClassDecoratorContext): ClassDecorator | undefined {
    if (typeof a === "function") {
      decorate({})(a, ctx!);
      return undefined;
    }
    return decorate(a ?? {});
  }
  return dec;
}

/** Declares a class as a resource schema: `@resourceSchema` or `@resourceSchema({ version: 1 })`. */
export const resourceSchema = schemaDecorator("resource");
/** Declares a class as a data source schema. */
export const dataSourceSchema = schemaDecorator("dataSource");
/** Declares a class as the provider's schema. */
export const providerSchema = schemaDecorator("provider");
/** Declares a class as an ephemeral resource schema. */
export const ephemeralSchema = schemaDecorator("ephemeral");
/** Declares a class as a list resource schema. */
export const listSchema = schemaDecorator("list");
/** Declares a class as an action schema. */
export const actionSchema = schemaDecorator("action");
/** Declares a class as a state store schema. */
export const stateStoreSchema = schemaDecorator("stateStore");
/** Declares a class as a resource identity schema. */
export const identitySchema = schemaDecorator("identity");

/** The schema declared on a decorated class. Throws if the class has no schema decorator. */
export function schemaOf(cls: FieldsClass): Schema {
  const found = schemas.get(cls);
  if (found === undefined)
    throw new TypeError(`class ${cls.name} has no schema decorator (e.g. @resourceSchema)`);
  return found;
}
