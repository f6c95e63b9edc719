/**
 * The embedded key-value store: a directory on disk, one namespace per
 * subdirectory, one pretty JSON file per entry. Safe under concurrent use in
 * one process and across processes; every write is atomic.
 */
import { randomUUID } from "node:crypto";
import { promises as fs } from "node:fs";
import { join, resolve } from "node:path";
import { keyedChecksum, loadChecksumKey } from "./checksum-key.js";
import { entryFile, keyLockFile, LEASES_DIR, LOCKS_DIR, STATES_DIR, type StoreContext } from "./context.js";
import { type Entry, entryFilePieces, nextTimestamp, parseEntryFile } from "./entry.js";
import {
  CorruptFileError,
  EntryNotFoundError,
  InvalidInputError,
  StoreUnavailableError,
  VersionConflictError,
} from "./errors.js";
import {
  isErrno,
  makeDirs,
  readIfExists,
  removeFileDurably,
  sweepTempFiles,
  TEMP_PREFIX,
  writeFileAtomic,
} from "./fs-atomic.js";
import { acquireLease, type Lease, type LeaseInfo, listLeases, releaseLease, renewLease } from "./leases.js";
import { withKeyLock } from "./locks.js";
import { assertKey, assertNamespace, decodeName, encodeName } from "./names.js";
import { openStateStore, type StateLockInfo, type StateStore } from "./states.js";

/** Options of {@link openStore}. */
export interface OpenStoreOptions {
  /** The store directory; created with its parents if missing. */
  readonly path: string;
  /** The namespace to work in (a subdirectory); default `"default"`. */
  readonly namespace?: string;
  /** How long to wait for a key lock held by another operation. Default 10 000 ms. */
  readonly lockTimeoutMs?: number;
  /** Age after which a lock file is considered abandoned. Default 60 000 ms. */
  readonly staleLockMs?: number;
}

/** What to store under a key. */
export interface EntryInput {
  /** The value. */
  readonly value: string;
  /** String tags; default none. */
  readonly tags?: Readonly<Record<string, string>>;
  /** Informational time to live in seconds, ≥ 0; default unset. */
  readonly ttlSeconds?: number | null;
}

/** Conditions of a write. */
export interface WriteConditions {
  /**
   * Write (or delete) only if the entry's current version is this one (0 = the entry must not
   * exist). Compared under the key's lock, across processes; on a mismatch nothing is written and
   * {@link VersionConflictError} tells both versions.
   */
  readonly expectVersion?: number;
}

/** Options of {@link KvStore.list}. */
export interface ListOptions {
  /** Only keys starting with this prefix. */
  readonly prefix?: string;
}

function checkInput(input: EntryInput): void {
  if (typeof input?.value !== "string") throw new InvalidInputError("value must be a string");
  const tags = input.tags ?? {};
  if (typeof tags !== "object" || tags === null || Array.isArray(tags)) {
    throw new InvalidInputError("tags must be an object of strings");
  }
  for (const [name, tag] of Object.entries(tags)) {
    if (typeof tag !== "string") throw new InvalidInputError(`tag ${JSON.stringify(name)} must be a string`);
  }
  const ttl = input.ttlSeconds;
  if (ttl !== undefined && ttl !== null && !(typeof ttl === "number" && Number.isFinite(ttl) && ttl >= 0)) {
    throw new InvalidInputError(`ttlSeconds must be a finite number >= 0, got ${String(ttl)}`);
  }
}

function checkExpected(key: string, expected: number | undefined, current: Entry | undefined): void {
  if (expected === undefined) return;
  if (!Number.isSafeInteger(expected) || expected < 0) {
    throw new InvalidInputError(`expectVersion must be an integer >= 0, got ${String(expected)}`);
  }
  const actual = current?.version ?? 0;
  if (actual !== expected) throw new VersionConflictError(key, expected, actual);
}

/** An open store bound to one namespace. Create it with {@link openStore}. */
export class KvStore {
  readonly #ctx: StoreContext;
  readonly #states: StateStore;

  /** @internal Use {@link openStore}. */
  constructor(ctx: StoreContext) {
    this.#ctx = ctx;
    this.#states = openStateStore(ctx);
  }

  /** Absolute store directory. */
  get path(): string {
    return this.#ctx.root;
  }

  /** The namespace this object works in. */
  get namespace(): string {
    return this.#ctx.namespace;
  }

