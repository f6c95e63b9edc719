/**
 * Optimistic concurrency of `kv_item` and `kv_bundle` at the protocol level (the built executable,
 * @pyvider/testing's `ProviderClient` speaking tfplugin6 like Terraform): their schemas have no
 * `version`, so the versions the state last saw live in the private state. A stale update or
 * delete is refused as a conflict naming what changed, writes nothing, and goes through after a
 * refresh (ReadResource) has brought the private state up to date.
 */
import {
  ProviderClient as Client,
  type ProviderClient,
  type ProviderProcess,
  startProviderProcess,
} from "@pyvider/testing";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type KvStore, openStore } from "../src/store/index.js";
import { T, tempStore } from "./support/kv.js";
import { ensureExecutable } from "./support/tf.js";

let proc: ProviderProcess;
let client: ProviderClient;
let kv: KvStore;
const store = tempStore();

beforeAll(async () => {
  proc = await startProviderProcess({ command: ensureExecutable(), args: [] });
  client = await Client.connect(proc);
  expect(await client.configureProvider({ path: store.path, namespace: "ver" })).toEqual([]);
  kv = await openStore({ path: store.path, namespace: "ver" });
}, T);

afterAll(async () => {
  if (proc !== undefined) await proc.dispose();
  store.cleanup();
});

/** The error diagnostics as "summary @ path: detail" lines. */
const errors = (ds: readonly { severity: string; summary: string; detail?: string; path?: string }[]) =>
  ds.filter((d) => d.severity === "error").map((d) => `${d.summary} @ ${d.path ?? "-"}: ${d.detail ?? ""}`);

describe("kv_item carries the entry's version in private state", () => {
  it(
    "a stale update or delete is a conflict that writes nothing; after a refresh both go through",
    async () => {
      const config = (data: string) => ({ key: "i/one", data, id: null });
      const created = (await client.planAndApply("kv_item", { config: config("first") })).apply;
      expect(created.diagnostics).toEqual([]);
      expect((await kv.get("i/one"))?.version).toBe(1);

      // someone else writes the entry: version 2
      await kv.put("i/one", { value: "theirs" });
      const stale = await client.planAndApply("kv_item", {
        prior: created.state,
        priorPrivate: created.private,
        config: config("mine"),
      });
      expect(errors(stale.apply.diagnostics)).toEqual([
        expect.stringMatching(
          /^Entry changed since it was last read @ data: Cannot update entry "i\/one" in namespace "ver": the state expects version 1, but the store now has version 2\..*nothing was written\. Refresh/,
        ),
      ]);
      expect(await kv.get("i/one")).toMatchObject({ value: "theirs", version: 2 });

      const staleDelete = await client.applyResourceChange("kv_item", {
        prior: created.state,
        planned: null,
        config: null,
        plannedPrivate: created.private,
      });
      expect(errors(staleDelete.diagnostics)).toEqual([
        expect.stringMatching(/^Entry changed since it was last read @ data: Cannot delete entry "i\/one"/),
      ]);
      expect(await kv.get("i/one")).toMatchObject({ value: "theirs", version: 2 });

      // a refresh sees version 2; the update then writes version 3, and the delete goes through
      const refreshed = await client.readResource("kv_item", {
        state: created.state,
        private: created.private,
      });
      expect(refreshed.diagnostics).toEqual([]);
      expect(refreshed.state).toMatchObject({ data: "theirs" });
      const updated = (
        await client.planAndApply("kv_item", {
          prior: refreshed.state,
          priorPrivate: refreshed.private,
          config: config("mine"),
        })
      ).apply;
      expect(updated.diagnostics).toEqual([]);
      expect(await kv.get("i/one")).toMatchObject({ value: "mine", version: 3 });
      const deleted = await client.applyResourceChange("kv_item", {
        prior: updated.state,
        planned: null,
        config: null,
        plannedPrivate: updated.private,
      });
      expect(deleted.diagnostics).toEqual([]);
      expect(await kv.get("i/one")).toBeUndefined();
    },
    T,
  );

  it(
    "a create of a key someone else holds says so and how to import it, and writes nothing",
    async () => {
      await kv.put("i/taken", { value: "held" });
      const r = await client.planAndApply("kv_item", { config: { key: "i/taken", data: "mine", id: null } });
      expect(errors(r.apply.diagnostics)).toEqual([
        expect.stringMatching(/^Entry already exists @ key: Entry "i\/taken" already exists .*import it/),
      ]);
      expect(await kv.get("i/taken")).toMatchObject({ value: "held", version: 1 });
    },
    T,
  );
});

describe("kv_bundle carries its entries' versions in private state", () => {
  const config = (values: Record<string, string>) => ({
    prefix: "b/",
    entries: Object.entries(values).map(([key, value]) => ({ key, value, secret: null })),
    rule: [],
    settings: null,
    keys: null,
  });

  it(
    "a stale update or delete is refused before anything is written; after a refresh both go through",
    async () => {
      const created = (await client.planAndApply("kv_bundle", { config: config({ x: "1", y: "1" }) })).apply;
      expect(created.diagnostics).toEqual([]);
      expect(created.state?.keys).toEqual(["b/x", "b/y"]);

      // someone else changes b/y; the bundle's update of both keys (and its delete) must write nothing
      await kv.put("b/y", { value: "theirs" });
      const stale = await client.planAndApply("kv_bundle", {
        prior: created.state,
        priorPrivate: created.private,
        config: config({ x: "2", y: "2" }),
      });
      expect(errors(stale.apply.diagnostics)).toEqual([
        expect.stringMatching(
          /^Entry changed since it was last read @ entries: Cannot update entry "b\/y" in namespace "ver": the state expects version 1, but the store now has version 2\./,
        ),
      ]);
      expect(await kv.get("b/x")).toMatchObject({ value: "1", version: 1 });
      expect(await kv.get("b/y")).toMatchObject({ value: "theirs", version: 2 });
      const staleDelete = await client.applyResourceChange("kv_bundle", {
        prior: created.state,
        planned: null,
        config: null,
        plannedPrivate: created.private,
      });
      expect(errors(staleDelete.diagnostics)).toEqual([
        expect.stringMatching(/^Entry changed since it was last read @ entries: Cannot delete entry "b\/y"/),
      ]);
      expect(await kv.get("b/x")).toBeDefined();

      const refreshed = await client.readResource("kv_bundle", {
        state: created.state,
        private: created.private,
      });
      expect(refreshed.diagnostics).toEqual([]);
      const updated = (
        await client.planAndApply("kv_bundle", {
          prior: refreshed.state,
          priorPrivate: refreshed.private,
          config: config({ x: "2", y: "2" }),
        })
      ).apply;
      expect(updated.diagnostics).toEqual([]);
      expect(await kv.get("b/x")).toMatchObject({ value: "2", version: 2 });
      expect(await kv.get("b/y")).toMatchObject({ value: "2", version: 3 });
      const deleted = await client.applyResourceChange("kv_bundle", {
        prior: updated.state,
        planned: null,
        config: null,
        plannedPrivate: updated.private,
      });
      expect(deleted.diagnostics).toEqual([]);
      expect(await kv.get("b/x")).toBeUndefined();
      expect(await kv.get("b/y")).toBeUndefined();
    },
    T,
  );
});
