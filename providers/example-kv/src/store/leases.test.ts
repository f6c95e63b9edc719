import { existsSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { LeaseConflictError, LeaseNotHeldError } from "./errors.js";
import { openStore } from "./store.js";
import { tempDir } from "./test-dir.fixture.js";

describe("leases", () => {
  it("acquire, renew and release, visible as a human-readable file", async () => {
    const path = tempDir();
    const store = await openStore({ path, namespace: "ns" });
    const before = Date.now();
    const lease = await store.acquireLease("app/db", 60);
    expect(lease.key).toBe("app/db");
    expect(lease.leaseId).toMatch(/^[0-9a-f-]{36}:app\/db$/);
    const ends = Date.parse(lease.expiresAt);
    expect(ends).toBeGreaterThanOrEqual(before + 60_000);
    expect(ends).toBeLessThanOrEqual(Date.now() + 60_000);
    const file = join(path, "ns", ".leases", "app%2Fdb.json");
    const onDisk = JSON.parse(readFileSync(file, "utf8"));
    expect(onDisk).toMatchObject({ lease_id: lease.leaseId, key: "app/db", expires_at: lease.expiresAt });
    expect(onDisk.holder.pid).toBe(process.pid);
    expect(readFileSync(file, "utf8")).toContain('\n  "lease_id": ');

    const renewed = await store.renewLease(lease.leaseId, 600);
    expect(Date.parse(renewed.expiresAt)).toBeGreaterThan(ends);
    expect(JSON.parse(readFileSync(file, "utf8")).expires_at).toBe(renewed.expiresAt);
    expect((await store.leases()).map((l) => [l.key, l.expired])).toEqual([["app/db", false]]);

    expect(await store.releaseLease(lease.leaseId)).toBe(true);
    expect(existsSync(file)).toBe(false);
    expect(await store.releaseLease(lease.leaseId)).toBe(false);
    await expect(store.renewLease(lease.leaseId, 60)).rejects.toThrow(/released or never acquired/);
  });

  it("is exclusive per key while unexpired, and an expired lease is replaced", async () => {
    const store = await openStore({ path: tempDir() });
    const first = await store.acquireLease("k", 0.05);
    await expect(store.acquireLease("k", 10)).rejects.toThrow(LeaseConflictError);
    await expect(store.acquireLease("k", 10)).rejects.toThrow(`key "k" is leased by ${first.leaseId}`);
    expect((await store.acquireLease("other", 10)).key).toBe("other");
    await new Promise((r) => setTimeout(r, 80));
    await expect(store.renewLease(first.leaseId, 10)).rejects.toThrow(/expired at/);
    const second = await store.acquireLease("k", 10);
    expect(second.leaseId).not.toBe(first.leaseId);
    await expect(store.renewLease(first.leaseId, 10)).rejects.toThrow(/leased by another holder/);
    expect(await store.releaseLease(first.leaseId)).toBe(false);
    expect((await store.leases()).map((l) => l.leaseId)).toContain(second.leaseId);
  });

  it("concurrent acquires of one key: exactly one wins", async () => {
    const store = await openStore({ path: tempDir() });
    const results = await Promise.allSettled(Array.from({ length: 20 }, () => store.acquireLease("hot", 30)));
    expect(results.filter((r) => r.status === "fulfilled")).toHaveLength(1);
    for (const r of results) if (r.status === "rejected") expect(r.reason).toBeInstanceOf(LeaseConflictError);
  });

  it("rejects bad ids and ttls clearly, and reports a hand-broken lease file", async () => {
    const path = tempDir();
    const store = await openStore({ path });
    await expect(store.renewLease("nonsense", 10)).rejects.toThrow(LeaseNotHeldError);
    await expect(store.acquireLease("k", 0)).rejects.toThrow(/ttl must be a finite number of seconds > 0/);
    await expect(store.acquireLease("k", Number.NaN)).rejects.toThrow(/ttl/);
    writeFileSync(join(path, "default", ".leases", "k.json"), "{");
    await expect(store.acquireLease("k", 10)).rejects.toThrow(/cannot read .*k\.json.*not valid JSON/);
  });
});
