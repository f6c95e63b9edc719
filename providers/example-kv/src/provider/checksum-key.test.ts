/** The store's checksum key as the provider sees it: a bad key file fails configure clearly. */
import { chmodSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { CHECKSUM_KEY_FILE } from "../store/index.js";
import { buildKvProvider } from "./index.js";

const dirs: string[] = [];
afterEach(() => {
  for (const d of dirs.splice(0)) rmSync(d, { recursive: true, force: true });
});

describe("the store's checksum key at configure", () => {
  it("a key file other users can read fails configure on path, with the chmod to run (POSIX permissions)", async () => {
    const path = mkdtempSync(join(tmpdir(), "kv-key-"));
    dirs.push(path);
    expect((await buildKvProvider().configure({ config: { path, namespace: "ns" } })).diagnostics).toEqual(
      [],
    );
    const file = join(path, CHECKSUM_KEY_FILE);
    if (process.platform === "win32") return; // no POSIX modes to check
    chmodSync(file, 0o644);
    const outcome = await buildKvProvider().configure({ config: { path, namespace: "ns" } });
    expect(outcome.diagnostics).toEqual([
      expect.objectContaining({
        severity: "error",
        summary: "Cannot open the kv store",
        detail: `cannot use the store's checksum key "${file}": it is readable or writable by other users (mode 644); run \`chmod 600 ${file}\``,
      }),
    ]);
    writeFileSync(file, "0".repeat(64), { mode: 0o600 });
    chmodSync(file, 0o600);
    expect((await buildKvProvider().configure({ config: { path, namespace: "ns" } })).diagnostics).toEqual(
      [],
    );
  });
});
