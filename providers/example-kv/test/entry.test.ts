/**
 * Acceptance tests of `kv_entry` against every client (support/clients.ts), with the provider served in-process:
 * create, update in place, replacement, drift (edited and deleted files), the three kinds of
 * import, the invalid key diagnostic and an unwritable store.
 */
import { spawnSync } from "node:child_process";
import { chmodSync, existsSync, readFileSync, unlinkSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import {
  acceptanceTest,
  expectPlannedValue,
  expectResourceAction,
  expectUnknownValue,
  type TestStep,
} from "@pyvider/testing";
import { afterAll, beforeEach, describe, expect, it } from "vitest";
import { encodeName } from "../src/store/index.js";
import { storeChecksum } from "./support/checksum.js";
import { clients, need } from "./support/clients.js";
import { entryBlock, inProcess, providerBlock, T, tempStore } from "./support/kv.js";

const stores: ReturnType<typeof tempStore>[] = [];
afterAll(() => {
  for (const s of stores) {
    unlock(s.path);
    s.cleanup();
  }
});

/** A fresh store with helpers: its file for a key, the parsed file, and configuration text. */
function kvStore() {
  const store = tempStore();
  stores.push(store);
  const file = (key: string, namespace = "acc") => join(store.path, namespace, `${encodeName(key)}.json`);
  return {
    store,
    file,
    stored: (key: string) => JSON.parse(readFileSync(file(key), "utf8")) as Record<string, unknown>,
    cfg: (...blocks: string[]) => providerBlock(store.path) + blocks.join(""),
  };
}

describe.concurrent.each(clients)("kv_entry with $name", (client) => {
  const binary = client.path ?? "";
  beforeEach(() => void need(client));

  it(
    "creates, updates in place (version + 1), and replaces on a key change",
    async (ctx) => {
      const { store, file, stored, cfg } = kvStore();
      let createdAt: unknown;
      await acceptanceTest(
        {
          binary,
          provider: inProcess,
          steps: [
            {
              config: cfg(entryBlock("a", { key: "app/a", value: "one", tags: { env: "dev" } })),
              planChecks: {
                preApply: [
                  expectResourceAction("kv_entry.a", "create"),
                  expectPlannedValue("kv_entry.a", "id", "acc/app/a"),
                  expectPlannedValue("kv_entry.a", "version", 1),
                  expectUnknownValue("kv_entry.a", "checksum"),
                ],
              },
              check: (s) => {
                const r = s.resource("kv_entry.a");
                r.expect("version", 1)
                  .expect("checksum", storeChecksum(store.path, "one"))
                  .expect("tags.env", "dev");
                expect(r.attr("created_at")).toMatch(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d(\.\d+)?Z$/);
                expect(r.attr("updated_at")).toBe(r.attr("created_at"));
                createdAt = r.attr("created_at");
                expect(stored("app/a")).toMatchObject({ value: "one", version: 1, tags: { env: "dev" } });
              },
            },
            {
              config: cfg(
                entryBlock("a", { key: "app/a", value: "two", tags: { env: "prod" }, ttl_seconds: 60 }),
              ),
              planChecks: {
                preApply: [
                  expectResourceAction("kv_entry.a", "update"),
                  expectPlannedValue("kv_entry.a", "version", 2),
                  expectPlannedValue("kv_entry.a", "id", "acc/app/a"),
                ],
              },
              check: (s) => {
                const r = s.resource("kv_entry.a");
                r.expect("version", 2)
                  .expect("checksum", storeChecksum(store.path, "two"))
                  .expect("ttl_seconds", 60);
                expect(r.attr("created_at")).toBe(createdAt);
                expect(stored("app/a")).toMatchObject({ value: "two", version: 2, ttl_seconds: 60 });
              },
            },
            {
              config: cfg(entryBlock("a", { key: "app/b", value: "two" })),
              planChecks: { preApply: [expectResourceAction("kv_entry.a", "replace")] },
              check: (s) => {
                s.resource("kv_entry.a").expect("id", "acc/app/b").expect("version", 1);
                expect(existsSync(file("app/a"))).toBe(false);
                expect(stored("app/b")).toMatchObject({ value: "two", version: 1 });
              },
            },
          ],
          checkDestroy: () => expect(existsSync(file("app/b"))).toBe(false),
        },
        ctx,
      );
    },
    T,
  );

  it(
    "plans an update when the file was edited, and a re-creation when it was deleted",
    async (ctx) => {
      const { store, file, stored, cfg } = kvStore();
      const config = cfg(entryBlock("a", { key: "drift/a", value: "original" }));
      await acceptanceTest(
        {
          binary,
          provider: inProcess,
          steps: [
            { config },
            {
              name: "edited by hand",
              preConfig: () => {
                const text = readFileSync(file("drift/a"), "utf8").replace('"original"', '"edited by hand"');
                writeFileSync(file("drift/a"), text);
              },
              config,
              planChecks: {
                preApply: [
                  expectResourceAction("kv_entry.a", "update"),
                  expectPlannedValue("kv_entry.a", "version", 2),
                ],
              },
              check: (s) => {
                s.resource("kv_entry.a")
                  .expect("version", 2)
                  .expect("checksum", storeChecksum(store.path, "original"));
                expect(stored("drift/a")).toMatchObject({ value: "original", version: 2 });
              },
            },
            {
              name: "deleted by hand",
              preConfig: () => unlinkSync(file("drift/a")),
              config,
              planChecks: { preApply: [expectResourceAction("kv_entry.a", "create")] },
              check: (s) => {
                s.resource("kv_entry.a").expect("version", 1);
                expect(stored("drift/a")).toMatchObject({ value: "original", version: 1 });
              },
            },
          ],
        },
        ctx,
      );
    },
    T,
  );

  it(
    `imports by key, by namespace/key, by import block${client.features.identity ? " and by identity" : ""}`,
    async (ctx) => {
      const { cfg } = kvStore();
      const config = cfg(entryBlock("a", { key: "imp/a", value: "v", tags: { team: "x" } }));
      const verify = { importState: true, resourceName: "kv_entry.a", importStateVerify: true } as const;
      // resource identity (in state, and import by it) needs Terraform or OpenTofu 1.12
      const identity = client.features.identity;
      const identityCheck = identity
        ? (s: { resource(a: string): { identity: unknown } }) =>
            expect(s.resource("kv_entry.a").identity).toEqual({ namespace: "acc", key: "imp/a" })
        : undefined;
      const steps: TestStep[] = [
        { config },
        { ...verify, name: "import by key", importStateId: "imp/a", check: identityCheck },
        { ...verify, name: "import by namespace/key", importStateId: "acc/imp/a" },
        { ...verify, name: "import block", importStateKind: "block", importStateId: "imp/a" },
        ...(identity
          ? [
              {
                ...verify,
                name: "import by identity",
                importStateKind: "identity",
                check: identityCheck,
              } as const,
            ]
          : []),
      ];
      await acceptanceTest({ binary, provider: inProcess, steps }, ctx);
    },
    T,
  );

  it(
    "an invalid key is a diagnostic on key, and so is setting both value and value_wo",
    async (ctx) => {
      const { cfg } = kvStore();
      await acceptanceTest(
        {
          binary,
          provider: inProcess,
          steps: [
            {
              config: cfg(entryBlock("a", { key: "no spaces allowed", value: "v" })),
              // the diagnostic points at the key attribute's line
              expectError:
                /Invalid Attribute Value Match with kv_entry\.a, on main\.tf line \d+, in resource "kv_entry" "a": \d+: key = "no spaces allowed" Attribute key must be 1 to 256 characters/,
            },
            {
              config: cfg(entryBlock("a", { key: "ok", value: "v", value_wo: "w" })),
              expectError:
                /Invalid Attribute Combination[\s\S]*Only one of these attributes can be configured: \[value,value_wo\]/,
            },
            {
              config: cfg(entryBlock("a", { key: "ok", value: "v", ttl_seconds: -1 })),
              expectError:
                /Invalid Attribute Value with kv_entry\.a, on main\.tf line \d+, in resource "kv_entry" "a": \d+: ttl_seconds = -1 Attribute ttl_seconds value must be at least 0, got: -1/,
            },
          ],
        },
        ctx,
      );
    },
    T,
  );

  it(
    "an unwritable store directory is a clear error and the existing data stays intact",
    async (ctx) => {
      const { store, stored, cfg } = kvStore();
      const before = cfg(entryBlock("a", { key: "keep/a", value: "safe" }));
      await acceptanceTest(
        {
          binary,
          provider: inProcess,
          steps: [
            { config: before },
            {
              name: "write into an unwritable store",
              preConfig: () => lockDown(store.path),
              config: cfg(
                entryBlock("a", { key: "keep/a", value: "changed" }),
                entryBlock("b", { key: "keep/b", value: "new" }),
              ),
              expectError:
                /Cannot open the kv store[\s\S]*cannot use store directory "[^"]*acc": (EACCES: permission denied|EPERM: operation not permitted)/,
            },
            {
              name: "after restoring access, the old value is still there",
              preConfig: () => {
                unlock(store.path);
                expect(stored("keep/a")).toMatchObject({ value: "safe", version: 1 });
              },
              config: before,
              check: (s) => s.resource("kv_entry.a").expect("checksum", storeChecksum(store.path, "safe")),
            },
          ],
        },
        ctx,
      );
    },
    T,
  );
});

/**
 * Makes the store's namespace directory unwritable: `chmod 555` for an ordinary user; root
 * ignores modes, so as root the directory is made immutable (`chattr +i`, which root obeys).
 */
function lockDown(path: string): void {
  const ns = join(path, "acc");
  if (process.getuid?.() !== 0) {
    chmodSync(ns, 0o555);
    return;
  }
  const r = spawnSync("chattr", ["+i", ns], { encoding: "utf8" });
  if (r.status !== 0) {
    throw new Error(
      `running as root, and chattr +i failed, so the store cannot be made unwritable: ${r.stderr || r.error?.message}`,
    );
  }
}

function unlock(path: string): void {
  const ns = join(path, "acc");
  if (!existsSync(ns)) return;
  if (process.getuid?.() === 0) spawnSync("chattr", ["-i", ns]);
  chmodSync(ns, 0o755);
}
