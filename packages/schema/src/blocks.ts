/**
 * Block factories: `b.list({...})`, `b.set`, `b.single`, `b.group`.
 *
 * @module
 */
import type { AnyAttribute, Block, BlockBody, BlockNesting, Fields, ObjectValidator } from "./model.js";

/** Options shared by blocks and schemas. */
export interface BodyOptions {
  /** Plain-text description. */
  readonly description?: string;
  /** Markdown description (preferred over `description` in protocol output). */
  readonly markdownDescription?: string;
  /** Marks the block deprecated; a string is the message shown to users. */
  readonly deprecated?: boolean | string;
  /** Validators over the block's attributes (conflicts-with, exactly-one-of, ...). */
  readonly validators?: readonly ObjectValidator[];
}

/** Options for blocks. */
export interface BlockOptions extends BodyOptions {
  /** Minimum number of blocks (list, set). */
  readonly minItems?: number;
  /** Maximum number of blocks (list, set). */
  readonly maxItems?: number;
  /** A computed block, set by the provider (Terraform 1.16+ clients). */
  readonly computed?: boolean;
}

/** Problems found while splitting fields (e.g. something that is neither attribute nor block). */
export const fieldProblems = new WeakMap<object, string[]>();

/** Splits mixed field definitions into a block body. */
export function bodyOf(fields: Fields, options: BodyOptions = {}, problems: string[] = []): BlockBody {
  const attributes = Object.create(null) as Record<string, AnyAttribute>;
  const blocks = Object.create(null) as Record<string, Block>;
  for (const name of Object.keys(fields)) {
    const f = fields[name] as { kind?: unknown } | undefined;
    if (f?.kind === "block") blocks[name] = f as Block;
    else if (f?.kind === "attribute" || f?.kind === "nested") attributes[name] = f as AnyAttribute;
    else problems.push(`field "${name}" is neither an attribute nor a block (got ${typeof f})`);
  }
  return makeBody(attributes, blocks, options);
}

/** Builds a frozen block body from already split attributes and blocks. */
export function makeBody(
  attributes: Record<string, AnyAttribute>,
  blocks: Record<string, Block>,
  options: BodyOptions = {},
): BlockBody {
  return {
    attributes: Object.freeze(Object.assign(Object.create(null), attributes)),
    blocks: Object.freeze(Object.assign(Object.create(null), blocks)),
    description: options.description,
    markdownDescription: options.markdownDescription,
    deprecated: options.deprecated !== undefined && options.deprecated !== false,
    deprecationMessage: typeof options.deprecated === "string" ? options.deprecated : undefined,
    validators: Object.freeze([...(options.validators ?? [])]),
  };
}

/** Builds a block. Used by every authoring style. */
export function block<N extends BlockNesting, const Fs extends Fields>(
  nesting: N,
  fields: Fs,
  options: BlockOptions = {},
): Block<N, Fs> {
  const problems: string[] = [];
  const body = bodyOf(fields, options, problems);
  return blockFromBody(nesting, body, options, problems) as Block<N, Fs>;
}

/** Builds a block from a body. */
export function blockFromBody<N extends BlockNesting>(
  nesting: N,
  body: BlockBody,
  options: BlockOptions = {},
  problems: string[] = [],
): Block<N, Fields> {
  const out = Object.freeze({
    kind: "block" as const,
    nesting,
    ...body,
    minItems: options.minItems ?? 0,
    maxItems: options.maxItems ?? 0,
    computed: options.computed === true,
  });
  if (problems.length > 0) fieldProblems.set(out, problems);
  return out;
}

/**
 * Block factories.
 *
 * @example
 * ```ts
 * const rule = b.list({ match: a.str({ required: true }) }, { minItems: 1, maxItems: 10 });
 * ```
 */
export const b = Object.freeze({
  /** Repeated blocks, in order. */
  list<const Fs extends Fields>(fields: Fs, options?: BlockOptions): Block<"list", Fs> {
    return block("list", fields, options);
  },
  /** Repeated blocks, unordered and unique. */
  set<const Fs extends Fields>(fields: Fs, options?: BlockOptions): Block<"set", Fs> {
    return block("set", fields, options);
  },
  /** At most one block; absent is null. */
  single<const Fs extends Fields>(fields: Fs, options?: BlockOptions): Block<"single", Fs> {
    return block("single", fields, options);
  },
  /** Exactly one block that is always present (absent means all attributes null). */
  group<const Fs extends Fields>(fields: Fs, options?: BlockOptions): Block<"group", Fs> {
    return block("group", fields, options);
  },
});

/** pyvider alias of `b.list`. */
export const b_list = b.list;
/** pyvider alias of `b.set`. */
export const b_set = b.set;
/** pyvider alias of `b.single`. */
export const b_single = b.single;
/** pyvider alias of `b.group`. */
export const b_group = b.group;
