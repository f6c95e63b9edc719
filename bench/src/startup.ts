/**
 * Start-up bench: spawn-to-handshake of the bundled example provider (median of N runs),
 * beside bare `node -e 0` measured in the same run, as Terraform starts a provider
 * (magic cookie, protocol versions, a client certificate for AutoMTLS).
 *
 *   pnpm --filter @pyvider/bench run bench:startup [-- --runs 20 --provider <path>]
 */
import { spawn } from "node:child_process";
import { existsSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { parseArgs } from "node:util";
import { generateCertificate } from "@pyvider/protocol";

const MAGIC = "d602bf8f470bc67ca7faa0386276bbdd4330efaf76d1a219cb4d6991ca9872b2";
const root = join(dirname(fileURLToPath(import.meta.url)), "../..");

/** Milliseconds from spawn until the first stdout line (the handshake), then kills the child. */
function timeToHandshake(command: string, args: string[], env: NodeJS.ProcessEnv): Promise<number> {
  return new Promise((resolve, reject) => {
    const started = process.hrtime.bigint();
    const child = spawn(command, args, { env, stdio: ["ignore", "pipe", "pipe"] });
    let out = "";
    let err = "";
    child.stderr.on("data", (d) => (err += d));
    child.stdout.on("data", (d) => {
      out += d;
      if (out.includes("\n")) {
        const ms = Number(process.hrtime.bigint() - started) / 1e6;
        if (!/^1\|6\|(unix|tcp)\|/.test(out)) reject(new Error(`unexpected handshake: ${out.trim()}`));
        child.kill("SIGKILL");
        resolve(ms);
      }
    });
    child.on("error", reject);
    child.on("exit", (code) => {
      if (!out.includes("\n")) reject(new Error(`exited ${code} before the handshake: ${err.trim()}`));
    });
  });
}

/** Milliseconds from spawn until the process exits. */
function timeToExit(command: string, args: string[]): Promise<number> {
  return new Promise((resolve, reject) => {
    const started = process.hrtime.bigint();
    const child = spawn(command, args, { stdio: "ignore" });
    child.on("error", reject);
    child.on("exit", () => resolve(Number(process.hrtime.bigint() - started) / 1e6));
  });
}

const median = (xs: number[]) => {
  const s = [...xs].sort((a, b) => a - b);
  const m = s.length >> 1;
  return s.length % 2 ? s[m]! : (s[m - 1]! + s[m]!) / 2;
};

export async function runStartupBench(argv = process.argv.slice(2)): Promise<void> {
  const { values } = parseArgs({
    args: argv,
    options: {
      runs: { type: "string", default: "20" },
      provider: { type: "string", default: join(root, "providers/example-kv/dist/terraform-provider-kv") },
    },
  });
  const runs = Number(values.runs);
  const provider = values.provider!;
  if (!existsSync(provider)) throw new Error(`no provider at ${provider}: build it first (npx pnpm exec turbo run build)`);
  const cert = generateCertificate();
  const env = {
    ...process.env,
    TF_PLUGIN_MAGIC_COOKIE: MAGIC,
    PLUGIN_PROTOCOL_VERSIONS: "6",
    PLUGIN_CLIENT_CERT: cert.certificatePem,
    PLUGIN_MIN_PORT: "10000",
    PLUGIN_MAX_PORT: "25000",
  };
  const bare: number[] = [];
  const ours: number[] = [];
  // interleave the two so that machine load affects both alike; one warm-up each
  await timeToExit(process.execPath, ["-e", "0"]);
  await timeToHandshake(provider, [], env);
  for (let i = 0; i < runs; i++) {
    bare.push(await timeToExit(process.execPath, ["-e", "0"]));
    ours.push(await timeToHandshake(provider, [], env));
  }
  const b = median(bare);
  const o = median(ours);
  console.log(`startup (median of ${runs}, spawn to handshake line)`);
  console.log(`  node -e 0                 ${b.toFixed(1)} ms`);
  console.log(`  terraform-provider-kv     ${o.toFixed(1)} ms`);
  console.log(`  ratio provider / bare node ${(o / b).toFixed(2)}x   (target: provider under 100 ms)`);
}

if (import.meta.url === `file://${process.argv[1]}`) await runStartupBench();
