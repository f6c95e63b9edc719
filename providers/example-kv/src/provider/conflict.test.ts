/**
 * `kv_entry` through the hub runtime with a stale prior state: update and delete are refused with
 * a conflict diagnostic on `version` that says what changed and what to do, and the entry file is
 * left byte for byte as it was.
 */
import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { Unknown } from "@pyvider/cty";
import { toPath } from "@pyvider/hub";
import { afterEach, describe, expect, it } from "vitest";
import { openStore } from "../store/index.js";
import { buildKvProvider } from "./index.js";

const dirs: string[] = [];
afterEach(() => {
  for (const d of dirs.splice(0)) rmSync(d, { recursive: true, force: true });
});

const config = (value: string) => ({
  key: "app/db",
  value,
  value_wo: null,
  value_wo_version: null,
  tags: null,
  ttl_seconds: null,
  id: null,
  version: null,
  created_at: null,
  updated_at: null,
  checksum: null,
});

describe("kv_entry with a stale state", () => {
  it("refuses a stale update and a stale delete with a conflict on version, writing nothing", async () => {
    const path = mkdtempSync(join(tmpdir(), "kv-conflict-"));
    dirs.push(path);
    const provider = buildKvProvider();
    expect((await provider.configure({ config: { path, namespace: "demo" } })).diagnostics).toEqual([]);
    const entry = provider.resource("kv_entry")!;
    const planned = await entry.plan({
      config: config("one"),
      prior: null,
      proposed: {
        ...config("one"),
        id: Unknown,
        version: Unknown,
        created_at: Unknown,
        updated_at: Unknown,
        checksum: Unknown,
      },
    });
    const created = await entry.create({ config: config("one"), plan: planned.value!.planned! });
    const prior = created.value!.state!;
    expect(prior.version).toBe(1);

    // another writer moves the entry to version 2
    const other = await openStore({ path, namespace: "demo" });
    await other.put("app/db", { value: "theirs" });
    const file = other.fileOf("app/db");
    const before = readFileSync(file);

    const plan = await entry.plan({ config: config("mine"), prior, proposed: { ...prior, value: "mine" } });
    const updated = await entry.update({ config: config("mine"), plan: plan.value!.planned!, prior });
    expect(updated.ok).toBe(false);
    expect(updated.diagnostics).toEqual([
      expect.objectContaining({
        severity: "error",
        summary: "Entry changed since it was last read",
        detail: expect.stringContaining(
          'Cannot update entry "app/db" in namespace "demo": the state expects version 1, but the store now has version 2.',
        ),
      }),
    ]);
    const diagnostic = updated.diagnostics[0]!;
    expect(diagnostic.detail).toContain("`terraform apply -refresh-only`");
    expect(JSON.stringify(diagnostic.path)).toBe(JSON.stringify(toPath("version")));
    expect(JSON.stringify(updated.diagnostics)).not.toMatch(/bug in the provider|unhandled/i);
    expect(readFileSync(file).equals(before)).toBe(true);

    const deleted = await entry.delete({ prior });
    expect(deleted.ok).toBe(false);
    expect(deleted.diagnostics[0]?.detail).toContain(
      'Cannot delete entry "app/db" in namespace "demo": the state expects version 1, but the store now has version 2.',
    );
    expect(readFileSync(file).equals(before)).toBe(true);

    // with the refreshed state both go through
    const refreshed = (await entry.read({ state: prior })).value!.state!;
    expect(refreshed).toMatchObject({ value: "theirs", version: 2 });
    const replan = await entry.plan({
      config: config("mine"),
      prior: refreshed,
      proposed: { ...refreshed, value: "mine" },
    });
    const ok = await entry.update({ config: config("mine"), plan: replan.value!.planned!, prior: refreshed });
    expect(ok.diagnostics).toEqual([]);
    expect(ok.value?.state).toMatchObject({ value: "mine", version: 3 });
    expect((await entry.delete({ prior: ok.value!.state! })).ok).toBe(true);
    expect(await other.get("app/db")).toBeUndefined();
  });
});
