/**
 * Start-up bench: spawn-to-handshake of the bundled example provider (median of N runs), as
 * Terraform starts a provider, each run right after a bare `node` that only prints a handshake
 * line (the CLI's `measureStartup`, the same measurement `pyvider build` reports). Two builds of
 * the same provider: the example's executable (dist/terraform-provider-kv, pyvider's bundler with
 * the code-cache launcher, the cache warmed by one start) and the plain bundle without it.
 *
 *   pnpm --filter @pyvider/bench run bench:startup [-- --runs 20]
 */
import { existsSync, mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { parseArgs } from "node:util";
import { bundleProvider, measureStartup } from "@pyvider/cli";

const root = join(dirname(fileURLToPath(import.meta.url)), "../..");

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
  const plain = join(work, "plain/terraform-provider-kv");
  await bundleProvider({ entry: join(kvDir, "src/main.ts"), outfile: plain, cwd: kvDir, codeCache: false });
  // the provider processes inherit this: a private code cache, warmed by one start (written at exit)
  process.env.PYVIDER_CODE_CACHE_DIR = join(work, "v8");
  await measureStartup(provider, [], 1);
  await new Promise((r) => setTimeout(r, 500));
  const subjects: Array<[string, string]> = [
    ["terraform-provider-kv", provider],
    ["the same, without code cache", plain],
  ];
  const reports = [];
  for (const [, file] of subjects) reports.push(await measureStartup(file, [], runs));
  rmSync(work, { recursive: true, force: true });
  console.log(`startup (median of ${runs}, spawn to handshake line; target: under 100 ms)`);
  for (const [n, [name]] of subjects.entries()) {
    const r = reports[n]!;
    console.log(
      `  ${name.padEnd(30)} ${r.medianMs.toFixed(1).padStart(7)} ms   bare node ${r.baselineMedianMs.toFixed(1)} ms   ${(r.medianMs / r.baselineMedianMs).toFixed(2)}x`,
    );
  }
}

if (import.meta.url === `file://${process.argv[1]}`) await runStartupBench();
