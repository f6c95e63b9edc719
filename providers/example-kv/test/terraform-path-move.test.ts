/**
 * The Terraform on PATH (1.11.4 on the development machine) against the built executable through
 * dev_overrides, so every command starts fresh provider processes as it does for users. Terraform
 * calls MoveResourceState on a provider it has not configured for a `moved` block across resource
 * types: `kv_item` -> `kv_entry` must work there (it crashed with "Cannot read properties of
 * undefined (reading 'namespace')" when movers assumed a configured provider).
 *
 * Skipped, with the reason, when no `terraform` is on PATH.
 */
import { spawnSync } from "node:child_process";
import { readdirSync } from "node:fs";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { providerBlock, T } from "./support/kv.js";
import { TfDir } from "./support/tf.js";

/** `terraform` on PATH, if any (`PYVIDER_PATH_TERRAFORM` overrides). */
function terraformOnPath(): string | undefined {
  const env = process.env.PYVIDER_PATH_TERRAFORM;
  if (env !== undefined && env !== "") return env;
  const r = spawnSync("sh", ["-c", "command -v terraform"], { encoding: "utf8" });
  const p = r.stdout.trim();
  return r.status === 0 && p !== "" ? p : undefined;
}

const binary = terraformOnPath();
const dirs: TfDir[] = [];
afterAll(async () => {
  for (const d of dirs) await d.dispose();
});

const requiredProviders = `terraform {\n  required_providers {\n    kv = { source = "pyvider/kv" }\n  }\n}\n`;

describe("kv with the Terraform on PATH", () => {
  it(
    "moves kv_item state to kv_entry with a moved block on a fresh, unconfigured provider",
    async (ctx) => {
      if (binary === undefined) {
        ctx.skip("no terraform on PATH (set PYVIDER_PATH_TERRAFORM to test one elsewhere)");
        return;
      }
      const version = spawnSync(binary, ["version"], { encoding: "utf8" }).stdout.split("\n")[0];
      const tf = await TfDir.create({ binary, flavor: "terraform", mode: "executable" });
      dirs.push(tf);
      const p = requiredProviders + providerBlock(tf.store);
      tf.write({
        "main.tf": `${p}resource "kv_item" "legacy" {\n  key  = "moved/legacy"\n  data = "carried over"\n}\n`,
      });
      await tf.must(["apply", "-auto-approve", "-no-color"]);
      const before = tf.storeFile("acc", "moved/legacy");
      tf.write({
        "main.tf": `${p}resource "kv_entry" "legacy" {\n  key   = "moved/legacy"\n  value = "carried over"\n}\nmoved {\n  from = kv_item.legacy\n  to   = kv_entry.legacy\n}\n`,
      });
      const plan = await tf.must(["plan", "-no-color", "-detailed-exitcode"], [0, 2]);
      expect(plan.stdout).toMatch(/kv_item\.legacy has moved to kv_entry\.legacy/);
      expect(plan.stdout).not.toMatch(/must be replaced|will be created|will be destroyed/);
      await tf.must(["apply", "-auto-approve", "-no-color"]);
      const resources = await tf.resources();
      expect([...resources.keys()]).toEqual(["kv_entry.legacy"]);
      const moved = resources.get("kv_entry.legacy")!;
      expect(moved.values).toMatchObject({ key: "moved/legacy", id: "acc/moved/legacy" });
      // (show -json gives identities only from Terraform 1.12 on.)
      if (moved.identity !== undefined)
        expect(moved.identity).toEqual({ namespace: "acc", key: "moved/legacy" });
      // Not re-created: the same entry, same creation time, in the store.
      expect(tf.storeFile("acc", "moved/legacy").createdAt).toBe(before.createdAt);
      expect(readdirSync(join(tf.store, "acc")).filter((f) => f.endsWith(".json"))).toHaveLength(1);
      const again = await tf.must(["plan", "-no-color", "-detailed-exitcode"], [0, 2]);
      expect(again.code, `${version}: a second plan after the move should be empty\n${again.stdout}`).toBe(0);
    },
    T,
  );
});
