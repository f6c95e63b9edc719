import { spawnSync } from "node:child_process";
import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { afterAll, describe, expect, it } from "vitest";

const packageDir = fileURLToPath(new URL("../..", import.meta.url));
const fixture = join(packageDir, "test/fixtures/init-telemetry.ts");
const hooks = new URL("../../test/fixtures/record-loads.mjs", import.meta.url).href;
const scratch = mkdtempSync(join(tmpdir(), "pyvider-telemetry-"));
afterAll(() => rmSync(scratch, { recursive: true, force: true }));

function cleanEnv(): Record<string, string> {
  const env: Record<string, string> = {};
  for (const [key, value] of Object.entries(process.env)) {
    if (value !== undefined && !key.startsWith("OTEL_") && !key.startsWith("TF_LOG")) env[key] = value;
  }
  return env;
}

/** Run the fixture in a fresh node (through tsx), returning its report and every module URL it loaded. */
function run(name: string, extraEnv: Record<string, string>) {
  const log = join(scratch, `${name}.log`);
  const result = spawnSync(process.execPath, ["--import", "tsx", "--import", hooks, fixture], {
    cwd: packageDir,
    env: { ...cleanEnv(), ...extraEnv, LOAD_LOG: log },
    encoding: "utf8",
    timeout: 60_000,
  });
  expect(result.status, result.stderr).toBe(0);
  const report = JSON.parse(result.stdout.trim()) as {
    value: number;
    tracing: boolean;
    cjs: string[];
    initMs: number;
  };
  const loaded = readFileSync(log, "utf8").split("\n").filter(Boolean);
  return { report, loaded };
}

describe("OpenTelemetry loading", () => {
  it("loads no @opentelemetry module when export is not enabled", () => {
    const { report, loaded } = run("disabled", {});
    expect(report.value).toBe(42);
    expect(report.tracing).toBe(false);
    // The hook saw the package's own sources, so it was really recording.
    expect(loaded.some((url) => url.endsWith("/src/otel/telemetry.ts"))).toBe(true);
    expect(loaded.filter((url) => url.includes("@opentelemetry") || url.endsWith("/otel/sdk.ts"))).toEqual(
      [],
    );
    expect(report.cjs).toEqual([]);
  });

  it("loads none either when OTEL_SDK_DISABLED overrides an exporter", () => {
    const { loaded } = run("sdk-disabled", { OTEL_SDK_DISABLED: "true", OTEL_TRACES_EXPORTER: "console" });
    expect(loaded.filter((url) => url.includes("@opentelemetry"))).toEqual([]);
  });

  it("loads the SDK when an exporter is enabled (the detector works)", () => {
    const { report, loaded } = run("enabled", {
      OTEL_TRACES_EXPORTER: "console",
      OTEL_METRICS_EXPORTER: "none",
    });
    expect(report.tracing).toBe(true);
    const otel = [...loaded, ...report.cjs].filter((url) => url.includes("@opentelemetry"));
    expect(otel.some((url) => url.includes("sdk-trace-base"))).toBe(true);
    expect(loaded.some((url) => url.endsWith("/otel/sdk.ts"))).toBe(true);
  });
});
