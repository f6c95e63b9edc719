/**
 * Validation of keys, namespaces and state names, and their reversible,
 * human-readable encoding as file names.
 *
 * Every character outside `[A-Za-z0-9_.-]` is percent-encoded (`/` becomes
 * `%2F`, `%` becomes `%25`), and a leading `.` becomes `%2E` so that no entry
 * file ever starts with a dot: dot-files are the store's own (temp files,
 * `.leases`, `.locks`, `.states`). Names whose encoding would be too long for
 * a file system are shortened with a hash; their real name is kept inside the
 * file.
 */
import { createHash } from "node:crypto";
import { InvalidNameError } from "./errors.js";

/** Pattern every key must match: 1–256 characters of `[A-Za-z0-9_./-]`. */
export const KEY_PATTERN = /^[A-Za-z0-9_./-]{1,256}$/;

/** Pattern every namespace must match: 1–64 characters, not starting with a dot. */
export const NAMESPACE_PATTERN = /^[A-Za-z0-9_-][A-Za-z0-9_.-]{0,63}$/;

const hasControlCharacter = (text: string): boolean =>
  [...text].some((ch) => ch.charCodeAt(0) < 0x20 || ch.charCodeAt(0) === 0x7f);

/** Longest encoded file-name stem kept verbatim; longer ones are shortened with a hash. */
const MAX_STEM = 200;

/** Throws {@link InvalidNameError} unless `key` is a valid entry key. */
export function assertKey(key: unknown): asserts key is string {
  if (typeof key !== "string" || !KEY_PATTERN.test(key)) {
    throw new InvalidNameError(
      "key",
      key,
      "a key must be 1 to 256 characters of letters, digits, '_', '.', '/' or '-'",
    );
  }
}

/** Throws {@link InvalidNameError} unless `namespace` is a valid namespace name. */
export function assertNamespace(namespace: unknown): asserts namespace is string {
  if (typeof namespace !== "string" || !NAMESPACE_PATTERN.test(namespace)) {
    throw new InvalidNameError(
      "namespace",
      namespace,
      "a namespace must be 1 to 64 characters of letters, digits, '_', '.' or '-', not starting with '.'",
    );
  }
}

/**
 * Throws {@link InvalidNameError} unless `name` is a usable state name: 1–128
 * characters without control characters.
 */
export function assertStateName(name: unknown): asserts name is string {
  if (typeof name !== "string" || name.length === 0 || name.length > 128 || hasControlCharacter(name)) {
    throw new InvalidNameError(
      "state name",
      name,
      "a state name must be 1 to 128 characters without control characters",
    );
  }
}

/**
 * Encodes a name as a file-name stem (without extension). Reversible with
 * {@link decodeName} unless the result contains `~` (a shortened long name).
 */
export function encodeName(name: string): string {
  let out = "";
  for (const byte of Buffer.from(name, "utf8")) {
    const ch = String.fromCharCode(byte);
    if (/[A-Za-z0-9_.-]/.test(ch) && !(ch === "." && out === "")) out += ch;
    else out += `%${byte.toString(16).toUpperCase().padStart(2, "0")}`;
  }
  if (out.length <= MAX_STEM) return out;
  const hash = createHash("sha256").update(name, "utf8").digest("hex").slice(0, 32);
  // Do not cut an escape sequence in half.
  let cut = MAX_STEM - 40;
  while (cut > 0 && out.lastIndexOf("%", cut - 1) >= cut - 2) cut -= 1;
  return `${out.slice(0, cut)}~${hash}`;
}

/**
 * Decodes a file-name stem made by {@link encodeName}. Returns `undefined` for
 * a shortened name (its real name is stored inside the file) or a stem that
 * no name encodes to.
 */
export function decodeName(stem: string): string | undefined {
  if (stem.includes("~") || stem.startsWith(".")) return undefined;
  try {
    const name = decodeURIComponent(stem);
    return encodeName(name) === stem ? name : undefined;
  } catch {
    return undefined;
  }
}
