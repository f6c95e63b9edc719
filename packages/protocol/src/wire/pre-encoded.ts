import type { BinaryWriter } from "@bufbuild/protobuf/wire";
import { frameMessage } from "../grpc/framing.js";
import { GrpcStatus, RpcError } from "../grpc/status.js";
import { encodeFrame } from "./framed-writer.js";
import { providerMessageCodecs } from "./methods.js";

/**
 * A response encoded ahead of time: a unary handler may return one instead of a message, and the
 * server sends its bytes as they are (GetProviderSchema is encoded once, not on every call).
 * @internal
 */
export class PreEncoded {
  /** @param bytes the encoded response message */
  constructor(readonly bytes: Uint8Array) {}
}

/**
 * A service definition whose response serializers pass {@link PreEncoded} bytes through, and
 * whose responses of the provider service are encoded straight into their gRPC frame (one copy
 * of a large state, in a buffer of the exact size).
 */
export function withPreEncodedResponses<
  D extends Record<string, { responseSerialize: (value: never) => Buffer }>,
>(definition: D): D {
  const codecs = providerMessageCodecs as Record<string, { response: { encode: unknown } } | undefined>;
  const out: Record<string, unknown> = {};
  for (const [name, method] of Object.entries(definition)) {
    const serialize = method.responseSerialize as (value: unknown) => Buffer;
    const encode = codecs[name]?.response.encode as
      | ((message: unknown, writer: BinaryWriter) => unknown)
      | undefined;
    out[name] = {
      ...method,
      responseSerialize: (value: unknown): Buffer =>
        value instanceof PreEncoded
          ? Buffer.from(value.bytes.buffer, value.bytes.byteOffset, value.bytes.byteLength)
          : serialize(value),
      responseFrame: (value: unknown, maxBytes: number): Buffer | Buffer[] => {
        if (value instanceof PreEncoded || encode === undefined) {
          const bytes = value instanceof PreEncoded ? value.bytes : serialize(value);
          if (bytes.length > maxBytes) {
            throw new RpcError(
              GrpcStatus.RESOURCE_EXHAUSTED,
              `the response is larger than the maximum (${bytes.length} vs. ${maxBytes} bytes)`,
            );
          }
          return frameMessage(bytes);
        }
        return encodeFrame(encode, value, maxBytes);
      },
    };
  }
  return out as D;
}
