/**
 * Shared by both encoders: as go-cty's `Marshal`, a value whose type does not conform to the
 * requested type is first converted to it (e.g. the string "1" for a number attribute).
 *
 * @module
 * @internal
 */
import { conformsTo } from "./constructors.js";
import { convert } from "./convert.js";
import { CtyConversionError } from "./convert-error.js";
import { CtyCodecError } from "./msgpack-error.js";
import type { CtyType } from "./types.js";
import type { CtyValue } from "./value.js";

/** Returns `value` if it conforms to `type`, else its conversion; a failed conversion is a codec error. */
export function conformValue(value: CtyValue, type: CtyType): CtyValue {
  if (conformsTo(value.type, type)) return value;
  try {
    return convert(value, type);
  } catch (e) {
    if (e instanceof CtyConversionError) throw new CtyCodecError(e.message, e.path, { cause: e });
    throw e;
  }
}
