/**
 * Plain JS values on the client side: encoded into `DynamicValue`s of a schema's type (missing
 * attributes are null, the `Unknown` marker is unknown, cty values pass through) and decoded back;
 * diagnostics in a form convenient for assertions.
 *
 * @module
 */
import {
  attrStep,
  type CtyPath,
  type CtyType,
  type CtyValue,
  decodeMsgpack,
  encodeMsgpack,
  formatPath,
  fromNative,
  indexStep,
  keyStep,
  nullVal,
  toNative,
} from "@pyvider/cty";
import { lenientType, type tfplugin6 } from "@pyvider/protocol";

/** A diagnostic as the client reports it. */
export interface PlainDiagnostic {
  readonly severity: "error" | "warning" | "invalid";
  readonly summary: string;
  readonly detail: string;
  /** The attribute path, formatted like `rule[0].match` or `tags["env"]`; undefined without one. */
  readonly path?: string;
}

/** Diagnostics of a response, plain. */
export function plainDiagnostics(ds: readonly tfplugin6.Diagnostic[] | undefined): PlainDiagnostic[] {
  return (ds ?? []).map((d) => {
    const severity = d.severity === 1 ? "error" : d.severity === 2 ? "warning" : "invalid";
    const base = { severity, summary: d.summary, detail: d.detail } as const;
    return d.attribute === undefined || d.attribute.steps.length === 0
      ? base
      : { ...base, path: formatPath(wirePath(d.attribute)) };
  });
}

/** An `AttributePath` as a cty path. */
export function wirePath(p: tfplugin6.AttributePath): CtyPath {
  return p.steps.map((s) => {
    const sel = s.selector;
    if (sel?.$case === "attributeName") return attrStep(sel.value);
    if (sel?.$case === "elementKeyString") return keyStep(sel.value);
    return indexStep(sel?.value ?? 0);
  });
}

/** A plain value (or cty value) as a value of `type`; missing object attributes are null. */
export function toValue(js: unknown, type: CtyType): CtyValue {
  if (js === undefined) return nullVal(type);
  return fromNative(js, lenientType(type));
}

/** Encodes a plain value as a msgpack `DynamicValue` of `type`. */
export function encodeValue(js: unknown, type: CtyType): tfplugin6.DynamicValue {
  return { msgpack: encodeMsgpack(toValue(js, type), type), json: new Uint8Array(0) };
}

/** Decodes a `DynamicValue` of `type` (null when absent). */
export function decodeValue(dv: tfplugin6.DynamicValue | undefined, type: CtyType): CtyValue {
  if (dv === undefined) return nullVal(type);
  if (dv.msgpack.length > 0) return decodeMsgpack(dv.msgpack, type);
  if (dv.json.length > 0) return fromNative(JSON.parse(new TextDecoder().decode(dv.json)), type);
  return nullVal(type);
}

/** Decodes a `DynamicValue` to plain JS (`null`, `Unknown`, arrays, objects). */
export function decodePlain(dv: tfplugin6.DynamicValue | undefined, type: CtyType): unknown {
  return toNative(decodeValue(dv, type));
}
