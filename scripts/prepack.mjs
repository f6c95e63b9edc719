#!/usr/bin/env node
// The `prepack` of every published package (npm pack, npm publish, pnpm publish, changeset
// publish): a tarball never lacks dist/, and never carries a dist/ built for another version.
//
// Run in the package directory. When a file the package.json points at (exports, main, types,
// bin) is missing, or the version built into dist/ is not package.json's version (a
// `changeset version` since the last build), it builds the package: with turbo (and the packages
// it depends on) inside this repository, else with `npm run build`. Then every such file must
// exist, else it fails naming the file. It also checks that LICENSE is there.
import { spawnSync } from "node:child_process";
import { existsSync, readdirSync, readFileSync } from "node:fs";
import { dirname, join } from "node:path";

const dir = process.cwd();
const pkg = JSON.parse(readFileSync(join(dir, "package.json"), "utf8"));

/** Every file path the package.json names (exports targets, main, module, types, bin). */
export function packageTargets(manifest) {
  const targets = new Set();
  const walk = (value) => {
    if (typeof value === "string") targets.add(value);
    else if (value !== null && typeof value === "object") for (const v of Object.values(value)) walk(v);
  };
  walk(manifest.exports);
  for (const field of ["main", "module", "types"])
    if (typeof manifest[field] === "string") targets.add(manifest[field]);
  walk(manifest.bin);
  targets.delete("./package.json");
  return [...targets].map((t) => t.replace(/^\.\//, ""));
}

const missing = () => packageTargets(pkg).filter((target) => !existsSync(join(dir, target)));

/** The versions `export const VERSION` was built with, found in dist/*.js and dist/*.cjs. */
function builtVersions() {
  const dist = join(dir, "dist");
  if (!existsSync(dist)) return [];
  const found = new Set();
  for (const name of readdirSync(dist)) {
    if (!/\.c?js$/.test(name)) continue;
    for (const m of readFileSync(join(dist, name), "utf8").matchAll(/\bVERSION = "([^"]*)"/g))
      found.add(m[1]);
  }
  return [...found];
}

/** The repository root: the nearest ancestor with a pnpm-workspace.yaml, if any. */
function workspaceRoot() {
  for (let d = dirname(dir); d !== dirname(d); d = dirname(d))
    if (existsSync(join(d, "pnpm-workspace.yaml"))) return d;
  return undefined;
}

function build(reason) {
  process.stderr.write(`prepack ${pkg.name}: ${reason}; building\n`);
  const root = workspaceRoot();
  const turbo = root === undefined ? undefined : join(root, "node_modules", ".bin", "turbo");
  const [command, args, cwd] =
    turbo !== undefined && existsSync(turbo)
      ? [turbo, ["run", "build", `--filter=${pkg.name}`, "--output-logs=errors-only"], root]
      : ["npm", ["run", "build"], dir];
  const result = spawnSync(command, args, { cwd, stdio: ["ignore", "inherit", "inherit"] });
  if (result.status !== 0) fail(`the build (${command} ${args.join(" ")}) failed`);
}

function fail(message) {
  process.stderr.write(`prepack ${pkg.name}: ${message}\n`);
  process.exit(1);
}

const before = missing();
const versions = builtVersions();
if (before.length > 0) build(`${before.join(", ")} missing`);
else if (versions.some((v) => v !== pkg.version))
  build(`dist/ was built for version ${versions.join(", ")}, package.json says ${pkg.version}`);

const after = missing();
if (after.length > 0) fail(`${after.join(", ")} still missing after the build: the tarball would lack dist/`);
const stale = builtVersions().filter((v) => v !== pkg.version);
if (stale.length > 0)
  fail(`dist/ carries VERSION ${stale.join(", ")} after the build, package.json says ${pkg.version}`);
if ((pkg.files ?? []).includes("LICENSE") && !existsSync(join(dir, "LICENSE")))
  fail("LICENSE is missing (copy the repository's LICENSE into the package directory)");
