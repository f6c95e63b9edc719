/**
 * The go-plugin start both gRPC bench servers share (test/grpc-servers/own.ts and grpcjs.ts):
 * magic cookie, a fresh server certificate, the client certificate from PLUGIN_CLIENT_CERT, a
 * private unix socket and the handshake line. Bundled and started by the repository's gRPC bench
 * (bench/src/grpc-bench.ts), so that the two differ only in the gRPC server.
 */
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { MAGIC_COOKIE_KEY, MAGIC_COOKIE_VALUE } from "../../src/handshake/constants.js";
import { formatHandshakeLine } from "../../src/handshake/line.js";
import { type GeneratedCertificate, generateCertificate } from "../../src/tls/certificate.js";

/** What a bench server needs to listen and announce itself. */
export interface PluginStart {
  /** The unix socket to listen on. */
  socket: string;
  /** Our certificate. */
  certificate: GeneratedCertificate;
  /** The client certificate (PEM) the client must present. */
  clientCertificatePem: string;
  /** Prints the handshake line (call once listening). */
  announce(): void;
}

/** Checks the environment as a provider does and prepares the socket and certificate. */
export function pluginStart(): PluginStart {
  if (process.env[MAGIC_COOKIE_KEY] !== MAGIC_COOKIE_VALUE) {
    process.stderr.write("This program is a Terraform/OpenTofu provider plugin.\n");
    process.exit(1);
  }
  const clientCertificatePem = process.env.PLUGIN_CLIENT_CERT;
  if (clientCertificatePem === undefined) throw new Error("PLUGIN_CLIENT_CERT is not set");
  const certificate = generateCertificate();
  const dir = mkdtempSync(join(process.env.PLUGIN_UNIX_SOCKET_DIR ?? tmpdir(), "plugin"));
  const socket = join(dir, "plugin.sock");
  process.on("exit", () => rmSync(dir, { recursive: true, force: true }));
  process.on("SIGTERM", () => process.exit(0));
  return {
    socket,
    certificate,
    clientCertificatePem,
    announce: () =>
      process.stdout.write(
        `${formatHandshakeLine({ protocolVersion: 6, network: "unix", address: socket, certificateDer: certificate.certificateDer })}\n`,
      ),
  };
}

/** The one small unary answer both servers give (GetProviderSchema). */
export const smallSchemaResponse = {
  provider: { version: 1, block: { version: 1, attributes: [], blockTypes: [] } },
  resourceSchemas: {},
  dataSourceSchemas: {},
  serverCapabilities: { planDestroy: true, getProviderSchemaOptional: true },
};
