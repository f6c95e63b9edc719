import { spawnSync } from "node:child_process";
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
// @ts-expect-error: plain ESM script without type declarations
import { ensure, TOOLS } from "../scripts/tofu.mjs";

/** The real client is built from the Go module proxy by scripts/tofu.mjs; npm test provides it. */
describe("OpenTofu tool", () => {
  it("runs `tofu version` and reports the pinned release", () => {
    const bin: string = process.env.PYVIDER_TOFU_PATH ?? ensure("tofu");
    const dir = mkdtempSync(join(tmpdir(), "pyvider-tofu-"));
    const cliConfig = join(dir, "cli.tfrc");
    writeFileSync(cliConfig, "");
    try {
      const r = spawnSync(bin, ["version", "-json"], {
        encoding: "utf8",
        env: { ...process.env, TF_CLI_CONFIG_FILE: cliConfig, CHECKPOINT_DISABLE: "1" },
      });
      expect(r.stderr).toBe("");
      expect(r.status).toBe(0);
      const info = JSON.parse(r.stdout) as { terraform_version: string; platform: string };
      expect(`v${info.terraform_version}`).toBe(TOOLS.tofu.version);
      expect(info.platform).toMatch(/^linux_/);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it("`npm run -s tofu -- version` goes through the same tool", () => {
    const r = spawnSync("node", [join(__dirname, "../scripts/tofu.mjs"), "version"], {
      encoding: "utf8",
      env: { ...process.env, TF_CLI_CONFIG_FILE: "/dev/null" },
    });
    expect(r.status).toBe(0);
    expect(r.stdout).toContain(`OpenTofu ${TOOLS.tofu.version}`);
  });
});

describe("Terraform tool", () => {
  it("builds an experiments-enabled Terraform from the Go module proxy", () => {
    // npm test tries the build; if it failed the reason is in PYVIDER_TERRAFORM_UNAVAILABLE.
    if (process.env.PYVIDER_TERRAFORM_UNAVAILABLE) throw new Error(process.env.PYVIDER_TERRAFORM_UNAVAILABLE);
    const bin: string = process.env.PYVIDER_TERRAFORM_PATH ?? ensure("terraform");
    const r = spawnSync(bin, ["version", "-json"], {
      encoding: "utf8",
      env: { ...process.env, TF_CLI_CONFIG_FILE: "/dev/null", CHECKPOINT_DISABLE: "1" },
    });
    expect(r.status).toBe(0);
    expect(`v${JSON.parse(r.stdout).terraform_version}`).toBe(TOOLS.terraform.version);
  });
});
