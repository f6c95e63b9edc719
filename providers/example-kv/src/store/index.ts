/**
 * The embedded store of the example provider: entries, leases and Terraform
 * states in a directory of human-readable files.
 */
export type { Entry } from "./entry.js";
export { checksumOf } from "./entry.js";
export {
  CorruptFileError,
  EntryNotFoundError,
  InvalidInputError,
  InvalidNameError,
  KvStoreError,
  type KvStoreErrorCode,
  LeaseConflictError,
  LeaseNotHeldError,
  LockTimeoutError,
  StateLockedError,
  StateNotLockedError,
  StoreUnavailableError,
  VersionConflictError,
  WriteFailedError,
} from "./errors.js";
export type { Lease, LeaseInfo } from "./leases.js";
export { assertKey, decodeName, encodeName, KEY_PATTERN, NAMESPACE_PATTERN } from "./names.js";
export type { StateLockInfo } from "./states.js";
export {
  type EntryInput,
  KvStore,
  type ListOptions,
  type OpenStoreOptions,
  openStore,
  type WriteConditions,
} from "./store.js";
