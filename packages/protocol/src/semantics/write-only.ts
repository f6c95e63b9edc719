/**
 * Write-only attributes: Terraform sends their configured values to apply but never stores them,
 * so planned and new states carry null wherever the schema says `writeOnly`.
 *
 * @module
 */
import {
  attributes,
  attrStep,
  type CtyPath,
  type CtyValue,
  elements,
  indexStep,
  keyStep,
  listVal,
  mapEntries,
  mapVal,
  nullVal,
  objectVal,
  setVal,
} from "@pyvider/cty";
import type { AnyAttribute, BlockBody } from "@pyvider/schema";

interface Shape {
  readonly attributes: Readonly<Record<string, AnyAttribute>>;
  readonly blocks?: BlockBody["blocks"];
}

/** True if the body declares any write-only attribute, at any depth. */
export function hasWriteOnly(shape: Shape): boolean {
  for (const a of Object.values(shape.attributes)) {
    if (a.writeOnly) return true;
    if (a.kind === "nested" && hasWriteOnly(a)) return true;
  }
  return Object.values(shape.blocks ?? {}).some((b) => hasWriteOnly(b));
}

function inCollection(nesting: string, shape: Shape, value: CtyValue): CtyValue {
  if (!value.isKnown || value.isNull) return value;
  if (nesting === "single" || nesting === "group") return inObject(shape, value);
  if (nesting === "map") {
    const out = new Map<string, CtyValue>();
    for (const [k, v] of mapEntries(value)) out.set(k, inObject(shape, v));
    return mapVal(out, value.type.kind === "map" ? value.type.element : undefined);
  }
  const els = elements(value).map((v) => inObject(shape, v));
  const et = value.type.kind === "list" || value.type.kind === "set" ? value.type.element : undefined;
  return nesting === "set" ? setVal(els, et) : listVal(els, et);
}

function inObject(shape: Shape, value: CtyValue): CtyValue {
  if (!value.isKnown || value.isNull || value.type.kind !== "object") return value;
  const out = new Map(attributes(value));
  for (const [name, a] of Object.entries(shape.attributes)) {
    const v = out.get(name);
    if (v === undefined) continue;
    if (a.writeOnly) out.set(name, nullVal(v.type));
    else if (a.kind === "nested" && hasWriteOnly(a)) out.set(name, inCollection(a.nesting, a, v));
  }
  for (const [name, b] of Object.entries(shape.blocks ?? {})) {
    const v = out.get(name);
    if (v !== undefined && hasWriteOnly(b)) out.set(name, inCollection(b.nesting, b, v));
  }
  return objectVal(out);
}

/** The value with every write-only attribute null (the value itself when the schema has none). */
export function nullWriteOnly(body: BlockBody, value: CtyValue): CtyValue {
  return hasWriteOnly(body) ? inObject(body, value) : value;
}

function collect(nesting: string, shape: Shape, value: CtyValue, path: CtyPath, out: CtyPath[]): void {
  if (!value.isKnown || value.isNull) return;
  if (nesting === "single" || nesting === "group") {
    collectObject(shape, value, path, out);
    return;
  }
  if (nesting === "map") {
    for (const [k, v] of mapEntries(value)) collectObject(shape, v, [...path, keyStep(k)], out);
    return;
  }
  elements(value).forEach((v, i) => {
    collectObject(shape, v, nesting === "set" ? path : [...path, indexStep(i)], out);
  });
}

function collectObject(shape: Shape, value: CtyValue, path: CtyPath, out: CtyPath[]): void {
  if (!value.isKnown || value.isNull || value.type.kind !== "object") return;
  const attrs = attributes(value);
  for (const [name, a] of Object.entries(shape.attributes)) {
    const v = attrs.get(name);
    if (v === undefined) continue;
    if (a.writeOnly && !v.isNull) out.push([...path, attrStep(name)]);
    else if (a.kind === "nested" && hasWriteOnly(a)) collect(a.nesting, a, v, [...path, attrStep(name)], out);
  }
  for (const [name, b] of Object.entries(shape.blocks ?? {})) {
    const v = attrs.get(name);
    if (v !== undefined && hasWriteOnly(b)) collect(b.nesting, b, v, [...path, attrStep(name)], out);
  }
}

/** Paths of the write-only attributes the configuration sets (to refuse them when the client can't handle them). */
export function writeOnlyPaths(body: BlockBody, config: CtyValue): CtyPath[] {
  const out: CtyPath[] = [];
  if (hasWriteOnly(body)) collectObject(body, config, [], out);
  return out;
}
