import { chmodSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { BinaryNotFoundError, compareVersions, findBinary } from "./binary.js";
import { acceptanceTest, inCI } from "./runner.js";

let root: string;

/** A fake binary answering `version -json` and `version` like the real ones. */
function fake(dir: string, name: string, flavor: "OpenTofu" | "Terraform", version: string): string {
  mkdirSync(dir, { recursive: true });
  const p = join(dir, name);
  writeFileSync(
    p,
    `#!/bin/sh\nif [ "$2" = "-json" ]; then echo '{"terraform_version":"${version}","platform":"linux_amd64"}'; else echo "${flavor} v${version}"; fi\n`,
  );
  chmodSync(p, 0o755);
  return p;
}

beforeEach(() => {
  root = mkdtempSync(join(tmpdir(), "findbin-"));
});
afterEach(() => {
  vi.unstubAllEnvs();
  rmSync(root, { recursive: true, force: true });
});

describe("findBinary", () => {
  it("prefers PYVIDER_TF_PATH, then TF_ACC_TERRAFORM_PATH, then tofu and terraform on PATH", async () => {
    const a = fake(join(root, "a"), "tf-a", "Terraform", "1.16.4");
    const b = fake(join(root, "b"), "tf-b", "OpenTofu", "1.12.6");
    const onPath = join(root, "path");
    fake(onPath, "terraform", "Terraform", "1.11.4");
    fake(onPath, "tofu", "OpenTofu", "1.10.0");
    const base = { PATH: onPath, PYVIDER_TF_BUILD: "0" };
    expect(await findBinary({ env: { ...base, PYVIDER_TF_PATH: a, TF_ACC_TERRAFORM_PATH: b } })).toEqual({
      path: a,
      flavor: "terraform",
      version: "1.16.4",
      source: "PYVIDER_TF_PATH",
    });
    expect(await findBinary({ env: { ...base, TF_ACC_TERRAFORM_PATH: b } })).toMatchObject({
      path: b,
      flavor: "opentofu",
    });
    expect(await findBinary({ env: base })).toMatchObject({
      path: join(onPath, "tofu"),
      source: "PATH",
      version: "1.10.0",
    });
  });

  it("falls back to PYVIDER_TOFU_PATH, and lists every place tried when nothing is found", async () => {
    const pinned = fake(join(root, "pinned"), "tofu", "OpenTofu", "1.12.6");
    const env = { PATH: join(root, "empty"), PYVIDER_TF_BUILD: "0" };
    expect(await findBinary({ env: { ...env, PYVIDER_TOFU_PATH: pinned } })).toMatchObject({
      source: "PYVIDER_TOFU_PATH",
    });
    const err = await findBinary({ env }).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(BinaryNotFoundError);
    expect((err as Error).message).toBe(
      [
        "no tofu/terraform binary found for acceptance tests; tried:",
        "  - PYVIDER_TF_PATH: not set",
        "  - TF_ACC_TERRAFORM_PATH: not set",
        "  - tofu on PATH: not found",
        "  - terraform on PATH: not found",
        "  - PYVIDER_TOFU_PATH: not set",
        "  - scripts/tofu.mjs: building disabled",
        "Set PYVIDER_TF_PATH (or TF_ACC_TERRAFORM_PATH) to a tofu or terraform binary, or put one on PATH.",
      ].join("\n"),
    );
  });

  it("names why the repository's tool script could not provide OpenTofu", async () => {
    // what npm test records after a failed build: the script fails at once with that reason
    const reason = "go build of tofu v1.12.6 failed twice (exit 1):\n  internal/x/x.go:12:3: undefined: foo";
    const err = await findBinary({
      env: { PATH: join(root, "empty"), PYVIDER_TOFU_UNAVAILABLE: reason },
    }).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(BinaryNotFoundError);
    expect((err as Error).message).toMatch(
      /scripts\/tofu\.mjs --ensure failed: .*go build of tofu v1\.12\.6 failed twice/,
    );
    expect((err as Error).message).toContain("internal/x/x.go:12:3: undefined: foo");
  });

  it("rejects a PYVIDER_TF_PATH that is not executable", async () => {
    const err = await findBinary({ env: { PYVIDER_TF_PATH: join(root, "missing") } }).catch(
      (e: unknown) => e,
    );
    expect((err as Error).message).toContain(
      `PYVIDER_TF_PATH=${join(root, "missing")}: not an executable file`,
    );
  });

  it("compares versions numerically", () => {
    expect(compareVersions("1.12.0", "1.9.9")).toBeGreaterThan(0);
    expect(compareVersions("1.11.4", "1.12.0")).toBeLessThan(0);
    expect(compareVersions("1.12", "1.12.0")).toBe(0);
  });
});

describe("acceptanceTest without a binary", () => {
  const none = () => {
    vi.stubEnv("PATH", join(root, "empty"));
    vi.stubEnv("PYVIDER_TF_BUILD", "0");
    vi.stubEnv("PYVIDER_TF_PATH", "");
    vi.stubEnv("TF_ACC_TERRAFORM_PATH", "");
    vi.stubEnv("PYVIDER_TOFU_PATH", "");
  };

  it("skips locally with the reason", async () => {
    none();
    vi.stubEnv("CI", "");
    const notes: (string | undefined)[] = [];
    const report = await acceptanceTest({ steps: [] }, { skip: (note) => void notes.push(note) });
    expect(report.skipped).toMatch(/^no tofu\/terraform binary found/);
    expect(notes).toEqual([report.skipped]);
  });

  it("fails under CI=true", async () => {
    none();
    vi.stubEnv("CI", "true");
    expect(inCI()).toBe(true);
    await expect(acceptanceTest({ steps: [] }, { skip: () => {} })).rejects.toThrow(
      /^acceptance tests must run in CI \(CI=true\), but no tofu\/terraform binary found/,
    );
  });
});
