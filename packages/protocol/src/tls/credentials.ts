/**
 * gRPC server credentials for AutoMTLS: TLS >= 1.2 with our certificate, and
 * the client must present the certificate given in `PLUGIN_CLIENT_CERT`
 * (it is the only trusted CA, as go-plugin configures it).
 * @internal
 */
import { X509Certificate } from "node:crypto";
import { ServerCredentials } from "@grpc/grpc-js";
import type { GeneratedCertificate } from "./certificate.js";

class MutualTlsServerCredentials extends ServerCredentials {
  constructor(clientCertificatePem: string, server: GeneratedCertificate) {
    super(
      { requestCert: true, rejectUnauthorized: true, minVersion: "TLSv1.2" },
      {
        ca: [Buffer.from(clientCertificatePem)],
        cert: [Buffer.from(server.certificatePem)],
        key: [Buffer.from(server.privateKeyPem)],
        minVersion: "TLSv1.2",
      },
    );
  }

  _equals(other: ServerCredentials): boolean {
    return other === this;
  }
}

/**
 * Server credentials requiring the given client certificate.
 * @throws Error when `clientCertificatePem` holds no valid certificate.
 */
export function mutualTlsServerCredentials(
  clientCertificatePem: string,
  server: GeneratedCertificate,
): ServerCredentials {
  try {
    new X509Certificate(clientCertificatePem);
  } catch (error) {
    throw new Error(
      `PLUGIN_CLIENT_CERT does not hold a PEM certificate: ${error instanceof Error ? error.message : String(error)}`,
    );
  }
  return new MutualTlsServerCredentials(clientCertificatePem, server);
}
