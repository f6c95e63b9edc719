/**
 * The connection-level check of a mutual-TLS client: its certificate must be one of the
 * trusted ones, or be issued and signed by one of them and be within its validity period.
 *
 * The server does this itself rather than through OpenSSL's verification (`ca` plus
 * `rejectUnauthorized`): Node 20, adding a certificate given in `ca`, first builds its root
 * store from the ~140 bundled Mozilla roots (only to compare it with the context's store), and
 * parsing them is about 20 ms of every provider start, a third of it. With an empty `ca` list
 * OpenSSL still requests the client's certificate, and this check trusts exactly the
 * certificates given.
 * @internal
 */
import { X509Certificate } from "node:crypto";
import type { Http2SecureServer } from "node:http2";
import type { TLSSocket } from "node:tls";

/** Why a client certificate is refused, or `undefined` when it is accepted. */
export function clientCertificateProblem(
  peerDer: Buffer | undefined,
  trusted: readonly X509Certificate[],
  now: Date = new Date(),
): string | undefined {
  if (peerDer === undefined || peerDer.length === 0) return "the client presented no certificate";
  if (trusted.some((ca) => ca.raw.equals(peerDer))) return undefined;
  let peer: X509Certificate;
  try {
    peer = new X509Certificate(peerDer);
  } catch {
    return "the client certificate cannot be parsed";
  }
  const issuer = trusted.find((ca) => peer.checkIssued(ca) && peer.verify(ca.publicKey));
  if (issuer === undefined) return "the client certificate is not issued by a trusted certificate";
  if (now < new Date(peer.validFrom) || now > new Date(peer.validTo))
    return `the client certificate is not valid now (valid from ${peer.validFrom} to ${peer.validTo})`;
  return undefined;
}

/**
 * Makes `server` hand only connections whose client certificate passes
 * {@link clientCertificateProblem} to HTTP/2; others are closed right after the handshake,
 * before a stream is read, and `onRefused` is told why.
 */
export function guardClientCertificates(
  server: Http2SecureServer,
  trustedPem: readonly string[],
  onRefused: (message: string) => void,
): void {
  const trusted = trustedPem.map((pem) => new X509Certificate(pem));
  // node:http2 sets up its session in a `secureConnection` listener added by its constructor;
  // the check runs in its place and calls it only for accepted connections.
  const inner = server.listeners("secureConnection") as Array<
    (this: Http2SecureServer, s: TLSSocket) => void
  >;
  server.removeAllListeners("secureConnection");
  server.on("secureConnection", function (this: Http2SecureServer, socket: TLSSocket) {
    const problem = clientCertificateProblem(socket.getPeerCertificate()?.raw, trusted);
    if (problem !== undefined) {
      socket.destroy();
      onRefused(`TLS client refused: ${problem}`);
      return;
    }
    for (const listener of inner) listener.call(this, socket);
  });
}
