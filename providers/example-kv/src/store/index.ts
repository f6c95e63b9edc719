/**
 * The embedded store of the example provider: entries, leases and Terraform
 * states in a directory of human-readable files.
 */

export { CHECKSUM_KEY_FILE, keyedChecksum, sha256Hex } from "./checksum-key.js";
export type { Entry } from "./entry.js";
export {
  ChecksumKeyError,
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
