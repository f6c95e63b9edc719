/** The store's checksum key and the keyed entry checksums. */
import { createHash, createHmac } from "node:crypto";
import { chmodSync, readFileSync, statSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { CHECKSUM_KEY_FILE, sha256Hex } from "./checksum-key.js";
import { ChecksumKeyError } from "./errors.js";
import { runWorker } from "./spawn.fixture.js";
import { openStore } from "./store.js";
import { tempDir } from "./test-dir.fixture.js";

const keyOf = (path: string) =>
  Buffer.from(readFileSync(join(path, CHECKSUM_KEY_FILE), "utf8").trim(), "hex");

describe("checksum key", () => {
  it("is made once per store, 32 random bytes in a 0600 file, and keys every checksum", async () => {
    const path = tempDir();
    const store = await openStore({ path });
    const file = join(path, CHECKSUM_KEY_FILE);
    expect(readFileSync(file, "utf8")).toMatch(/^[0-9a-f]{64}\n$/);
    if (process.platform !== "win32") expect(statSync(file).mode & 0o777).toBe(0o600);
    const entry = await store.put("k", { value: "hunter2" });
    const hmac = createHmac("sha256", keyOf(path)).update("hunter2").digest("hex");
    expect(entry.checksum).toBe(hmac);
    expect(entry.checksum).not.toBe(createHash("sha256").update("hunter2").digest("hex"));
    expect(JSON.parse(readFileSync(store.fileOf("k"), "utf8")).checksum).toBe(hmac);
    // the same key when opened again (another namespace too); another store has another key
    const again = await openStore({ path, namespace: "other" });
    expect(again.checksumOf("hunter2")).toBe(hmac);
    expect(readFileSync(file, "utf8")).toBe(`${keyOf(path).toString("hex")}\n`);
    const elsewhere = await openStore({ path: tempDir() });
    expect(elsewhere.checksumOf("hunter2")).not.toBe(hmac);
    // not an entry, not a namespace
    expect(await store.list()).toHaveLength(1);
    expect(await store.namespaces()).toEqual(["default", "other"]);
  });

  it("is the same for every process opening a fresh store at once", async () => {
    const path = tempDir();
    const outputs = await Promise.all(
      Array.from({ length: 5 }, (_, i) => runWorker(["cas", path, "default", `k${i}`, "0"])),
    );
    const probes = outputs.map((o) => o.trim().split(" ")[2]);
    expect(probes.every((p) => p === probes[0])).toBe(true);
    expect(probes[0]).toBe(createHmac("sha256", keyOf(path)).update("probe").digest("hex"));
  }, 60_000);

  it("a key file open to other users, or malformed, is refused with a clear error", async () => {
    const path = tempDir();
    await openStore({ path });
    const file = join(path, CHECKSUM_KEY_FILE);
    if (process.platform !== "win32") {
      chmodSync(file, 0o644);
      const error = await openStore({ path }).catch((e: unknown) => e);
      expect(error).toBeInstanceOf(ChecksumKeyError);
      expect((error as Error).message).toContain(
        `readable or writable by other users (mode 644); run \`chmod 600 ${file}\``,
      );
      chmodSync(file, 0o600);
    }
    writeFileSync(file, "not a key\n", { mode: 0o600 });
    await expect(openStore({ path })).rejects.toThrow(
      `cannot use the store's checksum key "${file}": it does not hold 64 hex digits`,
    );
  });

  it("entry files written with the old plain SHA-256 checksum are not drift; other mismatches are", async () => {
    const store = await openStore({ path: tempDir() });
    await store.put("legacy", { value: "v" });
    const file = store.fileOf("legacy");
    const raw = JSON.parse(readFileSync(file, "utf8"));
    writeFileSync(file, JSON.stringify({ ...raw, checksum: sha256Hex("v") }));
    expect(await store.get("legacy")).toMatchObject({ drifted: false, checksum: store.checksumOf("v") });
    writeFileSync(file, JSON.stringify({ ...raw, checksum: sha256Hex("something else") }));
    expect(await store.get("legacy")).toMatchObject({ drifted: true });
  });
});