  /**
   * The checksum an entry with `value` gets in this store: HMAC-SHA-256 hex under the store's own
   * key (kept in `<path>/.checksum-key`, mode 0600). Equal values give equal checksums within one
   * store; without the key, a checksum does not help to guess the value.
   */
  checksumOf(value: string): string {
    if (typeof value !== "string") throw new InvalidInputError("value must be a string");
    return keyedChecksum(this.#ctx.checksumKey, value);
  }

  /** Absolute path of the file that holds `key` (whether or not it exists). */
  fileOf(key: string): string {
    assertKey(key);
    return entryFile(this.#ctx, key);
  }

  /**
   * Reads an entry, or `undefined` when there is none (a deleted file reads as missing). With
   * `known` (a value the caller already holds, such as the one in Terraform's state), an entry
   * whose stored value is equal holds that same string instead of a second copy read from the file:
   * a large value is then in memory once.
   */
  async get(key: string, options: { known?: string } = {}): Promise<Entry | undefined> {
    assertKey(key);
    return this.#read(key, options.known);
  }

  /**
   * Creates or replaces an entry. The result has version 1 on create and the
   * previous version + 1 on update; `createdAt` is kept, `updatedAt` refreshed,
   * `checksum` is {@link KvStore.checksumOf} the value. With `expectVersion`, writes only if the
   * entry is at that version (else {@link VersionConflictError}, nothing written).
   */
  async put(key: string, input: EntryInput, conditions: WriteConditions = {}): Promise<Entry> {
    assertKey(key);
    checkInput(input);
    return this.#locked(key, async () => {
      const current = await this.#read(key);
      checkExpected(key, conditions.expectVersion, current);
      return this.#write(key, input, current);
    });
  }

