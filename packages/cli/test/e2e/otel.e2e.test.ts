/**
 * The OpenTelemetry SDK travels in otel-sdk.cjs beside the executable (`--otel split`, the
 * default): start-up never loads it, export loads it, and install/release carry it along.
 */
import { spawn } from "node:child_process";
import { mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { unzipSync } from "fflate";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { linkPackages, runCli, TSCONFIG, tempDir } from "./cli.js";

let dir: string;
let cleanup: () => void;
const EXE = "terraform-provider-otel_v1.0.0";

/** Runs the executable until its handshake line; returns its stderr report of the telemetry state. */
function telemetryState(file: string, env: Record<string, string>): Promise<string> {
  return new Promise((resolve, reject) => {
    const child = spawn(file, [], {
      env: { PATH: process.env.PATH ?? "", ...env },
      stdio: ["ignore", "pipe", "pipe"],
    });
    let err = "";
    child.stderr.setEncoding("utf8").on("data", (d: string) => {
      err += d;
    });
    child.stdout.once("data", () => {
      child.kill();
      resolve(err);
    });
    child.once("error", reject);
    setTimeout(() => {
      child.kill();
      reject(new Error(`no handshake: ${err}`));
    }, 20_000);
  });
}

beforeAll(async () => {
  const t = tempDir("otel");
  dir = t.dir;
  cleanup = t.cleanup;
  mkdirSync(join(dir, "src"));
  writeFileSync(
    join(dir, "package.json"),
    JSON.stringify({ name: "o", version: "1.0.0", pyvider: { type: "otel", entry: "src/main.ts" } }),
  );
  linkPackages(dir, ["telemetry"]);
  writeFileSync(
    join(dir, "src/main.ts"),
    [
      'import { initTelemetry, NOOP_TELEMETRY } from "@pyvider/telemetry";',
      "initTelemetry({}).then((t) => {",
      '  process.stderr.write(t === NOOP_TELEMETRY ? "telemetry=noop\\n" : "telemetry=sdk\\n");',
      '  process.stdout.write("1|6|unix|/tmp/otel.sock|grpc|x\\n");',
      "  setInterval(() => {}, 1000);",
      "});",
      "",
    ].join("\n"),
  );
  const r = await runCli(["build", "--tsconfig", TSCONFIG, "--no-measure", "--json"], dir);
  if (r.code !== 0) throw new Error(r.stderr);
  writeFileSync(join(dir, "build.json"), r.stdout);
}, 120_000);
afterAll(() => cleanup?.());

describe("--otel split", () => {
  it("keeps the SDK out of the executable and loads it only when export is on", async () => {
    const result = JSON.parse(readFileSync(join(dir, "build.json"), "utf8"));
    expect(result.otel_sidecar.file).toBe(join(dir, "build/otel-sdk.cjs"));
    expect(result.otel_sidecar.packages).toContain("@opentelemetry/sdk-trace-base");
    expect(result.bytes).toBeLessThan(result.otel_sidecar.bytes / 4);
    const exe = join(dir, "build", EXE);
    expect(await telemetryState(exe, {})).toContain("telemetry=noop");
    const on = await telemetryState(exe, { OTEL_EXPORTER_OTLP_ENDPOINT: "http://127.0.0.1:9" });
    expect(on).toContain("telemetry=sdk");
    expect(on).not.toContain("could not start");
  });

  it("ships the sidecar in the mirror and in the release zips", async () => {
    const install = await runCli(["install", "--mode", "mirror", "--json"], dir);
    expect(install.code, install.stderr).toBe(0);
    const [installed] = JSON.parse(install.stdout).installed as string[];
    const on = await telemetryState(installed ?? "", { OTEL_EXPORTER_OTLP_ENDPOINT: "http://127.0.0.1:9" });
    expect(on).toContain("telemetry=sdk");
    const release = await runCli(["release", "--platform", "linux_amd64"], dir);
    expect(release.code, release.stderr).toBe(0);
    const zip = unzipSync(
      readFileSync(join(dir, "build/release/terraform-provider-otel_1.0.0_linux_amd64.zip")),
    );
    expect(Object.keys(zip).sort()).toEqual(["otel-sdk.cjs", "package.json", EXE]);
  });

  it("inlines it with --otel inline", async () => {
    const r = await runCli(
      ["build", "--tsconfig", TSCONFIG, "--no-measure", "--otel", "inline", "-o", "inline", "--json"],
      dir,
    );
    expect(r.code, r.stderr).toBe(0);
    const result = JSON.parse(r.stdout);
    expect(result.otel_sidecar).toBeUndefined();
    expect(result.bytes).toBeGreaterThan(200_000);
    expect(
      await telemetryState(join(dir, "inline", EXE), { OTEL_EXPORTER_OTLP_ENDPOINT: "http://127.0.0.1:9" }),
    ).toContain("telemetry=sdk");
  });
});
