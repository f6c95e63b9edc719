/**
 * Test support: what the acceptance runner of @pyvider/testing does not offer yet. A working
 * directory driving `tofu` / `terraform` by hand (any command and flags: `-parallelism`,
 * `query`, `apply -invoke`, `plan -generate-config-out`, `init` with a state store, a state file
 * written beforehand) with the command output kept, against the kv provider served in this
 * process (TF_REATTACH_PROVIDERS) or the built executable (dev_overrides).
 */
import { spawn, spawnSync } from "node:child_process";
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { serve } from "@pyvider/protocol";
import { findBinary, inCI, type TfBinary } from "@pyvider/testing";
import { buildKvProvider } from "../../src/index.js";
import { encodeName } from "../../src/store/index.js";

/** The provider package directory. */
export const providerDir = resolve(dirname(fileURLToPath(import.meta.url)), "..", "..");
/** The built executable. */
export const executable = join(providerDir, "dist", "terraform-provider-kv");
const repoRoot = resolve(providerDir, "..", "..");

/** What one command printed. */
export interface Run {
  readonly args: readonly string[];
  readonly code: number | null;
  readonly stdout: string;
  readonly stderr: string;
}

/** The OpenTofu binary (as the acceptance runner finds it). */
export const tofu = (): Promise<TfBinary> => findBinary({ cwd: repoRoot });

let terraformCache: string | undefined | null = null;
/**
 * The experiments-enabled Terraform: `PYVIDER_TERRAFORM_PATH`, else `scripts/tofu.mjs --ensure`
 * with `PYVIDER_TOOL=terraform`. Undefined when it cannot be had (a failure under CI=true).
 */
export function terraformPath(): string | undefined {
  if (terraformCache !== null) return terraformCache;
  const env = process.env.PYVIDER_TERRAFORM_PATH;
  if (env !== undefined && env !== "" && existsSync(env)) {
    terraformCache = env;
    return env;
  }
  const r = spawnSync(process.execPath, [join(repoRoot, "scripts", "tofu.mjs"), "--ensure"], {
    env: { ...process.env, PYVIDER_TOOL: "terraform" },
    encoding: "utf8",
    timeout: 20 * 60_000,
  });
  const p = r.stdout?.trim().split("\n").pop();
  terraformCache = r.status === 0 && p !== undefined && existsSync(p) ? p : undefined;
  if (terraformCache === undefined && inCI()) {
    throw new Error(`Terraform is required under CI=true but could not be built: ${r.stderr}`);
  }
  return terraformCache;
}

/**
 * Builds `dist/terraform-provider-kv` unless it is newer than every source file and every built
 * package it bundles (run by the global setup). The bundle takes the packages' built `dist/`
 * through their exports, like a third party: rebuild the packages after changing their sources.
 */
export function buildExecutableIfStale(): string {
  const newest = (dir: string, name: string): number => {
    let t = 0;
    for (const e of spawnSync("find", [dir, "-name", name], { encoding: "utf8" }).stdout.split("\n")) {
      if (e !== "") t = Math.max(t, statSync(e).mtimeMs);
    }
    return t;
  };
  const packages = ["cty", "schema", "telemetry", "hub", "protocol"].map((p) =>
    newest(join(repoRoot, "packages", p, "dist"), "*.js"),
  );
  const sources = Math.max(newest(join(providerDir, "src"), "*.ts"), ...packages);
  if (existsSync(executable) && statSync(executable).mtimeMs >= sources) return executable;
  const r = spawnSync(process.execPath, ["scripts/build.mjs"], { cwd: providerDir, encoding: "utf8" });
  if (r.status !== 0 || !existsSync(executable)) {
    throw new Error(`building ${executable} failed:\n${r.stdout}\n${r.stderr}`);
  }
  return executable;
}

/** The executable the global setup built; fails clearly when it is missing. */
export function ensureExecutable(): string {
  if (!existsSync(executable)) {
    throw new Error(
      `${executable} is missing: build it with \`node scripts/build.mjs\` in providers/example-kv (the vitest global setup does)`,
    );
  }
  return executable;
}

/** How the provider is run for a {@link TfDir}. */
export type Mode = "in-process" | "executable";

/** Options of {@link TfDir.create}. */
export interface TfDirOptions {
  /** The tofu / terraform binary. */
  readonly binary: string;
  /** `opentofu` (registry.opentofu.org) or `terraform` (registry.terraform.io). */
  readonly flavor: "opentofu" | "terraform";
  /** In-process (default) or the built executable through dev_overrides. */
  readonly mode?: Mode;
  /** Extra environment for the binary. */
  readonly env?: Readonly<Record<string, string>>;
}

/** A working directory with its own CLI config, store directory and provider. */
export class TfDir {
  /** The working directory (configuration, state). */
  readonly dir: string;
  /** A store directory for the provider's `path`. */
  readonly store: string;
  /** Every command run, with its output. */
  readonly runs: Run[] = [];
  /** Log lines of the in-process provider. */
  readonly providerLogs: string[] = [];
  #env: Record<string, string> = {};
  #close: () => Promise<void> = async () => {};

  private constructor(
    readonly options: TfDirOptions,
    readonly root: string,
  ) {
    this.dir = join(root, "work");
    this.store = join(root, "store");
    mkdirSync(this.dir);
  }

