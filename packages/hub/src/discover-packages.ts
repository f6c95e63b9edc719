/**
 * Discovery from installed packages: a provider's dependencies that declare components in their
 * package.json (`"pyvider": { "components": "./dist/components.js" }`) are imported and scanned
 * like {@link discover} scans module namespaces. An option beside explicit registration.
 *
 * @module
 */
import { existsSync } from "node:fs";
import { readFile } from "node:fs/promises";
import { dirname, isAbsolute, join, relative, resolve, sep } from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";
import { discover } from "./discover.js";
import { PyviderError } from "./errors.js";
import type { AnyComponentDefinition } from "./registry.js";

/** The dependency fields of a package.json that discovery may read. */
export type DependencyField =
  | "dependencies"
  | "optionalDependencies"
  | "peerDependencies"
  | "devDependencies";

/** Options of {@link discoverFromDependencies}. */
export interface DependencyDiscoveryOptions {
  /** The provider's package.json, e.g. `new URL("../package.json", import.meta.url)`; a path works too. */
  readonly packageJson: URL | string;
  /** Which dependency lists to read, in order; default `["dependencies", "optionalDependencies"]`. */
  readonly fields?: readonly DependencyField[];
}

/** One dependency that declared components. */
export interface DiscoveredPackage {
  /** Its name, e.g. `@acme/kv-extras`. */
  readonly name: string;
  /** Its version, from its package.json. */
  readonly version: string | undefined;
  /** The module files imported (absolute paths). */
  readonly entries: readonly string[];
  /** The components its modules export, in the order found. */
  readonly components: readonly AnyComponentDefinition[];
}

/** What {@link discoverFromDependencies} found. */
export interface DependencyDiscovery {
  /** Every component of every declaring package, in dependency order (each definition once). */
  readonly components: readonly AnyComponentDefinition[];
  /** The declaring packages, in dependency order. */
  readonly packages: readonly DiscoveredPackage[];
}

/** A dependency declared components but they cannot be had. Names the package. Raised at start. */
export class ComponentDiscoveryError extends PyviderError {
  /** The package at fault (or the provider's package.json when it cannot be read). */
  readonly packageName: string;

  /**
   * @param packageName the package at fault
   * @param reason what is wrong
   * @param cause the underlying error
   */
  constructor(packageName: string, reason: string, cause?: unknown) {
    super(`${packageName}: ${reason}`, cause === undefined ? {} : { cause });
    this.packageName = packageName;
  }
}

const DEFAULT_FIELDS: readonly DependencyField[] = ["dependencies", "optionalDependencies"];

const describe = (e: unknown): string => (e instanceof Error ? e.message : String(e));

async function readJson(file: string, owner: string): Promise<Record<string, unknown>> {
  let text: string;
  try {
    text = await readFile(file, "utf8");
  } catch (e) {
    throw new ComponentDiscoveryError(owner, `cannot read ${file}: ${describe(e)}`, e);
  }
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (e) {
    throw new ComponentDiscoveryError(owner, `${file} is not valid JSON: ${describe(e)}`, e);
  }
  if (typeof json !== "object" || json === null || Array.isArray(json)) {
    throw new ComponentDiscoveryError(owner, `${file} does not hold a JSON object`);
  }
  return json as Record<string, unknown>;
}

/** The dependency's package.json as Node would find it from `fromDir` (node_modules, upwards). */
function locate(name: string, fromDir: string): string | undefined {
  let dir = fromDir;
  for (;;) {
    const candidate = join(dir, "node_modules", name, "package.json");
    if (existsSync(candidate)) return candidate;
    const parent = dirname(dir);
    if (parent === dir) return undefined;
    dir = parent;
  }
}

/** The declared entries (`pyvider.components`: a path or a list of paths), or undefined when none. */
function declaredEntries(name: string, manifest: Record<string, unknown>): string[] | undefined {
  const field = manifest.pyvider;
  if (field === undefined) return undefined;
  if (typeof field !== "object" || field === null || Array.isArray(field)) {
    throw new ComponentDiscoveryError(name, `its package.json "pyvider" field must be an object`);
  }
  const components = (field as Record<string, unknown>).components;
  // a package.json "pyvider" field without components (e.g. a provider's own build settings)
  if (components === undefined) return undefined;
  const list = typeof components === "string" ? [components] : components;
  if (
    !Array.isArray(list) ||
    list.length === 0 ||
    !list.every((e): e is string => typeof e === "string" && e !== "")
  ) {
    throw new ComponentDiscoveryError(
      name,
      `"pyvider.components" in its package.json must be a module path or a non-empty list of them (e.g. "./dist/components.js")`,
    );
  }
  return list;
}

