/**
 * Terraform state storage (the state store `kv`): one blob per state name in
 * `<path>/.states/<encoded name>.tfstate`, replaced atomically so a failed or
 * truncated write never replaces good state, and a lock per state in
 * `<path>/.states/<encoded name>.lock.json` holding the lock info of its
 * holder, readable by people.
 */
import { randomUUID } from "node:crypto";
import { promises as fs } from "node:fs";
import { join } from "node:path";
import { LOCKS_DIR, type StoreContext, statesDir } from "./context.js";
import {
  CorruptFileError,
  InvalidInputError,
  InvalidNameError,
  StateLockedError,
  StateNotLockedError,
} from "./errors.js";
import { isErrno, readIfExists, removeFileDurably, writeFileAtomic } from "./fs-atomic.js";
import { withKeyLock } from "./locks.js";
import { assertStateName, decodeName, encodeName } from "./names.js";

/**
 * Information about who locks a state and why, as Terraform describes it
 * (operation, who, info, version, path...). Stored as given, with `id` and
 * `created` added by the store.
 */
export type StateLockInfo = Readonly<Record<string, unknown>>;

/** State operations of an open store. Internal: reached through `KvStore`. */
export interface StateStore {
  read(name: string): Promise<Uint8Array | undefined>;
  write(name: string, bytes: Uint8Array, options: { lockId?: string }): Promise<void>;
  delete(name: string): Promise<boolean>;
  list(): Promise<string[]>;
  lock(name: string, info: StateLockInfo): Promise<string>;
  unlock(name: string, lockId: string): Promise<void>;
  lockInfo(name: string): Promise<Readonly<Record<string, unknown>> | undefined>;
}

const BLOB = ".tfstate";
const LOCK = ".lock.json";

/** Creates the state operations of a store. */
export function openStateStore(ctx: StoreContext): StateStore {
  const dir = statesDir(ctx);

  const stem = (name: string): string => {
    assertStateName(name);
    const encoded = encodeName(name);
    if (encoded.includes("~")) {
      throw new InvalidNameError("state name", name, "it is too long once encoded as a file name");
    }
    return encoded;
  };
  const blobFile = (name: string) => join(dir, `${stem(name)}${BLOB}`);
  const lockFile = (name: string) => join(dir, `${stem(name)}${LOCK}`);
  const guarded = <T>(name: string, fn: () => Promise<T>): Promise<T> =>
    withKeyLock(join(dir, LOCKS_DIR, `${stem(name)}.lock`), ctx.lock, fn);

  const readLock = async (name: string): Promise<Record<string, unknown> | undefined> => {
    const file = lockFile(name);
    const text = await readIfExists(file);
    if (text === undefined) return undefined;
    try {
      const info = JSON.parse(text.toString("utf8")) as unknown;
      if (typeof info === "object" && info !== null && typeof (info as { id?: unknown }).id === "string") {
        return info as Record<string, unknown>;
      }
    } catch {
      // reported below
    }
    throw new CorruptFileError(file, 'expected a JSON object with a string "id"; delete the file to unlock');
  };

  return {
    async read(name) {
      const bytes = await readIfExists(blobFile(name));
      return bytes === undefined
        ? undefined
        : new Uint8Array(bytes.buffer, bytes.byteOffset, bytes.byteLength);
    },

    async write(name, bytes, options) {
      if (!(bytes instanceof Uint8Array)) throw new InvalidInputError("state bytes must be a Uint8Array");
      const file = blobFile(name);
      await guarded(name, async () => {
        if (options.lockId !== undefined) {
          const holder = await readLock(name);
          if (!holder) throw new StateNotLockedError(name);
          if (holder.id !== options.lockId) throw new StateLockedError(name, holder);
        }
        await writeFileAtomic(file, bytes);
      });
    },

    async delete(name) {
      const file = blobFile(name);
      return guarded(name, () => removeFileDurably(file));
    },

    async list() {
      let names: string[];
      try {
        names = await fs.readdir(dir);
      } catch (error) {
        if (isErrno(error, "ENOENT")) return [];
        throw error;
      }
      const states: string[] = [];
      for (const file of names) {
        if (file.startsWith(".") || !file.endsWith(BLOB)) continue;
        const name = decodeName(file.slice(0, -BLOB.length));
        if (name !== undefined) states.push(name);
      }
      return states.sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));
    },

    async lock(name, info) {
      if (typeof info !== "object" || info === null || Array.isArray(info)) {
        throw new InvalidInputError("lock info must be an object");
      }
      const file = lockFile(name);
      return guarded(name, async () => {
        const holder = await readLock(name);
        if (holder) throw new StateLockedError(name, holder);
        const id = randomUUID();
        const record = { ...info, id, created: new Date().toISOString() };
        await writeFileAtomic(file, `${JSON.stringify(record, null, 2)}\n`);
        return id;
      });
    },

    async unlock(name, lockId) {
      const file = lockFile(name);
      await guarded(name, async () => {
        const holder = await readLock(name);
        if (!holder) throw new StateNotLockedError(name);
        if (holder.id !== lockId) throw new StateLockedError(name, holder);
        await removeFileDurably(file);
      });
    },

    async lockInfo(name) {
      return readLock(name);
    },
  };
}
