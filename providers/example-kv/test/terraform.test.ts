/**
 * What OpenTofu does not call, against every client that has it (support/clients.ts): the list
 * resource (`terraform query`, Terraform 1.14), the `kv_touch` action (`apply -invoke`, 1.14),
 * config generation for import (`plan -generate-config-out`, 1.14), and the `kv` state store
 * with its locking (an experiments-enabled build).
 *
 * The experiments-enabled Terraform comes from PYVIDER_TERRAFORM_PATH or `scripts/tofu.mjs`
 * (PYVIDER_TOOL=terraform); without it these tests are not generated, except under CI=true
 * where they fail with the reason.
 */
import { existsSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { openStore } from "../src/store/index.js";
import { type Client, clients, type Features, need } from "./support/clients.js";
import { providerBlock, T } from "./support/kv.js";
import { TfDir } from "./support/tf.js";

const dirs: TfDir[] = [];
afterAll(async () => {
  for (const d of dirs) await d.dispose();
});

const requiredProviders = `terraform {\n  required_providers {\n    kv = { source = "pyvider/kv" }\n  }\n}\n`;

async function withTerraform(client: Client): Promise<TfDir> {
  const tf = await TfDir.create({ binary: need(client), flavor: client.flavor });
  dirs.push(tf);
  return tf;
}

const entries = (keys: string[]) =>
  keys.map((k, i) => `resource "kv_entry" "e${i}" {\n  key   = "${k}"\n  value = "v${i}"\n}\n`).join("");

const terraformOnly: (keyof Features)[] = ["listResources", "actions", "stateStores", "generateConfig"];

describe.concurrent.each(clients.filter((c) => terraformOnly.some((f) => c.features[f])))(
  "kv with $name",
  (client) => {
    /** `it` for a client with `feature`, else nothing. */
    const itWith = (feature: keyof Features) => (client.features[feature] ? it : undefined);

    itWith("listResources")?.(
      "terraform query lists entries under a prefix with their identity",
      async () => {
        const tf = await withTerraform(client);
        tf.write({
          "main.tf": requiredProviders + providerBlock(tf.store) + entries(["app/a", "app/b", "other/c"]),
          "all.tfquery.hcl": `list "kv_entry" "app" {\n  provider = kv\n  config {\n    prefix = "app/"\n  }\n}\n`,
        });
        await tf.must(["apply", "-auto-approve", "-no-color"]);
        const q = await tf.must(["query", "-json", "-no-color"]);
        const events = q.stdout
          .split("\n")
          .filter((l) => l.startsWith("{"))
          .map((l) => JSON.parse(l) as Record<string, any>);
        const found = events
          .filter((e) => e.type === "list_resource_found")
          .map((e) => e.list_resource_found);
        expect(found.map((f) => f.identity)).toEqual([
          { namespace: "acc", key: "app/a" },
          { namespace: "acc", key: "app/b" },
        ]);
        expect(found.map((f) => f.display_name)).toEqual(["acc/app/a", "acc/app/b"]);
        expect(events.find((e) => e.type === "list_complete")?.list_complete.total).toBe(2);
      },
      T,
    );

    itWith("actions")?.(
      "apply -invoke runs kv_touch: updated_at moves, progress is shown, the value and version stay",
      async () => {
        const tf = await withTerraform(client);
        tf.write({
          "main.tf": `${requiredProviders}${providerBlock(tf.store)}${entries(["touch/me"])}
action "kv_touch" "t" {\n  config {\n    key = "touch/me"\n  }\n}\n`,
        });
        await tf.must(["apply", "-auto-approve", "-no-color"]);
        const before = tf.storeFile("acc", "touch/me");
        await new Promise((r) => setTimeout(r, 20));
        const run = await tf.must(["apply", "-auto-approve", "-no-color", "-invoke=action.kv_touch.t"]);
        const after = tf.storeFile("acc", "touch/me");
        expect(run.stdout).toMatch(/touching "touch\/me" in namespace "acc"/);
        expect(run.stdout).toMatch(/"touch\/me" updated_at is now \d{4}-/);
        expect(run.stdout).toMatch(/Actions: 1 invoked/);
        expect(Date.parse(String(after.updated_at))).toBeGreaterThan(Date.parse(String(before.updated_at)));
        expect(after).toMatchObject({
          value: before.value,
          version: before.version,
          created_at: before.created_at,
        });
      },
      T,
    );

    itWith("stateStores")?.(
      "keeps Terraform state in the kv state store, per workspace, and honours its lock",
      async () => {
        const tf = await withTerraform(client);
        const block = providerBlock(tf.store).replace(/^/gm, "    ").trimEnd();
        tf.write({
          "main.tf": `terraform {\n  required_providers {\n    kv = { source = "pyvider/kv" }\n  }\n  state_store "kv" {\n${block}\n  }\n}\n${providerBlock(tf.store)}${entries(["state/one"])}`,
        });
        await tf.must(["init", "-enable-pluggable-state-storage-experiment", "-no-color"]);
        await tf.must(["apply", "-auto-approve", "-no-color"]);
        const blob = join(tf.store, ".states", "default.tfstate");
        expect(JSON.parse(readFileSync(blob, "utf8")).resources[0]).toMatchObject({
          type: "kv_entry",
          name: "e0",
        });
        expect(existsSync(join(tf.dir, "terraform.tfstate"))).toBe(false);
        expect((await tf.must(["state", "list", "-no-color"])).stdout.trim()).toBe("kv_entry.e0");

        // someone else holds the lock: Terraform waits, then gives up naming the holder
        const store = await openStore({ path: tf.store, namespace: "acc" });
        const lockId = await store.lockState("default", {
          ID: "",
          Who: "someone@elsewhere",
          Operation: "OperationTypeApply",
        });
        const locked = await tf.run(["plan", "-lock-timeout=1s", "-no-color"]);
        expect(locked.code).not.toBe(0);
        expect(locked.stdout + locked.stderr).toMatch(
          /Error acquiring the state lock[\s\S]*someone@elsewhere/,
        );
        await store.unlockState("default", lockId);
        await tf.must(["plan", "-no-color"]);

        // workspaces are separate states
        await tf.must(["workspace", "new", "staging", "-no-color"]);
        expect(existsSync(join(tf.store, ".states", "staging.tfstate"))).toBe(true);
        expect((await tf.must(["workspace", "list", "-no-color"])).stdout).toMatch(/default[\s\S]*staging/);
      },
      T,
    );

    itWith("generateConfig")?.(
      "plan -generate-config-out writes the configuration of an imported entry",
      async () => {
        const tf = await withTerraform(client);
        const store = await openStore({ path: tf.store, namespace: "acc" });
        await store.put("gen/a", { value: "generated", tags: { team: "core" }, ttlSeconds: 90 });
        const head = requiredProviders + providerBlock(tf.store);
        tf.write({ "main.tf": `${head}import {\n  to = kv_entry.a\n  id = "gen/a"\n}\n` });
        // the value is sensitive, so Terraform writes it as null and the plan stops until it is filled in
        const gen = await tf.run(["plan", "-generate-config-out=generated.tf", "-no-color"]);
        const generated = readFileSync(join(tf.dir, "generated.tf"), "utf8");
        expect(generated).toMatch(/resource "kv_entry" "a" \{/);
        expect(generated).toMatch(/key\s+= "gen\/a"/);
        expect(generated).toMatch(/tags\s+= \{\s*team = "core"\s*\}/);
        expect(generated).toMatch(/ttl_seconds\s+= 90/);
        expect(generated).toMatch(/value\s+= null # sensitive/);
        expect(generated).not.toContain('generated"');
        expect(
          gen.code === 0 ||
            /Exactly one of these attributes must be configured/.test(gen.stdout + gen.stderr),
        ).toBe(true);
        // filling in the value gives an import with nothing else to change
        tf.write({ "generated.tf": generated.replace(/value\s+= null # sensitive/, 'value = "generated"') });
        const plan = await tf.must(["plan", "-no-color"]);
        expect(plan.stdout).toMatch(/Plan: 1 to import, 0 to add, 0 to change, 0 to destroy\./);
      },
      T,
    );
  },
);
