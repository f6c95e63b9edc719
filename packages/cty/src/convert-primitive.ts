/**
 * Conversions between primitive types (internal). Safe: number→string, bool→string.
 * Unsafe: string→number (go-cty `ParseNumberVal`), string→bool (`true`/`1`, `false`/`0`).
 *
 * @module
 */
import type { Conv } from "./convert.js";
import { CtyConversionError } from "./convert-error.js";
import { CtyNum } from "./number.js";
import type { CtyBoolType, CtyNumberType, CtyStringType } from "./types.js";
import { CtyBool, CtyNumber, CtyString } from "./types.js";
import { CtyValue } from "./value.js";

type Primitive = CtyStringType | CtyNumberType | CtyBoolType;

const numberToString: Conv = (v) => new CtyValue(CtyString, (v.raw as CtyNum).text());
const boolToString: Conv = (v) => new CtyValue(CtyString, v.raw === true ? "true" : "false");

const stringToNumber: Conv = (v, path) => {
  let n: CtyNum;
  try {
    n = CtyNum.parse(v.raw as string);
  } catch {
    throw new CtyConversionError("a number is required", path);
  }
  return new CtyValue(CtyNumber, n);
};

const stringToBool: Conv = (v, path) => {
  const s = v.raw as string;
  switch (s) {
    case "true":
    case "1":
      return new CtyValue(CtyBool, true);
    case "false":
    case "0":
      return new CtyValue(CtyBool, false);
  }
  // Go's strings.ToLower maps full Unicode lower case; "TRUE", "True" etc. get a hint.
  const lower = s.toLowerCase();
  if (lower === "true" || lower === "false") {
    throw new CtyConversionError(
      `a bool is required; to convert from string, use lowercase "${lower}"`,
      path,
    );
  }
  throw new CtyConversionError("a bool is required", path);
};

/** The conversion between two primitive types, or undefined (also for a type to itself). */
export function primitiveConversion(from: Primitive, to: Primitive, unsafe: boolean): Conv | undefined {
  if (to.kind === "string") {
    if (from.kind === "number") return numberToString;
    if (from.kind === "bool") return boolToString;
    return undefined;
  }
  if (!unsafe || from.kind !== "string") return undefined;
  return to.kind === "number" ? stringToNumber : stringToBool;
}
