import { spawnSync } from "node:child_process";
import { readdirSync, readFileSync, utimesSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { WriteFailedError } from "./errors.js";
import { setBeforeRenameHook } from "./fs-atomic.js";
import { killHard, startWorker, whenReady } from "./spawn.fixture.js";
import { openStore } from "./store.js";
import { tempDir } from "./test-dir.fixture.js";

afterEach(() => setBeforeRenameHook(undefined));

/** Checks that a value written by worker.fixture.ts is whole: every line names one generation. */
function assertWhole(value: string, generation: string): void {
  const marks = new Set(value.match(/generation \d+;/g));
  expect([...marks]).toEqual([`generation ${generation};`]);
  expect(value.endsWith(`end ${generation}`)).toBe(true);
}

describe("atomic writes", () => {
  it("a failure between write and rename keeps the old entry and leaves no temp file", async () => {
    const path = tempDir();
    const store = await openStore({ path });
    const good = await store.put("k", { value: "good" });
    let seen = "";
    setBeforeRenameHook((temp) => {
      seen = temp;
      expect(readFileSync(temp, "utf8")).toContain('"value": "bad"');
      throw new Error("injected crash");
    });
    await expect(store.put("k", { value: "bad" })).rejects.toThrow(WriteFailedError);
    await expect(store.put("k", { value: "bad" })).rejects.toThrow(/previous content kept: injected crash/);
    setBeforeRenameHook(undefined);
    expect(seen).toContain(join(path, "default", ".tmp-"));
    expect(await store.get("k")).toEqual(good);
    expect(
      readdirSync(join(path, "default")).filter((n) => !n.startsWith(".") || n.startsWith(".tmp")),
    ).toEqual(["k.json"]);
    expect((await store.put("k", { value: "next" })).version).toBe(2);
  });

  it("a failed state write never replaces good state", async () => {
    const store = await openStore({ path: tempDir() });
    await store.writeState("default", Buffer.from('{"serial":1}'));
    setBeforeRenameHook(() => {
      throw new Error("disk full");
    });
    await expect(store.writeState("default", Buffer.from('{"serial":2, "trunc'))).rejects.toThrow(
      /disk full/,
    );
    setBeforeRenameHook(undefined);
    expect(Buffer.from((await store.readState("default")) ?? []).toString()).toBe('{"serial":1}');
  });

  it("killing writers mid-write many times never leaves a torn entry or state", async () => {
    const path = tempDir();
    const store = await openStore({ path, namespace: "crash" });
    for (let round = 0; round < 8; round++) {
      const mode = round % 2 ? "state-forever" : "write-forever";
      const child = startWorker([mode, path, "crash", "victim"]);
      await whenReady(child);
      await new Promise((r) => setTimeout(r, 5 + Math.random() * 60));
      await killHard(child);
      if (mode === "write-forever") {
        const entry = await store.get("victim");
        expect(entry?.drifted).toBe(false);
        const generation = entry?.tags.generation ?? "";
        assertWhole(entry?.value ?? "", generation);
        expect(await store.list()).toHaveLength(1);
        await store.delete("victim"); // the next round starts over at generation 1
      } else {
        const state = JSON.parse(Buffer.from((await store.readState("victim")) ?? []).toString());
        assertWhole(state.blob, String(state.serial));
        expect(await store.listStates()).toEqual(["victim"]);
      }
    }
    // Temp files of killed writers may remain, but are never entries; a later open sweeps old ones.
    for (const name of readdirSync(join(path, "crash")))
      expect(name === ".locks" || name === ".leases" || name.startsWith(".tmp-")).toBe(true);
  }, 120_000);

  it("opening the store sweeps old temp files of dead writers, and only those", async () => {
    const path = tempDir();
    await openStore({ path });
    const dead = spawnSync(process.execPath, [
      "-e",
      "process.stdout.write(String(process.pid))",
    ]).stdout.toString();
    const dir = join(path, "default");
    const names = [`.tmp-${dead}-old-k.json`, `.tmp-${dead}-new-k.json`, `.tmp-${process.pid}-old-k.json`];
    for (const name of names) writeFileSync(join(dir, name), "{half");
    const old = new Date(Date.now() - 3_600_000);
    utimesSync(join(dir, names[0] ?? ""), old, old);
    utimesSync(join(dir, names[2] ?? ""), old, old);
    await openStore({ path });
    expect(
      readdirSync(dir)
        .filter((n) => n.startsWith(".tmp-"))
        .sort(),
    ).toEqual([names[1], names[2]].sort());
  });
});
