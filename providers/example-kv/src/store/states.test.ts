import { existsSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { StateLockedError, StateNotLockedError } from "./errors.js";
import { openStore } from "./store.js";
import { tempDir } from "./test-dir.fixture.js";

const text = (bytes: Uint8Array | undefined) => (bytes ? Buffer.from(bytes).toString() : undefined);

describe("state storage", () => {
  it("reads, writes, lists and deletes state blobs under .states", async () => {
    const path = tempDir();
    const store = await openStore({ path });
    expect(await store.readState("default")).toBeUndefined();
    expect(await store.listStates()).toEqual([]);
    await store.writeState("default", Buffer.from('{"serial":1}'));
    await store.writeState("feature/x y", new Uint8Array([0, 255, 1]));
    expect(text(await store.readState("default"))).toBe('{"serial":1}');
    expect([...((await store.readState("feature/x y")) ?? [])]).toEqual([0, 255, 1]);
    expect(readFileSync(join(path, ".states", "default.tfstate"), "utf8")).toBe('{"serial":1}');
    expect(existsSync(join(path, ".states", "feature%2Fx%20y.tfstate"))).toBe(true);
    expect(await store.listStates()).toEqual(["default", "feature/x y"]);
    // States belong to the store, not to a namespace.
    const other = await openStore({ path, namespace: "other" });
    expect(await other.listStates()).toEqual(["default", "feature/x y"]);
    expect(await store.deleteState("feature/x y")).toBe(true);
    expect(await store.deleteState("feature/x y")).toBe(false);
    expect(await store.listStates()).toEqual(["default"]);
    await expect(store.writeState("s", "text" as unknown as Uint8Array)).rejects.toThrow(/Uint8Array/);
  });

  it("locks with a conflict error carrying the holder's lock info", async () => {
    const path = tempDir();
    const store = await openStore({ path });
    const info = { operation: "OperationTypeApply", who: "alice@host", version: "1.15.0" };
    const lockId = await store.lockState("default", info);
    expect(lockId).toMatch(/^[0-9a-f-]{36}$/);
    const onDisk = JSON.parse(readFileSync(join(path, ".states", "default.lock.json"), "utf8"));
    expect(onDisk).toMatchObject({ ...info, id: lockId });

    const error = await store.lockState("default", { who: "bob" }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(StateLockedError);
    expect((error as StateLockedError).holder).toMatchObject({ id: lockId, who: "alice@host" });
    expect((error as Error).message).toContain('"who":"alice@host"');
    expect((error as Error).message).toContain(lockId);

    // Another state is independent.
    const otherId = await store.lockState("staging");
    expect(otherId).not.toBe(lockId);

    await expect(store.unlockState("default", "wrong-id")).rejects.toThrow(StateLockedError);
    await expect(store.writeState("default", Buffer.from("x"), { lockId: "wrong-id" })).rejects.toThrow(
      StateLockedError,
    );
    await store.writeState("default", Buffer.from("locked write"), { lockId });
    expect(text(await store.readState("default"))).toBe("locked write");
    expect(await store.stateLock("default")).toMatchObject({ id: lockId });
    await store.unlockState("default", lockId);
    expect(await store.stateLock("default")).toBeUndefined();
    await expect(store.unlockState("default", lockId)).rejects.toThrow(StateNotLockedError);
    await expect(store.writeState("default", Buffer.from("x"), { lockId })).rejects.toThrow(/is not locked/);
    expect(typeof (await store.lockState("default", { who: "bob" }))).toBe("string");
  });

  it("concurrent lock attempts from two store objects: exactly one wins", async () => {
    const path = tempDir();
    const [a, b] = [await openStore({ path }), await openStore({ path, namespace: "b" })];
    const results = await Promise.allSettled(
      Array.from({ length: 10 }, (_, i) => (i % 2 ? a : b).lockState("default", { who: `w${i}` })),
    );
    expect(results.filter((r) => r.status === "fulfilled")).toHaveLength(1);
  });

  it("reports a hand-broken lock file and bad names clearly", async () => {
    const path = tempDir();
    const store = await openStore({ path });
    writeFileSync(join(path, ".states", "default.lock.json"), "garbage");
    await expect(store.lockState("default")).rejects.toThrow(/delete the file to unlock/);
    await expect(store.readState("")).rejects.toThrow(/invalid state name/);
    await expect(store.readState("ü".repeat(100))).rejects.toThrow(/too long once encoded/);
  });
});
