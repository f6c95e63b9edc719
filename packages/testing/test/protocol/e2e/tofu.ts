/**
 * Local helpers of the end-to-end suite: find the pinned OpenTofu, lay out a working directory
 * whose CLI config points `dev_overrides` at a launcher of the fixture provider, and run commands.
 */
import { spawn, spawnSync } from "node:child_process";
import { chmodSync, mkdirSync, mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";

const REPO = fileURLToPath(new URL("../../../../../", import.meta.url));

/**
 * The pinned OpenTofu (or, with `tool: "terraform"`, the experiments-enabled Terraform) binary,
 * or undefined when it is not built (never built here: that takes minutes).
 */
export function findTofu(tool: "tofu" | "terraform" = "tofu"): string | undefined {
  const r = spawnSync(process.execPath, [join(REPO, "scripts/tofu.mjs"), "--ensure"], {
    encoding: "utf8",
    timeout: 20_000,
    env: { ...process.env, PYVIDER_TOOL: tool },
  });
  const path = r.stdout.trim().split("\n").at(-1);
  return r.status === 0 && path ? path : undefined;
}

/** A working directory with its own CLI config and a store directory for the provider. */
export interface Workspace {
  readonly dir: string;
  readonly store: string;
  readonly env: Record<string, string>;
}

const shellQuote = (s: string) => `'${s.replace(/'/g, `'\\''`)}'`;

/** How to start the provider. */
export interface ProviderCommand {
  readonly command: string;
  readonly args: readonly string[];
  readonly env: Readonly<Record<string, string>>;
}

/** A fresh root directory for a workspace. */
export function workspaceRoot(): string {
  return mkdtempSync(join(tmpdir(), "pyvider-protocol-e2e-"));
}

/** Creates the workspace under `root`: launcher of `provider`, CLI config with dev_overrides, empty store. */
export function createWorkspace(
  root: string,
  provider: ProviderCommand,
  registry = "registry.opentofu.org",
): Workspace {
  const bin = join(root, "bin");
  const dir = join(root, "work");
  const store = join(root, "store");
  for (const d of [bin, dir, store]) mkdirSync(d, { recursive: true });
  const launcher = join(bin, "terraform-provider-fixture");
  const envLines = Object.entries(provider.env).map(([k, v]) => `export ${k}=${shellQuote(v)}`);
  writeFileSync(
    launcher,
    [
      "#!/bin/sh",
      ...envLines,
      `exec ${[provider.command, ...provider.args].map(shellQuote).join(" ")} "$@"`,
      "",
    ].join("\n"),
  );
  chmodSync(launcher, 0o755);
  const cliConfig = join(root, "cli.tfrc");
  writeFileSync(
    cliConfig,
    `provider_installation {\n  dev_overrides {\n    "${registry}/pyvider/fixture" = ${JSON.stringify(bin)}\n  }\n  direct {}\n}\n`,
  );
  return {
    dir,
    store,
    env: {
      TF_CLI_CONFIG_FILE: cliConfig,
      TF_IN_AUTOMATION: "1",
      TF_INPUT: "0",
      CHECKPOINT_DISABLE: "1",
      NO_COLOR: "1",
    },
  };
}

/** The result of one command. */
export interface RunResult {
  readonly code: number | null;
  readonly stdout: string;
  readonly stderr: string;
}

/** Runs `tofu args...` in the workspace. */
export function run(
  tofu: string,
  ws: Workspace,
  args: readonly string[],
  env: Record<string, string> = {},
): Promise<RunResult> {
  return new Promise((resolve, reject) => {
    const child = spawn(
      tofu,
      [
        ...args,
        ...(args[0] === "output" || args[0] === "state" || args[0] === "version" ? [] : ["-no-color"]),
      ],
      {
        cwd: ws.dir,
        env: { ...process.env, TF_LOG: "", TF_LOG_PROVIDER: "", ...ws.env, ...env },
        stdio: ["ignore", "pipe", "pipe"],
      },
    );
    let stdout = "";
    let stderr = "";
    child.stdout.on("data", (d: Buffer) => {
      stdout += d.toString();
    });
    child.stderr.on("data", (d: Buffer) => {
      stderr += d.toString();
    });
    child.on("error", reject);
    child.on("close", (code) => resolve({ code, stdout, stderr }));
  });
}

/** Writes the configuration (main.tf). */
export function writeConfig(ws: Workspace, hcl: string): void {
  writeFileSync(join(ws.dir, "main.tf"), hcl);
}
