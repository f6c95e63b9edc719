/** The keyed checksum an entry gets in a given store directory (read from its `.checksum-key`). */
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { CHECKSUM_KEY_FILE, keyedChecksum } from "../../src/store/index.js";

/** `kv_entry.checksum` of `value` in the store at `storePath` (whose key must exist by then). */
export function storeChecksum(storePath: string, value: string): string {
  const key = Buffer.from(readFileSync(join(storePath, CHECKSUM_KEY_FILE), "utf8").trim(), "hex");
  return keyedChecksum(key, value);
}
