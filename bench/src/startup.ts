/**
 * Start-up bench: spawn-to-handshake of the bundled example provider (median of N runs), as
 * Terraform starts a provider, each run right after a bare `node` that only prints a handshake
 * line (the CLI's `measureStartup`, the same measurement `pyvider build` reports). Two builds of
 * the same provider: the example's executable (dist/terraform-provider-kv, pyvider's bundler with
 * the code-cache launcher, the cache warmed by one start) and the plain bundle without it; and a
 * floor: a bare node:http2 mTLS server on a unix socket (node-floor.ts), what no Node provider
 * can beat; and the V8 startup snapshot candidate (snapshot.ts, measured, not shipped).
 *
 *   pnpm --filter @pyvider/bench run bench:startup [-- --runs 20]
 */
import { existsSync, mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { parseArgs } from "node:util";
import { bundleProvider, measureStartup } from "@pyvider/cli";
import { writeNodeFloorProvider } from "./node-floor.js";
import { writeSnapshotProvider } from "./snapshot.js";

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
  const floor = writeNodeFloorProvider(join(work, "floor"));
  const subjects: Array<[string, string]> = [
    ["terraform-provider-kv", provider],
    ["the same, without code cache", plain],
    ["Node floor (node-floor.ts)", floor],
    ["V8 startup snapshot (snapshot.ts)", await writeSnapshotProvider(join(work, "snapshot"), kvDir)],
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
        `    ${name.padEnd(34)} ${r.medianMs.toFixed(1).padStart(7)} ms   bare node ${r.baselineMedianMs.toFixed(1)} ms   ${(r.medianMs / r.baselineMedianMs).toFixed(2)}x`,
      );
    }
  }
  rmSync(work, { recursive: true, force: true });
  console.log(`startup (median of ${runs}, spawn to handshake line; target: under 100 ms)`);
  for (const row of rows) console.log(row);
}

if (import.meta.url === `file://${process.argv[1]}`) await runStartupBench();
