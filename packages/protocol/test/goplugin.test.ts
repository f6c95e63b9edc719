/**
 * Compatibility with the real thing: hashicorp/go-plugin's client, the code
 * inside Terraform and OpenTofu, starts the fixture provider with AutoMTLS,
 * checks health, calls GetProviderSchema and shuts it down. The Go program is
 * built once into a cache outside the work tree (first build: ~2 minutes).
 */
import { execFileSync } from "node:child_process";
import { createHash } from "node:crypto";
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { homedir, tmpdir } from "node:os";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { beforeAll, describe, expect, it } from "vitest";

const here = dirname(fileURLToPath(import.meta.url));
const source = join(here, "goplugin-client");
const packageDir = join(here, "..");
const fixture = join(packageDir, "src", "__fixtures__", "plugin.ts");

function buildClient(): string {
  const hash = createHash("sha256");
  for (const file of ["main.go", "go.mod", "go.sum"]) hash.update(readFileSync(join(source, file)));
  const cacheDir = join(process.env.XDG_CACHE_HOME ?? join(homedir(), ".cache"), "pyvider-ts");
  const binary = join(cacheDir, `goplugin-client-${hash.digest("hex").slice(0, 16)}`);
  if (!existsSync(binary)) {
    mkdirSync(cacheDir, { recursive: true });
    execFileSync("go", ["build", "-o", binary, "."], {
      cwd: source,
      stdio: ["ignore", "inherit", "inherit"],
    });
  }
  return binary;
}

interface Report {
  error?: string;
  negotiatedVersion: number;
  network: string;
  health: string;
  schemaBytes: number;
  exitCode: number;
}

function drive(binary: string, env: Record<string, string> = {}, nodeFlags: string[] = []): Report {
  let output: string;
  try {
    output = execFileSync(binary, [process.execPath, ...nodeFlags, "--import", "tsx", fixture], {
      cwd: packageDir,
      env: { ...process.env, ...env },
      stdio: ["ignore", "pipe", "pipe"],
      timeout: 90_000,
    }).toString();
  } catch (error) {
    const failed = error as { stdout?: Buffer; stderr?: Buffer };
    throw new Error(`go-plugin client failed: ${failed.stdout?.toString()}\n${failed.stderr?.toString()}`);
  }
  return JSON.parse(output) as Report;
}

describe("hashicorp/go-plugin client", () => {
  let binary = "";
  beforeAll(() => {
    binary = buildClient();
  }, 600_000);

  it("handshakes with AutoMTLS over a unix socket, calls the provider and shuts it down", () => {
    expect(drive(binary)).toMatchObject({
      negotiatedVersion: 6,
      network: "unix",
      health: "SERVING",
      exitCode: 0,
    });
  }, 120_000);

  it("prints the handshake line before loading node:http2, which then serves the first call", () => {
    const dir = mkdtempSync(join(tmpdir(), "pyvider-handshake-"));
    try {
      // records, at the plugin's first stdout write (the handshake line), which modules are loaded
      const preload = join(dir, "preload.cjs");
      const record = join(dir, "loaded.json");
      writeFileSync(
        preload,
        `const fs = require("node:fs"); const write = process.stdout.write.bind(process.stdout); let done = false;
process.stdout.write = (chunk, ...rest) => {
  if (!done && String(chunk).includes("|grpc|")) {
    done = true;
    fs.writeFileSync(${JSON.stringify(record)}, JSON.stringify(process.moduleLoadList.filter((m) => /^NativeModule (http2|tls|_tls_wrap)$/.test(m))));
  }
  return write(chunk, ...rest);
};\n`,
      );
      const report = drive(binary, {}, ["--require", preload]);
      expect(report).toMatchObject({ negotiatedVersion: 6, health: "SERVING", exitCode: 0 });
      expect(report.schemaBytes).toBeGreaterThan(0);
      expect(JSON.parse(readFileSync(record, "utf8"))).toEqual([]);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  }, 120_000);

  it("does the same over TCP", () => {
    const report = drive(binary, { PYVIDER_PLUGIN_TRANSPORT: "tcp" });
    expect(report).toMatchObject({ negotiatedVersion: 6, network: "tcp", health: "SERVING", exitCode: 0 });
    expect(report.schemaBytes).toBeGreaterThan(0);
  }, 120_000);
});
