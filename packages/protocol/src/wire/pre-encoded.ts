/**
 * A response encoded ahead of time: a unary handler may return one instead of a message, and the
 * server sends its bytes as they are (GetProviderSchema is encoded once, not on every call).
 * @internal
 */
export class PreEncoded {
  /** @param bytes the encoded response message */
  constructor(readonly bytes: Uint8Array) {}
}

/** A service definition whose response serializers pass {@link PreEncoded} bytes through. */
export function withPreEncodedResponses<
  D extends Record<string, { responseSerialize: (value: never) => Buffer }>,
>(definition: D): D {
  const out: Record<string, unknown> = {};
  for (const [name, method] of Object.entries(definition)) {
    const serialize = method.responseSerialize as (value: unknown) => Buffer;
    out[name] = {
      ...method,
      responseSerialize: (value: unknown): Buffer =>
        value instanceof PreEncoded
          ? Buffer.from(value.bytes.buffer, value.bytes.byteOffset, value.bytes.byteLength)
          : serialize(value),
    };
  }
  return out as D;
}
