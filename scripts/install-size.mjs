#!/usr/bin/env node
// The install size of a project: what `npm install` put in its node_modules.
//
//   node scripts/install-size.mjs <project-dir>
//
// Prints the disk usage of node_modules (like `du -s`, allocated blocks), the number of packages
// installed (every node_modules/<name> and node_modules/@scope/<name>, nested ones included) and
// the largest top-level packages. `installSize(dir)` returns the same figures for other scripts
// (the third-party e2e prints them for a minimal provider).
import { lstatSync, readdirSync } from "node:fs";
import { join, resolve } from "node:path";
import { fileURLToPath } from "node:url";

/** Disk usage of a file tree in bytes: allocated blocks, like `du`, without following symlinks. */
function diskUsage(path) {
  const stat = lstatSync(path);
  let bytes = stat.blocks * 512;
  if (stat.isDirectory()) for (const name of readdirSync(path)) bytes += diskUsage(join(path, name));
  return bytes;
}

/** The package directories directly in one node_modules folder (scoped ones included). */
function packagesIn(nodeModules) {
  const found = [];
  let names;
  try {
    names = readdirSync(nodeModules);
  } catch {
    return found;
  }
  for (const name of names) {
    if (name.startsWith(".")) continue;
    const path = join(nodeModules, name);
    if (name.startsWith("@")) {
      for (const scoped of readdirSync(path))
        found.push({ name: `${name}/${scoped}`, path: join(path, scoped) });
    } else found.push({ name, path });
  }
  return found;
}

/**
 * The install size of the project in `dir`: `bytes` (disk usage of node_modules), `packages` (how
 * many are installed, nested copies included) and `largest` (top-level packages by size, biggest first).
 */
export function installSize(dir) {
  const nodeModules = join(dir, "node_modules");
  let packages = 0;
  const walk = (folder) => {
    for (const pkg of packagesIn(folder)) {
      packages++;
      walk(join(pkg.path, "node_modules"));
    }
  };
  walk(nodeModules);
  const largest = packagesIn(nodeModules)
    .map((pkg) => ({ name: pkg.name, bytes: diskUsage(pkg.path) }))
    .sort((a, b) => b.bytes - a.bytes);
  return { bytes: diskUsage(nodeModules), packages, largest };
}

/** `12.3 MiB`. */
export function formatBytes(bytes) {
  return bytes >= 1024 * 1024
    ? `${(bytes / 1024 / 1024).toFixed(1)} MiB`
    : `${(bytes / 1024).toFixed(0)} KiB`;
}

/** One line: `<packages> packages, <size> in node_modules (largest: a 61.0 MiB, b 9.1 MiB, c 6.8 MiB)`. */
export function describeInstallSize({ bytes, packages, largest }, top = 3) {
  const big = largest
    .slice(0, top)
    .map((p) => `${p.name} ${formatBytes(p.bytes)}`)
    .join(", ");
  return `${packages} packages, ${formatBytes(bytes)} in node_modules${big === "" ? "" : ` (largest: ${big})`}`;
}

if (process.argv[1] !== undefined && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const dir = process.argv[2];
  if (dir === undefined) {
    process.stderr.write("usage: node scripts/install-size.mjs <project-dir>\n");
    process.exit(2);
  }
  process.stdout.write(`${describeInstallSize(installSize(resolve(dir)), 5)}\n`);
}
