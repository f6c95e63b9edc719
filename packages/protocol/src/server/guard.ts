/**
 * Per-call peer check: with AutoMTLS every call must come over a connection
 * whose client presented exactly the certificate from `PLUGIN_CLIENT_CERT`
 * (TLS verification alone would also accept other certificates issued by
 * that one, since Terraform's certificate is a CA).
 * @internal
 */
import { status, type UntypedServiceImplementation } from "@grpc/grpc-js";

interface CallWithAuth {
  getAuthContext(): { sslPeerCertificate?: { raw?: Buffer } };
}

/** A check that accepts only calls whose TLS peer certificate is `expectedDer`. */
export function exactPeerCertificate(expectedDer: Buffer): (call: CallWithAuth) => boolean {
  return (call) => {
    const raw = call.getAuthContext().sslPeerCertificate?.raw;
    return raw?.equals(expectedDer) === true;
  };
}

const refused = {
  code: status.UNAUTHENTICATED,
  details: "the client certificate is not the one given in PLUGIN_CLIENT_CERT",
};

/**
 * Wraps every method of a service implementation so that calls failing
 * `check` are refused with UNAUTHENTICATED before any handler runs.
 * Methods taking a callback (unary, client streaming) answer through it;
 * the others (server streaming, bidi) emit the error on the call.
 */
export function guardImplementation(
  implementation: UntypedServiceImplementation,
  check: (call: CallWithAuth) => boolean,
): UntypedServiceImplementation {
  const guarded: UntypedServiceImplementation = {};
  for (const [name, method] of Object.entries(implementation)) {
    const handler = method as (...args: unknown[]) => void;
    guarded[name] = (
      handler.length >= 2
        ? (call: CallWithAuth, callback: (error: unknown) => void) =>
            check(call) ? handler(call, callback) : callback(refused)
        : (call: CallWithAuth & { emit(event: "error", error: unknown): boolean }) =>
            check(call) ? handler(call) : call.emit("error", refused)
    ) as UntypedServiceImplementation[string];
  }
  return guarded;
}