async function loadPackage(name: string, manifestFile: string): Promise<DiscoveredPackage | undefined> {
  const manifest = await readJson(manifestFile, name);
  const entries = declaredEntries(name, manifest);
  if (entries === undefined) return undefined;
  const root = dirname(manifestFile);
  const files: string[] = [];
  const modules: object[] = [];
  for (const entry of entries) {
    const file = resolve(root, entry);
    const inside = relative(root, file);
    if (isAbsolute(entry) || inside === "" || inside.startsWith(`..${sep}`) || inside === "..") {
      throw new ComponentDiscoveryError(
        name,
        `"pyvider.components" entry ${JSON.stringify(entry)} is outside the package`,
      );
    }
    if (!existsSync(file)) {
      throw new ComponentDiscoveryError(
        name,
        `"pyvider.components" entry ${JSON.stringify(entry)} does not exist (${file}); is the package built?`,
      );
    }
    try {
      modules.push((await import(pathToFileURL(file).href)) as object);
    } catch (e) {
      throw new ComponentDiscoveryError(name, `importing ${JSON.stringify(entry)} failed: ${describe(e)}`, e);
    }
    files.push(file);
  }
  let found: ReturnType<typeof discover>;
  try {
    found = discover(...modules);
  } catch (e) {
    throw new ComponentDiscoveryError(name, describe(e), e);
  }
  if (found.provider !== undefined) {
    throw new ComponentDiscoveryError(
      name,
      `exports a provider ("${found.provider.name}"); a component package exports components only`,
    );
  }
  if (found.components.length === 0) {
    throw new ComponentDiscoveryError(
      name,
      `declares components in ${entries.map((e) => JSON.stringify(e)).join(", ")} but exports none (export define* results or decorated classes)`,
    );
  }
  const version = typeof manifest.version === "string" ? manifest.version : undefined;
  return { name, version, entries: files, components: found.components };
}

/**
 * Discovers components from the provider's dependencies that declare themselves: each
 * dependency whose package.json has `"pyvider": { "components": "./dist/components.js" }` (a path
 * or a list of paths inside the package) is imported, and the components its modules export are
 * collected. Dependencies without the field are skipped. Combine the result with explicitly
 * registered components, e.g.
 * `buildProvider(kv, [...own, ...(await discoverFromDependencies({ packageJson })).components])`.
 *
 * Dependencies are found as Node finds them: `node_modules/<name>` beside the package.json, then
 * in each parent directory.
 *
 * @throws ComponentDiscoveryError naming the package: a dependency that is not installed, a
 *   malformed `pyvider` field, an entry outside the package, missing or failing to import, a
 *   package that exports no component or exports a provider.
 */
export async function discoverFromDependencies(
  options: DependencyDiscoveryOptions,
): Promise<DependencyDiscovery> {
  const manifestFile =
    options.packageJson instanceof URL ? fileURLToPath(options.packageJson) : resolve(options.packageJson);
  const own = await readJson(manifestFile, manifestFile);
  const ownName = typeof own.name === "string" ? own.name : manifestFile;
  const names: string[] = [];
  for (const field of options.fields ?? DEFAULT_FIELDS) {
    const deps = own[field];
    if (deps === undefined) continue;
    if (typeof deps !== "object" || deps === null || Array.isArray(deps)) {
      throw new ComponentDiscoveryError(ownName, `"${field}" in ${manifestFile} must be an object`);
    }
    for (const name of Object.keys(deps)) if (!names.includes(name)) names.push(name);
  }
  const packages: DiscoveredPackage[] = [];
  const components: AnyComponentDefinition[] = [];
  for (const name of names) {
    const file = locate(name, dirname(manifestFile));
    if (file === undefined) {
      // an optional dependency may be absent; a required one must be installed
      const optional =
        (own.optionalDependencies as Record<string, unknown> | undefined)?.[name] !== undefined;
      if (optional) continue;
      throw new ComponentDiscoveryError(
        name,
        `is a dependency of ${ownName} but is not installed (no node_modules/${name}/package.json above ${dirname(manifestFile)})`,
      );
    }
    const found = await loadPackage(name, file);
    if (found === undefined) continue;
    packages.push(found);
    for (const c of found.components) if (!components.includes(c)) components.push(c);
  }
  return { components, packages };
}
