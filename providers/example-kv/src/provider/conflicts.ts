/**
 * The diagnostics of optimistic concurrency, shared by the resources that write entries
 * (`kv_entry`, `kv_item`, `kv_bundle`): every update and delete carries the version the state
 * last saw, the store compares it under the key's lock, and a mismatch writes nothing.
 */
import { PyviderError } from "@pyvider/hub";
import type { KvStore, VersionConflictError } from "../store/index.js";

/**
 * A version conflict on an update or delete: what changed and what to do. Nothing was written
 * (the store compares versions under the key's lock before writing).
 * @param path the attribute the diagnostic points at
 */
export function versionConflict(
  store: KvStore,
  key: string,
  operation: "update" | "delete",
  error: VersionConflictError,
  path: string,
): PyviderError {
  const found = error.actual === 0 ? "no entry (it was deleted meanwhile)" : `version ${error.actual}`;
  return new PyviderError("Entry changed since it was last read", {
    detail:
      `Cannot ${operation} entry "${key}" in namespace "${store.namespace}": the state expects version ` +
      `${error.expected}, but the store now has ${found}. Someone else (another workspace or ` +
      "configuration, or a script using the store) changed it after this plan read it, so nothing was written. " +
      "Refresh and review the change (`terraform apply -refresh-only`, or run `terraform plan` " +
      "again), then apply again; if two configurations manage this key, keep only one.",
    path,
    cause: error,
  });
}

/**
 * A create that found the key taken (by another configuration, workspace or script): nothing was
 * written, and the way to manage the entry here is to import it.
 * @param path the attribute the diagnostic points at
 */
export function alreadyExists(
  store: KvStore,
  key: string,
  error: VersionConflictError,
  path: string,
): PyviderError {
  return new PyviderError("Entry already exists", {
    detail:
      `Entry "${key}" already exists in namespace "${store.namespace}" (version ` +
      `${error.actual}), so nothing was written. Another configuration or workspace may ` +
      "manage it. To manage it here, import it (an `import` block with " +
      `id = "${key}", or \`terraform import <address> ${key}\`); ` +
      "otherwise choose another key.",
    path,
    cause: error,
  });
}
