/**
 * The fluent builder: `new SchemaBuilder().addAttribute("name", CtyString, { required: true }).build()`.
 * It produces the same model as the factory functions, and tracks the field types for inference.
 *
 * @module
 */
import type { CtyType } from "@pyvider/cty";
import type { CollectionOptions, FlagsOf } from "./attribute-options.js";
import { defineAttribute, type NestedOptions, nestedAttribute } from "./attributes.js";
import { type BlockOptions, type BodyOptions, blockFromBody, fieldProblems, makeBody } from "./blocks.js";
import { checkSchema, throwIfAny } from "./checks.js";
import type {
  AnyAttribute,
  Attribute,
  AttributeFields,
  Block,
  BlockBody,
  BlockNesting,
  Fields,
  NestedAttribute,
  NestedNesting,
  ObjectValidator,
  Schema,
  SchemaKind,
} from "./model.js";
import type { SchemaOptions } from "./schemas.js";

type Add<Fs, N extends string, X> = Fs & { readonly [K in N]: X };

/** Options for {@link SchemaBuilder}. */
export interface SchemaBuilderOptions extends SchemaOptions {
  /** The kind of schema to build. Default `"resource"`. */
  readonly kind?: SchemaKind;
}

/**
 * Builds a schema step by step. The same class fills blocks (`addBlock(name, nesting, (r) => r.addAttribute(...))`).
 *
 * @example
 * ```ts
 * const schema = new SchemaBuilder({ kind: "resource", version: 1 })
 *   .addAttribute("name", CtyString, { required: true })
 *   .addAttribute("count", CtyNumber, { default: 1 })
 *   .addBlock("rule", "list", (r) => r.addAttribute("match", CtyString, { required: true }))
 *   .build();
 * ```
 */
export class SchemaBuilder<Fs extends Fields = {}, K extends SchemaKind = "resource"> {
  /** @internal */ protected readonly attrs: Record<string, AnyAttribute> = Object.create(null);
  /** @internal */ protected readonly blks: Record<string, Block> = Object.create(null);
  /** @internal */ protected readonly problems: string[] = [];
  /** @internal */ protected opts: BodyOptions & BlockOptions = {};

  private claim(name: string): void {
    if (name in this.blks) this.problems.push(`"${name}" is defined more than once`);
  }

  /** Adds an attribute of a cty type. */
  addAttribute<N extends string, T extends CtyType, const O extends CollectionOptions>(
    name: N,
    type: T,
    options?: O,
  ): SchemaBuilder<Add<Fs, N, Attribute<T, FlagsOf<O>>>, K> {
    if (name in this.attrs) this.problems.push(`"${name}" is defined more than once`);
    this.attrs[name] = defineAttribute(type, options as never);
    return this as never;
  }

  /** Adds an already built attribute (e.g. from `a.str()` or `a.nested.list()`). */
  add<N extends string, A extends AnyAttribute>(name: N, attr: A): SchemaBuilder<Add<Fs, N, A>, K> {
    if (name in this.attrs) this.problems.push(`"${name}" is defined more than once`);
    this.attrs[name] = attr;
    return this as never;
  }

  /** Adds a nested attribute whose objects are described by `fields` (or a builder's fields). */
  addNestedAttribute<
    N extends string,
    M extends NestedNesting,
    const A extends AttributeFields,
    const O extends NestedOptions,
  >(
    name: N,
    nesting: M,
    fields: A | SchemaBuilder<A, SchemaKind>,
    options?: O,
  ): SchemaBuilder<Add<Fs, N, NestedAttribute<M, A, FlagsOf<O>>>, K> {
    if (name in this.attrs) this.problems.push(`"${name}" is defined more than once`);
    const f = fields instanceof SchemaBuilder ? (fields.attrs as A) : fields;
    this.attrs[name] = nestedAttribute(nesting, f, options);
    return this as never;
  }

  /**
   * Adds a block: either an already built block (`b.list({...})`) or a nesting mode with a function
   * that fills a fresh builder.
   */
  addBlock<N extends string, B extends Block>(name: N, blk: B): SchemaBuilder<Add<Fs, N, B>, K>;
  addBlock<N extends string, M extends BlockNesting, Inner extends Fields>(
    name: N,
    nesting: M,
    fill: (bb: SchemaBuilder<{}, SchemaKind>) => SchemaBuilder<Inner, SchemaKind>,
    options?: BlockOptions,
  ): SchemaBuilder<Add<Fs, N, Block<M, Inner>>, K>;
  addBlock(
    name: string,
    blkOrNesting: Block | BlockNesting,
    fill?: (bb: SchemaBuilder<{}, SchemaKind>) => SchemaBuilder<any, SchemaKind>,
    options?: BlockOptions,
  ): unknown {
    this.claim(name);
    if (typeof blkOrNesting === "string") {
      const inner: SchemaBuilder<Fields, SchemaKind> = fill!(new SchemaBuilder());
      const body = inner.body();
      const merged = makeBody(
        { ...body.attributes },
        { ...body.blocks },
        {
          ...body,
          description: options?.description ?? body.description,
          markdownDescription: options?.markdownDescription ?? body.markdownDescription,
          deprecated: options?.deprecated ?? body.deprecationMessage ?? body.deprecated,
          validators: [...body.validators, ...(options?.validators ?? [])],
        },
      );
      this.blks[name] = blockFromBody(blkOrNesting, merged, options, inner.problems);
    } else {
      this.blks[name] = blkOrNesting;
    }
    return this;
  }

  /** Adds an object-level validator (conflicts-with, exactly-one-of, ...). */
  addValidator(v: ObjectValidator): this {
    this.opts = { ...this.opts, validators: [...(this.opts.validators ?? []), v] };
    return this;
  }

  /** Sets the plain-text description. */
  description(text: string): this {
    this.opts = { ...this.opts, description: text };
    return this;
  }

  /** Sets the markdown description. */
  markdownDescription(text: string): this {
    this.opts = { ...this.opts, markdownDescription: text };
    return this;
  }

  /** Marks deprecated, with an optional message. */
  deprecated(message: string | boolean = true): this {
    this.opts = { ...this.opts, deprecated: message };
    return this;
  }

  /** @internal the collected body */
  body(): BlockBody {
    const names = Object.keys(this.attrs).filter((n) => n in this.blks);
    for (const n of names) this.problems.push(`"${n}" is defined both as an attribute and as a block`);
    return makeBody({ ...this.attrs }, { ...this.blks }, this.opts);
  }

  private readonly kindOpt: SchemaKind;
  private versionOpt: number;
  private readonly nameOpt: string | undefined;

  /** @param options kind, version, name (for messages), description, ... */
  constructor(options: SchemaBuilderOptions & { readonly kind?: K } = {}) {
    const { kind, version, name, ...body } = options;
    this.kindOpt = kind ?? "resource";
    this.versionOpt = version ?? 0;
    this.nameOpt = name;
    this.opts = body;
  }

  /** Sets the schema version. */
  version(v: number): this {
    this.versionOpt = v;
    return this;
  }

  /** Builds and checks the schema; throws a {@link SchemaError} on a definition mistake. */
  build(): Schema<K, Fs> {
    const body = Object.freeze(this.body());
    if (this.problems.length > 0) fieldProblems.set(body, [...this.problems]);
    const out = Object.freeze({ kind: this.kindOpt as K, version: this.versionOpt, block: body }) as Schema<
      K,
      Fs
    >;
    throwIfAny(checkSchema(out, this.nameOpt ?? this.kindOpt));
    return out;
  }
}
