/**
 * Errors raised by the store. Each has a stable `code` so the provider can map
 * it to a diagnostic without matching on messages.
 */

/** Codes of {@link KvStoreError}. */
export type KvStoreErrorCode =
  | "INVALID_NAME"
  | "INVALID_INPUT"
  | "STORE_UNAVAILABLE"
  | "NOT_FOUND"
  | "VERSION_CONFLICT"
  | "CORRUPT_FILE"
  | "LOCK_TIMEOUT"
  | "LEASE_CONFLICT"
  | "LEASE_NOT_HELD"
  | "STATE_LOCKED"
  | "STATE_NOT_LOCKED"
  | "WRITE_FAILED"
  | "CHECKSUM_KEY";

/** Base class of every error the store throws on purpose. */
export class KvStoreError extends Error {
  /** Stable machine-readable reason. */
  readonly code: KvStoreErrorCode;

  constructor(code: KvStoreErrorCode, message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = new.target.name;
    this.code = code;
  }
}

/** A key, namespace or state name that does not follow the naming rules. */
export class InvalidNameError extends KvStoreError {
  constructor(what: string, value: unknown, rule: string) {
    super("INVALID_NAME", `invalid ${what} ${JSON.stringify(value) ?? String(value)}: ${rule}`);
  }
}

/** An argument of the wrong shape (for example a non-string value or a negative TTL). */
export class InvalidInputError extends KvStoreError {
  constructor(message: string) {
    super("INVALID_INPUT", message);
  }
}

/** The store directory cannot be created or written. */
export class StoreUnavailableError extends KvStoreError {
  /** The directory that could not be used. */
  readonly path: string;

  constructor(path: string, cause: unknown) {
    const reason = cause instanceof Error ? cause.message : String(cause);
    super("STORE_UNAVAILABLE", `cannot use store directory "${path}": ${reason}`, { cause });
    this.path = path;
  }
}

/** The entry does not exist. */
export class EntryNotFoundError extends KvStoreError {
  constructor(namespace: string, key: string) {
    super("NOT_FOUND", `entry "${key}" does not exist in namespace "${namespace}"`);
  }
}

/** A conditional write found another version than the one expected. */
export class VersionConflictError extends KvStoreError {
  /** The version the caller expected (0 = absent). */
  readonly expected: number;
  /** The version found (0 = absent). */
  readonly actual: number;

  constructor(key: string, expected: number, actual: number) {
    const show = (v: number) => (v === 0 ? "no entry" : `version ${v}`);
    super("VERSION_CONFLICT", `entry "${key}": expected ${show(expected)} but found ${show(actual)}`);
    this.expected = expected;
    this.actual = actual;
  }
}

/** A file of the store cannot be parsed (for example after a bad hand edit). */
export class CorruptFileError extends KvStoreError {
  /** The offending file. */
  readonly file: string;

  constructor(file: string, reason: string) {
    super("CORRUPT_FILE", `cannot read "${file}": ${reason}`);
    this.file = file;
  }
}

/** A file lock could not be acquired in time. */
export class LockTimeoutError extends KvStoreError {
  /** The lock file. */
  readonly lockFile: string;

  constructor(lockFile: string, timeoutMs: number, holder: string) {
    super(
      "LOCK_TIMEOUT",
      `timed out after ${timeoutMs} ms waiting for lock "${lockFile}" held by ${holder}; ` +
        "if no process holds it any more, delete that file",
    );
    this.lockFile = lockFile;
  }
}

/** Someone else holds an unexpired lease on the key. */
export class LeaseConflictError extends KvStoreError {
  constructor(key: string, holderLeaseId: string, expiresAt: string) {
    super("LEASE_CONFLICT", `key "${key}" is leased by ${holderLeaseId} until ${expiresAt}`);
  }
}

/** The lease is not (or no longer) held: released, expired or unknown. */
export class LeaseNotHeldError extends KvStoreError {
  constructor(leaseId: string, reason: string) {
    super("LEASE_NOT_HELD", `lease ${JSON.stringify(leaseId)} is not held: ${reason}`);
  }
}

/** The state is locked by someone else. `holder` is the current lock info. */
export class StateLockedError extends KvStoreError {
  /** Lock info of the current holder, as stored. */
  readonly holder: Readonly<Record<string, unknown>>;

  constructor(name: string, holder: Readonly<Record<string, unknown>>) {
    super(
      "STATE_LOCKED",
      `state "${name}" is locked by another operation; lock info: ${JSON.stringify(holder)}`,
    );
    this.holder = holder;
  }
}

/** Unlocking a state that has no lock. */
export class StateNotLockedError extends KvStoreError {
  constructor(name: string) {
    super("STATE_NOT_LOCKED", `state "${name}" is not locked`);
  }
}

/** A write did not complete; the previous content is unchanged. */
export class WriteFailedError extends KvStoreError {
  constructor(file: string, cause: unknown) {
    const reason = cause instanceof Error ? cause.message : String(cause);
    super("WRITE_FAILED", `writing "${file}" failed, previous content kept: ${reason}`, { cause });
  }
}

/** The store's checksum key file (`.checksum-key`) cannot be read, is malformed or is open to other users. */
export class ChecksumKeyError extends KvStoreError {
  /** The key file. */
  readonly file: string;

  constructor(file: string, reason: string) {
    super("CHECKSUM_KEY", `cannot use the store's checksum key "${file}": ${reason}`);
    this.file = file;
  }
}
