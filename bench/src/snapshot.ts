/**
 * The V8 startup snapshot candidate for start-up (issue: "a V8 startup snapshot, Node 20's
 * `--build-snapshot`"), built here so its figure is measured, not assumed. The example provider
 * is bundled (pyvider's bundler, no code-cache launcher) from snapshot-entry.ts, which builds the
 * provider definition at build time and defers `serve()` to the snapshot's main function;
 * `node --build-snapshot` runs it once and writes the blob; a `#!/bin/sh` launcher execs
 * `node --snapshot-blob <blob>`, the only way Node 20 runs a snapshot outside a
 * single-executable application.
 *
 * Not shipped: a blob only loads in the Node binary that built it (so it would have to be built
 * on each user's machine, keyed by the Node binary a shell script cannot identify cheaply), the
 * provider module's top-level code would run at build time (its `process.env` reads frozen into
 * the blob), Node 20 warns that `module` and `async_hooks` are not verified in snapshots, and
 * the gain measured here does not reach the start-up target (see bench/README.md).
 */
import { execFileSync } from "node:child_process";
import { mkdirSync, writeFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { bundleProvider } from "@pyvider/cli";

/** `value` as one single-quoted shell word. */
const shellWord = (value: string) => `'${value.replaceAll("'", `'\\''`)}'`;

/** Builds the snapshot blob and its launcher in `dir`; returns the launcher's path. */
export async function writeSnapshotProvider(dir: string, kvDir: string): Promise<string> {
  mkdirSync(dir, { recursive: true });
  const entry = join(dirname(fileURLToPath(import.meta.url)), "snapshot-entry.ts");
  const bundle = join(dir, "bundle.cjs");
  await bundleProvider({ entry, outfile: bundle, cwd: kvDir, codeCache: false });
  const blob = join(dir, "kv.blob");
  // Node prints its "not yet fully verified" warnings for `module` and `async_hooks` here.
  execFileSync(process.execPath, ["--snapshot-blob", blob, "--build-snapshot", bundle], {
    stdio: ["ignore", "ignore", "pipe"],
  });
  const launcher = join(dir, "terraform-provider-kv");
  writeFileSync(
    launcher,
    `#!/bin/sh\nexec ${shellWord(process.execPath)} --snapshot-blob ${shellWord(blob)} "$@"\n`,
    { mode: 0o755 },
  );
  return launcher;
}
