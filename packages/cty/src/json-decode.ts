/**
 * JSON decoding of cty values, accepting what go-cty's `json.Unmarshal` accepts: numbers in full
 * precision (never through JS `number`), numbers and bools as strings where go-cty converts them,
 * missing object attributes as null, later duplicate keys winning.
 *
 * @module
 */

import { checkNumberRange, MAX_VALUE_DEPTH, tooDeep } from "./codec-limits.js";
import {
  emptyObjectVal,
  emptyTupleVal,
  listVal,
  mapVal,
  objectVal,
  setVal,
  tupleVal,
} from "./constructors.js";
import { type JsonNode, JsonSyntaxError, jsonTextInput, parseJSONText, wellFormed } from "./json-text.js";
import { CtyCodecError, codecBoundary, rethrowWithin } from "./msgpack-error.js";
import { CtyNum } from "./number.js";
import { ObjectAttrs } from "./object-attrs.js";
import { attrStep, indexStep, keyStep } from "./path.js";
import { typeFromNode } from "./type-json.js";
import { type CtyType, hasDynamicTypes, hasOptionalAttributes } from "./types.js";
import { CtyValue } from "./value.js";

/**
 * Decodes go-cty JSON text (a string or UTF-8 bytes) as a value of the given type. As go-cty,
 * anything after the first complete JSON value is ignored.
 *
 * The result's type conforms to `type`; it is more specific where `type` contains `dynamic`.
 * @throws {CtyCodecError} on malformed JSON or a value that does not fit the type (message and `path`).
 */
export function decodeJSON(text: string | Uint8Array, type: CtyType): CtyValue {
  const s = jsonTextInput(text, "decodeJSON");
  return codecBoundary(() => decodeText(s, type));
}

function decodeText(text: string, type: CtyType): CtyValue {
  let s = text;
  // Text reaches go-cty as UTF-8, where an unpaired surrogate can only be U+FFFD.
  s = wellFormed(s);
  let root: JsonNode;
  try {
    root = parseJSONText(s, true);
  } catch (e) {
    if (e instanceof JsonSyntaxError) throw new CtyCodecError(`invalid JSON: ${e.message}`);
    throw e;
  }
  return decodeNode(root, type, 0);
}

function fail(reason: string): never {
  throw new CtyCodecError(reason);
}

function build(f: () => CtyValue): CtyValue {
  try {
    return f();
  } catch (e) {
    if (e instanceof TypeError || e instanceof RangeError) fail(e.message);
    throw e;
  }
}

/** A type with dynamic parts or optional attributes: values built for it take their own types. */
function isConstraint(t: CtyType): boolean {
  return hasDynamicTypes(t) || hasOptionalAttributes(t);
}

function kindName(n: JsonNode): string {
  switch (n.k) {
    case "str":
      return "a string";
    case "num":
      return "a number";
    case "bool":
      return "a bool";
    case "null":
      return "null";
    case "arr":
      return "an array";
    case "obj":
      return "an object";
  }
}