  /**
   * Atomic read-modify-write: `fn` gets the current entry (or `undefined`)
   * while the key is locked, across processes, and returns what to store, or
   * `undefined` to leave the entry as it is. Returns the entry afterwards.
   */
  async update(
    key: string,
    fn: (current: Entry | undefined) => EntryInput | undefined | Promise<EntryInput | undefined>,
  ): Promise<Entry | undefined> {
    assertKey(key);
    return this.#locked(key, async () => {
      const current = await this.#read(key);
      const next = await fn(current);
      if (next === undefined) return current;
      checkInput(next);
      return this.#write(key, next, current);
    });
  }

  /**
   * Deletes an entry. Returns whether it existed. With `expectVersion`, deletes only if the entry
   * is at that version (else {@link VersionConflictError}, nothing deleted; a missing entry is
   * then a conflict with version 0).
   */
  async delete(key: string, conditions: WriteConditions = {}): Promise<boolean> {
    assertKey(key);
    return this.#locked(key, async () => {
      if (conditions.expectVersion !== undefined) {
        checkExpected(key, conditions.expectVersion, await this.#read(key));
      }
      return removeFileDurably(entryFile(this.#ctx, key));
    });
  }

  /** Bumps `updatedAt` of an entry and nothing else. Throws {@link EntryNotFoundError} when missing. */
  async touch(key: string): Promise<Entry> {
    assertKey(key);
    return this.#locked(key, async () => {
      const file = entryFile(this.#ctx, key);
      const text = await readIfExists(file);
      if (text === undefined) throw new EntryNotFoundError(this.#ctx.namespace, key);
      const current = this.#parse(file, key, text);
      const raw = JSON.parse(text.toString("utf8")) as Record<string, unknown>;
      const updatedAt = nextTimestamp(current.updatedAt);
      // Keep the file's own checksum so a hand edit stays visible as drift.
      await writeFileAtomic(file, `${JSON.stringify({ ...raw, updated_at: updatedAt }, null, 2)}\n`);
      return { ...current, updatedAt };
    });
  }

  /**
   * All entries of the namespace (optionally with a key prefix), sorted by key
   * (UTF-16 code units). Files that are not the store's (other names, dot
   * files, temp files) are ignored; an entry file that cannot be parsed fails
   * the listing with {@link CorruptFileError} naming it.
   */
  async list(options: ListOptions = {}): Promise<Entry[]> {
    const prefix = options.prefix ?? "";
    if (typeof prefix !== "string") throw new InvalidInputError("prefix must be a string");
    let names: string[];
    try {
      names = await fs.readdir(this.#ctx.namespaceDir);
    } catch (error) {
      if (isErrno(error, "ENOENT")) return [];
      throw error;
    }
    const entries: Entry[] = [];
    for (const name of names) {
      if (name.startsWith(".") || !name.endsWith(".json")) continue;
      const stem = name.slice(0, -".json".length);
      const decoded = decodeName(stem);
      if (decoded === undefined && !stem.includes("~")) continue; // not a file of the store
      if (decoded !== undefined && !decoded.startsWith(prefix)) continue;
      const file = join(this.#ctx.namespaceDir, name);
      const text = await readIfExists(file);
      if (text === undefined) continue; // deleted meanwhile
      const entry = parseEntryFile(file, text, (v) => this.checksumOf(v));
      if (encodeName(entry.key) !== stem) {
        throw new CorruptFileError(
          file,
          `it holds key ${JSON.stringify(entry.key)}, which does not match its name`,
        );
      }
      if (entry.key.startsWith(prefix)) entries.push(entry);
    }
    return entries.sort((a, b) => (a.key < b.key ? -1 : a.key > b.key ? 1 : 0));
  }

  /** Names of every namespace in the store directory, sorted. */
  async namespaces(): Promise<string[]> {
    const dirents = await fs.readdir(this.#ctx.root, { withFileTypes: true });
    return dirents
      .filter((d) => d.isDirectory() && !d.name.startsWith("."))
      .map((d) => d.name)
      .sort();
  }

  /** Opens an exclusive lease on `key` for `ttlSeconds`; see {@link acquireLease}. */
  acquireLease(key: string, ttlSeconds: number): Promise<Lease> {
    return acquireLease(this.#ctx, key, ttlSeconds);
  }

  /** Extends a held lease to `ttlSeconds` from now; see {@link renewLease}. */
  renewLease(leaseId: string, ttlSeconds: number): Promise<Lease> {
    return renewLease(this.#ctx, leaseId, ttlSeconds);
  }

  /** Releases a lease; returns whether it was still held. See {@link releaseLease}. */
  releaseLease(leaseId: string): Promise<boolean> {
    return releaseLease(this.#ctx, leaseId);
  }

  /** Unexpired leases of the namespace, sorted by key. */
  leases(): Promise<LeaseInfo[]> {
    return listLeases(this.#ctx);
  }

  /** Reads a Terraform state blob, or `undefined` if there is none. */
  readState(name: string): Promise<Uint8Array | undefined> {
    return this.#states.read(name);
  }

  /** Replaces a state blob atomically; with `lockId`, only while that lock is held. */
  writeState(name: string, bytes: Uint8Array, options: { lockId?: string } = {}): Promise<void> {
    return this.#states.write(name, bytes, options);
  }

  /** Deletes a state blob; returns whether it existed. */
  deleteState(name: string): Promise<boolean> {
    return this.#states.delete(name);
  }

  /** Names of the stored states, sorted. */
  listStates(): Promise<string[]> {
    return this.#states.list();
  }

  /** Locks a state; returns the lock id, or throws {@link StateLockedError} with the holder's info. */
  lockState(name: string, info: StateLockInfo = {}): Promise<string> {
    return this.#states.lock(name, info);
  }

  /** Unlocks a state locked with `lockId`. */
  unlockState(name: string, lockId: string): Promise<void> {
    return this.#states.unlock(name, lockId);
  }

  /** The lock info of a locked state, or `undefined`. */
  stateLock(name: string): Promise<Readonly<Record<string, unknown>> | undefined> {
    return this.#states.lockInfo(name);
  }

  #locked<T>(key: string, fn: () => Promise<T>): Promise<T> {
    return withKeyLock(keyLockFile(this.#ctx, key), this.#ctx.lock, fn);
  }

  #parse(file: string, key: string, text: Buffer, known?: string): Entry {
    const entry = parseEntryFile(file, text, (v) => this.checksumOf(v), known);
    if (entry.key !== key) {
      throw new CorruptFileError(
        file,
        `it holds key ${JSON.stringify(entry.key)} instead of ${JSON.stringify(key)}`,
      );
    }
    return entry;
  }

  async #read(key: string, known?: string): Promise<Entry | undefined> {
    const file = entryFile(this.#ctx, key);
    const text = await readIfExists(file);
    return text === undefined ? undefined : this.#parse(file, key, text, known);
  }

  async #write(key: string, input: EntryInput, current: Entry | undefined): Promise<Entry> {
    const now = nextTimestamp(current?.updatedAt);
    const entry: Entry = {
      key,
      value: input.value,
      tags: { ...(input.tags ?? {}) },
      ttlSeconds: input.ttlSeconds ?? null,
      version: (current?.version ?? 0) + 1,
      createdAt: current?.createdAt ?? now,
      updatedAt: now,
      checksum: this.checksumOf(input.value),
      drifted: false,
    };
    await writeFileAtomic(entryFile(this.#ctx, key), entryFilePieces(entry));
    return entry;
  }
}

/**
 * Opens (creating if needed) the store at `path` in `namespace`. A directory
 * that cannot be created or written gives {@link StoreUnavailableError}
 * naming the path and the OS error; existing data is never modified.
 */
export async function openStore(options: OpenStoreOptions): Promise<KvStore> {
  if (typeof options?.path !== "string" || options.path === "") {
    throw new InvalidInputError("path must be a non-empty string");
  }
  const namespace = options.namespace ?? "default";
  assertNamespace(namespace);
  const root = resolve(options.path);
  const namespaceDir = join(root, namespace);
  const dirs = [
    namespaceDir,
    join(namespaceDir, LOCKS_DIR),
    join(namespaceDir, LEASES_DIR),
    join(root, STATES_DIR),
    join(root, STATES_DIR, LOCKS_DIR),
  ];
  for (const dir of dirs) {
    try {
      await makeDirs(dir);
    } catch (error) {
      throw new StoreUnavailableError(dir, error);
    }
  }
  const probe = join(namespaceDir, `${TEMP_PREFIX}${process.pid}-probe-${randomUUID()}`);
  try {
    await (await fs.open(probe, "wx")).close();
    await fs.unlink(probe);
  } catch (error) {
    throw new StoreUnavailableError(namespaceDir, error);
  }
  for (const dir of [root, ...dirs]) await sweepTempFiles(dir);
  const checksumKey = await loadChecksumKey(root);
  return new KvStore({
    root,
    namespace,
    namespaceDir,
    checksumKey,
    lock: { timeoutMs: options.lockTimeoutMs, staleMs: options.staleLockMs },
  });
}
