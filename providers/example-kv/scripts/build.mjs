#!/usr/bin/env node
// Builds the provider executable dist/terraform-provider-kv with pyvider's bundler: one
// minified file with every dependency inlined, a shebang, mode 0755, and the code-cache
// launcher (V8 compiles the provider once per machine; later starts skip the compile).
// `pyvider build` does the same with a versioned name and a start-up measurement.
import { renameSync, rmSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { bundleProvider } from "@pyvider/cli";

const dir = join(dirname(fileURLToPath(import.meta.url)), "..");
// Built beside dist/ and swapped in with renames, so a test running the executable while
// another rebuilds it sees the old build or the new one, never an empty dist/.
const staging = join(dir, `.dist-${process.pid}`);
const retired = join(dir, `.dist-old-${process.pid}`);
rmSync(staging, { recursive: true, force: true });
const result = await bundleProvider({
  entry: join(dir, "src/main.ts"),
  outfile: join(staging, "terraform-provider-kv"),
  cwd: dir,
});
try {
  renameSync(join(dir, "dist"), retired);
} catch (error) {
  if (error.code !== "ENOENT") throw error;
}
renameSync(staging, join(dir, "dist"));
rmSync(retired, { recursive: true, force: true });
for (const warning of result.warnings) process.stderr.write(`esbuild: ${warning}\n`);
process.stdout.write(`dist/terraform-provider-kv (${(result.bytes / 1024).toFixed(1)} KiB)\n`);
