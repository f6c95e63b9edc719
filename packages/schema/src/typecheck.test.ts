/**
 * Runs the compiler over the type-level tests (typetests/infer.typetest.ts), and over a fixture with
 * a deliberately wrong expectation that must be rejected, so a broken inference fails this suite.
 */
import { execFile } from "node:child_process";
import { createRequire } from "node:module";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";

const pkg = fileURLToPath(new URL("..", import.meta.url));
const tsc = createRequire(import.meta.url).resolve("typescript/bin/tsc");

function compile(project: string): Promise<{ code: number; output: string }> {
  return new Promise((resolve) => {
    execFile(
      process.execPath,
      [tsc, "--noEmit", "-p", project],
      { cwd: pkg, maxBuffer: 16 << 20 },
      (err, stdout, stderr) => {
        const code = err ? (typeof err.code === "number" ? err.code : 1) : 0;
        resolve({ code, output: `${stdout}${stderr}` });
      },
    );
  });
}

describe("type-level tests", () => {
  it("the inference fixture compiles and the deliberately wrong fixture does not", async () => {
    const [good, bad] = await Promise.all([
      compile("tsconfig.typetest.json"),
      compile("tsconfig.typetest-fail.json"),
    ]);
    expect(good.output).toBe("");
    expect(good.code).toBe(0);
    expect(bad.code).not.toBe(0);
    expect(bad.output).toMatch(/wrong\.typetest-fail\.ts\(\d+,\d+\): error TS2344/);
  }, 240_000);
});
