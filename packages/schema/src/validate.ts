/**
 * Config validation: walks a configuration value alongside its schema and reports, with exact
 * attribute paths, type errors, missing required attributes, unexpected attributes, item counts
 * and validator failures. Unknown values are not validated; the known parts of partly unknown
 * collections are.
 *
 * @module
 */
import { attrStep, type CtyPath, type CtyValue, formatPath, typeString } from "@pyvider/cty";
import { type Diagnostic, errorDiag } from "./diagnostics.js";
import { attributeType, bodyType } from "./implied.js";
import {
  type AnyAttribute,
  type Block,
  type BlockBody,
  bodyOf,
  type NestedAttribute,
  type ObjectValidator,
  type Schema,
  type Validator,
} from "./model.js";
import { attrOf, conforms, elementsOf, entriesOf } from "./values.js";
import { forEachNested } from "./walk.js";

type Pending = readonly Diagnostic[] | Promise<readonly Diagnostic[] | undefined> | undefined;

interface Walk {
  readonly config: CtyValue;
  readonly out: Pending[];
}

const step = (path: CtyPath, s: ReturnType<typeof attrStep>): CtyPath => [...path, s];

function failed(path: CtyPath, description: string, e: unknown): readonly Diagnostic[] {
  const why = e instanceof Error ? e.message : String(e);
  return [errorDiag("Validator failed", `The validator "${description}" failed: ${why}`, path)];
}

/** Calls a validator; a throw or rejection becomes a diagnostic instead of a crash. */
function call(w: Walk, v: Validator | ObjectValidator, value: CtyValue, path: CtyPath): void {
  try {
    const r = v.validate({ value, path, config: w.config });
    w.out.push(r instanceof Promise ? r.catch((e: unknown) => failed(path, v.description, e)) : r);
  } catch (e) {
    w.out.push(failed(path, v.description, e));
  }
}

function runValidators(w: Walk, validators: readonly Validator[], value: CtyValue, path: CtyPath): void {
  if (!value.isKnown) return;
  for (const v of validators) {
    if (value.isNull && v.validateNull !== true) continue;
    call(w, v, value, path);
  }
}

function runObjectValidators(
  w: Walk,
  validators: readonly ObjectValidator[],
  value: CtyValue,
  path: CtyPath,
): void {
  if (!value.isKnown || value.isNull) return;
  for (const v of validators) call(w, v, value, path);
}

function typeError(path: CtyPath, want: string, got: CtyValue): Diagnostic {
  const name =
    path.length > 0 && path[path.length - 1]!.kind === "attr"
      ? (path[path.length - 1] as { name: string }).name
      : "value";
  return errorDiag(
    "Incorrect attribute value type",
    `Inappropriate value for attribute "${name}": ${want} required, got ${typeString(got.type)}.`,
    path,
  );
}

/** Walks the attributes and blocks of one object (schema root, block or nested object). */
function walkObject(
  w: Walk,
  attrs: Readonly<Record<string, AnyAttribute>>,
  blocks: Readonly<Record<string, Block>>,
  validators: readonly ObjectValidator[],
  value: CtyValue,
  path: CtyPath,
): void {
  if (!value.isKnown) return;
  if (!value.isNull) {
    if (value.type.kind !== "object") {
      w.out.push([typeError(path, "object", value)]);
      return;
    }
    for (const name of value.type.names) {
      if (!(name in attrs) && !(name in blocks)) {
        w.out.push([
          errorDiag(
            "Unsupported argument",
            `An argument named "${name}" is not expected here.`,
            step(path, attrStep(name)),
          ),
        ]);
      }
    }
  }
  for (const name of Object.keys(attrs)) {
    const attr = attrs[name]!;
    walkAttribute(
      w,
      attr,
      attrOf(value, name, attributeType(attr, { markOptional: false })),
      step(path, attrStep(name)),
    );
  }
  for (const name of Object.keys(blocks)) {
    const blk = blocks[name]!;
    walkBlock(
      w,
      name,
      blk,
      attrOf(value, name, bodyType(blk, { markOptional: false })),
      step(path, attrStep(name)),
    );
  }
  runObjectValidators(w, validators, value, path);
}

