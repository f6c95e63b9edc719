/**
 * How the provider under test reaches the binary: served inside the test process through
 * `TF_REATTACH_PROVIDERS` (debuggable, counted by coverage), as a built executable through
 * `dev_overrides`, or from any debug-mode server you start yourself.
 *
 * @module
 */
import { chmodSync, mkdirSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import type { ProviderDefinition } from "@pyvider/hub";
import { type ReattachConfig, serve } from "@pyvider/protocol";
import { defaultRegistry, type TfBinary } from "./binary.js";

interface Common {
  /** The provider's local name (the prefix of its type names), e.g. `kv`. */
  readonly name: string;
  /** Its source address: `namespace/name` (default `pyvider/<name>`) or `host/namespace/name`. */
  readonly source?: string;
}

/** The provider served inside the test process (a fresh one per test: serving disposes it at the end). */
export interface InProcessProvider extends Common {
  /** The built provider, or a factory (called once per test). */
  readonly definition: ProviderDefinition | (() => ProviderDefinition | Promise<ProviderDefinition>);
}

/** A built provider executable, installed for the test through `dev_overrides`. */
export interface ExecutableProvider extends Common {
  /** The command to run (e.g. `process.execPath`) and its arguments (e.g. `["dist/provider.js"]`). */
  readonly command: string;
  readonly args?: readonly string[];
  /** Extra environment for the provider process. */
  readonly env?: Readonly<Record<string, string>>;
}

/** A provider you serve in debug mode yourself: return its reattach entry and how to stop it. */
export interface ReattachProvider extends Common {
  readonly reattach: () => Promise<{ readonly config: ReattachConfig; close(): Promise<void> }>;
}

/** The provider under test. */
export type ProviderUnderTest = InProcessProvider | ExecutableProvider | ReattachProvider;

/** A provider ready for a test: what to put in the CLI config and the environment. */
export interface PreparedProvider {
  /** The full source address, e.g. `registry.opentofu.org/pyvider/kv`. */
  readonly address: string;
  /** `namespace/name` as written in `required_providers`. */
  readonly shortSource: string;
  /** `dev_overrides` entries. */
  readonly devOverrides: Record<string, string>;
  /** Environment for the binary. */
  readonly env: Record<string, string>;
  /** How the provider is run, for messages. */
  readonly mode: "in-process" | "executable" | "reattach";
  /** Log lines the in-process provider wrote (its hclog output), for failure messages. */
  readonly logs: string[];
  /** Stops it. */
  close(): Promise<void>;
}

/** The full and short source addresses of a provider for a binary. */
export function sourceAddress(p: Common, binary: TfBinary): { address: string; shortSource: string } {
  const source = p.source ?? `pyvider/${p.name}`;
  const parts = source.split("/");
  if (parts.length === 3) return { address: source.toLowerCase(), shortSource: source };
  if (parts.length !== 2)
    throw new Error(
      `invalid provider source ${JSON.stringify(source)}: use namespace/name or host/namespace/name`,
    );
  return { address: `${defaultRegistry(binary.flavor)}/${source}`.toLowerCase(), shortSource: source };
}

/** Starts (or installs) the provider for one test. `binDir` is a directory of the test's own. */
export async function prepareProvider(
  p: ProviderUnderTest,
  binary: TfBinary,
  binDir: string,
): Promise<PreparedProvider> {
  const { address, shortSource } = sourceAddress(p, binary);
  const logs: string[] = [];
  if ("definition" in p) {
    const definition = typeof p.definition === "function" ? await p.definition() : p.definition;
    const sink = { write: (text: string) => void logs.push(text) };
    const server = await serve(definition, {
      debug: true,
      providerAddress: address,
      exitOnShutdown: false,
      handleProcessEvents: false,
      watchParent: false,
      captureStdout: false,
      stdout: sink,
      stderr: sink,
      logger: (level, message, fields) => {
        logs.push(`[${level}] ${message}${fields === undefined ? "" : ` ${safeJson(fields)}`}`);
      },
    });
    if (server.reattach === undefined)
      throw new Error("serve() in debug mode returned no reattach configuration");
    return {
      address,
      shortSource,
      devOverrides: {},
      env: { TF_REATTACH_PROVIDERS: JSON.stringify({ [address]: server.reattach }) },
      mode: "in-process",
      logs,
      close: () => server.shutdown("acceptance test finished"),
    };
  }
  if ("reattach" in p) {
    const r = await p.reattach();
    return {
      address,
      shortSource,
      devOverrides: {},
      env: { TF_REATTACH_PROVIDERS: JSON.stringify({ [address]: r.config }) },
      mode: "reattach",
      logs,
      close: () => r.close(),
    };
  }
  mkdirSync(binDir, { recursive: true });
  const exe = join(binDir, `terraform-provider-${p.name}`);
  const q = (s: string) => `'${s.replace(/'/g, `'\\''`)}'`;
  const envLines = Object.entries(p.env ?? {}).map(([k, v]) => `export ${k}=${q(v)}`);
  writeFileSync(
    exe,
    ["#!/bin/sh", ...envLines, `exec ${[p.command, ...(p.args ?? [])].map(q).join(" ")} "$@"`, ""].join("\n"),
  );
  chmodSync(exe, 0o755);
  return {
    address,
    shortSource,
    devOverrides: { [shortSource]: binDir },
    env: {},
    mode: "executable",
    logs,
    close: async () => {},
  };
}

function safeJson(v: unknown): string {
  try {
    return JSON.stringify(v);
  } catch {
    return String(v);
  }
}
