/** Writes a new provider project to disk. */
import { existsSync, mkdirSync, readdirSync, writeFileSync } from "node:fs";
import { dirname, join, relative, resolve } from "node:path";
import { CliError } from "../cli/errors.js";
import { VERSION } from "../version.js";
import { type ScaffoldOptions, scaffoldFiles } from "./templates.js";

const PACKAGES = ["cty", "schema", "hub", "protocol", "testing", "cli"] as const;

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
  /** A pyvider checkout: depend on its packages with `link:` paths instead of registry versions. */
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
  const pyvider = Object.fromEntries(
    PACKAGES.map((p) => [
      p,
      request.linkRepo
        ? `link:${relative(dir, join(resolve(request.linkRepo), "packages", p))}`
        : `^${VERSION}`,
    ]),
  ) as ScaffoldOptions["pyvider"];
  const files = scaffoldFiles({ type: request.type, namespace: request.namespace, pyvider });
  for (const [path, content] of Object.entries(files)) {
    const full = join(dir, path);
    mkdirSync(dirname(full), { recursive: true });
    writeFileSync(full, content);
  }
  return Object.keys(files);
}