function walkAttribute(w: Walk, attr: AnyAttribute, value: CtyValue, path: CtyPath): void {
  const name = (path[path.length - 1] as { name: string }).name;
  if (attr.computed && !attr.optional && !attr.required && !value.isNull) {
    w.out.push([
      errorDiag(
        "Invalid Configuration for Read-Only Attribute",
        `Cannot set value for attribute "${name}": it is computed by the provider.`,
        path,
      ),
    ]);
    return;
  }
  if (attr.required && value.isNull) {
    w.out.push([
      errorDiag(
        "Missing required argument",
        `The argument "${name}" is required, but no definition was found.`,
        path,
      ),
    ]);
    return;
  }
  const want = attributeType(attr, { markOptional: false });
  const untyped = value.type.kind === "dynamic" && (value.isNull || !value.isKnown);
  if (!untyped && !conforms(value.type, want)) {
    w.out.push([typeError(path, typeString(want), value)]);
    return;
  }
  if (!value.isKnown) return;
  runValidators(w, attr.validators, value, path);
  if (attr.kind === "nested" && !value.isNull) walkNested(w, attr, value, path);
}

function countDiag(path: CtyPath, n: number, min: number, max: number, what: string): Diagnostic | undefined {
  if (min > 0 && n < min)
    return errorDiag(
      `Not enough ${what} items`,
      `Attribute ${formatPath(path)} requires ${min} item(s) minimum, but config has only ${n} declared.`,
      path,
    );
  if (max > 0 && n > max)
    return errorDiag(
      `Too many ${what} items`,
      `Attribute ${formatPath(path)} allows ${max} item(s) maximum, but config has ${n} declared.`,
      path,
    );
  return undefined;
}

function walkNested(w: Walk, attr: NestedAttribute, value: CtyValue, path: CtyPath): void {
  const visit = (obj: CtyValue, p: CtyPath) =>
    walkObject(w, attr.attributes, {}, attr.objectValidators, obj, p);
  if (attr.nesting === "map") {
    const d = countDiag(path, entriesOf(value).size, attr.minItems, attr.maxItems, "map");
    if (d) w.out.push([d]);
  } else if (attr.nesting === "list" || attr.nesting === "set") {
    const els = elementsOf(value);
    const countable = attr.nesting === "list" || els.every((e) => e.isKnown);
    const d = countable ? countDiag(path, els.length, attr.minItems, attr.maxItems, attr.nesting) : undefined;
    if (d) w.out.push([d]);
  }
  forEachNested(attr.nesting, value, path, visit);
}

function walkBlock(w: Walk, name: string, blk: Block, value: CtyValue, path: CtyPath): void {
  if (!value.isKnown) return;
  const visit = (obj: CtyValue, p: CtyPath) =>
    walkObject(w, blk.attributes, blk.blocks, blk.validators, obj, p);
  if (blk.nesting === "single" || blk.nesting === "group") {
    if (!value.isNull && value.type.kind !== "object")
      return void w.out.push([typeError(path, "object", value)]);
    if (value.isNull && blk.minItems > 0) {
      w.out.push([
        errorDiag(`Insufficient ${name} blocks`, `At least 1 "${name}" blocks are required.`, path),
      ]);
      return;
    }
    if (!value.isNull || blk.nesting === "group") visit(value, path);
    return;
  }
  if (!value.isNull && value.type.kind !== blk.nesting)
    return void w.out.push([typeError(path, `${blk.nesting} of object`, value)]);
  const els = elementsOf(value);
  if (blk.nesting === "list" || els.every((e) => e.isKnown)) {
    if (blk.minItems > 0 && els.length < blk.minItems) {
      w.out.push([
        errorDiag(
          `Insufficient ${name} blocks`,
          `At least ${blk.minItems} "${name}" blocks are required.`,
          path,
        ),
      ]);
    } else if (blk.maxItems > 0 && els.length > blk.maxItems) {
      w.out.push([
        errorDiag(
          `Too many ${name} blocks`,
          `No more than ${blk.maxItems} "${name}" blocks are allowed.`,
          path,
        ),
      ]);
    }
  }
  forEachNested(blk.nesting, value, path, visit);
}

/**
 * Validates a configuration value (of the schema's implied type) against the schema. Async because
 * custom validators may be; diagnostics come back in walk order.
 */
export async function validateConfig(schema: Schema | BlockBody, config: CtyValue): Promise<Diagnostic[]> {
  const body = bodyOf(schema);
  const w: Walk = { config, out: [] };
  walkObject(w, body.attributes, body.blocks, body.validators, config, []);
  const settled = await Promise.all(w.out);
  const diags: Diagnostic[] = [];
  for (const d of settled) if (d) diags.push(...d);
  return diags;
}
