/**
 * Test helper: builds and drives packages/cty/oracle-num (Go, go-cty v1.20.0). Not exported.
 * In CI (`CI=true`) a missing `go` is a test failure; locally the oracle suites are skipped with a warning.
 */
import { execFileSync, spawnSync } from "node:child_process";
import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { expect, it } from "vitest";
import { haveGo, onCI } from "../oracle/client.js";

const oracleDir = join(dirname(fileURLToPath(import.meta.url)), "..", "oracle-num");

/** True when `go` is on PATH. */
export const hasGo = haveGo();
/** True when running in CI. */
export const inCI = onCI;

/** One oracle answer (fields depend on the request). */
export interface OracleAnswer {
  err?: string;
  f?: string;
  g?: string;
  isInt: boolean;
  prec: number;
  f64?: string;
  cmp: number;
  eq: boolean;
  q?: string;
  hash?: number;
  order?: number[];
}

let binary: string | undefined;

/** Builds the oracle once per test file (needs the Go module cache or proxy). */
export function buildOracle(): void {
  if (binary !== undefined) return;
  const dir = mkdtempSync(join(tmpdir(), "oracle-num-"));
  const out = join(dir, "oracle-num");
  execFileSync("go", ["build", "-o", out, "."], { cwd: oracleDir, stdio: "pipe" });
  binary = out;
}

/** Sends request lines, returns one answer per line. */
export function askOracle(lines: readonly string[]): OracleAnswer[] {
  if (binary === undefined) throw new Error("buildOracle() first");
  const r = spawnSync(binary, [], { input: `${lines.join("\n")}\n`, maxBuffer: 1 << 28, encoding: "utf8" });
  if (r.status !== 0) throw new Error(`oracle failed: ${r.stderr}`);
  return r.stdout
    .trim()
    .split("\n")
    .map((l) => JSON.parse(l) as OracleAnswer);
}

/** Registers a test that fails in CI when `go` is missing (locally it only warns). */
export function requireGoInCI(suite: string): void {
  it(`${suite}: the Go oracle can run (go is required in CI)`, () => {
    if (inCI) expect(hasGo, "go must be on PATH in CI to run the oracle tests").toBe(true);
    else if (!hasGo) console.warn(`${suite} oracle tests skipped locally: \`go\` is not on PATH`);
  });
}
