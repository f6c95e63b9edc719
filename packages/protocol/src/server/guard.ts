/**
 * Per-call peer check: with AutoMTLS every call must come over a connection
 * whose client presented exactly the certificate from `PLUGIN_CLIENT_CERT`
 * (TLS verification alone would also accept other certificates issued by
 * that one, since Terraform's certificate is a CA).
 * @internal
 */

/** The message of calls refused by {@link exactPeerCertificate}. */
export const UNEXPECTED_CLIENT_CERTIFICATE =
  "the client certificate is not the one given in PLUGIN_CLIENT_CERT";

/** A check that accepts only connections whose TLS peer certificate is `expectedDer`. */
export function exactPeerCertificate(expectedDer: Buffer): (peerCertificate: Buffer | undefined) => boolean {
  return (peerCertificate) => peerCertificate?.equals(expectedDer) === true;
}
