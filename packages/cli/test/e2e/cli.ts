/** Runs the CLI from source in a child process, as a user would run `pyvider`. */
import { spawn } from "node:child_process";
import { mkdirSync, mkdtempSync, rmSync, symlinkSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";

const here = fileURLToPath(new URL(".", import.meta.url));
/** The CLI's source entry. */
export const BIN = join(here, "../../src/bin.ts");
/** The tsx loader, from the repository root. */
export const TSX = pathToFileURL(join(here, "../../../../node_modules/tsx/dist/esm/index.mjs")).href;
/** tsconfig of the CLI and fixtures run from TypeScript (the @pyvider packages from their dist/). */
export const TSCONFIG = join(here, "../tsconfig.source.json");

/** The result of one run. */
export interface CliResult {
  code: number | null;
  stdout: string;
  stderr: string;
}

/** Runs `pyvider <args>` in `cwd`. */
export function runCli(
  args: string[],
  cwd: string,
  env: Record<string, string> = {},
  timeoutMs = 120_000,
): Promise<CliResult> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ["--import", TSX, BIN, ...args], {
      cwd,
      env: { ...process.env, TSX_TSCONFIG_PATH: TSCONFIG, NO_COLOR: "1", FORCE_COLOR: "", ...env },
      stdio: ["ignore", "pipe", "pipe"],
    });
    let stdout = "";
    let stderr = "";
    child.stdout.setEncoding("utf8").on("data", (d: string) => {
      stdout += d;
    });
    child.stderr.setEncoding("utf8").on("data", (d: string) => {
      stderr += d;
    });
    const timer = setTimeout(() => {
      child.kill("SIGKILL");
      reject(new Error(`pyvider ${args.join(" ")} timed out\n${stderr}`));
    }, timeoutMs);
    child.once("error", reject);
    child.once("close", (code) => {
      clearTimeout(timer);
      resolve({ code, stdout, stderr });
    });
  });
}

/** A fresh temporary directory, removed by the returned cleanup. */
export function tempDir(prefix: string): { dir: string; cleanup: () => void } {
  const dir = mkdtempSync(join(tmpdir(), `pyvider-cli-${prefix}-`));
  return { dir, cleanup: () => rmSync(dir, { recursive: true, force: true }) };
}

/**
 * Links workspace packages into `dir/node_modules/@pyvider/`, as an install would: a provider in
 * `dir` then reaches them through their package.json `exports` (their built dist/).
 */
export function linkPackages(dir: string, names: readonly string[]): void {
  mkdirSync(join(dir, "node_modules", "@pyvider"), { recursive: true });
  for (const name of names)
    symlinkSync(join(here, "../../..", name), join(dir, "node_modules", "@pyvider", name), "dir");
}
