import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { Unknown } from "@pyvider/cty";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import {
  file,
  item,
  items,
  secret,
  shout,
  testkit,
  testkitComponents,
  touch,
} from "../__fixtures__/testkit.js";
import { createHarness } from "./harness.js";
import { expectOk, formatDiagnostics, HarnessError } from "./result.js";

let dir: string;
const make = () => createHarness(testkit, testkitComponents);
let h: ReturnType<typeof make>;

beforeEach(async () => {
  dir = mkdtempSync(join(tmpdir(), "harness-"));
  h = make();
  expectOk(await h.configure({ dir }), "configure");
});
afterEach(async () => {
  await h.dispose();
  rmSync(dir, { recursive: true, force: true });
});

describe("provider", () => {
  it("validates the provider configuration with the schema and the validate handler", async () => {
    const fresh = createHarness(testkit, testkitComponents);
    const missing = await fresh.validateProviderConfig({} as never);
    expect(missing.ok).toBe(false);
    expect(formatDiagnostics(missing.diagnostics)).toMatch(/Missing required argument|required/i);
    const empty = await fresh.validateProviderConfig({ dir: "" });
    expect(formatDiagnostics(empty.diagnostics)).toBe("error: Invalid dir: dir must not be empty. (at dir)");
  });

  it("reports a failing configure as a diagnostic", async () => {
    const fresh = createHarness(testkit, testkitComponents);
    const r = await fresh.configure({ dir, fail_configure: true });
    expect(r.ok).toBe(false);
    expect(formatDiagnostics(r.diagnostics)).toContain("configure failed on purpose");
  });

  it("rejects values that do not fit the schema with the attribute path", async () => {
    const r = await h.resource(item).validate({ name: 42 as never, content: "x" });
    expect(r.ok).toBe(false);
    expect(r.diagnostics[0]?.summary).toBe("Invalid configuration");
    expect(r.diagnostics[0]?.detail).toBe(
      "The configuration does not fit the schema: name: expected string, got number",
    );
    expect(r.diagnostics[0]?.path).toEqual([{ kind: "attr", name: "name" }]);
  });

  it("throws a clear error for unknown components", () => {
    expect(() => h.resource("testkit_nope")).toThrow(/has no resource named "testkit_nope"/);
  });
});

describe("resource lifecycle", () => {
  it("plans a create with defaults and unknown computed values", async () => {
    const r = await h.resource(item).plan({ config: { name: "a", content: "hello" } });
    expect(r.ok).toBe(true);
    expect(r.action).toBe("create");
    expect(r.planned).toEqual({ name: "a", content: "hello", tag: "none", id: Unknown, revision: Unknown });
  });

  it("creates, reads, updates in place and destroys", async () => {
    const res = h.resource(item);
    const created = expectOk(await res.create({ name: "a", content: "hello" }), "create");
    expect(created.action).toBe("create");
    expect(created.state).toEqual({ name: "a", content: "hello", tag: "none", id: "item-a", revision: 1 });
    expect(created.identity).toEqual({ name: "a" });

    const same = await res.plan({ config: { name: "a", content: "hello" }, prior: created.state });
    expect(same.action).toBe("no-op");

    const plan = await res.plan({ config: { name: "a", content: "bye" }, prior: created.state });
    expect(plan.action).toBe("update");
    expect(plan.planned).toMatchObject({ id: "item-a", revision: 2 });

    const updated = expectOk(
      await res.apply({ config: { name: "a", content: "bye" }, prior: created.state }),
    );
    expect(updated.state).toMatchObject({ content: "bye", revision: 2 });

    const read = expectOk(await res.read(updated.state!));
    expect(read.state).toEqual(updated.state);

    const gone = expectOk(await res.destroy(updated.state!));
    expect(gone.action).toBe("delete");
    expect(gone.state).toBeNull();
    expect((await res.read(updated.state!)).state).toBeNull();
  });

  it("plans a replacement when a requires-replace attribute changes", async () => {
    const res = h.resource(item);
    const created = expectOk(await res.create({ name: "a", content: "x" }));
    const plan = await res.plan({ config: { name: "b", content: "x" }, prior: created.state });
    expect(plan.action).toBe("replace");
    expect(plan.requiresReplace).toEqual([[{ kind: "attr", name: "name" }]]);
    expect(plan.planned).toMatchObject({ name: "b", id: Unknown });
    const replaced = expectOk(await res.apply({ config: { name: "b", content: "x" }, prior: created.state }));
    expect(replaced.action).toBe("replace");
    expect(replaced.state).toMatchObject({ name: "b", id: "item-b", revision: 1 });
  });

  it("reports schema validator and validate-handler errors before planning", async () => {
    const res = h.resource(item);
    const long = await res.plan({ config: { name: "x".repeat(41), content: "c" } });
    expect(long.ok).toBe(false);
    expect(long.diagnostics[0]?.path).toEqual([{ kind: "attr", name: "name" }]);
    const bad = await res.create({ name: "a", content: "forbidden words" });
    expect(bad.ok).toBe(false);
    expect(formatDiagnostics(bad.diagnostics)).toBe(
      "error: Forbidden content: content may not contain the word forbidden. (at content)",
    );
  });

  it("turns a handler's exception into an error diagnostic", async () => {
    writeFileSync(join(dir, "dup.json"), JSON.stringify({ content: "x", tag: "none", revision: 1 }));
    const r = await h.resource(item).create({ name: "dup", content: "y" });
    expect(r.ok).toBe(false);
    expect(formatDiagnostics(r.diagnostics)).toContain("item dup already exists");
    expect(() => expectOk(r, "create dup")).toThrow(HarnessError);
    expect(() => expectOk(r, "create dup")).toThrow(/create dup failed:\nerror: .*already exists/);
  });

  it("sees drift on read", async () => {
    const created = expectOk(await h.resource(item).create({ name: "d", content: "x" }));
    writeFileSync(join(dir, "d.json"), JSON.stringify({ content: "changed", tag: "none", revision: 7 }));
    const read = expectOk(await h.resource(item).read(created.state!));
    expect(read.state).toMatchObject({ content: "changed", revision: 7 });
    const plan = await h.resource(item).plan({ config: { name: "d", content: "x" }, prior: read.state });
    expect(plan.action).toBe("update");
  });

  it("imports by ID and by identity (then reads, as Terraform does)", async () => {
    writeFileSync(join(dir, "ext.json"), JSON.stringify({ content: "outside", tag: "t", revision: 3 }));
    const byId = expectOk(await h.resource(item).importState({ id: "ext" }));
    expect(byId.state).toEqual({ name: "ext", content: "outside", tag: "t", id: "item-ext", revision: 3 });
    const byIdentity = expectOk(await h.resource(item).importState({ identity: { name: "ext" } }));
    expect(byIdentity.state).toEqual(byId.state);
    expect(byIdentity.identity).toEqual({ name: "ext" });
    const missing = await h.resource(item).importState({ id: "nope" });
    expect(formatDiagnostics(missing.diagnostics)).toContain("cannot import nope: no such item");
  });

  it("upgrades state from an older schema version and rejects a newer one", async () => {
    const up = expectOk(await h.resource(item).upgradeState(0, { title: "old", body: "text" }));
    expect(up.state).toEqual({ name: "old", content: "text", tag: "none", id: "item-old", revision: 1 });
    const newer = await h.resource(item).upgradeState(5, "{}");
    expect(newer.ok).toBe(false);
    expect(formatDiagnostics(newer.diagnostics)).toContain("newer than this provider");
  });
});

