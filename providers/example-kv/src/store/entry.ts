/**
 * The on-disk form of an entry: one pretty-printed JSON file per key, meant to
 * be read and edited by people. Hand edits are honoured: the value read back
 * is the value in the file, its checksum is recomputed, and `drifted` tells
 * that the file no longer matches the checksum written with it.
 */
import { sha256Hex } from "./checksum-key.js";
import { CorruptFileError } from "./errors.js";
import { decodeJsonStringLiteral, jsonStringPieces, topLevelStringMember } from "./pieces.js";

/** An entry as returned by the store. */
export interface Entry {
  /** The entry's key. */
  readonly key: string;
  /** The stored value. */
  readonly value: string;
  /** Free-form string tags. */
  readonly tags: Readonly<Record<string, string>>;
  /** Time to live the entry was written with, informational (the store does not expire entries); `null` when unset. */
  readonly ttlSeconds: number | null;
  /** 1 on create, +1 on every update. */
  readonly version: number;
  /** RFC 3339 time of creation; kept across updates. */
  readonly createdAt: string;
  /** RFC 3339 time of the last update or touch. */
  readonly updatedAt: string;
  /**
   * Keyed checksum of the value as it is now (recomputed on read): HMAC-SHA-256 hex under the
   * store's own key (`.checksum-key`), so it reveals nothing about the value to whoever lacks it.
   */
  readonly checksum: string;
  /** True when the value was changed outside the store (the checksum in the file does not match). */
  readonly drifted: boolean;
}

/**
 * An entry's file form (pretty JSON, two-space indent, a final newline; the stored checksum is the
 * entry's checksum) in pieces, to be written one after the other: the value is escaped about 1 MiB
 * at a time, so a large value is never held a second time as JSON text or UTF-8 bytes. Joined, the
 * pieces are exactly `JSON.stringify(file, null, 2) + "\n"`.
 */
export function* entryFilePieces(entry: Entry): Generator<string> {
  const rest = {
    tags: entry.tags,
    ttl_seconds: entry.ttlSeconds,
    version: entry.version,
    created_at: entry.createdAt,
    updated_at: entry.updatedAt,
    checksum: entry.checksum,
  };
  yield `{\n  "key": ${JSON.stringify(entry.key)},\n  "value": `;
  yield* jsonStringPieces(entry.value);
  // `rest` pretty-printed starts with "{\n  "tags"": its fields follow the value's at the same depth
  yield `,\n${JSON.stringify(rest, null, 2).slice(2)}\n`;
}

const isRecord = (v: unknown): v is Record<string, unknown> =>
  typeof v === "object" && v !== null && !Array.isArray(v);

/**
 * Parses an entry file. Missing optional fields get defaults (`tags` {},
 * `ttl_seconds` null, timestamps from the other one); a missing or wrong
 * required field is a {@link CorruptFileError} naming the file. `checksumOf`
 * is the store's keyed checksum; a file written before checksums were keyed
 * (holding the plain SHA-256 of its value) is not taken for drift.
 */
export function parseEntry(file: string, text: string, checksumOf: (value: string) => string): Entry {
  let raw: unknown;
  try {
    raw = JSON.parse(text);
  } catch (error) {
    throw new CorruptFileError(file, `not valid JSON (${(error as Error).message})`);
  }
  return entryOf(file, raw, checksumOf);
}

/** Files from this size up are parsed with {@link parseEntryFile}'s frugal path. */
const LARGE_FILE_BYTES = 1024 * 1024;

/**
 * Parses an entry file's bytes like {@link parseEntry}. A large file is not decoded into one text
 * first: the value's string literal is found in the bytes and decoded on its own (straight from the
 * bytes when it has no escapes), and the small rest of the file is parsed without it. So a large
 * value is held as the file's bytes and the value, not also as the whole file's text. When the
 * stored value equals `known` (the caller's copy, e.g. the value in Terraform's state), the entry
 * holds `known` itself rather than a second copy.
 */
export function parseEntryFile(
  file: string,
  bytes: Buffer,
  checksumOf: (value: string) => string,
  known?: string,
): Entry {
  const literal = bytes.length >= LARGE_FILE_BYTES ? topLevelStringMember(bytes, "value") : undefined;
  if (literal === undefined) return parseEntry(file, bytes.toString("utf8"), checksumOf);
  const [start, end] = literal;
  // Invalid text, or a range that is not the member "value" after all: read the file the plain way
  // (which reports the error as for any file).
  const plain = () => parseEntry(file, bytes.toString("utf8"), checksumOf);
  let raw: unknown;
  try {
    raw = JSON.parse(
      Buffer.concat([bytes.subarray(0, start), Buffer.from('""'), bytes.subarray(end)]).toString(),
    );
    if (!isRecord(raw) || raw.value !== "") return plain();
    raw.value = decodeJsonStringLiteral(bytes, start, end, known);
  } catch {
    return plain();
  }
  return entryOf(file, raw, checksumOf);
}

/** Checks a parsed entry file and makes it an entry. */
function entryOf(file: string, raw: unknown, checksumOf: (value: string) => string): Entry {
  if (!isRecord(raw)) throw new CorruptFileError(file, "expected a JSON object");
  const { key, value, tags = {}, ttl_seconds = null, version, created_at, updated_at, checksum } = raw;
  if (typeof key !== "string") throw new CorruptFileError(file, '"key" must be a string');
  if (typeof value !== "string") throw new CorruptFileError(file, '"value" must be a string');
  if (!isRecord(tags) || !Object.values(tags).every((t) => typeof t === "string")) {
    throw new CorruptFileError(file, '"tags" must be an object of strings');
  }
  if (ttl_seconds !== null && (typeof ttl_seconds !== "number" || !(ttl_seconds >= 0))) {
    throw new CorruptFileError(file, '"ttl_seconds" must be null or a number >= 0');
  }
  if (typeof version !== "number" || !Number.isSafeInteger(version) || version < 1) {
    throw new CorruptFileError(file, '"version" must be an integer >= 1');
  }
  const created =
    typeof created_at === "string" ? created_at : typeof updated_at === "string" ? updated_at : "";
  const updated = typeof updated_at === "string" ? updated_at : created;
  if (created === "") throw new CorruptFileError(file, '"created_at" or "updated_at" must be a string');
  const actual = checksumOf(value);
  return {
    key,
    value,
    tags: { ...(tags as Record<string, string>) },
    ttlSeconds: ttl_seconds as number | null,
    version,
    createdAt: created,
    updatedAt: updated,
    checksum: actual,
    drifted: checksum !== actual && checksum !== sha256Hex(value),
  };
}

/** An RFC 3339 timestamp strictly after `previous` (when given), normally now. */
export function nextTimestamp(previous?: string): string {
  const now = Date.now();
  const before = previous === undefined ? Number.NaN : Date.parse(previous);
  return new Date(Number.isNaN(before) || now > before ? now : before + 1).toISOString();
}
