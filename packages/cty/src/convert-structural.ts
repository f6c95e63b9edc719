/**
 * Object→object and tuple→tuple conversions (internal).
 *
 * @module
 */

import type { Conv } from "./convert.js";
import { getConversionInternal } from "./convert.js";
import { withoutOptionalAttributesDeep } from "./convert-types.js";
import { buildObject, buildTuple, mapEntries, nullOf, seqElements } from "./convert-values.js";
import { attrStep, indexStep } from "./path.js";
import type { CtyObjectType, CtyTupleType } from "./types.js";
import { typeEquals } from "./types.js";
import type { CtyValue } from "./value.js";

/**
 * Object to object: every attribute of `to` must exist in `from` with a conversion, except
 * optional ones, which become null when absent. Extra attributes of `from` are dropped.
 */
export function objectToObject(from: CtyObjectType, to: CtyObjectType, unsafe: boolean): Conv | undefined {
  const convs = new Map<string, Conv | undefined>();
  const optional = new Set(to.optional);
  for (const name of to.names) {
    const outAty = to.attributes[name]!;
    const inAty = from.attributes[name];
    if (inAty === undefined) {
      if (optional.has(name)) continue;
      return undefined;
    }
    if (typeEquals(inAty, outAty)) {
      convs.set(name, undefined);
      continue;
    }
    const conv = getConversionInternal(inAty, outAty, unsafe);
    if (conv === undefined) return undefined;
    convs.set(name, conv);
  }
  return (value, path) => {
    const out = new Map<string, CtyValue>();
    for (const [name, v] of mapEntries(value)) {
      if (!convs.has(name)) continue;
      const conv = convs.get(name);
      let r = conv ? conv(v, [...path, attrStep(name)]) : v;
      // Nulls never carry optional-attribute markers in their type.
      if (r.isNull) r = nullOf(withoutOptionalAttributesDeep(r.type), r.marks);
      out.set(name, r);
    }
    for (const name of to.optional) {
      if (!out.has(name)) out.set(name, nullOf(withoutOptionalAttributesDeep(to.attributes[name]!)));
    }
    return buildObject(out);
  };
}

/** Tuple to tuple: same length, and each element converts. */
export function tupleToTuple(from: CtyTupleType, to: CtyTupleType, unsafe: boolean): Conv | undefined {
  if (from.elements.length !== to.elements.length) return undefined;
  const convs: (Conv | undefined)[] = [];
  for (let i = 0; i < to.elements.length; i++) {
    const inEty = from.elements[i]!;
    const outEty = to.elements[i]!;
    if (typeEquals(inEty, outEty)) {
      convs.push(undefined);
      continue;
    }
    const conv = getConversionInternal(inEty, outEty, unsafe);
    if (conv === undefined) return undefined;
    convs.push(conv);
  }
  return (value, path) =>
    buildTuple(
      seqElements(value).map((v, i) => {
        const conv = convs[i];
        return conv ? conv(v, [...path, indexStep(i)]) : v;
      }),
    );
}
