/**
 * JSON encoding of cty values, byte for byte as go-cty's `json.Marshal`.
 *
 * @module
 */

import { checkNumberRange, MAX_VALUE_DEPTH, tooDeep } from "./codec-limits.js";
import { goJSONString } from "./json-text.js";
import { conformValue } from "./msgpack-conform.js";
import { CtyCodecError, codecBoundary, numberText, rethrowWithin } from "./msgpack-error.js";
import type { CtyNum } from "./number.js";
import { attrStep, elementStep, indexStep, keyStep } from "./path.js";
import { typeToJSON } from "./type-json.js";
import { type CtyType, typeString } from "./types.js";
import { type CtyValue, UnknownRaw } from "./value.js";

/**
 * Encodes a wholly known value as go-cty's JSON for the given type: numbers as bare JSON numbers
 * in full precision (never an exponent), object attributes and map keys sorted bytewise, sets in
 * canonical order, values in `dynamic` slots as `{"value":...,"type":...}`, strings escaped as Go
 * does (`<`, `>`, `&`, U+2028 and U+2029 as `\u` escapes).
 *
 * @throws {CtyCodecError} for unknown values (JSON cannot carry them), marked values (unmark
 *   first), infinities, capsules, or a value that does not conform to the type.
 */
export function encodeJSON(value: CtyValue, type: CtyType): string {
  return codecBoundary(() => {
    const out: string[] = [];
    encodeValue(out, conformValue(value, type), type, 0);
    return out.join("");
  });
}

/** True if writing `v` as `t` opens a container or a dynamic wrapper (one more nesting level). */
function isNested(v: CtyValue, t: CtyType): boolean {
  if (v.raw === null || v.raw instanceof UnknownRaw) return false;
  return t.kind !== "string" && t.kind !== "number" && t.kind !== "bool";
}

function fail(reason: string): never {
  throw new CtyCodecError(reason);
}

function encodeValue(out: string[], v: CtyValue, t: CtyType, depth: number): void {
  if (depth >= MAX_VALUE_DEPTH && isNested(v, t)) tooDeep();
  if (v.marks.size > 0) fail("value has marks, so it cannot be serialized as JSON (unmark it first)");
  const raw = v.raw;
  if (raw instanceof UnknownRaw) fail("value is not known");
  const vt = v.type;
  if (t.kind === "dynamic" && vt.kind !== "dynamic") {
    if (vt.kind === "capsule") fail("capsule types cannot be serialized as JSON");
    out.push('{"value":');
    encodeValue(out, v, vt, depth + 1);
    out.push(',"type":', typeToJSON(vt), "}");
    return;
  }
  if (raw === null) {
    out.push("null");
    return;
  }
  if (vt.kind !== t.kind) fail(`a value of type ${typeString(vt)} cannot be encoded as ${typeString(t)}`);
  switch (t.kind) {
    case "string":
      out.push(goJSONString(raw as string));
      return;
    case "number": {
      const n = raw as CtyNum;
      if (n.isInf) fail("cannot serialize infinity as JSON");
      out.push(numberText(checkNumberRange(n)));
      return;
    }
    case "bool":
      out.push(raw === true ? "true" : "false");
      return;
    case "list":
    case "set": {
      const elems = raw as readonly CtyValue[];
      out.push("[");
      for (let i = 0; i < elems.length; i++) {
        if (i > 0) out.push(",");
        try {
          encodeValue(out, elems[i]!, t.element, depth + 1);
        } catch (e) {
          rethrowWithin(e, t.kind === "set" ? elementStep(elems[i]!) : indexStep(i));
        }
      }
      out.push("]");
      return;
    }
    case "map": {
      out.push("{");
      let first = true;
      for (const [k, ev] of raw as ReadonlyMap<string, CtyValue>) {
        if (!first) out.push(",");
        first = false;
        out.push(goJSONString(k), ":");
        try {
          encodeValue(out, ev, t.element, depth + 1);
        } catch (e) {
          rethrowWithin(e, keyStep(k));
        }
      }
      out.push("}");
      return;
    }
    case "object": {
      const attrs = raw as ReadonlyMap<string, CtyValue>;
      out.push("{");
      const names = t.names;
      for (let i = 0; i < names.length; i++) {
        const name = names[i]!;
        const av = attrs.get(name);
        if (av === undefined) fail(`attribute "${name}" is missing from the value`);
        if (i > 0) out.push(",");
        out.push(goJSONString(name), ":");
        try {
          encodeValue(out, av, t.attributes[name]!, depth + 1);
        } catch (e) {
          rethrowWithin(e, attrStep(name));
        }
      }
      if (attrs.size !== names.length)
        fail(`the value has attributes that type ${typeString(t)} does not declare`);
      out.push("}");
      return;
    }
    case "tuple": {
      const elems = raw as readonly CtyValue[];
      if (elems.length !== t.elements.length) fail(`a tuple of length ${t.elements.length} is required`);
      out.push("[");
      for (let i = 0; i < elems.length; i++) {
        if (i > 0) out.push(",");
        try {
          encodeValue(out, elems[i]!, t.elements[i]!, depth + 1);
        } catch (e) {
          rethrowWithin(e, indexStep(i));
        }
      }
      out.push("]");
      return;
    }
    case "capsule":
      fail("capsule types cannot be serialized as JSON");
      break;
    case "dynamic":
      fail("a known value cannot have the dynamic type");
  }
}
