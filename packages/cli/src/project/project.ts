/**
 * A provider project: found from its package.json, whose `pyvider` field
 * names the provider.
 *
 * ```json
 * {
 *   "name": "terraform-provider-kv",
 *   "version": "1.2.0",
 *   "pyvider": {
 *     "type": "kv",
 *     "namespace": "pyvider",
 *     "hostname": "registry.terraform.io",
 *     "entry": "src/main.ts"
 *   }
 * }
 * ```
 *
 * - `type` (required): the provider type name, lowercase letters, digits and
 *   dashes (`kv` in `kv_entry`).
 * - `namespace`: the registry namespace; default `"pyvider"`.
 * - `hostname`: the registry host; default `"registry.terraform.io"`.
 * - `entry`: the module that starts the provider (calls `serve`); default
 *   `"src/main.ts"`, else `"dist/main.js"`.
 * - `platforms`: the `os_arch` list `pyvider release` builds; default every
 *   combination of linux, darwin, windows and amd64, arm64.
 *
 * The version is package.json's `version`.
 */
import { existsSync, readFileSync } from "node:fs";
import { dirname, join, resolve } from "node:path";
import { CliError } from "../cli/errors.js";

/** The `pyvider` field of package.json. */
export interface PyviderField {
  /** Provider type name. */
  type: string;
  /** Registry namespace. */
  namespace?: string;
  /** Registry hostname. */
  hostname?: string;
  /** Entry module, relative to the project. */
  entry?: string;
  /** Release platforms as `os_arch`. */
  platforms?: string[];
}

/** A resolved provider project. */
export interface ProviderProject {
  /** The directory holding package.json. */
  dir: string;
  /** package.json's `name`. */
  packageName: string;
  /** package.json's `version`. */
  version: string;
  /** Provider type name, e.g. `kv`. */
  type: string;
  /** Registry namespace, e.g. `pyvider`. */
  namespace: string;
  /** Registry hostname, e.g. `registry.terraform.io`. */
  hostname: string;
  /** Absolute path of the entry module. */
  entry: string;
  /** Release platforms as `os_arch`. */
  platforms: string[];
}

/** The default release platforms. */
export const DEFAULT_PLATFORMS = [
  "darwin_amd64",
  "darwin_arm64",
  "linux_amd64",
  "linux_arm64",
  "windows_amd64",
  "windows_arm64",
];

const TYPE_NAME = /^[a-z][a-z0-9-]*$/;
const SEMVER = /^\d+\.\d+\.\d+(-[0-9A-Za-z.-]+)?(\+[0-9A-Za-z.-]+)?$/;
const PLATFORM = /^[a-z0-9]+_[a-z0-9]+$/;

/** Finds package.json in `start` or the nearest parent that has a `pyvider` field. */
export function findProjectDir(start: string): string {
  let dir = resolve(start);
  for (;;) {
    const file = join(dir, "package.json");
    if (existsSync(file)) {
      const pkg = readJson(file);
      if (pkg && typeof pkg === "object" && "pyvider" in pkg) return dir;
    }
    const parent = dirname(dir);
    if (parent === dir) break;
    dir = parent;
  }
  throw new CliError(`no provider project found from ${resolve(start)}`, {
    details: [
      'a provider project has a package.json with a "pyvider" field, e.g.',
      '"pyvider": { "type": "kv", "namespace": "pyvider", "entry": "src/main.ts" }',
      "create one with `pyvider new <name>`",
    ],
  });
}

/** Reads and validates the project in `dir` (or the nearest parent with a `pyvider` field). */
export function loadProject(start: string): ProviderProject {
  const dir = findProjectDir(start);
  const pkg = readJson(join(dir, "package.json")) as Record<string, unknown>;
  const field = pkg.pyvider as Record<string, unknown> | null;
  const where = join(dir, "package.json");
  if (!field || typeof field !== "object" || Array.isArray(field)) {
    throw new CliError(`${where}: "pyvider" must be an object`);
  }
  const type = field.type;
  if (typeof type !== "string" || !TYPE_NAME.test(type)) {
    throw new CliError(
      `${where}: "pyvider.type" must be a provider type name like "kv" (got ${JSON.stringify(type)})`,
    );
  }
  const text = (key: string, fallback: string): string => {
    const v = field[key];
    if (v === undefined) return fallback;
    if (typeof v !== "string" || v === "")
      throw new CliError(`${where}: "pyvider.${key}" must be a non-empty string`);
    return v;
  };
  const version = pkg.version;
  if (typeof version !== "string" || !SEMVER.test(version)) {
    throw new CliError(
      `${where}: "version" must be a semantic version like 1.2.3 (got ${JSON.stringify(version)})`,
    );
  }
  let platforms = DEFAULT_PLATFORMS;
  if (field.platforms !== undefined) {
    const list = field.platforms;
    if (!Array.isArray(list) || list.some((p) => typeof p !== "string" || !PLATFORM.test(p))) {
      throw new CliError(`${where}: "pyvider.platforms" must be a list like ["linux_amd64", "darwin_arm64"]`);
    }
    platforms = list as string[];
  }
  const defaultEntry = existsSync(join(dir, "src/main.ts")) ? "src/main.ts" : "dist/main.js";
  return {
    dir,
    packageName: typeof pkg.name === "string" ? pkg.name : `terraform-provider-${type}`,
    version,
    type,
    namespace: text("namespace", "pyvider"),
    hostname: text("hostname", "registry.terraform.io"),
    entry: resolve(dir, text("entry", defaultEntry)),
    platforms,
  };
}

/** `terraform-provider-<type>_v<version>`: the executable's file name. */
export function executableName(project: Pick<ProviderProject, "type" | "version">): string {
  return `terraform-provider-${project.type}_v${project.version}`;
}

/** `<hostname>/<namespace>/<type>`: the provider source address. */
export function providerAddress(project: Pick<ProviderProject, "hostname" | "namespace" | "type">): string {
  return `${project.hostname}/${project.namespace}/${project.type}`;
}

function readJson(file: string): unknown {
  try {
    return JSON.parse(readFileSync(file, "utf8"));
  } catch (error) {
    throw new CliError(`cannot read ${file}: ${error instanceof Error ? error.message : String(error)}`);
  }
}
