/**
 * Registry release artifacts: per-platform zips with fixed timestamps,
 * the SHA256SUMS file, the registry manifest and a detached OpenPGP signature.
 */
import { createHash } from "node:crypto";
import { zipSync } from "fflate";
import { SCOPE_PACKAGE_JSON } from "../build/bundle.js";

/** The registry manifest: protocol version 6. */
export const REGISTRY_MANIFEST = `${JSON.stringify({ version: 1, metadata: { protocol_versions: ["6.0"] } }, null, 2)}\n`;

/**
 * The timestamp written into zip entries: `SOURCE_DATE_EPOCH` (seconds) when
 * set, else 1980-01-01 00:00:00, the earliest DOS date. Zip stores local-time
 * fields, so the Date is built from the UTC components to keep the bytes
 * identical in every time zone.
 */
export function zipTimestamp(sourceDateEpoch?: string): Date {
  if (sourceDateEpoch !== undefined && /^\d+$/.test(sourceDateEpoch)) {
    const d = new Date(Number(sourceDateEpoch) * 1000);
    if (d.getUTCFullYear() >= 1980) {
      return new Date(
        d.getUTCFullYear(),
        d.getUTCMonth(),
        d.getUTCDate(),
        d.getUTCHours(),
        d.getUTCMinutes(),
        d.getUTCSeconds(),
      );
    }
  }
  return new Date(1980, 0, 1, 0, 0, 0);
}

/**
 * A zip holding the executable (unix mode 0755), the `package.json` that
 * keeps Node loading it as CommonJS wherever Terraform unpacks it, and any
 * other companion files (the OpenTelemetry sidecar). Same inputs, same bytes.
 */
export function zipExecutable(
  entryName: string,
  content: Uint8Array,
  mtime: Date,
  companions: Readonly<Record<string, Uint8Array>> = {},
): Uint8Array {
  const file = (data: Uint8Array, mode: number) =>
    [data, { level: 9, mtime, os: 3, attrs: ((0o100000 | mode) << 16) >>> 0 }] as [
      Uint8Array,
      { level: 9; mtime: Date; os: number; attrs: number },
    ];
  const entries: Record<string, [Uint8Array, { level: 9; mtime: Date; os: number; attrs: number }]> = {
    [entryName]: file(content, 0o755),
    "package.json": file(Buffer.from(SCOPE_PACKAGE_JSON), 0o644),
  };
  for (const name of Object.keys(companions).sort()) {
    if (name !== "package.json") entries[name] = file(companions[name] ?? new Uint8Array(), 0o644);
  }
  return zipSync(entries, { level: 9, mtime });
}

/** Hex SHA-256. */
export function sha256Hex(data: Uint8Array | string): string {
  return createHash("sha256").update(data).digest("hex");
}

/** `<sha256>  <name>` lines sorted by name, as `shasum -a 256` writes. */
export function sha256Sums(files: ReadonlyArray<{ name: string; data: Uint8Array | string }>): string {
  return [...files]
    .sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0))
    .map((f) => `${sha256Hex(f.data)}  ${f.name}\n`)
    .join("");
}

/** Signs `data` with an armored private key; returns the binary detached signature. */
export async function detachedSignature(
  data: Uint8Array,
  armoredKey: string,
  passphrase?: string,
): Promise<Uint8Array> {
  const openpgp = await import("openpgp");
  let privateKey = await openpgp.readPrivateKey({ armoredKey });
  if (!privateKey.isDecrypted()) {
    if (!passphrase)
      throw new Error(
        "the private key is protected by a passphrase; set it in the passphrase environment variable",
      );
    privateKey = await openpgp.decryptKey({ privateKey, passphrase });
  }
  const message = await openpgp.createMessage({ binary: data });
  const signature = await openpgp.sign({
    message,
    signingKeys: privateKey,
    detached: true,
    format: "binary",
  });
  return signature as Uint8Array;
}
