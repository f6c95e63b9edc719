/**
 * End to end with the pinned, experiments-enabled Terraform: what OpenTofu does not call.
 * Actions (`terraform apply -invoke`), list resources (`terraform query`) and the state store
 * (`state_store` with `-enable-pluggable-state-storage-experiment`: init, apply, an empty second
 * plan, workspaces), plus the resource lifecycle through Terraform's own consistency checks.
 * Without the binary the suite fails under CI=true (and is not run otherwise).
 */
import { existsSync, readdirSync, readFileSync, writeFileSync } from "node:fs";
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

const terraform = findTofu("terraform");
const CI = process.env.CI === "true" || process.env.CI === "1";

function ok(r: RunResult): RunResult {
  if (r.code !== 0)
    throw new Error(`terraform exited ${r.code}\n--- stdout ---\n${r.stdout}\n--- stderr ---\n${r.stderr}`);
  return r;
}

const providerBlock = (dir: string) => `
terraform {
  required_providers {
    fixture = { source = "pyvider/fixture" }
  }
}

provider "fixture" {
  dir = ${JSON.stringify(dir)}
}
`;

describe.runIf(terraform !== undefined || CI)("the fixture provider under Terraform", () => {
  let bin: string;
  let root: string;
  let bundle: string;

  beforeAll(async () => {
    if (terraform === undefined)
      throw new Error(
        "CI=true but the pinned Terraform is not built: run PYVIDER_TOOL=terraform node scripts/tofu.mjs --ensure",
      );
    bin = terraform;
    root = workspaceRoot();
    bundle = await bundleFixture(root);
  });

  const workspace = (name: string): Workspace =>
    createWorkspace(
      join(root, name),
      { command: process.execPath, args: [bundle], env: {} },
      "registry.terraform.io",
    );

  it("applies, plans no diff, invokes an action and lists resources", { timeout: 300_000 }, async () => {
    const ws = workspace("actions");
    writeConfig(
      ws,
      `${providerBlock(ws.store)}
resource "fixture_item" "a" {
  name     = "apple"
  content  = "hello"
  labels   = ["x", "y"]
  settings = { mode = "slow" }
  rule {
    match = "m"
  }
}

resource "fixture_item" "b" {
  name    = "banana"
  content = "yellow"
}

action "fixture_touch" "t" {
  config {
    names = ["apple", "banana"]
  }
}

output "joined" { value = provider::fixture::join("+", "a", "b") }
`,
    );
    writeFileSync(
      join(ws.dir, "main.tfquery.hcl"),
      `list "fixture_item" "all" {\n  provider         = fixture\n  include_resource = true\n  config {\n    prefix = "a"\n  }\n}\n`,
    );
    ok(await run(bin, ws, ["validate"]));
    const apply = ok(await run(bin, ws, ["apply", "-auto-approve"]));
    expect(apply.stdout).toContain('joined = "a+b"');
    const second = await run(bin, ws, ["plan", "-detailed-exitcode"]);
    expect(second.code, second.stdout + second.stderr).toBe(0);

    const invoked = ok(await run(bin, ws, ["apply", "-auto-approve", "-invoke=action.fixture_touch.t"]));
    expect(invoked.stdout).toContain("touched apple");
    expect(invoked.stdout).toContain("touched banana");
    expect(invoked.stdout).toMatch(/Actions: 1 invoked/);
    const stored = JSON.parse(readFileSync(join(ws.store, "items", "apple"), "utf8")) as { revision: number };
    expect(stored.revision).toBe(2);

    const query = ok(await run(bin, ws, ["query"]));
    expect(query.stdout).toMatch(/list\.fixture_item\.all\s+name=apple\s+item apple/);
    expect(query.stdout).not.toContain("banana");

    ok(await run(bin, ws, ["destroy", "-auto-approve"]));
    expect(readdirSync(join(ws.store, "items"))).toEqual([]);
  });

  it("tfplugin6 6.11: a saved plan's private data reaches the apply-time plan; computed blocks", {
    timeout: 300_000,
  }, async () => {
    const ws = workspace("tfplugin611");
    const resource = (body: string) =>
      `${providerBlock(ws.store)}\nresource "fixture_computed" "c" {\n  name = "c1"\n${body}}\n`;
    const values = async () => {
      const shown = JSON.parse(ok(await run(bin, ws, ["show", "-json"])).stdout) as {
        values: { root_module: { resources: { values: Record<string, unknown> }[] } };
      };
      return shown.values.root_module.resources[0]?.values;
    };
    writeConfig(ws, resource(""));
    ok(await run(bin, ws, ["plan", "-out=tfplan"]));
    // Applying the saved plan plans once more, with the first plan's private data as planned_private.
    ok(await run(bin, ws, ["apply", "tfplan"]));
    expect(await values()).toMatchObject({
      seen: "token-c1",
      client: "store_planned_private=true computed_blocks_allowed=true",
      endpoint: [{ host: "c1.example", port: 443 }],
    });
    // The computed block left out of the configuration keeps its value: no diff.
    const second = await run(bin, ws, ["plan", "-detailed-exitcode"]);
    expect(second.code, second.stdout + second.stderr).toBe(0);

    // Configured, it is planned from the configuration; its computed attribute is filled in.
    writeConfig(ws, resource("  endpoint {\n    port = 8080\n  }\n"));
    ok(await run(bin, ws, ["apply", "-auto-approve"]));
    expect(await values()).toMatchObject({
      endpoint: [{ host: "c1.example", port: 8080 }],
      seen: "token-c1",
    });
    const third = await run(bin, ws, ["plan", "-detailed-exitcode"]);
    expect(third.code, third.stdout + third.stderr).toBe(0);
    ok(await run(bin, ws, ["destroy", "-auto-approve"]));
  });

  it("keeps Terraform's state in the provider's state store", { timeout: 300_000 }, async () => {
    const ws = workspace("state-store");
    const states = join(ws.store, "states");
    writeConfig(
      ws,
      `terraform {
  required_providers {
    fixture = { source = "pyvider/fixture" }
  }
  state_store "fixture_store" {
    provider "fixture" {
      dir = ${JSON.stringify(ws.store)}
    }
    prefix = "p"
  }
}

provider "fixture" {
  dir = ${JSON.stringify(ws.store)}
}

resource "fixture_item" "s" {
  name    = "in-store"
  content = "kept by the state store"
}
`,
    );
    ok(await run(bin, ws, ["init", "-enable-pluggable-state-storage-experiment"]));
    ok(await run(bin, ws, ["apply", "-auto-approve"]));
    const state = JSON.parse(readFileSync(join(states, "default"), "utf8")) as {
      resources: { type: string }[];
      serial: number;
    };
    expect(state.resources.map((r) => r.type)).toEqual(["fixture_item"]);
    expect(existsSync(join(ws.dir, "terraform.tfstate"))).toBe(false);

    const second = await run(bin, ws, ["plan", "-detailed-exitcode"]);
    expect(second.code, second.stdout + second.stderr).toBe(0);
    expect(ok(await run(bin, ws, ["state", "list"])).stdout.trim()).toBe("fixture_item.s");

    ok(await run(bin, ws, ["workspace", "new", "staging"]));
    expect(ok(await run(bin, ws, ["workspace", "list"])).stdout).toMatch(/default[\s\S]*\* staging/);
    ok(await run(bin, ws, ["workspace", "select", "default"]));
    ok(await run(bin, ws, ["workspace", "delete", "staging"]));
    expect(readdirSync(states).sort()).toEqual(["default"]);

    ok(await run(bin, ws, ["destroy", "-auto-approve"]));
    const after = JSON.parse(readFileSync(join(states, "default"), "utf8")) as {
      resources: unknown[];
      serial: number;
    };
    expect(after.resources).toEqual([]);
    expect(after.serial).toBeGreaterThan(state.serial);
  });
});