  /** Creates the directory and starts (or installs) the provider. */
  static async create(options: TfDirOptions): Promise<TfDir> {
    const t = new TfDir(options, mkdtempSync(join(tmpdir(), "kv-acc-")));
    const address = `${options.flavor === "opentofu" ? "registry.opentofu.org" : "registry.terraform.io"}/pyvider/kv`;
    const rc = join(t.root, "cli.tfrc");
    const env: Record<string, string> = {};
    for (const [k, v] of Object.entries(process.env)) {
      if (
        v !== undefined &&
        !/^TF_(REATTACH_PROVIDERS|CLI_CONFIG_FILE|LOG|LOG_PATH|LOG_PROVIDER|DATA_DIR|WORKSPACE|CLI_ARGS)$/.test(
          k,
        )
      ) {
        env[k] = v;
      }
    }
    Object.assign(env, {
      TF_CLI_CONFIG_FILE: rc,
      TOFU_CLI_CONFIG_FILE: rc,
      TF_IN_AUTOMATION: "1",
      TF_INPUT: "0",
      CHECKPOINT_DISABLE: "1",
    });
    if (options.mode === "executable") {
      const exe = ensureExecutable();
      writeFileSync(
        rc,
        `provider_installation {\n  dev_overrides {\n    ${JSON.stringify(address)} = ${JSON.stringify(dirname(exe))}\n  }\n  direct {}\n}\n`,
      );
    } else {
      writeFileSync(rc, "disable_checkpoint = true\n");
      const sink = { write: (text: string) => void t.providerLogs.push(text) };
      const server = await serve(buildKvProvider(), {
        debug: true,
        providerAddress: address,
        exitOnShutdown: false,
        handleProcessEvents: false,
        watchParent: false,
        captureStdout: false,
        stdout: sink,
        stderr: sink,
        logger: (level, message, fields) =>
          t.providerLogs.push(
            `[${level}] ${message}${fields === undefined ? "" : ` ${JSON.stringify(fields)}`}`,
          ),
      });
      if (server.reattach === undefined)
        throw new Error("serve() in debug mode gave no reattach configuration");
      env.TF_REATTACH_PROVIDERS = JSON.stringify({ [address]: server.reattach });
      t.#close = () => server.shutdown("test finished");
    }
    t.#env = { ...env, ...options.env };
    return t;
  }

  /** Writes files into the working directory. */
  write(files: Readonly<Record<string, string>>): this {
    for (const [name, text] of Object.entries(files)) {
      mkdirSync(dirname(join(this.dir, name)), { recursive: true });
      writeFileSync(join(this.dir, name), text);
    }
    return this;
  }

  /** Runs the binary; never throws on a non-zero exit. */
  run(args: readonly string[], extraEnv: Readonly<Record<string, string>> = {}): Promise<Run> {
    return new Promise((done) => {
      const child = spawn(this.options.binary, [...args], {
        cwd: this.dir,
        env: { ...this.#env, ...extraEnv },
        stdio: ["ignore", "pipe", "pipe"],
      });
      let stdout = "";
      let stderr = "";
      child.stdout.setEncoding("utf8").on("data", (d: string) => (stdout += d));
      child.stderr.setEncoding("utf8").on("data", (d: string) => (stderr += d));
      child.on("error", (e) => (stderr += e.message));
      child.on("close", (code) => {
        const r = { args, code, stdout, stderr };
        this.runs.push(r);
        done(r);
      });
    });
  }

  /** Runs the binary and fails with its output unless it exits with one of `codes` (default 0). */
  async must(
    args: readonly string[],
    codes: readonly number[] = [0],
    extraEnv: Readonly<Record<string, string>> = {},
  ): Promise<Run> {
    const r = await this.run(args, extraEnv);
    if (r.code === null || !codes.includes(r.code)) {
      const logs = this.providerLogs.slice(-30).join("\n");
      throw new Error(
        `${this.options.flavor} ${args.join(" ")} exited with ${r.code} (wanted ${codes.join(" or ")}):\n${r.stdout}\n${r.stderr}${logs ? `\nprovider log:\n${logs}` : ""}`,
      );
    }
    return r;
  }

  /** `show -json` of the state. */
  async state(): Promise<{ values?: { root_module?: { resources?: JsonResource[] } } }> {
    return JSON.parse((await this.must(["show", "-json", "-no-color"])).stdout);
  }

  /** The state's resources by address. */
  async resources(): Promise<Map<string, JsonResource>> {
    const s = await this.state();
    return new Map((s.values?.root_module?.resources ?? []).map((r) => [r.address, r]));
  }

  /** Reads a store file (namespace, key) as JSON. */
  storeFile(namespace: string, key: string): Record<string, unknown> {
    return JSON.parse(readFileSync(this.storePath(namespace, key), "utf8"));
  }

  /** The path of a store file (namespace, key). */
  storePath(namespace: string, key: string): string {
    return join(this.store, namespace, `${encodeName(key)}.json`);
  }

  /** Stops the provider and removes the directory. */
  async dispose(): Promise<void> {
    await this.#close().catch(() => {});
    if (process.env.PYVIDER_ACC_KEEP !== "1") rmSync(this.root, { recursive: true, force: true });
  }
}

/** A resource in `show -json`. */
export interface JsonResource {
  readonly address: string;
  readonly type: string;
  readonly values: Record<string, unknown>;
  readonly identity?: Record<string, unknown>;
  readonly sensitive_values?: unknown;
}
