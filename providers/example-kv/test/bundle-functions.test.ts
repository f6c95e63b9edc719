/**
 * Acceptance tests against every client (support/clients.ts): `kv_bundle` with 100 set elements, the data sources, every
 * function (and the error of `parse_entry`), and the ephemeral `kv_lease` lifecycle.
 */
import { readdirSync, readFileSync, unlinkSync } from "node:fs";
import { join } from "node:path";
import { acceptanceTest, expectResourceAction } from "@pyvider/testing";
import { afterAll, beforeEach, describe, expect, it } from "vitest";
import { encodeName, sha256Hex } from "../src/store/index.js";
import { storeChecksum } from "./support/checksum.js";
import { clients, need } from "./support/clients.js";
import { inProcess, providerBlock, T, tempStore } from "./support/kv.js";

const cleanups: (() => void)[] = [];
afterAll(() => {
  for (const c of cleanups) c();
});

function kvStore() {
  const store = tempStore();
  cleanups.push(store.cleanup);
  const file = (key: string) => join(store.path, "acc", `${encodeName(key)}.json`);
  const entries = () => readdirSync(join(store.path, "acc")).filter((f) => f.endsWith(".json"));
  const stored = (key: string) => JSON.parse(readFileSync(file(key), "utf8")) as Record<string, unknown>;
  return { store, file, entries, stored, p: providerBlock(store.path) };
}

const bundle = (count: number, changed: string) => `
resource "kv_bundle" "b" {
  prefix = "bundle/"
  entries = [for i in range(${count}) : {
    key    = format("k%03d", i)
    value  = i == 7 ? "${changed}" : "value-\${i}"
    secret = i % 10 == 0
  }]
  rule {
    match       = "k00"
    ttl_seconds = 30
  }
  settings = {
    overwrite = false
  }
}
`;

