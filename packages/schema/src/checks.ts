/**
 * Definition-time checks: mistakes in a schema are reported when the provider starts, as
 * {@link SchemaError}s that name the schema and the attribute.
 *
 * @module
 */
import { type CtyType, CtyValue, fromNative, hasDynamicTypes } from "@pyvider/cty";
import { elementProblems } from "./attributes.js";
import { fieldProblems } from "./blocks.js";
import { SchemaError, SchemaErrors } from "./errors.js";
import { attributeType, bodyType } from "./implied.js";
import type { AnyAttribute, Block, BlockBody, FunctionSchema, Schema, SchemaKind } from "./model.js";

/** Valid attribute and block names: lowercase letters, digits and underscores, not starting with a digit. */
export const NAME_PATTERN = /^[a-z_][a-z0-9_]*$/;

/** Root names Terraform reserves for its own meta-arguments in resources and data sources. */
export const RESERVED_ROOT_NAMES: readonly string[] = Object.freeze([
  "count",
  "depends_on",
  "for_each",
  "lifecycle",
  "provider",
  "provisioner",
  "connection",
]);

const RESERVED_KINDS: ReadonlySet<SchemaKind> = new Set(["resource", "dataSource", "ephemeral"]);
const NO_WRITE_ONLY: ReadonlySet<SchemaKind> = new Set(["provider", "dataSource"]);
const REPLACE_KINDS = new Set(["requiresReplace", "requiresReplaceIf"]);

interface Ctx {
  readonly kind: SchemaKind;
  readonly name: string;
  readonly errors: SchemaError[];
}

/**
 * Checks a schema and returns every mistake found (empty when the schema is valid).
 *
 * @param schema the schema to check
 * @param name the schema's name for messages (defaults to its kind)
 */
export function checkSchema(schema: Schema, name: string = schema.kind): SchemaError[] {
  const ctx: Ctx = { kind: schema.kind, name, errors: [] };
  if (!Number.isInteger(schema.version) || schema.version < 0) {
    ctx.errors.push(
      new SchemaError(name, "", `version must be a non-negative integer, got ${schema.version}`),
    );
  }
  checkBody(ctx, schema.block, "", true);
  return ctx.errors;
}

/** Throws the schema's mistakes, if any: one {@link SchemaError}, or {@link SchemaErrors} listing several. */
export function assertValidSchema(schema: Schema, name?: string): void {
  throwIfAny(checkSchema(schema, name));
}

/** Throws one error, or a {@link SchemaErrors} when there are several. */
export function throwIfAny(errors: readonly SchemaError[]): void {
  if (errors.length === 1) throw errors[0]!;
  if (errors.length > 1) throw new SchemaErrors(errors);
}

function join(prefix: string, name: string): string {
  return prefix === "" ? name : `${prefix}.${name}`;
}

function checkName(ctx: Ctx, prefix: string, name: string, root: boolean): void {
  if (!NAME_PATTERN.test(name)) {
    ctx.errors.push(
      new SchemaError(
        ctx.name,
        join(prefix, name),
        `invalid name "${name}": use lowercase letters, digits and underscores, not starting with a digit`,
      ),
    );
  } else if (root && RESERVED_KINDS.has(ctx.kind) && RESERVED_ROOT_NAMES.includes(name)) {
    ctx.errors.push(new SchemaError(ctx.name, name, `"${name}" is reserved by Terraform as a meta-argument`));
  }
}

function checkBody(ctx: Ctx, body: BlockBody, prefix: string, root: boolean): void {
  for (const p of fieldProblems.get(body) ?? []) ctx.errors.push(new SchemaError(ctx.name, prefix, p));
  for (const name of Object.keys(body.attributes)) {
    checkName(ctx, prefix, name, root);
    if (Object.hasOwn(body.blocks, name) || name in body.blocks) {
      ctx.errors.push(
        new SchemaError(
          ctx.name,
          join(prefix, name),
          `"${name}" is defined both as an attribute and as a block`,
        ),
      );
    }
    checkAttribute(ctx, body.attributes[name]!, join(prefix, name), false);
  }
  for (const name of Object.keys(body.blocks)) {
    checkName(ctx, prefix, name, root);
    const blk = body.blocks[name]!;
    const path = join(prefix, name);
    checkCounts(ctx, path, blk.minItems, blk.maxItems);
    if ((blk.nesting === "single" || blk.nesting === "group") && (blk.minItems > 1 || blk.maxItems > 1)) {
      ctx.errors.push(
        new SchemaError(
          ctx.name,
          path,
          `a ${blk.nesting} block holds at most one block; minItems/maxItems cannot exceed 1`,
        ),
      );
    }
    if (blk.nesting === "group" && blk.minItems !== 0) {
      ctx.errors.push(
        new SchemaError(ctx.name, path, "a group block is always present; it cannot set minItems"),
      );
    }
    if (blk.computed) checkComputedBlock(ctx, blk, path);
    if ((blk.nesting === "list" || blk.nesting === "set") && hasDynamicTypes(bodyType(blk))) {
      ctx.errors.push(
        new SchemaError(
          ctx.name,
          path,
          blk.nesting === "set"
            ? "a set block cannot contain dynamic-typed attributes (Terraform cannot hash them)"
            : "a list block cannot contain dynamic-typed attributes: Terraform then sends the block as a tuple " +
                "whose elements may differ in type; use a list nested attribute (a.nested.list) or a single block",
        ),
      );
    }
    checkBody(ctx, blk, path, false);
  }
}

