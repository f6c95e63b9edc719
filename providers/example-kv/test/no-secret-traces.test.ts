/**
 * No secret traces, against every client with ephemeral resources and write-only attributes
 * (support/clients.ts), with the built executable and `TF_LOG=trace`: a write-only
 * value (from an ephemeral variable) and a value leased through the ephemeral `kv_lease` (stored
 * out of band, so it was never in any configuration or state) are written to the store, and
 * neither they nor their SHA-256 / SHA-1 / MD5 / SHA-512 digests appear in the state (`show -json`
 * and the state file), the plan (`plan -json` and `show -json` of the saved plan) or the logs of
 * OpenTofu and of the provider. The keyed checksum in state still changes with the value.
 */
import { readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { assertNoSecrets, findSecretTraces } from "@pyvider/testing";
import { afterAll, beforeEach, describe, expect, it } from "vitest";
import { openStore, sha256Hex } from "../src/store/index.js";
import { storeChecksum } from "./support/checksum.js";
import { clientsWith, need } from "./support/clients.js";
import { providerBlock, T } from "./support/kv.js";
import { type Run, TfDir } from "./support/tf.js";

const dirs: TfDir[] = [];
afterAll(async () => {
  for (const d of dirs) await d.dispose();
});

const WRITE_ONLY = "wo-Secret-7f3a9c";
const WRITE_ONLY_2 = "wo-Secret-rotated-51b2";
const LEASED = "leased-Secret-c0ffee";

const config = (store: string, version: number) => `terraform {
  required_providers {
    kv = { source = "pyvider/kv" }
  }
}
${providerBlock(store)}
variable "wo" {
  type      = string
  ephemeral = true
  sensitive = true
}
resource "kv_entry" "wo" {
  key              = "secret/wo"
  value_wo         = var.wo
  value_wo_version = ${version}
}
ephemeral "kv_lease" "l" {
  key = "vault/leased"
}
resource "kv_entry" "from_lease" {
  key              = "secret/from_lease"
  value_wo         = ephemeral.kv_lease.l.value
  value_wo_version = ${version}
}
`;

describe.each(clientsWith("ephemeral", "writeOnly"))(
  "no secret traces, with $name and the built provider",
  (client) => {
    beforeEach(() => void need(client));
    it(
      "write-only and leased values and their digests appear nowhere in state, plan JSON or trace logs",
      async () => {
        const tf = await TfDir.create({ binary: need(client), flavor: client.flavor, mode: "executable" });
        dirs.push(tf);
        // the leased secret is put in the store out of band: no configuration or state holds it
        await (await openStore({ path: tf.store, namespace: "acc" })).put("vault/leased", { value: LEASED });

        const runs: Run[] = [];
        const plans: string[] = [];
        const states: string[] = [];
        const cycle = async (version: number, secret: string) => {
          tf.write({ "main.tf": config(tf.store, version) });
          const env = { TF_LOG: "trace", TF_VAR_wo: secret };
          const plan = await tf.must(["plan", "-out=tfplan", "-json", "-no-color"], [0], env);
          runs.push(plan);
          plans.push(plan.stdout);
          const shown = await tf.must(["show", "-json", "tfplan"]);
          plans.push(shown.stdout);
          runs.push(await tf.must(["apply", "-json", "-no-color", "tfplan"], [0], env));
          const state = await tf.must(["show", "-json"]);
          states.push(state.stdout, readFileSync(join(tf.dir, "terraform.tfstate"), "utf8"));
          return JSON.parse(shown.stdout) as {
            resource_changes?: { address: string; change: { actions: string[] } }[];
          };
        };
        const first = await cycle(1, WRITE_ONLY);
        expect(first.resource_changes?.map((c) => [c.address, c.change.actions])).toEqual([
          ["kv_entry.from_lease", ["create"]],
          ["kv_entry.wo", ["create"]],
        ]);
        const firstState = await tf.resources();
        const second = await cycle(2, WRITE_ONLY_2);
        expect(second.resource_changes?.find((c) => c.address === "kv_entry.wo")?.change.actions).toEqual([
          "update",
        ]);

        // the secrets were really written, through the write-only attribute and through the lease
        expect(tf.storeFile("acc", "secret/wo").value).toBe(WRITE_ONLY_2);
        expect(tf.storeFile("acc", "secret/from_lease").value).toBe(LEASED);
        // the state has a checksum that follows the value: keyed, not the plain digest
        const state = await tf.resources();
        const woChecksum = state.get("kv_entry.wo")?.values.checksum;
        expect(woChecksum).toBe(storeChecksum(tf.store, WRITE_ONLY_2));
        expect(firstState.get("kv_entry.wo")?.values.checksum).toBe(storeChecksum(tf.store, WRITE_ONLY));
        expect(woChecksum).not.toBe(firstState.get("kv_entry.wo")?.values.checksum);
        expect(state.get("kv_entry.from_lease")?.values).toMatchObject({
          value: null,
          checksum: storeChecksum(tf.store, LEASED),
        });
        // a rewrite of the write-only entry behind Terraform's back still shows on refresh: the keyed
        // checksum follows the stored value
        const file = tf.storePath("acc", "secret/wo");
        writeFileSync(file, readFileSync(file, "utf8").replace(WRITE_ONLY_2, "rewritten-by-hand"));
        const refresh = await tf.must(["apply", "-refresh-only", "-auto-approve", "-no-color"], [0], {
          TF_LOG: "trace",
          TF_VAR_wo: WRITE_ONLY_2,
        });
        runs.push(refresh);
        expect(refresh.stdout).toMatch(/~ checksum\s+= "[0-9a-f]{64}" -> "[0-9a-f]{64}"/);
        expect((await tf.resources()).get("kv_entry.wo")?.values.checksum).toBe(
          storeChecksum(tf.store, "rewritten-by-hand"),
        );
        states.push(readFileSync(join(tf.dir, "terraform.tfstate"), "utf8"));
        // the logs are real trace logs of OpenTofu and of the provider, so their scan means something
        const logs = runs.map((r) => r.stderr);
        const providerLines = logs
          .flatMap((l) => l.split("\n"))
          .filter((l) => /terraform-provider-kv/.test(l));
        expect(providerLines.length).toBeGreaterThan(20);
        expect(providerLines.some((l) => /\[TRACE\]/.test(l))).toBe(true);
        expect(logs.join("\n")).toMatch(
          /\[TRACE\] provider\.terraform-provider-kv.*ApplyResourceChange|ApplyResourceChange/,
        );
        // and a plain digest in any of them would be caught
        expect(
          findSecretTraces({ secrets: [LEASED], state: `"checksum":"${sha256Hex(LEASED)}"` }),
        ).toHaveLength(1);

        assertNoSecrets({
          secrets: [WRITE_ONLY, WRITE_ONLY_2, LEASED, "rewritten-by-hand"],
          state: states,
          planJson: plans,
          logs,
          other: { "apply -json output": runs.map((r) => r.stdout) },
        });
      },
      T,
    );
  },
);
