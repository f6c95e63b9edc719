/** Writes a new provider project to disk. */
import { existsSync, mkdirSync, readdirSync, readFileSync, writeFileSync } from "node:fs";
import { dirname, join, relative, resolve, sep } from "node:path";
import { CliError } from "../cli/errors.js";
import { VERSION } from "../version.js";
import { type ScaffoldOptions, scaffoldFiles } from "./templates.js";

const PACKAGES = ["cty", "schema", "hub", "protocol", "testing", "cli"] as const;
/** Every @pyvider package, for pnpm's overrides in a local-checkout project. */
const ALL_PACKAGES = ["cty", "schema", "telemetry", "hub", "protocol", "testing", "cli"] as const;

/** The provider type implied by a project name: `terraform-provider-foo` → `foo`. */
export function typeFromName(name: string): string {
  const base = name.split(/[\\/]/).pop() ?? name;
  return base.replace(/^terraform-provider-/, "").toLowerCase();
}

/** Options of {@link scaffold}. */
export interface ScaffoldRequest {
  /** Target directory. */
  dir: string;
  /** Provider type name. */
  type: string;
  /** Registry namespace. */
  namespace: string;
  /**
   * A pyvider checkout: depend on its packages with `file:` paths (npm links them) and pnpm
   * overrides to `link:` paths, instead of registry versions.
   */
  linkRepo?: string;
}

/** Writes the project; returns the relative paths written. */
export function scaffold(request: ScaffoldRequest): string[] {
  if (!/^[a-z][a-z0-9-]*$/.test(request.type)) {
    throw new CliError(
      `"${request.type}" is not a valid provider type name (lowercase letters, digits, dashes)`,
    );
  }
  if (!/^[a-zA-Z0-9][a-zA-Z0-9-]*$/.test(request.namespace)) {
    throw new CliError(`"${request.namespace}" is not a valid registry namespace`);
  }
  const dir = resolve(request.dir);
  if (existsSync(dir) && readdirSync(dir).length > 0) {
    throw new CliError(`${dir} exists and is not empty`, {
      details: ["pick another name or remove the directory"],
    });
  }
  const checkout = request.linkRepo ? checkoutPackages(request.linkRepo, dir) : undefined;
  const pyvider = Object.fromEntries(
    PACKAGES.map((p) => [p, checkout ? `file:${checkout[p]}` : `^${VERSION}`]),
  ) as ScaffoldOptions["pyvider"];
  const overrides = checkout
    ? Object.fromEntries(ALL_PACKAGES.map((p) => [`@pyvider/${p}`, `link:${checkout[p]}`]))
    : undefined;
  const files = scaffoldFiles({
    type: request.type,
    namespace: request.namespace,
    pyvider,
    ...(overrides ? { pnpmOverrides: overrides } : {}),
  });
  for (const [path, content] of Object.entries(files)) {
    const full = join(dir, path);
    mkdirSync(dirname(full), { recursive: true });
    writeFileSync(full, content);
  }
  return Object.keys(files);
}

/** Each package's directory in a pyvider checkout, relative to the project, with `/` separators. */
function checkoutPackages(repo: string, dir: string): Record<(typeof ALL_PACKAGES)[number], string> {
  const root = resolve(repo);
  const paths = {} as Record<(typeof ALL_PACKAGES)[number], string>;
  for (const p of ALL_PACKAGES) {
    const pkgDir = join(root, "packages", p);
    let name: unknown;
    try {
      name = JSON.parse(readFileSync(join(pkgDir, "package.json"), "utf8")).name;
    } catch {
      name = undefined;
    }
    if (name !== `@pyvider/${p}`) {
      throw new CliError(`${root} is not a pyvider checkout: no @pyvider/${p} in ${pkgDir}`, {
        details: ["--link takes the root of a clone of the pyvider repository"],
      });
    }
    paths[p] = relative(dir, pkgDir).split(sep).join("/");
  }
  return paths;
}

/** Whether a checkout's packages are built (`file:`/`link:` dependencies use their `dist/`). */
export function checkoutBuilt(repo: string): boolean {
  return ALL_PACKAGES.every((p) => existsSync(join(resolve(repo), "packages", p, "dist")));
}