describe.concurrent.each(clients)("bundle, data sources, functions and lease with $name", (client) => {
  const binary = client.path ?? "";
  beforeEach(() => void need(client));

  it(
    "kv_bundle writes 100 set elements, updates one in place and drops ten",
    async (ctx) => {
      const { entries, file, stored, p } = kvStore();
      await acceptanceTest(
        {
          binary,
          provider: inProcess,
          steps: [
            {
              config: p + bundle(100, "seven"),
              check: (s) => {
                const r = s.resource("kv_bundle.b");
                expect((r.attr("entries") as unknown[]).length).toBe(100);
                expect((r.attr("keys") as string[]).length).toBe(100);
                r.expect("settings.compression", "none").expect("settings.overwrite", false);
                expect(entries()).toHaveLength(100);
                expect(stored("bundle/k007")).toMatchObject({ value: "seven", ttl_seconds: 30, tags: {} });
                expect(stored("bundle/k010")).toMatchObject({
                  value: "value-10",
                  ttl_seconds: null,
                  tags: { secret: "true" },
                });
              },
            },
            {
              config: p + bundle(90, "SEVEN"),
              planChecks: { preApply: [expectResourceAction("kv_bundle.b", "update")] },
              check: (s) => {
                expect((s.resource("kv_bundle.b").attr("keys") as string[]).length).toBe(90);
                expect(entries()).toHaveLength(90);
                expect(stored("bundle/k007")).toMatchObject({ value: "SEVEN", version: 2 });
                expect(entries()).not.toContain(`${encodeName("bundle/k095")}.json`);
              },
            },
            {
              name: "an entry of the bundle deleted by hand is written again",
              preConfig: () => unlinkSync(file("bundle/k042")),
              config: p + bundle(90, "SEVEN"),
              planChecks: { preApply: [expectResourceAction("kv_bundle.b", "update")] },
              check: () => {
                expect(entries()).toHaveLength(90);
                expect(stored("bundle/k042")).toMatchObject({ value: "value-42", version: 1 });
              },
            },
          ],
          checkDestroy: () => expect(entries()).toHaveLength(0),
        },
        ctx,
      );
    },
    T,
  );

  // provider functions: Terraform 1.8, OpenTofu 1.7
  const itWithFunctions = client.features.functions ? it : undefined;
  itWithFunctions?.(
    "data sources read entries, functions compute, and parse_entry fails on its argument",
    async (ctx) => {
      const { p } = kvStore();
      const config = `${p}
resource "kv_entry" "a" {
  key   = "fn/a"
  value = "alpha"
  tags  = { team = "core" }
}
resource "kv_entry" "b" {
  key   = "fn/b"
  value = "beta"
}
data "kv_entry" "a" {
  key = kv_entry.a.key
}
data "kv_entries" "fn" {
  prefix     = "fn/"
  depends_on = [kv_entry.a, kv_entry.b]
}
output "read_value"   { value = nonsensitive(data.kv_entry.a.value) }
output "read_tags"    { value = data.kv_entry.a.tags }
output "read_version" { value = data.kv_entry.a.version }
output "listed"       { value = [for e in data.kv_entries.fn.entries : e.key] }
output "listed_count" { value = data.kv_entries.fn.entry_count }
output "add"          { value = provider::kv::add(40, 2.5) }
output "checksum_eq"  { value = data.kv_entry.a.checksum == kv_entry.a.checksum }
output "keyed"        { value = provider::kv::checksum("alpha") != kv_entry.a.checksum }
output "checksum"     { value = provider::kv::checksum("alpha") }
output "join"         { value = provider::kv::join_keys("/", "a", "b", "c") }
output "join_none"    { value = provider::kv::join_keys("/") }
output "parsed"       { value = provider::kv::parse_entry("db=postgres://h/x=y") }
`;
      await acceptanceTest(
        {
          binary,
          provider: inProcess,
          steps: [
            {
              config,
              check: (s) => {
                s.expectOutput("read_value", "alpha");
                s.expectOutput("read_tags", { team: "core" });
                s.expectOutput("read_version", 1);
                s.expectOutput("listed", ["fn/a", "fn/b"]);
                s.expectOutput("listed_count", 2);
                s.expectOutput("add", 42.5);
                s.expectOutput("checksum_eq", true);
                s.expectOutput("keyed", true);
                s.expectOutput("checksum", sha256Hex("alpha"));
                s.expectOutput("join", "a/b/c");
                s.expectOutput("join_none", "");
                s.expectOutput("parsed", { key: "db", value: "postgres://h/x=y" });
              },
            },
            {
              config: `${config}\noutput "bad" { value = provider::kv::parse_entry("no equals sign") }\n`,
              expectError:
                /Invalid function argument.*provider::kv::parse_entry.*"s".*expected "key=value" with a non-empty key, got "no equals sign"|parse_entry[\s\S]*expected "key=value" with a non-empty key/,
            },
          ],
        },
        ctx,
      );
    },
    T,
  );

  // ephemeral resources (Terraform 1.10, OpenTofu 1.11) feeding a write-only attribute (1.11)
  const itWithLeases = client.features.ephemeral && client.features.writeOnly ? it : undefined;
  itWithLeases?.(
    "kv_lease opens a lease on a key during the run, gives its value, and closes it",
    async (ctx) => {
      const { store, stored, p } = kvStore();
      const leases = () => readdirSync(join(store.path, "acc", ".leases"));
      const config = `${p}
resource "kv_entry" "src" {
  key   = "lease/src"
  value = "leased-secret"
}
# Terraform opens an ephemeral resource during plan as soon as its configuration is known, even
# when it refers to a resource still to be created; created_at is unknown until the entry
# exists, so the lease is opened at apply (OpenTofu waits either way).
ephemeral "kv_lease" "l" {
  key         = kv_entry.src.created_at == "" ? "" : kv_entry.src.key
  ttl_seconds = 30
}
resource "kv_entry" "copy" {
  key              = "lease/copy"
  value_wo         = ephemeral.kv_lease.l.value
  value_wo_version = 1
}
`;
      await acceptanceTest(
        {
          binary,
          provider: inProcess,
          steps: [
            {
              config,
              check: (s) => {
                // the value went through the lease into the write-only attribute, never into state
                expect(stored("lease/copy")).toMatchObject({ value: "leased-secret" });
                s.resource("kv_entry.copy")
                  .expect("value", null)
                  .expect("checksum", storeChecksum(store.path, "leased-secret"));
                // closed at the end of the run: no lease left in the store
                expect(leases()).toEqual([]);
              },
            },
            {
              // a lease is exclusive while open: a second one on the same key in the same run fails.
              // OpenTofu then skips closing the first (its close depends on the failed one), so
              // the lease ends by its TTL: 2 seconds here.
              config: `${config.replace("ttl_seconds = 30", "ttl_seconds = 2")}\nephemeral "kv_lease" "again" {\n  key        = kv_entry.src.key\n  depends_on = [ephemeral.kv_lease.l]\n}\nresource "kv_entry" "copy2" {\n  key              = "lease/copy2"\n  value_wo         = ephemeral.kv_lease.again.value\n  value_wo_version = 1\n}\n`,
              expectError: /Cannot lease the key[\s\S]*key "lease\/src" is leased by \S+ until/,
            },
            {
              name: "after the lease expired, it can be taken again",
              preConfig: () => new Promise((r) => setTimeout(r, 2_500)),
              config,
              check: () => expect(leases()).toEqual([]),
            },
          ],
          checkDestroy: () => expect(leases()).toEqual([]),
        },
        ctx,
      );
    },
    T,
  );
});
