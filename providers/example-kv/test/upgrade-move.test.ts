/**
 * Acceptance tests against every client (support/clients.ts) of the state that older configurations left: a real
 * version 0 state of `kv_entry` (value called `data`) upgraded in place, and `kv_item` state
 * taken over by `kv_entry` through a `moved` block.
 */
import { cpSync, readFileSync, writeFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { acceptanceTest, expectResourceAction } from "@pyvider/testing";
import { afterAll, beforeEach, describe, expect, it } from "vitest";
import { storeChecksum } from "./support/checksum.js";
import { clients, need } from "./support/clients.js";
import { inProcess, providerBlock, T, tempStore } from "./support/kv.js";
import { TfDir } from "./support/tf.js";

const fixture = join(dirname(fileURLToPath(import.meta.url)), "fixtures", "v0");
const cleanups: (() => unknown)[] = [];
afterAll(async () => {
  for (const c of cleanups) await c();
});

describe.concurrent.each(clients)("state from older versions, with $name", (client) => {
  const binary = client.path ?? "";
  beforeEach(() => void need(client));

  it(
    "upgrades a real version 0 state: data becomes value, and the plan is empty",
    async () => {
      const tf = await TfDir.create({ binary, flavor: client.flavor });
      cleanups.push(() => tf.dispose());
      // the state was written by OpenTofu; Terraform knows the provider under its own registry host
      const written = readFileSync(join(fixture, "terraform.tfstate"), "utf8");
      writeFileSync(
        join(tf.dir, "terraform.tfstate"),
        client.flavor === "terraform"
          ? written.replaceAll("registry.opentofu.org/", "registry.terraform.io/")
          : written,
      );
      cpSync(join(fixture, "store"), tf.store, { recursive: true });
      tf.write({
        "main.tf": `terraform {\n  required_providers {\n    kv = { source = "pyvider/kv" }\n  }\n}\n${providerBlock(tf.store, "default")}
resource "kv_entry" "legacy" {\n  key   = "legacy/config"\n  value = "written-by-version-0"\n}\n`,
      });
      await tf.must(["init", "-no-color"]);
      const plan = await tf.must(["plan", "-detailed-exitcode", "-no-color"], [0, 2]);
      expect(plan.stdout).toMatch(/No changes\./);
      expect(plan.code).toBe(0);
      await tf.must(["apply", "-auto-approve", "-no-color"]);
      const state = JSON.parse(readFileSync(join(tf.dir, "terraform.tfstate"), "utf8"));
      const instance = state.resources[0].instances[0];
      expect(instance.schema_version).toBe(1);
      expect(instance.attributes).not.toHaveProperty("data");
      expect(instance.attributes).toMatchObject({
        key: "legacy/config",
        value: "written-by-version-0",
        id: "default/legacy/config",
        version: 1,
        checksum: storeChecksum(tf.store, "written-by-version-0"),
      });
      expect(instance.attributes.created_at).toMatch(/^\d{4}-/);
    },
    T,
  );

  // moved between resource types (MoveResourceState): Terraform 1.8, OpenTofu 1.9
  const itWithMoves = client.features.crossTypeMove ? it : undefined;
  itWithMoves?.(
    "moves kv_item state to kv_entry with a moved block, without re-creating the entry",
    async (ctx) => {
      const store = tempStore();
      cleanups.push(store.cleanup);
      const p = providerBlock(store.path);
      await acceptanceTest(
        {
          binary,
          provider: inProcess,
          steps: [
            {
              config: `${p}resource "kv_item" "x" {\n  key  = "moved/x"\n  data = "carried over"\n}\n`,
              check: (s) => s.resource("kv_item.x").expect("id", "acc/moved/x"),
            },
            {
              config: `${p}resource "kv_entry" "x" {\n  key   = "moved/x"\n  value = "carried over"\n}\nmoved {\n  from = kv_item.x\n  to   = kv_entry.x\n}\n`,
              planChecks: { preApply: [expectResourceAction("kv_entry.x", "no-op")] },
              check: (s) => {
                s.expectNoResource("kv_item.x");
                s.resource("kv_entry.x")
                  .expect("value", "carried over")
                  .expect("version", 1)
                  .expect("checksum", storeChecksum(store.path, "carried over"));
              },
            },
          ],
        },
        ctx,
      );
    },
    T,
  );
});
