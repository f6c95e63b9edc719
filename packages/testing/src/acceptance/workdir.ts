/**
 * A test's own working directory: configuration files, a CLI config (dev_overrides, plugin
 * cache), the environment the binary runs with, and running its commands with their output
 * kept for failure messages. Removed when the test ends.
 *
 * @module
 */
import { spawn } from "node:child_process";
import { mkdirSync, mkdtempSync, readdirSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import type { TfBinary } from "./binary.js";

/** What one command printed and how it ended. */
export interface CommandResult {
  /** The command line, for messages (`tofu apply -auto-approve tfplan`). */
  readonly command: string;
  /** Exit code (null when killed). */
  readonly code: number | null;
  readonly stdout: string;
  readonly stderr: string;
}

/** Options of {@link WorkDir.create}. */
export interface WorkDirOptions {
  /** The binary. */
  readonly binary: TfBinary;
  /** `dev_overrides` entries: provider source address → directory holding the executable. */
  readonly devOverrides?: Readonly<Record<string, string>>;
  /** Extra environment (e.g. `TF_REATTACH_PROVIDERS`). */
  readonly env?: Readonly<Record<string, string>>;
  /** Longest a single command may run (default 5 minutes). */
  readonly commandTimeoutMs?: number;
  /** Keep the directory after the test (for debugging; default: `PYVIDER_ACC_KEEP=1`). */
  readonly keep?: boolean;
}

const INHERITED_DROP = [
  "TF_WORKSPACE",
  "TF_DATA_DIR",
  "TF_CLI_ARGS",
  "TF_REATTACH_PROVIDERS",
  "TF_CLI_CONFIG_FILE",
  "TOFU_CLI_CONFIG_FILE",
];

function hclString(s: string): string {
  return JSON.stringify(s).replace(/\$\{/g, "$${").replace(/%\{/g, "%%{");
}

/** A temporary working directory for one test. */
export class WorkDir {
  /** The root (holds `cli.tfrc`, the plugin cache and the working directories). */
  readonly root: string;
  /** The main working directory (configuration and state). */
  readonly dir: string;
  /** Every command run so far. */
  readonly history: CommandResult[] = [];
  readonly #env: Record<string, string>;

  private constructor(
    readonly options: WorkDirOptions,
    root: string,
  ) {
    this.root = root;
    this.dir = join(root, "work");
    mkdirSync(this.dir);
    const cache = join(root, "plugin-cache");
    mkdirSync(cache);
    const rc = join(root, "cli.tfrc");
    const lines = [`plugin_cache_dir = ${hclString(cache)}`, "disable_checkpoint = true"];
    const overrides = Object.entries(options.devOverrides ?? {});
    if (overrides.length > 0) {
      lines.push("provider_installation {", "  dev_overrides {");
      for (const [source, dir] of overrides) lines.push(`    ${hclString(source)} = ${hclString(dir)}`);
      lines.push("  }", "  direct {}", "}");
    }
    writeFileSync(rc, `${lines.join("\n")}\n`);
    const env: Record<string, string> = {};
    for (const [k, v] of Object.entries(process.env))
      if (v !== undefined && !INHERITED_DROP.includes(k)) env[k] = v;
    Object.assign(env, {
      TF_CLI_CONFIG_FILE: rc,
      TOFU_CLI_CONFIG_FILE: rc,
      TF_PLUGIN_CACHE_DIR: cache,
      TF_IN_AUTOMATION: "1",
      TF_INPUT: "0",
      CHECKPOINT_DISABLE: "1",
      ...options.env,
    });
    this.#env = env;
  }

  /** Creates the directory tree and the CLI config. */
  static create(options: WorkDirOptions): WorkDir {
    return new WorkDir(options, mkdtempSync(join(tmpdir(), "pyvider-acc-")));
  }

  /** The environment commands run with. */
  get env(): Readonly<Record<string, string>> {
    return this.#env;
  }

  /** A fresh sibling working directory (for imports into an empty state). */
  subdir(name: string): string {
    const d = join(this.root, name);
    rmSync(d, { recursive: true, force: true });
    mkdirSync(d);
    return d;
  }

  /** Replaces the configuration files (`*.tf`, `*.tf.json`, `*.tfvars.json`) of `dir` with `files`. */
  writeConfig(files: Readonly<Record<string, string>>, dir = this.dir): void {
    for (const f of readdirSync(dir)) {
      if (/\.tf$|\.tf\.json$|\.tfvars\.json$/.test(f)) rmSync(join(dir, f));
    }
    for (const [name, text] of Object.entries(files)) {
      const p = join(dir, name);
      mkdirSync(dirname(p), { recursive: true });
      writeFileSync(p, text);
    }
  }

  /** Runs the binary with `args` in `dir`; never throws for a non-zero exit (check `code`). */
  run(args: readonly string[], dir = this.dir): Promise<CommandResult> {
    const name = this.options.binary.flavor === "opentofu" ? "tofu" : "terraform";
    const command = `${name} ${args.join(" ")}`;
    const timeout = this.options.commandTimeoutMs ?? 5 * 60_000;
    return new Promise((resolve) => {
      const child = spawn(this.options.binary.path, args, {
        cwd: dir,
        env: this.#env,
        stdio: ["ignore", "pipe", "pipe"],
      });
      let stdout = "";
      let stderr = "";
      child.stdout.setEncoding("utf8").on("data", (d: string) => {
        stdout += d;
      });
      child.stderr.setEncoding("utf8").on("data", (d: string) => {
        stderr += d;
      });
      const timer = setTimeout(() => {
        stderr += `\n[pyvider/testing] ${command} timed out after ${timeout} ms; killed\n`;
        child.kill("SIGKILL");
      }, timeout);
      const done = (code: number | null) => {
        clearTimeout(timer);
        const r = { command, code, stdout, stderr };
        this.history.push(r);
        resolve(r);
      };
      child.on("error", (e) => {
        stderr += `\n[pyvider/testing] cannot run ${this.options.binary.path}: ${e.message}\n`;
        done(null);
      });
      child.on("close", (code) => done(code));
    });
  }

  /** Whether the directory is kept after the test. */
  get kept(): boolean {
    return this.options.keep ?? process.env.PYVIDER_ACC_KEEP === "1";
  }

  /** Removes the directory tree (unless kept). */
  dispose(): void {
    if (!this.kept) rmSync(this.root, { recursive: true, force: true });
  }
}
