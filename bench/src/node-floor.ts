/**
 * The floor of any Node provider: an executable with no framework and no provider code that
 * does only what Terraform needs for `providers schema -json`. It starts a `node:http2` server
 * with mutual TLS on a unix socket (a fixed server certificate, and only the client certificate
 * in `PLUGIN_CLIENT_CERT` accepted, as a provider does), prints the go-plugin handshake line,
 * answers `GetProviderSchema` with fixed bytes (the example provider's response, captured once)
 * and exits once it has answered `GRPCController.Shutdown`. The stdio and broker streams are
 * accepted and held; every other method answers UNIMPLEMENTED.
 *
 * What this costs against the Go provider is what Node itself costs, before any provider work:
 * the part of a ratio no change to this framework can remove.
 */
import { mkdirSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { generateCertificate, tfplugin6 } from "@pyvider/protocol";
import { startProviderProcess } from "@pyvider/testing";

/** The encoded GetProviderSchema response of a provider executable (started once, then shut down). */
export async function captureSchemaResponse(executable: string): Promise<Buffer> {
  const provider = await startProviderProcess({
    command: executable,
    env: { NODE_EXTRA_CA_CERTS: undefined },
  });
  try {
    const response = await provider.getProviderSchema({});
    return Buffer.from(tfplugin6.GetProviderSchema_Response.encode(response).finish());
  } finally {
    await provider.shutdown();
  }
}

/**
 * Writes the floor executable into `dir` and returns its path. Without `schema` it answers
 * GetProviderSchema with an empty response (enough for the handshake-only start-up figure).
 */
export function writeNodeFloorProvider(dir: string, schema: Buffer = Buffer.alloc(0)): string {
  mkdirSync(dir, { recursive: true });
  const { certificatePem, privateKeyPem, certificateDer } = generateCertificate();
  const file = join(dir, "terraform-provider-floor");
  writeFileSync(
    file,
    `#!/usr/bin/env node
"use strict";
const http2 = require("node:http2"), fs = require("node:fs"), os = require("node:os"), path = require("node:path");
const SCHEMA = Buffer.from(${JSON.stringify(schema.toString("base64"))}, "base64");
const dir = fs.mkdtempSync(path.join(os.tmpdir(), "pyvider-floor-"));
const socket = path.join(dir, "plugin.sock");
process.on("exit", () => fs.rmSync(dir, { recursive: true, force: true }));
process.on("SIGTERM", () => process.exit(0));
const server = http2.createSecureServer({ cert: ${JSON.stringify(certificatePem)}, key: ${JSON.stringify(privateKeyPem)},
  ca: [], requestCert: true, rejectUnauthorized: false, minVersion: "TLSv1.2" });
const trusted = new (require("node:crypto").X509Certificate)(process.env.PLUGIN_CLIENT_CERT).raw;
server.prependListener("secureConnection", (s) => { if (!trusted.equals(s.getPeerCertificate().raw ?? Buffer.alloc(0))) s.destroy(); });
const GRPC = { ":status": 200, "content-type": "application/grpc" };
server.on("stream", (stream, headers) => {
  stream.on("error", () => {});
  const method = headers[":path"];
  if (method === "/plugin.GRPCStdio/StreamStdio" || method === "/plugin.GRPCBroker/StartStream") {
    stream.respond(GRPC);
    return;
  }
  stream.resume();
  stream.on("end", () => {
    if (method !== "/tfplugin6.Provider/GetProviderSchema" && method !== "/plugin.GRPCController/Shutdown") {
      stream.respond({ ...GRPC, "grpc-status": "12" }, { endStream: true });
      return;
    }
    const message = method === "/plugin.GRPCController/Shutdown" ? Buffer.alloc(0) : SCHEMA;
    const frame = Buffer.alloc(5 + message.length);
    frame.writeUInt32BE(message.length, 1);
    message.copy(frame, 5);
    stream.respond(GRPC, { waitForTrailers: true });
    stream.on("wantTrailers", () => stream.sendTrailers({ "grpc-status": "0" }));
    if (method === "/plugin.GRPCController/Shutdown") stream.on("close", () => process.exit(0));
    stream.end(frame);
  });
});
server.listen(socket, () =>
  process.stdout.write("1|6|unix|" + socket + "|grpc|" + ${JSON.stringify(certificateDer.toString("base64").replace(/=+$/, ""))} + "\\n"));
`,
    { mode: 0o755 },
  );
  return file;
}
