/**
 * Author-raised deferral with real clients (support/clients.ts): the `kv_entry` data source reads
 * a key that a `kv_entry` resource of the same configuration creates. The data source does not
 * reference the resource, so it is read at plan time, before the entry exists.
 *
 * - With a client that allows deferral (the experiments-enabled Terraform, `-allow-deferral`),
 *   the read defers with ABSENT_PREREQ: the plan lists it among the deferred changes, the first
 *   apply creates the entry, and the next round reads it.
 * - Every other client (OpenTofu, a release Terraform) gets the error it always got.
 */
import { afterAll, beforeEach, describe, expect, it } from "vitest";
import { clients, clientsWith, need } from "./support/clients.js";
import { providerBlock, T } from "./support/kv.js";
import { type Run, TfDir } from "./support/tf.js";

const dirs: TfDir[] = [];
afterAll(async () => {
  for (const d of dirs) await d.dispose();
});

const requiredProviders = `terraform {\n  required_providers {\n    kv = { source = "pyvider/kv" }\n  }\n}\n`;
const config = (store: string) =>
  `${requiredProviders}${providerBlock(store)}` +
  `resource "kv_entry" "a" {\n  key   = "later/k"\n  value = "v1"\n}\n` +
  `data "kv_entry" "b" {\n  key = "later/k"\n}\n` +
  `output "seen" {\n  value = nonsensitive(data.kv_entry.b.value)\n}\n`;

/** Command output as one line of text (OpenTofu wraps diagnostics in a box). */
const flat = (r: Run) =>
  `${r.stdout}\n${r.stderr}`
    .split("\n")
    .map((l) => l.replace(/^[│╷╵]\s?/, "").trim())
    .join(" ")
    .replace(/\s+/g, " ");

interface PlanJson {
  complete?: boolean;
  deferred_changes?: {
    reason: string;
    resource_change: {
      address: string;
      change: { actions: string[]; after_unknown?: Record<string, unknown> };
    };
  }[];
}

describe.each(clientsWith("deferral"))(
  "a data source read deferred by the provider, with $name",
  (client) => {
    beforeEach(() => void need(client));

    it(
      "is planned as deferred (absent prerequisite) with -allow-deferral and converges in the next round",
      async () => {
        const dir = await TfDir.create({ binary: need(client), flavor: client.flavor, mode: "executable" });
        dirs.push(dir);
        dir.write({ "main.tf": config(dir.store) });

        await dir.must(["plan", "-allow-deferral", "-out=p.tfplan", "-no-color"]);
        const plan = JSON.parse((await dir.must(["show", "-json", "p.tfplan"])).stdout) as PlanJson;
        expect(plan.complete).toBe(false);
        expect(plan.deferred_changes).toHaveLength(1);
        const deferred = plan.deferred_changes![0]!;
        expect(deferred.reason).toBe("absent_prereq");
        expect(deferred.resource_change.address).toBe("data.kv_entry.b");
        expect(deferred.resource_change.change.actions).toEqual(["read"]);
        expect(deferred.resource_change.change.after_unknown).toMatchObject({ value: true, version: true });

        // round one creates the entry (the read stays deferred), round two reads it
        await dir.must(["apply", "-allow-deferral", "-auto-approve", "-no-color"]);
        expect(dir.storeFile("acc", "later/k")).toMatchObject({ value: "v1" });
        await dir.must(["apply", "-allow-deferral", "-auto-approve", "-no-color"]);
        const out = JSON.parse((await dir.must(["output", "-json"])).stdout) as { seen: { value: unknown } };
        expect(out.seen.value).toBe("v1");
      },
      T,
    );

    it(
      "is the error it always was without -allow-deferral",
      async () => {
        const dir = await TfDir.create({ binary: need(client), flavor: client.flavor });
        dirs.push(dir);
        dir.write({ "main.tf": config(dir.store) });
        const text = flat(await dir.must(["plan", "-no-color"], [1]));
        expect(text).toContain("Error: No such entry");
      },
      T,
    );
  },
);

describe.each(clients.filter((c) => !c.features.deferral))(
  "a data source read of a missing key, with $name (no deferral)",
  (client) => {
    beforeEach(() => void need(client));

    it(
      "is the error it always was",
      async () => {
        const dir = await TfDir.create({ binary: need(client), flavor: client.flavor });
        dirs.push(dir);
        dir.write({ "main.tf": config(dir.store) });
        const r = await dir.must(["plan", "-no-color"], [1]);
        const text = flat(r);
        expect(text).toContain("Error: No such entry");
        expect(text).toContain('no entry "later/k" in namespace "acc"');
        expect(text).not.toMatch(/deferr/i);
      },
      T,
    );
  },
);
