/**
 * Optimistic concurrency: writes and deletes that carry the version they expect are compared and
 * done under the key's lock, in one process and across processes; a mismatch writes nothing.
 */
import { existsSync, readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { VersionConflictError } from "./errors.js";
import { runWorker } from "./spawn.fixture.js";
import { openStore } from "./store.js";
import { tempDir } from "./test-dir.fixture.js";

describe("expected versions", () => {
  it("an update expecting the current version writes; one expecting another version writes nothing", async () => {
    const store = await openStore({ path: tempDir() });
    await store.put("k", { value: "one" });
    expect(await store.put("k", { value: "two" }, { expectVersion: 1 })).toMatchObject({
      value: "two",
      version: 2,
    });
    const before = readFileSync(store.fileOf("k"));
    const error = await store.put("k", { value: "stale" }, { expectVersion: 1 }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(VersionConflictError);
    expect(error).toMatchObject({ code: "VERSION_CONFLICT", expected: 1, actual: 2 });
    expect((error as Error).message).toBe('entry "k": expected version 1 but found version 2');
    expect(readFileSync(store.fileOf("k")).equals(before)).toBe(true);
    // creating (expecting no entry) over an existing one is a conflict too
    await expect(store.put("k", { value: "new" }, { expectVersion: 0 })).rejects.toMatchObject({
      expected: 0,
      actual: 2,
    });
    // updating an entry deleted meanwhile: found no entry, and nothing is re-created
    await store.delete("k");
    await expect(store.put("k", { value: "back" }, { expectVersion: 2 })).rejects.toMatchObject({
      actual: 0,
    });
    expect(existsSync(store.fileOf("k"))).toBe(false);
  });

  it("a delete expecting another version deletes nothing; the right version deletes", async () => {
    const store = await openStore({ path: tempDir() });
    await store.put("k", { value: "one" });
    await store.put("k", { value: "two" });
    const before = readFileSync(store.fileOf("k"));
    await expect(store.delete("k", { expectVersion: 1 })).rejects.toMatchObject({ expected: 1, actual: 2 });
    expect(readFileSync(store.fileOf("k")).equals(before)).toBe(true);
    expect(await store.delete("k", { expectVersion: 2 })).toBe(true);
    await expect(store.delete("k", { expectVersion: 2 })).rejects.toMatchObject({ actual: 0 });
    expect(await store.delete("k")).toBe(false);
  });

  it("refuses an expected version that is not an integer >= 0", async () => {
    const store = await openStore({ path: tempDir() });
    await expect(store.put("k", { value: "v" }, { expectVersion: -1 })).rejects.toThrow(
      /expectVersion must be/,
    );
    await expect(store.delete("k", { expectVersion: 1.5 })).rejects.toThrow(/expectVersion must be/);
  });

  it("20 concurrent writers expecting the same version in one process: exactly one wins", async () => {
    const path = tempDir();
    const [a, b] = [await openStore({ path }), await openStore({ path })];
    await a.put("race", { value: "start" });
    const results = await Promise.allSettled(
      Array.from({ length: 20 }, (_, i) =>
        (i % 2 ? a : b).put("race", { value: `w${i}` }, { expectVersion: 1 }),
      ),
    );
    const won = results.filter((r) => r.status === "fulfilled");
    const lost = results.filter((r) => r.status === "rejected");
    expect(won).toHaveLength(1);
    expect(lost).toHaveLength(19);
    for (const r of lost)
      expect(r.reason).toMatchObject({ code: "VERSION_CONFLICT", expected: 1, actual: 2 });
    const winner = (won[0] as PromiseFulfilledResult<{ value: string }>).value.value;
    expect(await a.get("race")).toMatchObject({ value: winner, version: 2 });
  });

  it("6 processes writing expecting version 1 at once: exactly one writes, the others are told version 2", async () => {
    const path = tempDir();
    const store = await openStore({ path, namespace: "shared" });
    await store.put("race", { value: "start" });
    const outputs = await Promise.all(
      Array.from({ length: 6 }, () => runWorker(["cas", path, "shared", "race", "1"])),
    );
    const lines = outputs.map((o) => o.trim().split(" "));
    const ok = lines.filter((l) => l[0] === "ok");
    expect(ok).toHaveLength(1);
    expect(ok[0]?.[1]).toBe("2");
    expect(lines.filter((l) => l[0] === "conflict").map((l) => l[1])).toEqual(["2", "2", "2", "2", "2"]);
    expect(await store.get("race")).toMatchObject({ value: `by ${ok[0]?.[3]}`, version: 2 });
    // every process used the same checksum key
    expect(new Set(lines.map((l) => l[2]))).toEqual(new Set([store.checksumOf("probe")]));
  }, 120_000);
});
