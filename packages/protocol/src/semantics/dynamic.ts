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
import { freeRequestBuffer, isOwnedRequestBuffer } from "../wire/request-buffer.js";
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

/**
 * Collects the server-owned request buffers `value` (nested) has views of; with `copy`, replaces
 * each such view by a copy of its own bytes.
 */
function detachViews(value: unknown, buffers: Set<ArrayBufferLike>, depth: number, copy = true): unknown {
  if (value instanceof Uint8Array) {
    if (!isOwnedRequestBuffer(value.buffer)) return value;
    buffers.add(value.buffer);
    if (!copy || value.byteLength === value.buffer.byteLength) return value;
    return Buffer.isBuffer(value) ? Buffer.from(value) : value.slice();
  }
  if (depth > 8 || typeof value !== "object" || value === null) return value;
  if (Array.isArray(value)) {
    for (let i = 0; i < value.length; i++) value[i] = detachViews(value[i], buffers, depth + 1, copy);
    return value;
  }
  const record = value as Record<string, unknown>;
  for (const key of Object.keys(record)) record[key] = detachViews(record[key], buffers, depth + 1, copy);
  return value;
}

/**
 * Lets go of a large request's buffer once its encoded values are decoded. A request arrives in one
 * buffer and its protobuf `bytes` fields are views of it (no copy on decode), so any one of them keeps
 * the whole buffer, up to 256 MiB, alive as long as the request object lives (the gRPC call, telemetry
 * and the RPC's fallback answer hold it until the response is sent). This removes the `decoded` fields
 * from `request`; when they were views of a buffer the gRPC server owns (a large one, see
 * request-buffer), it replaces every other `bytes` field that is a view of it by a copy of its own
 * bytes (private state, identity: small) and frees the buffer at once. Any other request (a small one,
 * one built in process) is not walked further. Callers must not read the removed fields afterwards.
 */
export function releaseRequestBuffer<T extends object>(
  request: T,
  decoded: readonly { [K in keyof T]: T[K] extends DynamicValue | undefined ? K : never }[keyof T][],
): void {
  const buffers = new Set<ArrayBufferLike>();
  const record = request as Record<keyof T, unknown>;
  for (const field of decoded) {
    detachViews(record[field], buffers, 0, false);
    record[field] = undefined;
  }
  if (buffers.size === 0) return;
  detachViews(request, buffers, 0);
  for (const buffer of buffers) freeRequestBuffer(buffer);
}
