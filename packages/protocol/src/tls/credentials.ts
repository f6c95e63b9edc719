/**
 * The TLS side of AutoMTLS: TLS >= 1.2 with our certificate, and the client
 * must present the certificate given in `PLUGIN_CLIENT_CERT` or one it issued
 * (it is the only trusted CA, as go-plugin configures it; see
 * client-certificate.ts); calls are then accepted only from exactly that
 * certificate (see the peer guard).
 * @internal
 */
import { X509Certificate } from "node:crypto";
import type { ServerTls } from "../grpc/server.js";
import type { GeneratedCertificate } from "./certificate.js";

/**
 * The server TLS material requiring the given client certificate.
 * @throws Error when `clientCertificatePem` holds no valid certificate.
 */
export function mutualTlsServerCredentials(
  clientCertificatePem: string,
  server: GeneratedCertificate,
): ServerTls {
  try {
    new X509Certificate(clientCertificatePem);
  } catch (error) {
    throw new Error(
      `PLUGIN_CLIENT_CERT does not hold a PEM certificate: ${error instanceof Error ? error.message : String(error)}`,
    );
  }
  return { ca: [clientCertificatePem], cert: server.certificatePem, key: server.privateKeyPem };
}
