/**
 * Start-up bench: spawn-to-handshake of the bundled example provider (median of N runs),
 * beside bare `node -e 0` measured in the same run, as Terraform starts a provider
 * (magic cookie, protocol versions, a client certificate for AutoMTLS). Two builds of the
 * same provider: the example's executable (dist/terraform-provider-kv, pyvider's bundler with
 * the code-cache launcher, the cache warmed by one start) and the plain bundle without it.
 *
 *   pnpm --filter @pyvider/bench run bench:startup [-- --runs 20]
 */
import { spawn } from "node:child_process";
import { existsSync, mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { parseArgs } from "node:util";
import { bundleProvider } from "@pyvider/cli";
import { generateCertificate } from "@pyvider/protocol";

const MAGIC = "d602bf8f470bc67ca7faa0386276bbdd4330efaf76d1a219cb4d6991ca9872b2";
const root = join(dirname(fileURLToPath(import.meta.url)), "../..");

/**
 * Milliseconds from spawn until the first stdout line (the handshake). The child then gets
 * SIGTERM (a graceful exit, as after Terraform's Shutdown) and the promise settles once it exited.
 */
function timeToHandshake(command: string, args: string[], env: NodeJS.ProcessEnv): Promise<number> {
  return new Promise((resolve, reject) => {
    const started = process.hrtime.bigint();
    const child = spawn(command, args, { env, stdio: ["ignore", "pipe", "pipe"] });
    let out = "";
    let err = "";
    let ms = 0;
    child.stderr.on("data", (d) => (err += d));
    child.stdout.on("data", (d) => {
      out += d;
      if (ms === 0 && out.includes("\n")) {
        ms = Number(process.hrtime.bigint() - started) / 1e6;
        if (!/^1\|6\|(unix|tcp)\|/.test(out)) reject(new Error(`unexpected handshake: ${out.trim()}`));
        child.kill("SIGTERM");
      }
    });
    child.on("error", reject);
    child.on("exit", (code) => {
      if (ms === 0) reject(new Error(`exited ${code} before the handshake: ${err.trim()}`));
      else resolve(ms);
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
  if (!existsSync(provider))
    throw new Error(`no provider at ${provider}: build it first (npx pnpm exec turbo run build)`);
  const work = mkdtempSync(join(tmpdir(), "pyvider-startup-"));
  const kvDir = join(root, "providers/example-kv");
  const entry = join(kvDir, "src/main.ts");
  const plain = join(work, "plain/terraform-provider-kv");
  await bundleProvider({ entry, outfile: plain, cwd: kvDir, codeCache: false });
  const cert = generateCertificate();
  const env = {
    ...process.env,
    TF_PLUGIN_MAGIC_COOKIE: MAGIC,
    PLUGIN_PROTOCOL_VERSIONS: "6",
    PLUGIN_CLIENT_CERT: cert.certificatePem,
    PLUGIN_MIN_PORT: "10000",
    PLUGIN_MAX_PORT: "25000",
    PYVIDER_CODE_CACHE_DIR: join(work, "v8"),
  };
  const subjects: Array<[string, string]> = [
    ["terraform-provider-kv", provider],
    ["the same, without code cache", plain],
  ];
  const bare: number[] = [];
  const times = subjects.map(() => [] as number[]);
  // interleave everything so that machine load affects all alike; one warm-up each
  // (the warm-up of the code-cache build writes its cache when the process exits)
  await timeToExit(process.execPath, ["-e", "0"]);
  for (const [, file] of subjects) await timeToHandshake(file, [], env);
  await new Promise((r) => setTimeout(r, 500));
  for (let i = 0; i < runs; i++) {
    bare.push(await timeToExit(process.execPath, ["-e", "0"]));
    for (const [n, [, file]] of subjects.entries()) times[n]!.push(await timeToHandshake(file, [], env));
  }
  rmSync(work, { recursive: true, force: true });
  const b = median(bare);
  console.log(`startup (median of ${runs}, spawn to handshake line; target: under 100 ms)`);
  console.log(`  ${"node -e 0".padEnd(30)} ${b.toFixed(1).padStart(7)} ms`);
  for (const [n, [name]] of subjects.entries()) {
    const m = median(times[n]!);
    console.log(`  ${name.padEnd(30)} ${m.toFixed(1).padStart(7)} ms   ${(m / b).toFixed(2)}x bare node`);
  }
}

if (import.meta.url === `file://${process.argv[1]}`) await runStartupBench();