/** Decodes `n` as type `t`; `depth` counts the containers and dynamic wrappers around it. */
function decodeNode(n: JsonNode, t: CtyType, depth: number): CtyValue {
  if (n.k === "null") return new CtyValue(t, null);
  if (depth >= MAX_VALUE_DEPTH && (n.k === "arr" || n.k === "obj")) tooDeep();
  switch (t.kind) {
    case "dynamic":
      return decodeDynamic(n, depth);
    case "string":
      if (n.k === "str") return new CtyValue(t, n.v.normalize("NFC"));
      if (n.k === "num") return new CtyValue(t, n.v);
      if (n.k === "bool") return new CtyValue(t, n.v ? "true" : "false");
      return fail(`string is required, found ${kindName(n)}`);
    case "number":
      if (n.k === "num" || n.k === "str") {
        let num: CtyNum;
        try {
          num = CtyNum.parse(n.v);
        } catch {
          return fail("a number is required");
        }
        return new CtyValue(t, checkNumberRange(num));
      }
      return fail(`number is required, found ${kindName(n)}`);
    case "bool":
      if (n.k === "bool") return new CtyValue(t, n.v);
      if (n.k === "str") {
        if (n.v === "true" || n.v === "1") return new CtyValue(t, true);
        if (n.v === "false" || n.v === "0") return new CtyValue(t, false);
        const lower = n.v.toLowerCase();
        if (lower === "true" || lower === "false")
          fail(`a bool is required; to convert from string, use lowercase "${lower}"`);
        return fail("a bool is required");
      }
      return fail(`bool is required, found ${kindName(n)}`);
    case "list":
    case "set": {
      if (n.k !== "arr") return fail(`missing expected [ (a ${t.kind} is required, found ${kindName(n)})`);
      const elems = n.items.map((item, i) => {
        try {
          return decodeNode(item, t.element, depth + 1);
        } catch (e) {
          return rethrowWithin(e, indexStep(i));
        }
      });
      // As go-cty's SetVal/ListVal/MapVal: the elements decide the type (the declared one only
      // types an empty collection), so a constraint type never rejects what was decoded for it.
      const declared = elems.length > 0 ? undefined : t.element;
      if (t.kind === "set") return build(() => setVal(elems, declared));
      if (elems.length === 0 || isConstraint(t.element)) return build(() => listVal(elems, declared));
      return new CtyValue(t, Object.freeze(elems));
    }
    case "map": {
      if (n.k !== "obj") return fail(`missing expected { (a map is required, found ${kindName(n)})`);
      // Raw keys (a repeated key: the last wins); mapVal normalises them and, as go-cty v1.20's
      // MapVal, refuses two different keys with the same NFC form.
      const byKey = new Map<string, CtyValue>();
      for (const [k, item] of n.entries) {
        try {
          byKey.set(k, decodeNode(item, t.element, depth + 1));
        } catch (e) {
          rethrowWithin(e, keyStep(k));
        }
      }
      return build(() => mapVal(byKey, byKey.size > 0 ? undefined : t.element));
    }
    case "tuple": {
      if (n.k !== "arr") return fail(`missing expected [ (a tuple is required, found ${kindName(n)})`);
      const ets = t.elements;
      if (n.items.length > ets.length) return fail(`too many tuple elements (need ${ets.length})`);
      if (n.items.length < ets.length) return fail(`not enough tuple elements (need ${ets.length})`);
      if (ets.length === 0) return emptyTupleVal;
      const elems = n.items.map((item, i) => {
        try {
          return decodeNode(item, ets[i]!, depth + 1);
        } catch (e) {
          return rethrowWithin(e, indexStep(i));
        }
      });
      return isConstraint(t) ? build(() => tupleVal(elems)) : new CtyValue(t, Object.freeze(elems));
    }
    case "object": {
      if (n.k !== "obj") return fail(`missing expected { (an object is required, found ${kindName(n)})`);
      const vals = new Map<string, CtyValue>();
      for (const [k, item] of n.entries) {
        const at = t.attributes[k];
        if (at === undefined || !Object.hasOwn(t.attributes, k))
          fail(`unsupported attribute ${JSON.stringify(k)}`);
        try {
          vals.set(k, decodeNode(item, at, depth + 1));
        } catch (e) {
          rethrowWithin(e, attrStep(k));
        }
      }
      if (t.names.length === 0) return emptyObjectVal;
      const values = t.names.map((name) => vals.get(name) ?? new CtyValue(t.attributes[name]!, null));
      if (isConstraint(t))
        return build(() => objectVal(t.names.map((name, i) => [name, values[i]!] as const)));
      return new CtyValue(t, ObjectAttrs.of(t, values));
    }
    case "capsule":
      return fail(`capsule type ${t.name} cannot be decoded from JSON`);
  }
}

function decodeDynamic(n: JsonNode, depth: number): CtyValue {
  if (n.k !== "obj")
    return fail(
      `missing expected { (a dynamic value {"value":...,"type":...} is required, found ${kindName(n)})`,
    );
  let typeNode: JsonNode | undefined;
  let valueNode: JsonNode | undefined;
  for (const [k, item] of n.entries) {
    if (k === "type") typeNode = item;
    else if (k === "value") valueNode = item;
    else fail(`invalid key ${JSON.stringify(k)} in dynamically-typed value`);
  }
  if (typeNode === undefined) return fail("missing type in dynamically-typed value");
  let t: CtyType;
  try {
    t = typeFromNode(typeNode);
  } catch (e) {
    return fail(`failed to decode type for dynamic value: ${(e as Error).message}`);
  }
  if (valueNode === undefined) return fail("missing value in dynamically-typed value");
  return decodeNode(valueNode, t, depth + 1);
}
