/**
 * Start-up bench: spawn-to-handshake of the bundled example provider (median of N runs), as
 * Terraform starts a provider, each run right after a bare `node` that only prints a handshake
 * line (the CLI's `measureStartup`, the same measurement `pyvider build` reports). Two builds of
 * the same provider: the example's executable (dist/terraform-provider-kv, pyvider's bundler with
 * the code-cache launcher, the cache warmed by one start) and the plain bundle without it; and a
 * floor: a bare node:http2 mTLS server on a unix socket, what no Node provider can beat.
 *
 *   pnpm --filter @pyvider/bench run bench:startup [-- --runs 20]
 */
import { existsSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { parseArgs } from "node:util";
import { bundleProvider, measureStartup } from "@pyvider/cli";
import { generateCertificate } from "@pyvider/protocol";

const root = join(dirname(fileURLToPath(import.meta.url)), "../..");

export async function runStartupBench(argv = process.argv.slice(2)): Promise<void> {
  const { values } = parseArgs({
    args: argv[0] === "--" ? argv.slice(1) : argv,
    options: {
      runs: { type: "string", default: "20" },
      provider: { type: "string", default: join(root, "providers/example-kv/dist/terraform-provider-kv") },
    },
  });
  const runs = Number(values.runs);
  const provider = values.provider!;
  if (!existsSync(provider))
    throw new Error(`no provider at ${provider}: build it first (npx pnpm exec turbo run build)`);
  const work = mkdtempSync(join(tmpdir(), "pyvider-startup-"));
  const kvDir = join(root, "providers/example-kv");
  const plain = join(work, "plain/terraform-provider-kv");
  await bundleProvider({ entry: join(kvDir, "src/main.ts"), outfile: plain, cwd: kvDir, codeCache: false });
  // the provider processes inherit this: a private code cache, warmed by one start (written at exit)
  process.env.PYVIDER_CODE_CACHE_DIR = join(work, "v8");
  await measureStartup(provider, [], 1);
  await new Promise((r) => setTimeout(r, 500));
  const floor = writeFloorServer(join(work, "floor"));
  const subjects: Array<[string, string]> = [
    ["terraform-provider-kv", provider],
    ["the same, without code cache", plain],
    ["node:http2 mTLS server only", floor],
  ];
  // Node 20 loads NODE_EXTRA_CA_CERTS eagerly at boot (parsing Node's ~140 bundled roots and the
  // file's), ~50 ms that every Node process here pays, bare node included. Without it the roots
  // are parsed when the first TLS context with a `ca` option is made (~20 ms); the server (and
  // the floor below) passes an empty `ca` list and checks the client certificate itself.
  // Both environments are measured; the machine's own comes first.
  const environments: Array<[string, string | undefined]> = [
    ["as inherited", process.env.NODE_EXTRA_CA_CERTS],
  ];
  if (process.env.NODE_EXTRA_CA_CERTS !== undefined)
    environments.push(["without NODE_EXTRA_CA_CERTS", undefined]);
  const rows: string[] = [];
  for (const [label, extraCa] of environments) {
    if (extraCa === undefined) delete process.env.NODE_EXTRA_CA_CERTS;
    else process.env.NODE_EXTRA_CA_CERTS = extraCa;
    rows.push(`  environment: ${label}${extraCa === undefined ? "" : ` (NODE_EXTRA_CA_CERTS=${extraCa})`}`);
    for (const [name, file] of subjects) {
      const r = await measureStartup(file, [], runs);
      rows.push(
        `    ${name.padEnd(30)} ${r.medianMs.toFixed(1).padStart(7)} ms   bare node ${r.baselineMedianMs.toFixed(1)} ms   ${(r.medianMs / r.baselineMedianMs).toFixed(2)}x`,
      );
    }
  }
  rmSync(work, { recursive: true, force: true });
  console.log(`startup (median of ${runs}, spawn to handshake line; target: under 100 ms)`);
  for (const row of rows) console.log(row);
}

/**
 * The floor of any Node provider here: an executable that only starts a node:http2 server with
 * mutual TLS (accepting only the client certificate in PLUGIN_CLIENT_CERT, as the provider does;
 * a fixed server certificate), listens on a unix socket and prints the handshake line. No gRPC,
 * no provider.
 */
function writeFloorServer(dir: string): string {
  mkdirSync(dir, { recursive: true });
  const { certificatePem, privateKeyPem } = generateCertificate();
  const file = join(dir, "floor-server");
  writeFileSync(
    file,
    `#!/usr/bin/env node
"use strict";
const http2 = require("node:http2"), fs = require("node:fs"), os = require("node:os"), path = require("node:path");
const dir = fs.mkdtempSync(path.join(os.tmpdir(), "pyvider-floor-"));
const socket = path.join(dir, "plugin.sock");
process.on("exit", () => fs.rmSync(dir, { recursive: true, force: true }));
process.on("SIGTERM", () => process.exit(0));
const server = http2.createSecureServer({ cert: ${JSON.stringify(certificatePem)}, key: ${JSON.stringify(privateKeyPem)},
  ca: [], requestCert: true, rejectUnauthorized: false, minVersion: "TLSv1.2" });
const trusted = new (require("node:crypto").X509Certificate)(process.env.PLUGIN_CLIENT_CERT).raw;
server.prependListener("secureConnection", (s) => { if (!trusted.equals(s.getPeerCertificate().raw ?? Buffer.alloc(0))) s.destroy(); });
server.listen(socket, () => process.stdout.write("1|6|unix|" + socket + "|grpc|x\\n"));
`,
    { mode: 0o755 },
  );
  return file;
}

if (import.meta.url === `file://${process.argv[1]}`) await runStartupBench();
