/**
 * Finding the `tofu` / `terraform` binary for acceptance tests and telling which one it is.
 *
 * Order: `PYVIDER_TF_PATH`, `TF_ACC_TERRAFORM_PATH`, `tofu` then `terraform` on `PATH`, then the
 * repository's pinned OpenTofu (`PYVIDER_TOFU_PATH`, else `node scripts/tofu.mjs --ensure` found
 * by walking up from the working directory).
 *
 * @module
 */
import { execFile } from "node:child_process";
import { accessSync, constants, existsSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { delimiter, dirname, join, resolve } from "node:path";
import { promisify } from "node:util";

const run = promisify(execFile);

/** Which CLI a binary is. */
export type TfFlavor = "opentofu" | "terraform";

/** A binary found and identified. */
export interface TfBinary {
  /** Absolute path. */
  readonly path: string;
  /** OpenTofu or Terraform. */
  readonly flavor: TfFlavor;
  /** Its version, e.g. `1.12.6`. */
  readonly version: string;
  /** Where it was found (for messages): `PYVIDER_TF_PATH`, `PATH`, ... */
  readonly source: string;
}

/** Where a binary was looked for and why each place failed. */
export class BinaryNotFoundError extends Error {
  /** @param tried one line per place tried */
  constructor(readonly tried: readonly string[]) {
    super(
      `no tofu/terraform binary found for acceptance tests; tried:\n${tried.map((t) => `  - ${t}`).join("\n")}\n` +
        "Set PYVIDER_TF_PATH (or TF_ACC_TERRAFORM_PATH) to a tofu or terraform binary, or put one on PATH.",
    );
    this.name = "BinaryNotFoundError";
  }
}

function executable(path: string): boolean {
  try {
    accessSync(path, constants.X_OK);
    return true;
  } catch {
    return false;
  }
}

function onPath(name: string, env: NodeJS.ProcessEnv): string | undefined {
  for (const dir of (env.PATH ?? "").split(delimiter)) {
    if (dir === "") continue;
    const p = join(dir, name);
    if (executable(p)) return p;
  }
  return undefined;
}

function findRepoScript(from: string): string | undefined {
  let dir = resolve(from);
  for (;;) {
    const p = join(dir, "scripts", "tofu.mjs");
    if (existsSync(p)) return p;
    const up = dirname(dir);
    if (up === dir) return undefined;
    dir = up;
  }
}

/**
 * Identifies a binary: its version from `version -json`, its flavor from `version` (the first
 * line says `OpenTofu v…` or `Terraform v…`). Runs with an empty CLI config.
 * @throws Error when the binary does not run or answers unexpectedly
 */
export async function identifyBinary(path: string, source = "given"): Promise<TfBinary> {
  const dir = mkdtempSync(join(tmpdir(), "pyvider-tfid-"));
  try {
    const rc = join(dir, "cli.tfrc");
    writeFileSync(rc, "");
    const env = { ...process.env, TF_CLI_CONFIG_FILE: rc, TOFU_CLI_CONFIG_FILE: rc, CHECKPOINT_DISABLE: "1" };
    const json = await run(path, ["version", "-json"], { env, timeout: 30_000 });
    const version = (JSON.parse(json.stdout) as { terraform_version?: unknown }).terraform_version;
    if (typeof version !== "string")
      throw new Error(`${path} version -json did not report terraform_version`);
    const text = await run(path, ["version"], { env, timeout: 30_000 });
    const flavor: TfFlavor = /^OpenTofu\b/m.test(text.stdout) ? "opentofu" : "terraform";
    return { path, flavor, version, source };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

/** Options of {@link findBinary}. */
export interface FindBinaryOptions {
  /** The environment to read (default `process.env`). */
  readonly env?: NodeJS.ProcessEnv;
  /** Where to start looking for the repository's `scripts/tofu.mjs` (default `process.cwd()`). */
  readonly cwd?: string;
  /** Allow building the pinned OpenTofu with `scripts/tofu.mjs --ensure` (default true unless `PYVIDER_TF_BUILD=0`). */
  readonly allowBuild?: boolean;
}

let cached: Promise<TfBinary> | undefined;
let cachedKey: string | undefined;

/**
 * Finds and identifies the binary (cached per process for the same environment).
 * @throws BinaryNotFoundError listing every place tried
 */
export function findBinary(options: FindBinaryOptions = {}): Promise<TfBinary> {
  const env = options.env ?? process.env;
  const key = JSON.stringify([
    env.PYVIDER_TF_PATH,
    env.TF_ACC_TERRAFORM_PATH,
    env.PATH,
    env.PYVIDER_TOFU_PATH,
    env.PYVIDER_TF_BUILD,
    options.cwd,
    options.allowBuild,
  ]);
  if (cached === undefined || cachedKey !== key) {
    cachedKey = key;
    cached = locate(env, options);
    cached.catch(() => {
      cached = undefined;
    });
  }
  return cached;
}

async function locate(env: NodeJS.ProcessEnv, options: FindBinaryOptions): Promise<TfBinary> {
  const tried: string[] = [];
  for (const name of ["PYVIDER_TF_PATH", "TF_ACC_TERRAFORM_PATH"] as const) {
    const p = env[name];
    if (p === undefined || p === "") {
      tried.push(`${name}: not set`);
      continue;
    }
    if (!executable(p)) throw new BinaryNotFoundError([...tried, `${name}=${p}: not an executable file`]);
    return identifyBinary(p, name);
  }
  for (const name of ["tofu", "terraform"]) {
    const p = onPath(name, env);
    if (p !== undefined) return identifyBinary(p, "PATH");
    tried.push(`${name} on PATH: not found`);
  }
  const pinned = env.PYVIDER_TOFU_PATH;
  if (pinned !== undefined && pinned !== "" && executable(pinned))
    return identifyBinary(pinned, "PYVIDER_TOFU_PATH");
  tried.push(`PYVIDER_TOFU_PATH: ${pinned ? `${pinned} is not executable` : "not set"}`);
  const script = findRepoScript(options.cwd ?? process.cwd());
  const allowBuild = options.allowBuild ?? env.PYVIDER_TF_BUILD !== "0";
  if (script === undefined || !allowBuild) {
    tried.push(
      script === undefined
        ? "scripts/tofu.mjs: not found above the working directory"
        : "scripts/tofu.mjs: building disabled",
    );
    throw new BinaryNotFoundError(tried);
  }
  try {
    const out = await run(process.execPath, [script, "--ensure"], {
      env: { ...env, PYVIDER_TOOL: "tofu" },
      timeout: 15 * 60_000,
    });
    const p = out.stdout.trim().split("\n").pop() ?? "";
    if (executable(p)) return identifyBinary(p, "scripts/tofu.mjs");
    tried.push(`${script} --ensure printed ${JSON.stringify(p)}, not an executable`);
  } catch (e) {
    // the tool script says why on stderr (e.g. the Go error lines of a failed build, or the
    // reason npm test recorded in PYVIDER_TOFU_UNAVAILABLE)
    const stderr = String((e as { stderr?: unknown }).stderr ?? "").trim();
    const why =
      stderr === "" ? (e as Error).message.split("\n")[0] : stderr.split("\n").slice(-12).join("\n    ");
    tried.push(`${script} --ensure failed: ${why}`);
  }
  throw new BinaryNotFoundError(tried);
}

/** The registry host a flavor resolves short provider sources (`ns/name`) against. */
export function defaultRegistry(flavor: TfFlavor): string {
  return flavor === "opentofu" ? "registry.opentofu.org" : "registry.terraform.io";
}

/** Compares dotted versions: negative, zero or positive. */
export function compareVersions(a: string, b: string): number {
  const pa = a.split(/[.-]/).map((x) => Number.parseInt(x, 10) || 0);
  const pb = b.split(/[.-]/).map((x) => Number.parseInt(x, 10) || 0);
  for (let i = 0; i < Math.max(pa.length, pb.length); i++) {
    const d = (pa[i] ?? 0) - (pb[i] ?? 0);
    if (d !== 0) return d;
  }
  return 0;
}
