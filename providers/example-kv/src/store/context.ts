/** Paths and settings shared by the entry, lease and state parts of an open store. Internal. */
import { join } from "node:path";
import type { LockOptions } from "./locks.js";
import { encodeName } from "./names.js";

/** Directory of the store's own files inside a namespace: per-key lock files. */
export const LOCKS_DIR = ".locks";
/** Directory of lease files inside a namespace. */
export const LEASES_DIR = ".leases";
/** Directory of Terraform states at the root of the store. */
export const STATES_DIR = ".states";

/** Everything the parts of an open store need to find their files. */
export interface StoreContext {
  /** Absolute store directory. */
  readonly root: string;
  /** The namespace this store object works in. */
  readonly namespace: string;
  /** Absolute directory of the namespace. */
  readonly namespaceDir: string;
  /** Lock tuning. */
  readonly lock: LockOptions;
  /** The store's checksum key (see `checksum-key.ts`). */
  readonly checksumKey: Uint8Array;
}

/** The entry file of `key`. */
export const entryFile = (ctx: StoreContext, key: string): string =>
  join(ctx.namespaceDir, `${encodeName(key)}.json`);

/** The lock file guarding `key` (entries and leases alike). */
export const keyLockFile = (ctx: StoreContext, key: string): string =>
  join(ctx.namespaceDir, LOCKS_DIR, `${encodeName(key)}.lock`);

/** The lease file of `key`. */
export const leaseFile = (ctx: StoreContext, key: string): string =>
  join(ctx.namespaceDir, LEASES_DIR, `${encodeName(key)}.json`);

/** The directory holding Terraform states. */
export const statesDir = (ctx: StoreContext): string => join(ctx.root, STATES_DIR);
