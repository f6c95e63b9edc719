/**
 * A Node single-executable application (SEA) of a provider for the current
 * platform: the CommonJS bundle is turned into a blob by
 * `node --experimental-sea-config` and injected into a copy of the local
 * `node` binary with postject.
 */
import { execFileSync, spawnSync } from "node:child_process";
import { chmodSync, copyFileSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { createRequire } from "node:module";
import { join } from "node:path";
import { CliError, messageOf } from "../cli/errors.js";

/** The fuse Node looks for in a SEA binary. */
const SEA_FUSE = "NODE_SEA_FUSE_fce680ab2cc467b6e072b8b5df1996b2";

/** Options of {@link buildSea}. */
export interface SeaOptions {
  /** A CommonJS bundle (SEA main scripts must be CommonJS in Node 20). */
  cjsBundle: string;
  /** The executable to write. */
  outfile: string;
  /** Scratch directory. */
  workDir: string;
  /** Embed V8's code cache for the script; default true. */
  useCodeCache?: boolean;
}

/** Builds the SEA binary; returns its path. */
export function buildSea(options: SeaOptions): string {
  if (process.platform !== "linux") throw new CliError("--sea is only supported on Linux here");
  const blob = join(options.workDir, "sea-prep.blob");
  const config = join(options.workDir, "sea-config.json");
  // SEA main scripts run without a file path: strip the shebang line, which a CJS wrapper would reject.
  const script = join(options.workDir, "sea-main.cjs");
  writeFileSync(script, readFileSync(options.cjsBundle, "utf8").replace(/^#!.*\n/, ""));
  writeFileSync(
    config,
    JSON.stringify({
      main: script,
      output: blob,
      disableExperimentalSEAWarning: true,
      useCodeCache: options.useCodeCache ?? true,
    }),
  );
  try {
    execFileSync(process.execPath, ["--experimental-sea-config", config], { stdio: "pipe" });
  } catch (error) {
    throw new CliError(`node --experimental-sea-config failed: ${messageOf(error)}`);
  }
  rmSync(options.outfile, { force: true });
  copyFileSync(process.execPath, options.outfile);
  chmodSync(options.outfile, 0o755);
  // postject's CLI, in a child process: its wasm prints harmless ELF warnings we keep off the terminal
  let cli: string;
  try {
    cli = createRequire(import.meta.url).resolve("postject/dist/cli.js");
  } catch (error) {
    throw new CliError(`cannot find postject: ${messageOf(error)}`);
  }
  const result = spawnSync(
    process.execPath,
    [cli, options.outfile, "NODE_SEA_BLOB", blob, "--sentinel-fuse", SEA_FUSE],
    { encoding: "utf8" },
  );
  if (result.status !== 0) {
    throw new CliError("postject could not inject the SEA blob", {
      details: `${result.stderr ?? ""}${result.stdout ?? ""}`.trim().split("\n").slice(-10),
    });
  }
  return options.outfile;
}
