/** Shared pieces of the kv acceptance tests: the provider under test and configuration snippets. */
import { spawnSync } from "node:child_process";
import { existsSync, mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import type { ProviderUnderTest } from "@pyvider/testing";
import { buildKvProvider } from "../../src/index.js";

/** Longest an acceptance test may take. */
export const T = 240_000;

/** The kv provider served inside the test process (a fresh one per test). */
export const inProcess: ProviderUnderTest = { name: "kv", definition: () => buildKvProvider() };

/**
 * The pinned OpenTofu: `PYVIDER_TOFU_PATH` (set by `npm test`), else `scripts/tofu.mjs --ensure`
 * (built once per machine). Not whatever `tofu` / `terraform` happens to be on PATH.
 */
export function tofuBinary(): string {
  const env = process.env.PYVIDER_TOFU_PATH;
  if (env !== undefined && env !== "" && existsSync(env)) return env;
  const script = join(dirname(fileURLToPath(import.meta.url)), "..", "..", "..", "..", "scripts", "tofu.mjs");
  const r = spawnSync(process.execPath, [script, "--ensure"], {
    env: { ...process.env, PYVIDER_TOOL: "tofu" },
    encoding: "utf8",
    timeout: 20 * 60_000,
  });
  const p = r.stdout?.trim().split("\n").pop();
  if (r.status !== 0 || p === undefined || !existsSync(p)) {
    throw new Error(`OpenTofu is not available (scripts/tofu.mjs --ensure failed): ${r.stderr}`);
  }
  process.env.PYVIDER_TOFU_PATH = p;
  return p;
}

/** A fresh store directory; call the returned `cleanup` when done. */
export function tempStore(): { path: string; cleanup: () => void } {
  const path = mkdtempSync(join(tmpdir(), "kv-acc-store-"));
  return { path, cleanup: () => rmSync(path, { recursive: true, force: true }) };
}

/** The provider block for a store directory (namespace `acc` unless given). */
export const providerBlock = (store: string, namespace = "acc") =>
  `provider "kv" {\n  path      = ${JSON.stringify(store)}\n  namespace = ${JSON.stringify(namespace)}\n}\n`;

/** A `kv_entry` resource block. */
export function entryBlock(
  name: string,
  attrs: Record<string, string | number | Record<string, string>>,
): string {
  const lines = Object.entries(attrs).map(([k, v]) => {
    if (typeof v === "object") {
      const inner = Object.entries(v).map(([mk, mv]) => `${JSON.stringify(mk)} = ${JSON.stringify(mv)}`);
      return `  ${k} = { ${inner.join(", ")} }`;
    }
    return `  ${k} = ${JSON.stringify(v)}`;
  });
  return `resource "kv_entry" ${JSON.stringify(name)} {\n${lines.join("\n")}\n}\n`;
}
