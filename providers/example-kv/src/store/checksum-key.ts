/**
 * The store's checksum key: 32 random bytes, generated once per store directory and kept in
 * `<path>/.checksum-key` (hex, mode 0600). Entry checksums are HMAC-SHA-256 of the value under
 * this key, so a checksum kept in a Terraform state or shown in a plan cannot be used to confirm
 * a guessed value by anyone who does not also hold the store's key.
 */
import { createHash, createHmac, type Hash, type Hmac, randomBytes } from "node:crypto";
import { promises as fs } from "node:fs";
import { dirname, join } from "node:path";
import { ChecksumKeyError } from "./errors.js";
import { fsyncDir, isErrno, TEMP_PREFIX } from "./fs-atomic.js";
import { stringPieces } from "./pieces.js";

/** File name of the key, at the root of the store directory. */
export const CHECKSUM_KEY_FILE = ".checksum-key";

const KEY_TEXT = /^[0-9a-f]{64}\n?$/;

async function readKey(file: string): Promise<Buffer | undefined> {
  let text: string;
  try {
    text = await fs.readFile(file, "utf8");
  } catch (error) {
    if (isErrno(error, "ENOENT")) return undefined;
    throw new ChecksumKeyError(file, `cannot read it: ${(error as Error).message}`);
  }
  if (!KEY_TEXT.test(text)) {
    throw new ChecksumKeyError(
      file,
      "it does not hold 64 hex digits; restore it, or delete it to have a new key made (every entry then reads as drifted until written again)",
    );
  }
  if (process.platform !== "win32") {
    const { mode } = await fs.stat(file);
    if ((mode & 0o077) !== 0) {
      throw new ChecksumKeyError(
        file,
        `it is readable or writable by other users (mode ${(mode & 0o777).toString(8)}); run \`chmod 600 ${file}\``,
      );
    }
  }
  return Buffer.from(text.trim(), "hex");
}

/**
 * Reads the store's checksum key, creating it first when the store has none. Creation is atomic
 * and safe against other processes doing the same: the key is written to a 0600 temp file, made
 * durable, then hard-linked into place (the first link wins; the others read the winner's key).
 *
 * @throws {@link ChecksumKeyError} when the key file is unreadable, malformed or open to other users.
 */
export async function loadChecksumKey(root: string): Promise<Buffer> {
  const file = join(root, CHECKSUM_KEY_FILE);
  const existing = await readKey(file);
  if (existing) return existing;
  const temp = join(root, `${TEMP_PREFIX}${process.pid}-${randomBytes(6).toString("hex")}-checksum-key`);
  try {
    const handle = await fs.open(temp, "wx", 0o600);
    try {
      await handle.writeFile(`${randomBytes(32).toString("hex")}\n`);
      await handle.sync();
    } finally {
      await handle.close();
    }
    try {
      await fs.link(temp, file);
    } catch (error) {
      if (!isErrno(error, "EEXIST")) throw error;
    }
    await fsyncDir(dirname(file));
  } catch (error) {
    if (error instanceof ChecksumKeyError) throw error;
    throw new ChecksumKeyError(file, `cannot create it: ${(error as Error).message}`);
  } finally {
    await fs.unlink(temp).catch(() => {});
  }
  const created = await readKey(file);
  if (!created) throw new ChecksumKeyError(file, "it vanished right after it was created");
  return created;
}

/** Feeds a string to a hash as UTF-8 in pieces (no UTF-8 copy of the whole value at once). */
function digestOf(hash: Hash | Hmac, value: string): string {
  for (const piece of stringPieces(value)) hash.update(piece, "utf8");
  return hash.digest("hex");
}

/**
 * The keyed checksum of a value: HMAC-SHA-256 of its UTF-8 bytes under the store's key, hex. The
 * value is fed in pieces of about 1 MiB, so a large value costs no UTF-8 copy of its own size.
 */
export const keyedChecksum = (key: Uint8Array, value: string): string =>
  digestOf(createHmac("sha256", key), value);

/**
 * Plain SHA-256 hex of a value (UTF-8). Not an entry checksum any more: it is what entry files
 * written before the keyed checksum hold (still accepted as "not drifted"), and what the
 * `provider::kv::checksum` function computes on its argument.
 */
export const sha256Hex = (value: string): string => digestOf(createHash("sha256"), value);
