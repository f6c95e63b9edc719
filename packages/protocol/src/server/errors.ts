/** Errors a handler can throw to choose the gRPC status it becomes. */
import { status } from "@grpc/grpc-js";

/** gRPC status codes (re-exported from grpc-js). */
export { status as GrpcStatus };

/**
 * Thrown by a handler to fail the call with a specific gRPC status code.
 * Any other thrown value becomes `UNKNOWN` with its message.
 */
export class RpcError extends Error {
  /** The gRPC status code. */
  readonly code: status;

  /** Creates an error with a gRPC status code and a message. */
  constructor(code: status, message: string) {
    super(message);
    this.name = "RpcError";
    this.code = code;
  }
}

/** The gRPC status object for a thrown value. @internal */
export function toServiceError(error: unknown): { code: status; details: string; message: string } {
  const code = error instanceof RpcError ? error.code : status.UNKNOWN;
  const details = error instanceof Error ? error.message : String(error);
  return { code, details, message: details };
}
