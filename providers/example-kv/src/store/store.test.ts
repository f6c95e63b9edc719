import { chmodSync, existsSync, readdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { CorruptFileError, EntryNotFoundError, InvalidInputError, VersionConflictError } from "./errors.js";
import { openStore } from "./store.js";
import { tempDir } from "./test-dir.fixture.js";

describe("entries", () => {
  it("creates with version 1, updates with +1, keeps created_at and refreshes updated_at", async () => {
    const store = await openStore({ path: tempDir() });
    expect(await store.get("app/name")).toBeUndefined();
    const created = await store.put("app/name", { value: "one", tags: { env: "dev" }, ttlSeconds: 30 });
    expect(created).toMatchObject({
      key: "app/name",
      value: "one",
      version: 1,
      ttlSeconds: 30,
      drifted: false,
    });
    expect(created.checksum).toBe(store.checksumOf("one"));
    expect(created.checksum).toMatch(/^[0-9a-f]{64}$/);
    expect(created.createdAt).toBe(created.updatedAt);
    expect(new Date(created.createdAt).toISOString()).toBe(created.createdAt);
    const updated = await store.put("app/name", { value: "two" });
    expect(updated).toMatchObject({ value: "two", version: 2, tags: {}, ttlSeconds: null });
    expect(updated.createdAt).toBe(created.createdAt);
    expect(updated.updatedAt > created.updatedAt).toBe(true);
    expect(await store.get("app/name")).toEqual(updated);
  });

  it("writes one pretty, human-readable JSON file per entry with an encoded name", async () => {
    const path = tempDir();
    const store = await openStore({ path, namespace: "team" });
    await store.put("db/url", { value: "postgres://x", tags: { a: "b" } });
    const file = join(path, "team", "db%2Furl.json");
    expect(store.fileOf("db/url")).toBe(file);
    const text = readFileSync(file, "utf8");
    expect(text).toContain('\n  "value": "postgres://x",\n');
    expect(Object.keys(JSON.parse(text))).toEqual([
      "key",
      "value",
      "tags",
      "ttl_seconds",
      "version",
      "created_at",
      "updated_at",
      "checksum",
    ]);
  });

  it("honours expectVersion on put and delete", async () => {
    const store = await openStore({ path: tempDir() });
    await store.put("k", { value: "a" }, { expectVersion: 0 });
    await expect(store.put("k", { value: "b" }, { expectVersion: 0 })).rejects.toThrow(VersionConflictError);
    await expect(store.put("k", { value: "b" }, { expectVersion: 2 })).rejects.toThrow(
      'entry "k": expected version 2 but found version 1',
    );
    expect((await store.put("k", { value: "b" }, { expectVersion: 1 })).version).toBe(2);
    await expect(store.delete("k", { expectVersion: 1 })).rejects.toThrow(VersionConflictError);
    expect(await store.delete("k", { expectVersion: 2 })).toBe(true);
    expect(await store.delete("k")).toBe(false);
  });

  it("touch bumps updated_at only", async () => {
    const store = await openStore({ path: tempDir() });
    const before = await store.put("t", { value: "v", tags: { x: "y" } });
    const touched = await store.touch("t");
    expect(touched.updatedAt > before.updatedAt).toBe(true);
    expect({ ...touched, updatedAt: before.updatedAt }).toEqual(before);
    expect(await store.get("t")).toEqual(touched);
    await expect(store.touch("missing")).rejects.toThrow(EntryNotFoundError);
  });

  it("lists sorted entries with a prefix, ignoring temp files and the store's own directories", async () => {
    const path = tempDir();
    const store = await openStore({ path });
    for (const key of ["b", "a/2", "a/1", ".dot", "ab", "/".repeat(256)])
      await store.put(key, { value: key });
    writeFileSync(join(path, "default", ".tmp-1-garbage"), "{half");
    writeFileSync(join(path, "default", "notes.txt"), "not an entry");
    expect((await store.list()).map((e) => e.key)).toEqual([
      ".dot",
      "/".repeat(256),
      "a/1",
      "a/2",
      "ab",
      "b",
    ]);
    expect((await store.list({ prefix: "a/" })).map((e) => e.key)).toEqual(["a/1", "a/2"]);
    expect(await store.list({ prefix: "zzz" })).toEqual([]);
    expect((await store.get("/".repeat(256)))?.value).toBe("/".repeat(256));
  });

  it("keeps namespaces apart and lists them", async () => {
    const path = tempDir();
    const a = await openStore({ path, namespace: "a" });
    const b = await openStore({ path, namespace: "b" });
    await a.put("k", { value: "in a" });
    expect(await b.get("k")).toBeUndefined();
    await b.lockState("default");
    expect(await a.namespaces()).toEqual(["a", "b"]);
  });

  it("reads a hand-edited value back as drift and a deleted file as missing", async () => {
    const path = tempDir();
    const store = await openStore({ path });
    const entry = await store.put("drift", { value: "original" });
    const file = store.fileOf("drift");
    const raw = JSON.parse(readFileSync(file, "utf8"));
    writeFileSync(file, JSON.stringify({ ...raw, value: "edited by hand" }, null, 2));
    const drifted = await store.get("drift");
    expect(drifted).toMatchObject({ value: "edited by hand", version: 1, drifted: true });
    expect(drifted?.checksum).toBe(store.checksumOf("edited by hand"));
    expect(drifted?.checksum).not.toBe(entry.checksum);
    const repaired = await store.put("drift", { value: "original" });
    expect(repaired).toMatchObject({ version: 2, drifted: false });
    rmSync(file);
    expect(await store.get("drift")).toBeUndefined();
    expect(await store.list()).toEqual([]);
  });

  it("reports a broken hand edit as a clear error naming the file", async () => {
    const store = await openStore({ path: tempDir() });
    await store.put("k", { value: "v" });
    writeFileSync(store.fileOf("k"), '{ "key": "k", "value": 42, "version": 1 }');
    await expect(store.get("k")).rejects.toThrow(CorruptFileError);
    await expect(store.get("k")).rejects.toThrow(
      `cannot read "${store.fileOf("k")}": "value" must be a string`,
    );
    writeFileSync(store.fileOf("k"), "{ not json");
    await expect(store.list()).rejects.toThrow(/not valid JSON/);
    writeFileSync(
      store.fileOf("k"),
      JSON.stringify({ key: "other", value: "v", version: 1, created_at: "x" }),
    );
    await expect(store.get("k")).rejects.toThrow(/holds key "other" instead of "k"/);
  });

  it("rejects bad input with clear errors", async () => {
    const store = await openStore({ path: tempDir() });
    await expect(store.put("bad key", { value: "v" })).rejects.toThrow(/invalid key "bad key"/);
    await expect(store.put("k", { value: 1 as unknown as string })).rejects.toThrow(InvalidInputError);
    await expect(store.put("k", { value: "v", ttlSeconds: -1 })).rejects.toThrow(/ttlSeconds must be/);
    await expect(store.put("k", { value: "v", tags: { a: 1 as unknown as string } })).rejects.toThrow(
      /tag "a"/,
    );
    await expect(openStore({ path: tempDir(), namespace: "../up" })).rejects.toThrow(/invalid namespace/);
    await expect(openStore({ path: "" })).rejects.toThrow(/path must be/);
  });
});

describe("unusable store directory", () => {
  it("fails clearly, naming the path and the OS error, when a parent is a file (even as root)", async () => {
    const path = tempDir();
    const store = await openStore({ path });
    await store.put("keep", { value: "safe" });
    const file = join(path, "not-a-dir");
    writeFileSync(file, "precious");
    await expect(openStore({ path: join(file, "store") })).rejects.toThrow(
      `cannot use store directory "${join(file, "store", "default")}": ENOTDIR`,
    );
    // A namespace whose directory name is taken by a file.
    writeFileSync(join(path, "ns"), "also precious");
    await expect(openStore({ path, namespace: "ns" })).rejects.toMatchObject({
      code: "STORE_UNAVAILABLE",
      message: expect.stringContaining("ENOTDIR"),
    });
    expect(readFileSync(file, "utf8")).toBe("precious");
    expect(readFileSync(join(path, "ns"), "utf8")).toBe("also precious");
    expect((await store.get("keep"))?.value).toBe("safe");
  });

  it("fails (and does not hang) under a file system that refuses directories", async () => {
    // Node 20's recursive mkdir spins forever under /proc; the store must not.
    expect(existsSync("/proc/self")).toBe(true);
    await expect(openStore({ path: "/proc/kv-store-test/x" })).rejects.toThrow(
      /cannot use store directory "\/proc\/kv-store-test\/x\/default": E[A-Z]+/,
    );
  });

  it("fails clearly on a directory without write permission", async () => {
    const path = tempDir();
    const store = await openStore({ path });
    await store.put("keep", { value: "safe" });
    chmodSync(join(path, "default"), 0o500);
    chmodSync(path, 0o500);
    try {
      if (process.getuid?.() === 0) {
        // Root ignores permission bits: the store still works and nothing is lost.
        expect((await (await openStore({ path })).get("keep"))?.value).toBe("safe");
      } else {
        await expect(openStore({ path, namespace: "other" })).rejects.toThrow(/EACCES/);
        await expect(openStore({ path })).rejects.toThrow(/cannot use store directory .*EACCES/);
      }
    } finally {
      chmodSync(path, 0o700);
      chmodSync(join(path, "default"), 0o700);
    }
    expect(readdirSync(join(path, "default")).filter((n) => n.endsWith(".json"))).toEqual(["keep.json"]);
  });
});
