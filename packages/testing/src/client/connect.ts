/**
 * Opens the gRPC channel to a plugin the way go-plugin's client does: unix
 * socket or TCP, mutual TLS with our client certificate, and the server must
 * present exactly the certificate from its handshake line.
 * @internal
 */
import { X509Certificate } from "node:crypto";
import { type ChannelCredentials, Client, credentials } from "@grpc/grpc-js";
import { derToPem, MAX_MESSAGE_BYTES, type PluginAddress } from "@pyvider/protocol";

/** TLS material for a connection. */
export interface ClientTls {
  /** The server certificate (DER) announced in the handshake. */
  serverCertificateDer: Buffer;
  /** Our certificate (PEM), the one given to the plugin as PLUGIN_CLIENT_CERT. */
  clientCertificatePem: string;
  /** Our private key (PEM). */
  clientPrivateKeyPem: string;
}

/** The grpc-js target string for a plugin address. */
export function grpcTarget(address: PluginAddress): string {
  return address.network === "unix" ? `unix://${address.address}` : `ipv4:${address.address}`;
}

/** Connects a grpc-js client (plaintext when `tls` is undefined). */
export function connectGrpc(address: PluginAddress, tls: ClientTls | undefined): Client {
  let channelCredentials: ChannelCredentials;
  if (tls) {
    const expected = tls.serverCertificateDer;
    channelCredentials = credentials.createSsl(
      Buffer.from(derToPem(expected, "CERTIFICATE")),
      Buffer.from(tls.clientPrivateKeyPem),
      Buffer.from(tls.clientCertificatePem),
      {
        checkServerIdentity: (_host, certificate) => {
          if (!certificate.raw.equals(expected)) {
            return new Error("the plugin presented a TLS certificate other than the one in its handshake");
          }
          return undefined;
        },
      },
    );
    // Fail early with a clear message if the handshake certificate is unusable.
    new X509Certificate(expected);
  } else {
    channelCredentials = credentials.createInsecure();
  }
  return new Client(grpcTarget(address), channelCredentials, {
    "grpc.max_receive_message_length": MAX_MESSAGE_BYTES,
    "grpc.max_send_message_length": MAX_MESSAGE_BYTES,
    "grpc.ssl_target_name_override": "localhost",
    "grpc.default_authority": "localhost",
  });
}
