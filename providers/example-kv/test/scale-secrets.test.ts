/**
 * Acceptance tests against every client (support/clients.ts): 200 entries applied with `-parallelism=32` leave a
 * consistent store and an empty plan; secret values never appear in plan or apply output, nor
 * in the provider's own logs at trace level (the built executable, its stderr relayed by
 * the client under TF_LOG_PROVIDER=trace).
 */
import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { assertNoSecrets } from "@pyvider/testing";
import { afterAll, beforeEach, describe, expect, it } from "vitest";
import { storeChecksum } from "./support/checksum.js";
import { clients, need } from "./support/clients.js";
import { providerBlock, T } from "./support/kv.js";
import { TfDir } from "./support/tf.js";

const dirs: TfDir[] = [];
afterAll(async () => {
  for (const d of dirs) await d.dispose();
});

const requiredProviders = `terraform {\n  required_providers {\n    kv = { source = "pyvider/kv" }\n  }\n}\n`;

describe.concurrent.each(clients)("scale and secrets with $name", (client) => {
  const binary = client.path ?? "";
  beforeEach(() => void need(client));

  it(
    "applies 200 entries with -parallelism=32: every file whole and consistent, then an empty plan",
    async () => {
      const tf = await TfDir.create({ binary, flavor: client.flavor });
      dirs.push(tf);
      tf.write({
        "main.tf": `${requiredProviders}${providerBlock(tf.store, "bulk")}
resource "kv_entry" "e" {
  count = 200
  key   = "bulk/\${count.index}"
  value = "value-\${count.index}"
  tags  = { index = tostring(count.index) }
}
`,
      });
      const applied = await tf.must(["apply", "-auto-approve", "-parallelism=32", "-no-color"]);
      expect(applied.stdout).toMatch(/Apply complete! Resources: 200 added, 0 changed, 0 destroyed\./);
      const files = readdirSync(join(tf.store, "bulk")).filter((f) => f.endsWith(".json"));
      expect(files).toHaveLength(200);
      const resources = await tf.resources();
      for (let i = 0; i < 200; i++) {
        const onDisk = tf.storeFile("bulk", `bulk/${i}`);
        expect(onDisk).toMatchObject({
          key: `bulk/${i}`,
          value: `value-${i}`,
          version: 1,
          tags: { index: String(i) },
        });
        expect(onDisk.checksum).toBe(storeChecksum(tf.store, `value-${i}`));
        const r = resources.get(`kv_entry.e[${i}]`);
        expect(r?.values).toMatchObject({ id: `bulk/bulk/${i}`, version: 1, checksum: onDisk.checksum });
        expect(r?.values.created_at).toBe(onDisk.created_at);
      }
      // no lock or temp file left behind
      expect(readdirSync(join(tf.store, "bulk", ".locks"))).toEqual([]);
      expect(readdirSync(join(tf.store, "bulk")).filter((f) => f.startsWith(".tmp"))).toEqual([]);
      const plan = await tf.run(["plan", "-detailed-exitcode", "-parallelism=32", "-no-color"]);
      expect(plan.code, plan.stdout + plan.stderr).toBe(0);
      expect(plan.stdout).toMatch(/No changes\./);
    },
    T,
  );

  // write-only attributes fed by an ephemeral lease: Terraform 1.11, OpenTofu 1.11
  const itWithWriteOnly = client.features.ephemeral && client.features.writeOnly ? it : undefined;
  itWithWriteOnly?.(
    "secret values never reach plan or apply output, nor the provider's trace logs",
    async () => {
      const tf = await TfDir.create({ binary, flavor: client.flavor, mode: "executable" });
      dirs.push(tf);
      const secrets = [
        "s3cr3t-plain-value",
        "s3cr3t-write-only",
        "s3cr3t-bundle-entry",
        "s3cr3t-updated-value",
      ];
      const config = (value: string) => `${requiredProviders}${providerBlock(tf.store)}
resource "kv_entry" "plain" {
  key   = "secret/plain"
  value = "${value}"
}
resource "kv_entry" "wo" {
  key              = "secret/wo"
  value_wo         = "s3cr3t-write-only"
  value_wo_version = 1
}
resource "kv_bundle" "b" {
  prefix  = "secret/bundle/"
  entries = [{ key = "one", value = "s3cr3t-bundle-entry" }]
}
# opened at apply, once the entry exists (Terraform opens a lease at plan when its key is known)
ephemeral "kv_lease" "l" {
  key = kv_entry.plain.created_at == "" ? "" : kv_entry.plain.key
}
resource "kv_entry" "from_lease" {
  key              = "secret/from_lease"
  value_wo         = ephemeral.kv_lease.l.value
  value_wo_version = 1
}
data "kv_entry" "plain" {
  key = kv_entry.plain.key
}
`;
      const trace = { TF_LOG_PROVIDER: "trace" };
      tf.write({ "main.tf": config("s3cr3t-plain-value") });
      const outputs = [
        await tf.must(["plan", "-no-color"], [0], trace),
        await tf.must(["apply", "-auto-approve", "-no-color"], [0], trace),
      ];
      tf.write({ "main.tf": config("s3cr3t-updated-value") });
      outputs.push(await tf.must(["plan", "-no-color"], [0], trace));
      outputs.push(await tf.must(["apply", "-auto-approve", "-no-color"], [0], trace));

      // the provider really logged at trace level through the client, so the check below means something
      const providerLines = outputs
        .flatMap((o) => o.stderr.split("\n"))
        .filter((l) => /provider\.terraform-provider-kv/.test(l));
      expect(providerLines.length).toBeGreaterThan(10);
      expect(providerLines.some((l) => /\[TRACE\]|\[DEBUG\]/.test(l))).toBe(true);
      // and the secrets were really written
      expect(tf.storeFile("acc", "secret/plain").value).toBe("s3cr3t-updated-value");
      expect(tf.storeFile("acc", "secret/wo").value).toBe("s3cr3t-write-only");
      expect(tf.storeFile("acc", "secret/from_lease").value).toBe("s3cr3t-plain-value");
      expect(outputs[2]?.stdout).toMatch(/~ value\s+= \(sensitive value\)/);

      // neither the secrets nor their SHA-256/SHA-1/MD5/SHA-512 digests (a plain digest shown in the
      // plan would let anyone reading it confirm a guess) in the plan and apply output or the logs
      assertNoSecrets({
        secrets,
        logs: outputs.map((o) => o.stderr),
        other: Object.fromEntries(
          outputs.map((o, i) => [`stdout of run ${i} (${o.args.join(" ")})`, o.stdout]),
        ),
      });
      // the write-only and leased values are not in the state either (the plain value is, by design)
      assertNoSecrets({
        secrets: ["s3cr3t-write-only"],
        state: readFileSync(join(tf.dir, "terraform.tfstate"), "utf8"),
      });
    },
    T,
  );
});
