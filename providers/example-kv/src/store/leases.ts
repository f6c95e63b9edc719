/**
 * Leases: an exclusive, expiring claim on a key (the ephemeral resource
 * `kv_lease`). A lease is a human-readable file
 * `<path>/<namespace>/.leases/<encoded key>.json`; it is open while that file
 * exists with an `expires_at` in the future. Lease ids are `<uuid>:<key>`.
 */
import { randomUUID } from "node:crypto";
import { promises as fs } from "node:fs";
import { join } from "node:path";
import { keyLockFile, LEASES_DIR, leaseFile, type StoreContext } from "./context.js";
import { CorruptFileError, InvalidInputError, LeaseConflictError, LeaseNotHeldError } from "./errors.js";
import { HOST, isErrno, readIfExists, removeFileDurably, writeFileAtomic } from "./fs-atomic.js";
import { withKeyLock } from "./locks.js";
import { assertKey } from "./names.js";

/** A held lease. */
export interface Lease {
  /** Opaque id to renew or release the lease with. */
  readonly leaseId: string;
  /** The leased key. */
  readonly key: string;
  /** RFC 3339 time the lease ends unless renewed. */
  readonly expiresAt: string;
}

/** A lease as found in the store. */
export interface LeaseInfo extends Lease {
  /** RFC 3339 time the lease was acquired. */
  readonly acquiredAt: string;
  /** Holder process id and host, for people reading the file. */
  readonly holder: { readonly pid: number; readonly host: string };
  /** Whether `expiresAt` has passed (the file is then left over and will be replaced). */
  readonly expired: boolean;
}

function checkTtl(ttlSeconds: number): void {
  if (typeof ttlSeconds !== "number" || !Number.isFinite(ttlSeconds) || ttlSeconds <= 0) {
    throw new InvalidInputError(
      `lease ttl must be a finite number of seconds > 0, got ${String(ttlSeconds)}`,
    );
  }
}

function keyOfLease(leaseId: string): string {
  const colon = typeof leaseId === "string" ? leaseId.indexOf(":") : -1;
  const key = colon > 0 ? leaseId.slice(colon + 1) : "";
  try {
    assertKey(key);
  } catch {
    throw new LeaseNotHeldError(leaseId, "this is not a lease id of this store");
  }
  return key;
}

async function readLease(file: string): Promise<LeaseInfo | undefined> {
  const text = await readIfExists(file);
  if (text === undefined) return undefined;
  let raw: Record<string, unknown>;
  try {
    raw = JSON.parse(text.toString("utf8")) as Record<string, unknown>;
  } catch (error) {
    throw new CorruptFileError(file, `not valid JSON (${(error as Error).message})`);
  }
  const { lease_id, key, expires_at, acquired_at, holder } = raw ?? {};
  if (typeof lease_id !== "string" || typeof key !== "string" || typeof expires_at !== "string") {
    throw new CorruptFileError(file, '"lease_id", "key" and "expires_at" must be strings');
  }
  const ends = Date.parse(expires_at);
  if (Number.isNaN(ends)) throw new CorruptFileError(file, '"expires_at" must be an RFC 3339 time');
  const h = (holder ?? {}) as { pid?: unknown; host?: unknown };
  return {
    leaseId: lease_id,
    key,
    expiresAt: expires_at,
    acquiredAt: typeof acquired_at === "string" ? acquired_at : "",
    holder: { pid: typeof h.pid === "number" ? h.pid : 0, host: typeof h.host === "string" ? h.host : "" },
    expired: ends <= Date.now(),
  };
}

async function writeLease(file: string, lease: LeaseInfo, ttlSeconds: number): Promise<void> {
  const body = {
    lease_id: lease.leaseId,
    key: lease.key,
    acquired_at: lease.acquiredAt,
    renewed_at: new Date().toISOString(),
    expires_at: lease.expiresAt,
    ttl_seconds: ttlSeconds,
    holder: lease.holder,
  };
  await writeFileAtomic(file, `${JSON.stringify(body, null, 2)}\n`);
}

const expiry = (ttlSeconds: number) => new Date(Date.now() + Math.ceil(ttlSeconds * 1000)).toISOString();

/**
 * Opens an exclusive lease on `key` for `ttlSeconds`. Throws
 * {@link LeaseConflictError} while another unexpired lease holds the key; an
 * expired one is replaced.
 */
export async function acquireLease(ctx: StoreContext, key: string, ttlSeconds: number): Promise<Lease> {
  assertKey(key);
  checkTtl(ttlSeconds);
  return withKeyLock(keyLockFile(ctx, key), ctx.lock, async () => {
    const file = leaseFile(ctx, key);
    const current = await readLease(file);
    if (current && !current.expired) throw new LeaseConflictError(key, current.leaseId, current.expiresAt);
    const now = new Date().toISOString();
    const lease: LeaseInfo = {
      leaseId: `${randomUUID()}:${key}`,
      key,
      expiresAt: expiry(ttlSeconds),
      acquiredAt: now,
      holder: { pid: process.pid, host: HOST },
      expired: false,
    };
    await writeLease(file, lease, ttlSeconds);
    return { leaseId: lease.leaseId, key, expiresAt: lease.expiresAt };
  });
}

/**
 * Extends a held lease to end `ttlSeconds` from now. Throws
 * {@link LeaseNotHeldError} if it was released, has expired or was replaced.
 */
export async function renewLease(ctx: StoreContext, leaseId: string, ttlSeconds: number): Promise<Lease> {
  const key = keyOfLease(leaseId);
  checkTtl(ttlSeconds);
  return withKeyLock(keyLockFile(ctx, key), ctx.lock, async () => {
    const file = leaseFile(ctx, key);
    const current = await readLease(file);
    if (!current) throw new LeaseNotHeldError(leaseId, "it was released or never acquired");
    if (current.leaseId !== leaseId)
      throw new LeaseNotHeldError(leaseId, "the key is leased by another holder now");
    if (current.expired) throw new LeaseNotHeldError(leaseId, `it expired at ${current.expiresAt}`);
    const renewed: LeaseInfo = { ...current, expiresAt: expiry(ttlSeconds) };
    await writeLease(file, renewed, ttlSeconds);
    return { leaseId, key, expiresAt: renewed.expiresAt };
  });
}

/**
 * Releases a lease: its file is removed. Returns whether the lease was still
 * held (false when already released, expired or replaced); never throws for
 * a lease that is gone, so closing twice is harmless.
 */
export async function releaseLease(ctx: StoreContext, leaseId: string): Promise<boolean> {
  const key = keyOfLease(leaseId);
  return withKeyLock(keyLockFile(ctx, key), ctx.lock, async () => {
    const file = leaseFile(ctx, key);
    const current = await readLease(file);
    if (!current || current.leaseId !== leaseId) return false;
    await removeFileDurably(file);
    return !current.expired;
  });
}

/** Every lease file of the namespace (expired ones flagged), sorted by key. */
export async function listLeases(ctx: StoreContext): Promise<LeaseInfo[]> {
  const dir = join(ctx.namespaceDir, LEASES_DIR);
  let names: string[];
  try {
    names = await fs.readdir(dir);
  } catch (error) {
    if (isErrno(error, "ENOENT")) return [];
    throw error;
  }
  const leases: LeaseInfo[] = [];
  for (const name of names) {
    if (name.startsWith(".") || !name.endsWith(".json")) continue;
    const lease = await readLease(join(dir, name));
    if (lease) leases.push(lease);
  }
  return leases.sort((a, b) => (a.key < b.key ? -1 : a.key > b.key ? 1 : 0));
}
