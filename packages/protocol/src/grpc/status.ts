/**
 * gRPC status codes and the error type that carries one.
 */

/** The gRPC status codes (google.rpc.Code), by name. */
export const GrpcStatus = {
  OK: 0,
  CANCELLED: 1,
  UNKNOWN: 2,
  INVALID_ARGUMENT: 3,
  DEADLINE_EXCEEDED: 4,
  NOT_FOUND: 5,
  ALREADY_EXISTS: 6,
  PERMISSION_DENIED: 7,
  RESOURCE_EXHAUSTED: 8,
  FAILED_PRECONDITION: 9,
  ABORTED: 10,
  OUT_OF_RANGE: 11,
  UNIMPLEMENTED: 12,
  INTERNAL: 13,
  UNAVAILABLE: 14,
  DATA_LOSS: 15,
  UNAUTHENTICATED: 16,
} as const;

/** A gRPC status code. */
export type GrpcStatus = (typeof GrpcStatus)[keyof typeof GrpcStatus];

/**
 * Thrown by a handler to fail the call with a specific gRPC status code.
 * Any other thrown value becomes `UNKNOWN` with its message.
 */
export class RpcError extends Error {
  /** The gRPC status code. */
  readonly code: GrpcStatus;

  /** Creates an error with a gRPC status code and a message. */
  constructor(code: GrpcStatus, message: string) {
    super(message);
    this.name = "RpcError";
    this.code = code;
  }
}

/** The status code and message a thrown value ends its call with. @internal */
export function statusOf(error: unknown): { code: GrpcStatus; message: string } {
  if (error instanceof RpcError) return { code: error.code, message: error.message };
  return { code: GrpcStatus.UNKNOWN, message: error instanceof Error ? error.message : String(error) };
}

/**
 * Percent-encodes a status message for the `grpc-message` trailer: bytes
 * outside printable ASCII, and `%` itself, become `%XX` (gRPC over HTTP/2).
 * @internal
 */
export function encodeGrpcMessage(message: string): string {
  let out = "";
  for (const byte of Buffer.from(message, "utf8")) {
    out +=
      byte >= 0x20 && byte <= 0x7e && byte !== 0x25
        ? String.fromCharCode(byte)
        : `%${byte.toString(16).toUpperCase().padStart(2, "0")}`;
  }
  return out;
}
