/**
 * End to end with the real OpenTofu (the pinned build of scripts/tofu.mjs): the fixture provider
 * runs through `dev_overrides` and goes through init, validate, plan, apply, an empty second plan,
 * refresh, import by command and by block, a moved block across resource types and destroy;
 * function results land in outputs, sensitive values stay redacted, provider logs appear under
 * TF_LOG_PROVIDER. Without the binary the suite fails under CI=true (and is not run otherwise).
 */
import { readdirSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { beforeAll, describe, expect, it } from "vitest";
import { bundleFixture } from "../fixture/bundle.js";
import {
  createWorkspace,
  findTofu,
  type RunResult,
  run,
  type Workspace,
  workspaceRoot,
  writeConfig,
} from "./tofu.js";

const tofu = findTofu();
const CI = process.env.CI === "true" || process.env.CI === "1";
const SECRET = "TOPSECRET-e2e-value";

function config(
  ws: Workspace,
  o: { legacy?: boolean; moved?: boolean; imported?: boolean; importBlock?: boolean } = {},
): string {
  return `
terraform {
  required_providers {
    fixture = { source = "pyvider/fixture" }
  }
}

provider "fixture" {
  dir = ${JSON.stringify(ws.store)}
}

ephemeral "fixture_token" "t" {
  scope = "e2e"
}

resource "fixture_item" "a" {
  name        = "a"
  content     = "hello"
  tags        = { env = "e2e" }
  labels      = ["y", "x"]
  secret      = ${JSON.stringify(SECRET)}
  password_wo = ephemeral.fixture_token.t.value
  settings    = { mode = "fast", level = 2 }
  rule {
    match    = "m1"
    priority = 1
  }
  endpoint {
    host = "h1"
    port = 80
  }
}

data "fixture_lookup" "a" {
  name       = fixture_item.a.name
  depends_on = [fixture_item.a]
}
${
  o.legacy === false
    ? ""
    : `
resource "fixture_legacy" "old" {
  name = "moved-one"
  body = "legacy body"
}
`
}${
  o.moved === true
    ? `
resource "fixture_item" "moved" {
  name    = "moved-one"
  content = "legacy body"
}

moved {
  from = fixture_legacy.old
  to   = fixture_item.moved
}
`
    : ""
}${
  o.imported === true
    ? `
resource "fixture_item" "imp" {
  name    = "imp1"
  content = "imported content"
}
`
    : ""
}${
  o.importBlock === true
    ? `
import {
  to = fixture_item.imp2
  id = "imp2"
}

resource "fixture_item" "imp2" {
  name    = "imp2"
  content = "second import"
}
`
    : ""
}
output "upper" { value = provider::fixture::upper("abc") }
output "joined" { value = provider::fixture::join("-", "a", "b", "c") }
output "quotient" { value = provider::fixture::divide(7, 2) }
output "lookup" { value = data.fixture_lookup.a.content }
output "secret" {
  value     = fixture_item.a.secret
  sensitive = true
}
`;
}

function storeItem(ws: Workspace, name: string, content: string): void {
  const item = { name, content, tags: null, labels: null, secret: null, password_hash: null, revision: 1 };
  writeFileSync(join(ws.store, "items", encodeURIComponent(name)), JSON.stringify(item));
}

function ok(r: RunResult): RunResult {
  if (r.code !== 0)
    throw new Error(`tofu exited ${r.code}\n--- stdout ---\n${r.stdout}\n--- stderr ---\n${r.stderr}`);
  return r;
}

describe.runIf(tofu !== undefined || CI)("the fixture provider under OpenTofu", () => {
  let ws: Workspace;
  let bin: string;
  let root: string;
  let bundle: string;

  beforeAll(async () => {
    if (tofu === undefined)
      throw new Error("CI=true but the pinned OpenTofu is not built: run node scripts/tofu.mjs --ensure");
    bin = tofu;
    root = workspaceRoot();
    // A bundle starts in a fraction of the time tsx needs, and OpenTofu starts the provider often.
    bundle = await bundleFixture(root);
    ws = createWorkspace(root, { command: process.execPath, args: [bundle], env: {} });
    writeConfig(ws, config(ws));
  });

  it("goes through the whole lifecycle", { timeout: 600_000 }, async () => {
    const init = await run(bin, ws, ["init", "-backend=false"]);
    expect(
      init.code === 0 || /dev_overrides|Provider development overrides/.test(init.stdout + init.stderr),
    ).toBe(true);

    ok(await run(bin, ws, ["validate"]));

    const plan = ok(await run(bin, ws, ["plan"]));
    expect(plan.stdout).toContain("fixture_item.a will be created");
    expect(plan.stdout).toContain("(sensitive value)");
    expect(plan.stdout).not.toContain(SECRET);

    const apply = ok(await run(bin, ws, ["apply", "-auto-approve"]));
    expect(apply.stdout).toContain("Apply complete!");
    expect(apply.stdout).not.toContain(SECRET);

    const outputs = JSON.parse(ok(await run(bin, ws, ["output", "-json"])).stdout) as Record<
      string,
      { value: unknown; sensitive: boolean }
    >;
    expect(outputs.upper?.value).toBe("ABC");
    expect(outputs.joined?.value).toBe("a-b-c");
    expect(outputs.quotient?.value).toBe(3.5);
    expect(outputs.lookup?.value).toBe("hello");
    expect(outputs.secret).toEqual({ value: SECRET, sensitive: true, type: "string" });
    const shown = ok(await run(bin, ws, ["output"])).stdout;
    expect(shown).toContain("secret = <sensitive>");

    const second = await run(bin, ws, ["plan", "-detailed-exitcode"]);
    expect(second.code, second.stdout + second.stderr).toBe(0);
    expect(second.stdout).toContain("No changes.");

    ok(await run(bin, ws, ["refresh"]));
    const afterRefresh = await run(bin, ws, ["plan", "-detailed-exitcode"]);
    expect(afterRefresh.code, afterRefresh.stdout).toBe(0);

    // Import by command.
    storeItem(ws, "imp1", "imported content");
    writeConfig(ws, config(ws, { imported: true }));
    const imported = ok(await run(bin, ws, ["import", "fixture_item.imp", "imp1"]));
    expect(imported.stdout).toContain("Import successful!");
    const afterImport = await run(bin, ws, ["plan", "-detailed-exitcode"]);
    expect(afterImport.code, afterImport.stdout).toBe(0);

    // Import by block.
    storeItem(ws, "imp2", "second import");
    writeConfig(ws, config(ws, { imported: true, importBlock: true }));
    const importPlan = ok(await run(bin, ws, ["apply", "-auto-approve"]));
    expect(importPlan.stdout).toMatch(/1 imported/);
    const list = ok(await run(bin, ws, ["state", "list"])).stdout;
    expect(list).toContain("fixture_item.imp2");

    // A moved block across resource types.
    writeConfig(ws, config(ws, { imported: true, importBlock: true, legacy: false, moved: true }));
    const movePlan = ok(await run(bin, ws, ["plan"]));
    expect(movePlan.stdout).toContain("fixture_legacy.old has moved to fixture_item.moved");
    expect(movePlan.stdout).not.toContain("must be replaced");
    ok(await run(bin, ws, ["apply", "-auto-approve"]));
    const moved = ok(await run(bin, ws, ["state", "show", "fixture_item.moved"])).stdout;
    expect(moved).toMatch(/content\s+= "legacy body"/);
    const afterMove = await run(bin, ws, ["plan", "-detailed-exitcode"]);
    expect(afterMove.code, afterMove.stdout).toBe(0);

    // Provider logs under TF_LOG_PROVIDER.
    const logged = ok(await run(bin, ws, ["plan"], { TF_LOG_PROVIDER: "trace" }));
    expect(logged.stderr).toMatch(/provider\.terraform-provider-fixture.*resource fixture_item read/);
    expect(logged.stderr).not.toContain(SECRET);

    const destroy = ok(await run(bin, ws, ["destroy", "-auto-approve"]));
    expect(destroy.stdout).toContain("Destroy complete!");
    expect(readdirSync(join(ws.store, "items"))).toEqual([]);
  });

  it("refuses resources with computed blocks: OpenTofu does not announce computed_blocks_allowed", {
    timeout: 300_000,
  }, async () => {
    const other = createWorkspace(join(root, "computed"), {
      command: process.execPath,
      args: [bundle],
      env: {},
    });
    writeConfig(
      other,
      `terraform {
  required_providers {
    fixture = { source = "pyvider/fixture" }
  }
}

provider "fixture" {
  dir = ${JSON.stringify(other.store)}
}

resource "fixture_computed" "c" {
  name = "c1"
}
`,
    );
    const plan = await run(bin, other, ["plan"]);
    expect(plan.code).toBe(1);
    expect(plan.stderr).toContain("Computed blocks not supported by this Terraform version");
    expect(plan.stderr).toMatch(/"fixture_computed"[\s\S]*"endpoint"/);
  });
});
