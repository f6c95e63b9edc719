import { execFileSync, spawnSync } from "node:child_process";
import { cpSync, existsSync, mkdirSync, readdirSync, readFileSync, statSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { unzipSync } from "fflate";
import * as openpgp from "openpgp";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { measureOnce, pluginEnvironment } from "../../src/build/startup.js";
import { sha256Hex } from "../../src/release/artifacts.js";
import { runCli, tempDir } from "./cli.js";
import { writeFakeProvider } from "./fixture.js";

const EXE = "terraform-provider-fake_v1.2.3";
let dir: string;
let cleanup: () => void;

beforeAll(async () => {
  const t = tempDir("build");
  dir = t.dir;
  cleanup = t.cleanup;
  writeFakeProvider(dir);
  const r = await runCli(["build", "--json", "--runs", "2"], dir);
  if (r.code !== 0) throw new Error(`build failed: ${r.stderr}`);
  writeFileSync(join(dir, "build.json"), r.stdout);
});
afterAll(() => cleanup?.());

describe("pyvider build", () => {
  it("writes one minified executable with a shebang and mode 0755, and times its handshake", () => {
    const result = JSON.parse(readFileSync(join(dir, "build.json"), "utf8"));
    expect(readdirSync(join(dir, "build")).sort()).toEqual(["package.json", EXE]);
    expect(JSON.parse(readFileSync(join(dir, "build/package.json"), "utf8"))).toEqual({ type: "commonjs" });
    const file = join(dir, "build", EXE);
    expect(result.file).toBe(file);
    expect(statSync(file).mode & 0o777).toBe(0o755);
    const text = readFileSync(file, "utf8");
    expect(text.startsWith("#!/usr/bin/env node\n")).toBe(true);
    // the entry has its own hashbang: still exactly one
    expect(text.split("\n").filter((l) => l.startsWith("#!"))).toHaveLength(1);
    expect(text).not.toContain("./lib.js");
    expect(text).not.toContain("  process.exit(1);"); // minified
    expect(result.startup.samples_ms).toHaveLength(2);
    expect(result.startup.median_ms).toBeGreaterThan(0);
  });

  it("produces a file that runs on its own, away from its sources, even inside an ESM package", async () => {
    const t = tempDir("moved");
    try {
      // inside a "type": "module" package, as a provider is when Terraform unpacks it under a project
      writeFileSync(join(t.dir, "package.json"), '{"type":"module"}');
      mkdirSync(join(t.dir, "bin"));
      const moved = join(t.dir, "bin", EXE);
      cpSync(join(dir, "build", EXE), moved);
      cpSync(join(dir, "build/package.json"), join(t.dir, "bin/package.json"));
      const refused = spawnSync(moved, [], { env: { PATH: process.env.PATH ?? "" }, encoding: "utf8" });
      expect(refused.status).toBe(1);
      expect(refused.stderr).toContain("not meant to be executed directly");
      const started = await measureOnce(moved, [], await pluginEnvironment());
      expect(started.line).toBe("1|6|unix|/tmp/fake-provider.sock|grpc|MIIBfake");
    } finally {
      t.cleanup();
    }
  });

  it("builds a single executable application with --sea that completes the handshake", async () => {
    const t = tempDir("sea");
    try {
      writeFakeProvider(t.dir);
      const r = await runCli(["build", "--sea", "--runs", "1", "--json"], t.dir);
      expect(r.code, r.stderr).toBe(0);
      const result = JSON.parse(r.stdout);
      expect(result.sea.file).toBe(join(t.dir, "build", `${EXE}-sea`));
      expect(result.sea.startup.median_ms).toBeGreaterThan(0);
      expect(statSync(result.sea.file).mode & 0o777).toBe(0o755);
      const started = await measureOnce(result.sea.file, [], await pluginEnvironment());
      expect(started.line).toBe("1|6|unix|/tmp/fake-provider.sock|grpc|MIIBfake");
    } finally {
      t.cleanup();
    }
  }, 180_000);

  it("reports a provider that never prints the handshake", async () => {
    const t = tempDir("silent");
    try {
      writeFakeProvider(t.dir);
      writeFileSync(
        join(t.dir, "src/main.js"),
        'process.stdout.write("hello\\n"); setInterval(() => {}, 1000);\n',
      );
      const r = await runCli(["build", "--runs", "1"], t.dir);
      expect(r.code).toBe(1);
      expect(r.stderr).toContain("not a protocol 6 handshake");
    } finally {
      t.cleanup();
    }
  });

  it("reports an entry that does not bundle", async () => {
    const t = tempDir("broken");
    try {
      writeFakeProvider(t.dir);
      writeFileSync(join(t.dir, "src/main.js"), 'import "./missing.js";\n');
      const r = await runCli(["build"], t.dir);
      expect(r.code).toBe(1);
      expect(r.stderr).toContain("esbuild could not bundle the provider");
      expect(r.stderr).toContain("missing.js");
    } finally {
      t.cleanup();
    }
  });
});

describe("pyvider install", () => {
  it("lays out the mirror for both registries and writes dev_overrides and filesystem_mirror configs", async () => {
    const r = await runCli(["install", "--json"], dir);
    expect(r.code).toBe(0);
    const result = JSON.parse(r.stdout);
    const mirror = join(dir, ".pyvider/mirror");
    const platform = `${process.platform}_${process.arch === "x64" ? "amd64" : process.arch}`;
    for (const host of ["registry.terraform.io", "registry.opentofu.org"]) {
      const file = join(mirror, host, "acme/fake/1.2.3", platform, EXE);
      expect(result.installed).toContain(file);
      expect(statSync(file).mode & 0o777).toBe(0o755);
    }
    const dev = readFileSync(join(dir, ".pyvider/dev.tfrc"), "utf8");
    const overrideDir = join(mirror, "registry.terraform.io/acme/fake/1.2.3", platform);
    expect(dev).toContain(`"registry.terraform.io/acme/fake" = "${overrideDir}"`);
    expect(dev).toContain(`"registry.opentofu.org/acme/fake" = "${overrideDir}"`);
    expect(dev).toContain("direct {}");
    const fsm = readFileSync(join(dir, ".pyvider/mirror.tfrc"), "utf8");
    expect(fsm).toContain(`path    = "${mirror}"`);
    expect(fsm).toContain('include = ["registry.terraform.io/acme/fake", "registry.opentofu.org/acme/fake"]');
    expect(result.configs.dev.env.TF_CLI_CONFIG_FILE).toBe(join(dir, ".pyvider/dev.tfrc"));
  });

  it("lets the real OpenTofu install the provider from the mirror", async () => {
    const tofu = toolBinary("tofu");
    if (!tofu) throw new Error("the pinned tofu binary is not built (node scripts/tofu.mjs --ensure)");
    const work = join(dir, "tf");
    mkdirSync(work, { recursive: true });
    writeFileSync(
      join(work, "main.tf"),
      'terraform {\n  required_providers {\n    fake = { source = "acme/fake" }\n  }\n}\n',
    );
    const env = {
      ...process.env,
      TF_CLI_CONFIG_FILE: join(dir, ".pyvider/mirror.tfrc"),
      TF_IN_AUTOMATION: "1",
      CHECKPOINT_DISABLE: "1",
    };
    const out = execFileSync(tofu, ["init", "-input=false", "-no-color"], {
      cwd: work,
      env,
      encoding: "utf8",
    });
    expect(out).toContain("Installing acme/fake v1.2.3");
    expect(readFileSync(join(work, ".terraform.lock.hcl"), "utf8")).toContain(
      'provider "registry.opentofu.org/acme/fake"',
    );
    const dev = spawnSync(tofu, ["init", "-input=false", "-no-color"], {
      cwd: work,
      env: { ...env, TF_CLI_CONFIG_FILE: join(dir, ".pyvider/dev.tfrc") },
      encoding: "utf8",
    });
    expect(`${dev.stdout}${dev.stderr}`).toContain("Provider development overrides are in effect");
  });

  it("lets the real Terraform install the provider from the mirror", () => {
    const terraform = toolBinary("terraform");
    if (!terraform)
      throw new Error(
        "the pinned terraform binary is not built (PYVIDER_TOOL=terraform node scripts/tofu.mjs --ensure)",
      );
    const work = join(dir, "tf-terraform");
    mkdirSync(work, { recursive: true });
    writeFileSync(
      join(work, "main.tf"),
      'terraform {\n  required_providers {\n    fake = { source = "acme/fake" }\n  }\n}\n',
    );
    const env = {
      ...process.env,
      TF_CLI_CONFIG_FILE: join(dir, ".pyvider/mirror.tfrc"),
      TF_IN_AUTOMATION: "1",
      CHECKPOINT_DISABLE: "1",
    };
    const out = execFileSync(terraform, ["init", "-input=false", "-no-color"], {
      cwd: work,
      env,
      encoding: "utf8",
    });
    expect(out).toContain("Installing acme/fake v1.2.3");
    expect(readFileSync(join(work, ".terraform.lock.hcl"), "utf8")).toContain(
      'provider "registry.terraform.io/acme/fake"',
    );
  });

  it("fails clearly before a build", async () => {
    const t = tempDir("nobuild");
    try {
      writeFakeProvider(t.dir);
      const r = await runCli(["install"], t.dir);
      expect(r.code).toBe(1);
      expect(r.stderr).toContain("run `pyvider build` first");
    } finally {
      t.cleanup();
    }
  });
});

describe("pyvider release", () => {
  it("writes per-platform zips, a correct SHA256SUMS, the manifest and a verifiable signature", async () => {
    const { privateKey, publicKey } = await openpgp.generateKey({
      type: "ecc",
      curve: "curve25519Legacy",
      userIDs: [{ name: "Release Test", email: "release@example.invalid" }],
      passphrase: "s3cret",
      format: "armored",
    });
    writeFileSync(join(dir, "key.asc"), privateKey);
    const r = await runCli(
      ["release", "--platform", "linux_amd64,darwin_arm64", "--gpg-key", "key.asc", "--json"],
      dir,
      { PYVIDER_GPG_PASSPHRASE: "s3cret", SOURCE_DATE_EPOCH: "1700000000" },
    );
    expect(r.code).toBe(0);
    const out = join(dir, "build/release");
    const base = "terraform-provider-fake_1.2.3";
    expect(readdirSync(out).sort()).toEqual(
      [
        `${base}_SHA256SUMS`,
        `${base}_SHA256SUMS.sig`,
        `${base}_darwin_arm64.zip`,
        `${base}_linux_amd64.zip`,
        `${base}_manifest.json`,
      ].sort(),
    );
    const exe = readFileSync(join(dir, "build", EXE));
    const zip = readFileSync(join(out, `${base}_linux_amd64.zip`));
    const entries = unzipSync(zip);
    expect(Object.keys(entries).sort()).toEqual(["package.json", EXE]);
    expect(Buffer.from(entries[EXE] ?? []).equals(exe)).toBe(true);
    expect(JSON.parse(readFileSync(join(out, `${base}_manifest.json`), "utf8"))).toEqual({
      version: 1,
      metadata: { protocol_versions: ["6.0"] },
    });
    const sums = readFileSync(join(out, `${base}_SHA256SUMS`), "utf8");
    const lines = sums.trim().split("\n");
    expect(lines).toHaveLength(3);
    for (const line of lines) {
      const [hash, name] = line.split("  ");
      expect(hash).toBe(sha256Hex(readFileSync(join(out, name ?? ""))));
    }
    const verification = await openpgp.verify({
      message: await openpgp.createMessage({ binary: Buffer.from(sums) }),
      signature: await openpgp.readSignature({
        binarySignature: readFileSync(join(out, `${base}_SHA256SUMS.sig`)),
      }),
      verificationKeys: await openpgp.readKey({ armoredKey: publicKey }),
    });
    await expect(verification.signatures[0]?.verified).resolves.toBe(true);

    const again = await runCli(
      ["release", "--platform", "linux_amd64,darwin_arm64", "--out-dir", "again"],
      dir,
      {
        SOURCE_DATE_EPOCH: "1700000000",
      },
    );
    expect(again.code).toBe(0);
    expect(readFileSync(join(dir, "again", `${base}_linux_amd64.zip`)).equals(zip)).toBe(true);
  });

  it("refuses a protected key without its passphrase", async () => {
    const r = await runCli(["release", "--platform", "linux_amd64", "--gpg-key", "key.asc"], dir, {
      PYVIDER_GPG_PASSPHRASE: "",
    });
    expect(r.code).toBe(1);
    expect(r.stderr).toContain("passphrase");
  });
});

/** The pinned OpenTofu or Terraform binary, from the repository's build tool (built once per machine). */
function toolBinary(tool: "tofu" | "terraform"): string | undefined {
  const root = join(import.meta.dirname ?? ".", "../../../..");
  const r = spawnSync(process.execPath, [join(root, "scripts/tofu.mjs"), "--ensure"], {
    encoding: "utf8",
    timeout: 60_000,
    env: { ...process.env, PYVIDER_TOOL: tool },
  });
  const path = r.stdout.trim().split("\n").pop();
  return r.status === 0 && path && existsSync(path) ? path : undefined;
}