/** Terraform's rules for computed blocks (configschema's internal validation, Terraform 1.16). */
function checkComputedBlock(ctx: Ctx, blk: Block, path: string): void {
  const err = (reason: string) => ctx.errors.push(new SchemaError(ctx.name, path, reason));
  if (ctx.kind !== "resource")
    err(`computed blocks are only supported in resource schemas, not in a ${ctx.kind} schema`);
  if (blk.nesting === "group") err("a group block cannot be computed (it is always present)");
  if (blk.minItems > 0) err("a computed block cannot set minItems");
  for (const name of Object.keys(blk.attributes)) {
    if (!blk.attributes[name]!.computed)
      ctx.errors.push(
        new SchemaError(ctx.name, join(path, name), "every attribute of a computed block must be computed"),
      );
  }
  for (const name of Object.keys(blk.blocks)) {
    if (!blk.blocks[name]!.computed)
      ctx.errors.push(
        new SchemaError(ctx.name, join(path, name), "every block inside a computed block must be computed"),
      );
  }
}

function checkCounts(ctx: Ctx, path: string, min: number, max: number): void {
  if (!Number.isInteger(min) || min < 0 || !Number.isInteger(max) || max < 0) {
    ctx.errors.push(
      new SchemaError(
        ctx.name,
        path,
        `minItems and maxItems must be non-negative integers (got ${min} and ${max})`,
      ),
    );
  } else if (max > 0 && min > max) {
    ctx.errors.push(new SchemaError(ctx.name, path, `minItems (${min}) is greater than maxItems (${max})`));
  }
}

function checkAttribute(ctx: Ctx, attr: AnyAttribute, path: string, insideSetNested: boolean): void {
  const err = (reason: string) => ctx.errors.push(new SchemaError(ctx.name, path, reason));
  for (const p of elementProblems.get(attr) ?? []) err(p);
  if (attr.required && attr.computed) err("an attribute cannot be both required and computed");
  if (attr.required && attr.optional) err("an attribute cannot be both required and optional");
  if (!attr.required && !attr.optional && !attr.computed)
    err("an attribute must be required, optional or computed");
  const computedOnly = attr.computed && !attr.optional && !attr.required;
  if (attr.default !== undefined) {
    if (attr.required) err("a required attribute cannot have a default (the configuration always sets it)");
    else if (computedOnly)
      err("a computed-only attribute cannot have a default; make it optional and computed");
    if (attr.writeOnly) err("a write-only attribute cannot have a default");
    if (ctx.kind !== "resource")
      err(`defaults are only supported in resource schemas, not in a ${ctx.kind} schema`);
    if (attr.default.kind === "static") checkStaticDefault(ctx, attr, path);
  }
  if (attr.writeOnly) {
    if (NO_WRITE_ONLY.has(ctx.kind)) err(`write-only attributes are not allowed in a ${ctx.kind} schema`);
    if (attr.computed) err("a write-only attribute cannot be computed");
    if (insideSetNested) err("a write-only attribute cannot be inside a set nested attribute");
  }
  if (attr.planModifiers.length > 0 && ctx.kind !== "resource") {
    err(`plan modifiers are only supported in resource schemas, not in a ${ctx.kind} schema`);
  }
  for (const m of attr.planModifiers) {
    if (m.kind !== undefined && REPLACE_KINDS.has(m.kind)) {
      if (computedOnly)
        err(
          "requires-replace has no effect on a computed-only attribute (the configuration cannot change it)",
        );
      if (attr.writeOnly)
        err(
          "requires-replace cannot be used on a write-only attribute (its value is never in plan or state)",
        );
    }
  }
  if (attr.kind === "nested") {
    checkCounts(ctx, path, attr.minItems, attr.maxItems);
    if (attr.nesting === "single" && (attr.minItems !== 0 || attr.maxItems !== 0)) {
      err("minItems/maxItems only apply to list, set and map nested attributes");
    }
    if (attr.nesting === "set" && hasDynamicTypes(attributeType(attr))) {
      err("a set nested attribute cannot contain dynamic-typed attributes (Terraform cannot hash them)");
    }
    const setNested = insideSetNested || attr.nesting === "set";
    for (const name of Object.keys(attr.attributes)) {
      checkName(ctx, path, name, false);
      checkAttribute(ctx, attr.attributes[name]!, join(path, name), setNested);
    }
  }
}

function checkStaticDefault(ctx: Ctx, attr: AnyAttribute, path: string): void {
  const d = attr.default;
  if (d?.kind !== "static") return;
  const type: CtyType = attributeType(attr);
  try {
    if (d.value instanceof CtyValue) {
      // A cty value default is checked when applied (conversion happens there).
      return;
    }
    fromNative(d.value, type);
  } catch (e) {
    ctx.errors.push(
      new SchemaError(
        ctx.name,
        path,
        `the default does not fit the attribute's type: ${(e as Error).message}`,
      ),
    );
  }
}

/** Checks a function signature: parameter names, a non-empty return type. */
export function checkFunction(fn: FunctionSchema<any, any>, name = "function"): SchemaError[] {
  const errors: SchemaError[] = [];
  const seen = new Set<string>();
  const params = fn.variadicParameter ? [...fn.parameters, fn.variadicParameter] : fn.parameters;
  for (const p of params) {
    if (!NAME_PATTERN.test(p.name)) {
      errors.push(
        new SchemaError(
          name,
          p.name,
          `invalid parameter name "${p.name}": use lowercase letters, digits and underscores, not starting with a digit`,
        ),
      );
    }
    if (seen.has(p.name)) errors.push(new SchemaError(name, p.name, `duplicate parameter name "${p.name}"`));
    seen.add(p.name);
  }
  return errors;
}