describe("state moves", () => {
  it("moves state from another resource type, and explains when no mover accepts it", async () => {
    const moved = expectOk(
      await h
        .resource(item)
        .moveState({ sourceTypeName: "testkit_legacy", sourceState: { title: "m", body: "b" } }),
    );
    expect(moved.state).toEqual({ name: "m", content: "b", tag: "moved", id: "item-m", revision: 1 });
    expect(moved.identity).toEqual({ name: "m" });
    const refused = await h.resource(item).moveState({ sourceTypeName: "other_thing", sourceState: "{}" });
    expect(formatDiagnostics(refused.diagnostics)).toMatch(
      /^error: Cannot move other_thing to testkit_item: No state mover/,
    );
  });
});

describe("other components", () => {
  it("reads a data source, with its error diagnostic for a missing item", async () => {
    await h.resource(item).create({ name: "f", content: "data" });
    expect((await h.dataSource(file).read({ name: "f" })).state).toEqual({ name: "f", content: "data" });
    const missing = await h.dataSource(file).read({ name: "zz" });
    expect(missing.ok).toBe(false);
    expect(formatDiagnostics(missing.diagnostics)).toBe(
      'error: No such item: There is no item named "zz". (at name)',
    );
  });

  it("calls a function, with argument checks and function errors", async () => {
    const fn = h.function(shout);
    expect(await fn.call("hi")).toEqual({ ok: true, value: "HI!", error: undefined });
    expect((await fn.call("")).error).toEqual({ text: "text must not be empty", argument: 0 });
    expect((await h.function("shout").call()).error?.text).toMatch(/takes 1 argument/);
  });

  it("opens, renews and closes an ephemeral resource", async () => {
    const eph = h.ephemeral(secret);
    const opened = expectOk(await eph.open({ name: "db" }));
    expect(opened.result).toEqual({ name: "db", value: "secret-db" });
    const renewed = expectOk(await eph.renew(opened.private));
    expect(renewed.private.length).toBeGreaterThan(opened.private.length);
    expectOk(await eph.close(renewed.private));
  });

  it("lists items with a limit and a filter", async () => {
    for (const n of ["p1", "p2", "q1"]) expectOk(await h.resource(item).create({ name: n, content: n }));
    const all = expectOk(await h.list(items).list({ prefix: "p" }));
    expect(all.items.map((i) => i.identity)).toEqual([{ name: "p1" }, { name: "p2" }]);
    const one = expectOk(await h.list(items).list({}, { limit: 1 }));
    expect(one.items).toHaveLength(1);
  });

  it("invokes an action and collects its progress", async () => {
    expectOk(await h.resource(item).create({ name: "t", content: "c" }));
    const r = expectOk(await h.action(touch).invoke({ name: "t" }));
    expect(r.progress).toEqual(["touching t", "done"]);
    const read = expectOk(
      await h.resource(item).read({ name: "t", content: "c", tag: "none", id: "item-t", revision: 1 }),
    );
    expect(read.state?.revision).toBe(2);
    const fail = await h.action(touch).invoke({ name: "none" });
    expect(formatDiagnostics(fail.diagnostics)).toContain("no item none");
  });
});
