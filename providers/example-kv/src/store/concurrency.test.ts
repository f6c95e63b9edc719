import { spawnSync } from "node:child_process";
import { readdirSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { LockTimeoutError } from "./errors.js";
import { runWorker } from "./spawn.fixture.js";
import { openStore } from "./store.js";
import { tempDir } from "./test-dir.fixture.js";

describe("concurrency in one process", () => {
  it("200 concurrent puts on different keys all land at version 1", async () => {
    const store = await openStore({ path: tempDir() });
    const keys = Array.from({ length: 200 }, (_, i) => `k/${i}`);
    const results = await Promise.all(keys.map((key) => store.put(key, { value: `v${key}` })));
    expect(results.every((e) => e.version === 1)).toBe(true);
    const listed = await store.list();
    expect(listed).toHaveLength(200);
    for (const entry of listed) expect(entry.value).toBe(`v${entry.key}`);
  });

  it("50 concurrent puts on one key get versions 1..50 with no lost update", async () => {
    const path = tempDir();
    // Two store objects on the same directory share the per-key mutex.
    const [a, b] = [await openStore({ path }), await openStore({ path })];
    const results = await Promise.all(
      Array.from({ length: 50 }, (_, i) => (i % 2 ? a : b).put("same", { value: `w${i}` })),
    );
    expect(results.map((e) => e.version).sort((x, y) => x - y)).toEqual(
      Array.from({ length: 50 }, (_, i) => i + 1),
    );
    const last = results.find((e) => e.version === 50);
    const stored = await a.get("same");
    expect(stored?.version).toBe(50);
    expect(stored?.value).toBe(last?.value);
    expect(new Set(results.map((e) => e.createdAt)).size).toBe(1);
  });

  it("concurrent read-modify-write increments lose nothing", async () => {
    const store = await openStore({ path: tempDir() });
    await Promise.all(
      Array.from({ length: 60 }, () =>
        store.update("counter", (cur) => ({ value: String(Number(cur?.value ?? "0") + 1) })),
      ),
    );
    expect(await store.get("counter")).toMatchObject({ value: "60", version: 60 });
  });
});

describe("concurrency across processes", () => {
  it("several processes incrementing one key: the final version equals the total increments", async () => {
    const path = tempDir();
    const processes = 4;
    const each = 25;
    const store = await openStore({ path, namespace: "shared" });
    await Promise.all([
      ...Array.from({ length: processes }, () =>
        runWorker(["increment", path, "shared", "hits", String(each)]),
      ),
      // This process competes too.
      (async () => {
        for (let i = 0; i < each; i++) {
          await store.update("hits", (cur) => ({ value: String(Number(cur?.value ?? "0") + 1) }));
        }
      })(),
    ]);
    const total = (processes + 1) * each;
    expect(await store.get("hits")).toMatchObject({ value: String(total), version: total });
    expect(readdirSync(join(path, "shared", ".locks"))).toEqual([]);
  }, 120_000);
});

describe("lock files", () => {
  it("breaks a lock left by a dead process", async () => {
    const path = tempDir();
    const store = await openStore({ path, lockTimeoutMs: 2_000 });
    const dead = spawnSync(process.execPath, [
      "-e",
      "process.stdout.write(String(process.pid))",
    ]).stdout.toString();
    const lock = join(path, "default", ".locks", "k.lock");
    writeFileSync(
      lock,
      JSON.stringify({ pid: Number(dead), host: (await import("node:os")).hostname(), token: "t" }),
    );
    expect((await store.put("k", { value: "v" })).version).toBe(1);
    expect(readdirSync(join(path, "default", ".locks"))).toEqual([]);
  });

  it("waits for a live holder and then times out with a clear error naming the lock and holder", async () => {
    const path = tempDir();
    const store = await openStore({ path, lockTimeoutMs: 300 });
    const lock = join(path, "default", ".locks", "busy.lock");
    const holder = {
      pid: process.ppid,
      host: (await import("node:os")).hostname(),
      token: "t",
      acquired_at: "x",
    };
    writeFileSync(lock, JSON.stringify(holder));
    const error = await store.put("busy", { value: "v" }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(LockTimeoutError);
    expect((error as Error).message).toContain(`waiting for lock "${lock}" held by pid ${process.ppid}`);
    // Other keys are not blocked.
    expect((await store.put("free", { value: "v" })).version).toBe(1);
  });

  it("treats a lock older than the stale age as abandoned", async () => {
    const path = tempDir();
    const store = await openStore({ path, lockTimeoutMs: 2_000, staleLockMs: 50 });
    const lock = join(path, "default", ".locks", "old.lock");
    writeFileSync(lock, JSON.stringify({ pid: process.ppid, host: "elsewhere", token: "t" }));
    await new Promise((r) => setTimeout(r, 100));
    expect((await store.put("old", { value: "v" })).version).toBe(1);
  });
});
