/**
 * `DynamicValue` on the wire: decoded from msgpack or JSON (whichever is set) into a cty value of
 * the schema's type, encoded as msgpack. A value that does not decode becomes an error diagnostic
 * naming what it was (`configuration`, `prior state`, ...), never an exception.
 *
 * @module
 */
import {
  CtyCodecError,
  type CtyType,
  type CtyValue,
  decodeJSON,
  decodeMsgpack,
  encodeMsgpack,
  nullVal,
  unmarkDeep,
} from "@pyvider/cty";
import type { Diagnostic } from "@pyvider/schema";
import type { DynamicValue } from "../gen/tfplugin6.js";
import { errorAt } from "./diagnostics.js";

/** Thrown by the semantics when a request cannot be processed; carries the diagnostics to answer with. */
export class RequestError extends Error {
  /** @param diagnostics what to report */
  constructor(readonly diagnostics: readonly Diagnostic[]) {
    super(diagnostics.map((d) => d.summary).join("; "));
    this.name = "RequestError";
  }
}

function messageOf(e: unknown): string {
  return e instanceof Error ? e.message : String(e);
}

/**
 * Decodes a `DynamicValue` into a value of `type`. A missing value (or one with neither msgpack nor
 * JSON bytes) is null. Throws {@link RequestError} with an error diagnostic if it does not decode.
 * @param what what the value is, for the message (`configuration`, `prior state`, ...)
 */
export function decodeDynamic(dv: DynamicValue | undefined, type: CtyType, what: string): CtyValue {
  try {
    if (dv === undefined) return nullVal(type);
    if (dv.msgpack.length > 0) return decodeMsgpack(dv.msgpack, type);
    if (dv.json.length > 0) return decodeJSON(dv.json, type);
    return nullVal(type);
  } catch (e) {
    const path = e instanceof CtyCodecError && e.path.length > 0 ? e.path : undefined;
    throw new RequestError([
      errorAt(
        `Invalid ${what}`,
        `The ${what} sent by Terraform does not match the schema: ${messageOf(e)}. This is a bug in Terraform or in the provider's schema; please report it.`,
        path,
      ),
    ]);
  }
}

/** Encodes a value as a msgpack `DynamicValue` of `type` (marks are dropped). */
export function encodeDynamic(value: CtyValue, type: CtyType): DynamicValue {
  const [plain] = unmarkDeep(value);
  return { msgpack: encodeMsgpack(plain, type), json: new Uint8Array(0) };
}
