/**
 * `pyvider schema` against a provider served over the real plugin protocol (the fixture in
 * test/fixtures/schema-provider.ts, bundled by `pyvider build`), compared with what OpenTofu
 * itself prints for the same provider through `pyvider install`'s dev_overrides.
 */
import { execFileSync, spawnSync } from "node:child_process";
import { existsSync, mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { runCli, TSCONFIG, tempDir } from "./cli.js";

const FIXTURE = fileURLToPath(new URL("../fixtures/schema-provider.ts", import.meta.url));
const REPO = fileURLToPath(new URL("../../../../", import.meta.url));
const EXE = "terraform-provider-fixture_v0.1.0";
let dir: string;
let cleanup: () => void;

beforeAll(async () => {
  const t = tempDir("schema");
  dir = t.dir;
  cleanup = t.cleanup;
  writeFileSync(
    join(dir, "package.json"),
    JSON.stringify({
      name: "x",
      version: "0.1.0",
      pyvider: { type: "fixture", namespace: "acme", entry: FIXTURE },
    }),
  );
  const build = await runCli(["build", "--tsconfig", TSCONFIG, "--runs", "1"], dir);
  if (build.code !== 0) throw new Error(build.stderr);
}, 120_000);
afterAll(() => cleanup?.());

describe("pyvider schema", () => {
  it("prints what `tofu providers schema -json` prints for the same provider", async () => {
    const ours = await runCli(["schema", "--provider", join("build", EXE)], dir);
    expect(ours.code, ours.stderr).toBe(0);
    const doc = JSON.parse(ours.stdout);
    expect(Object.keys(doc.provider_schemas)).toEqual(["registry.terraform.io/acme/fixture"]);

    const install = await runCli(["install", "--mode", "dev"], dir);
    expect(install.code, install.stderr).toBe(0);
    const tofu =
      spawnSync(process.execPath, [join(REPO, "scripts/tofu.mjs"), "--ensure"], { encoding: "utf8" })
        .stdout.trim()
        .split("\n")
        .pop() ?? "";
    expect(existsSync(tofu)).toBe(true);
    const work = join(dir, "tf");
    mkdirSync(work);
    writeFileSync(
      join(work, "main.tf"),
      'terraform {\n  required_providers {\n    fixture = { source = "acme/fixture" }\n  }\n}\n',
    );
    const theirs = execFileSync(tofu, ["providers", "schema", "-json"], {
      cwd: work,
      env: { ...process.env, TF_CLI_CONFIG_FILE: join(dir, ".pyvider/dev.tfrc") },
      encoding: "utf8",
    });
    const tofuDoc = JSON.parse(theirs);
    expect(doc.provider_schemas["registry.terraform.io/acme/fixture"]).toEqual(
      tofuDoc.provider_schemas["registry.opentofu.org/acme/fixture"],
    );
    // byte-for-byte, apart from the registry host and indentation
    expect(JSON.stringify(doc.provider_schemas["registry.terraform.io/acme/fixture"])).toBe(
      JSON.stringify(tofuDoc.provider_schemas["registry.opentofu.org/acme/fixture"]),
    );
  });

  it("feeds docs straight from the running provider", async () => {
    const r = await runCli(["docs", "--provider", join("build", EXE)], dir);
    expect(r.code, r.stderr).toBe(0);
    const page = readFileSync(join(dir, "docs/resources/item.md"), "utf8");
    expect(page).toContain(
      "- `rule` (Block Set, Max: 3) (see [below for nested schema](#nestedblock--rule))",
    );
    expect(page).toContain("- `secret` (String, Sensitive, [Write-only]");
    expect(readFileSync(join(dir, "docs/functions/echo.md"), "utf8")).toContain(
      "echo(value string, rest number...) string",
    );
  });

  it("reports a provider that cannot start", async () => {
    const r = await runCli(["schema", "--provider", "package.json"], dir);
    expect(r.code).toBe(1);
    expect(r.stderr).toContain("cannot start the provider");
  });
});
