/**
 * The whole chain on the real example provider (providers/example-kv): `pyvider build` bundles
 * its `src/main.ts`, `pyvider install` puts that artifact into a filesystem mirror, and the pinned
 * OpenTofu installs it from there, applies a small configuration against a store in a temp dir,
 * and then plans nothing. Nothing is written inside the repository.
 */
import { spawnSync } from "node:child_process";
import { existsSync, mkdirSync, readFileSync, statSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { inCI } from "@pyvider/testing";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { runCli, tempDir } from "./cli.js";

const ROOT = fileURLToPath(new URL("../../../../", import.meta.url));
const KV = join(ROOT, "providers/example-kv");
const VERSION: string = JSON.parse(readFileSync(join(KV, "package.json"), "utf8")).version;
const EXE = `terraform-provider-kv_v${VERSION}`;
const PLATFORM = `${process.platform}_${process.arch === "x64" ? "amd64" : process.arch}`;
const T = 240_000;

let dir: string;
let cleanup: () => void;
beforeAll(() => {
  const t = tempDir("example-kv");
  dir = t.dir;
  cleanup = t.cleanup;
});
afterAll(() => cleanup?.());

/** The pinned OpenTofu: PYVIDER_TOFU_PATH, else `scripts/tofu.mjs --ensure`; undefined when neither gives one. */
function tofuBinary(): string | undefined {
  const fromEnv = process.env.PYVIDER_TOFU_PATH;
  if (fromEnv && existsSync(fromEnv)) return fromEnv;
  const r = spawnSync(process.execPath, [join(ROOT, "scripts/tofu.mjs"), "--ensure"], {
    encoding: "utf8",
    timeout: 60_000,
    env: { ...process.env, PYVIDER_TOOL: "tofu" },
  });
  const path = r.stdout?.trim().split("\n").pop();
  return r.status === 0 && path && existsSync(path) ? path : undefined;
}

/** Runs tofu in `cwd` with the CLI config `tfrc`; returns status and combined output. */
function tofu(
  bin: string,
  args: string[],
  cwd: string,
  tfrc: string,
): { status: number | null; out: string } {
  const r = spawnSync(bin, [...args, "-no-color", "-input=false"], {
    cwd,
    encoding: "utf8",
    timeout: 180_000,
    env: { ...process.env, TF_CLI_CONFIG_FILE: tfrc, TF_IN_AUTOMATION: "1", CHECKPOINT_DISABLE: "1" },
  });
  return { status: r.status, out: `${r.stdout ?? ""}${r.stderr ?? ""}${r.error ? String(r.error) : ""}` };
}

describe("example-kv: build → install → tofu apply", () => {
  it(
    "builds the example provider into one executable that completes the handshake",
    async () => {
      const r = await runCli(
        ["build", "--dir", KV, "--out-dir", join(dir, "build"), "--runs", "1", "--json"],
        dir,
      );
      expect(r.code, r.stderr).toBe(0);
      const result = JSON.parse(r.stdout);
      const file = join(dir, "build", EXE);
      expect(result.file).toBe(file);
      expect(statSync(file).mode & 0o777).toBe(0o755);
      expect(readFileSync(file, "utf8").startsWith("#!/usr/bin/env node\n")).toBe(true);
      expect(result.startup.median_ms).toBeGreaterThan(0);
    },
    T,
  );

  it(
    "installs the artifact into a mirror and writes both CLI configs",
    async () => {
      const r = await runCli(
        [
          "install",
          "--dir",
          KV,
          "--executable",
          join(dir, "build", EXE),
          "--mirror",
          join(dir, "mirror"),
          "--config-dir",
          join(dir, "cfg"),
          "--json",
        ],
        dir,
      );
      expect(r.code, r.stderr).toBe(0);
      const installed = join(dir, "mirror/registry.opentofu.org/pyvider/kv", VERSION, PLATFORM, EXE);
      expect(JSON.parse(r.stdout).installed).toContain(installed);
      expect(readFileSync(installed).equals(readFileSync(join(dir, "build", EXE)))).toBe(true);
      expect(readFileSync(join(dir, "cfg/mirror.tfrc"), "utf8")).toContain(
        '"registry.terraform.io/pyvider/kv", "registry.opentofu.org/pyvider/kv"',
      );
      expect(existsSync(join(dir, "cfg/dev.tfrc"))).toBe(true);
    },
    T,
  );

  it(
    "lets OpenTofu init from the mirror, apply a kv configuration, then plan no changes",
    (ctx) => {
      const bin = tofuBinary();
      if (!bin) {
        const reason = "OpenTofu not found: set PYVIDER_TOFU_PATH or run node scripts/tofu.mjs --ensure";
        if (inCI()) throw new Error(`CI=true but ${reason}`);
        ctx.skip(reason);
        return;
      }
      const store = join(dir, "store");
      const work = join(dir, "tf");
      mkdirSync(work, { recursive: true });
      writeFileSync(
        join(work, "main.tf"),
        `terraform {
  required_providers {
    kv = {
      source  = "pyvider/kv"
      version = "${VERSION}"
    }
  }
}

provider "kv" {
  path      = ${JSON.stringify(store)}
  namespace = "e2e"
}

resource "kv_entry" "greeting" {
  key   = "app/greeting"
  value = "hello from the built provider"
  tags  = { via = "pyvider-install" }
}

data "kv_entry" "greeting" {
  key = kv_entry.greeting.key
}

output "checksum_matches" {
  value = data.kv_entry.greeting.checksum == kv_entry.greeting.checksum
}

output "version" {
  value = data.kv_entry.greeting.version
}
`,
      );
      const mirrorRc = join(dir, "cfg/mirror.tfrc");

      const init = tofu(bin, ["init"], work, mirrorRc);
      expect(init.status, init.out).toBe(0);
      expect(init.out).toContain(`Installing pyvider/kv v${VERSION}`);
      // what OpenTofu runs is the artifact `pyvider build` produced, unpacked from the mirror
      const used = join(
        work,
        ".terraform/providers/registry.opentofu.org/pyvider/kv",
        VERSION,
        PLATFORM,
        EXE,
      );
      expect(readFileSync(used).equals(readFileSync(join(dir, "build", EXE)))).toBe(true);

      const apply = tofu(bin, ["apply", "-auto-approve"], work, mirrorRc);
      expect(apply.status, apply.out).toBe(0);
      expect(apply.out).toContain("Apply complete! Resources: 1 added, 0 changed, 0 destroyed.");
      expect(apply.out).toMatch(/checksum_matches = true/);
      expect(apply.out).toMatch(/version = 1/);
      const entry = JSON.parse(readFileSync(join(store, "e2e", "app%2Fgreeting.json"), "utf8"));
      expect(entry).toMatchObject({
        key: "app/greeting",
        value: "hello from the built provider",
        tags: { via: "pyvider-install" },
        version: 1,
      });

      const plan = tofu(bin, ["plan", "-detailed-exitcode"], work, mirrorRc);
      expect(plan.status, plan.out).toBe(0);
      expect(plan.out).toContain("No changes.");

      // the dev_overrides config runs the same build without init, with the same empty plan
      const dev = tofu(bin, ["plan", "-detailed-exitcode"], work, join(dir, "cfg/dev.tfrc"));
      expect(dev.status, dev.out).toBe(0);
      expect(dev.out).toContain("Provider development overrides are in effect");
      expect(dev.out).toContain("No changes.");
    },
    T,
  );
});
