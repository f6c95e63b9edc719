#!/usr/bin/env node
// What a package's built dist/ imports, against what its package.json declares.
//
//   node scripts/package-imports.mjs [packages/<name> ...]   (default: every packages/*)
//
// Prints one line per package and exits 1 when a runtime dependency is never imported by the
// built code, or when the built code (or its .d.ts files) imports a package that is not declared.
// test/packages.test.ts runs the same check through `checkPackageImports`.
import { existsSync, readdirSync, readFileSync, statSync } from "node:fs";
import { builtinModules } from "node:module";
import { join, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import ts from "typescript";

/** `require.resolve("x")` / `createRequire(…).resolve("x")`: a run-time use TypeScript's scanner does not report. */
const RESOLVE = /\.resolve\(\s*(["'])([^"'\n]+)\1/g;

/**
 * The module specifiers of one file: static and dynamic imports, re-exports and `require` calls,
 * found by TypeScript's scanner (so `import` lines inside template literals do not count).
 */
function specifiers(source, isTypes) {
  const found = ts.preProcessFile(source, true, !isTypes).importedFiles.map((f) => f.fileName);
  if (!isTypes) for (const match of source.matchAll(RESOLVE)) found.push(match[2]);
  return found;
}

/** The npm package a bare specifier names (`@scope/name/sub` → `@scope/name`), else undefined. */
export function packageOf(specifier) {
  if (specifier.startsWith(".") || specifier.startsWith("/") || specifier.startsWith("node:"))
    return undefined;
  const parts = specifier.split("/");
  const name = specifier.startsWith("@") ? parts.slice(0, 2).join("/") : parts[0];
  return builtinModules.includes(name) ? undefined : name;
}

function* files(dir) {
  for (const name of readdirSync(dir)) {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) yield* files(path);
    else yield path;
  }
}

/** Packages imported by the code (`.js`, `.cjs`) and by the declarations (`.d.ts`, `.d.cts`) in `dist/`. */
export function distImports(packageDir) {
  const dist = join(packageDir, "dist");
  if (!existsSync(dist)) throw new Error(`${dist} is missing: build the package first`);
  const code = new Set();
  const types = new Set();
  for (const file of files(dist)) {
    const isTypes = /\.d\.c?ts$/.test(file);
    if (!isTypes && !/\.c?js$/.test(file)) continue;
    const source = readFileSync(file, "utf8");
    for (const specifier of specifiers(source, isTypes)) {
      const name = packageOf(specifier);
      if (name !== undefined) (isTypes ? types : code).add(name);
    }
  }
  return { code, types };
}

/**
 * Problems of one package: declared runtime dependencies the built code never imports, and
 * packages the built code or declarations import without declaring them.
 */
export function checkPackageImports(packageDir) {
  const pkg = JSON.parse(readFileSync(join(packageDir, "package.json"), "utf8"));
  const declared = new Set([
    ...Object.keys(pkg.dependencies ?? {}),
    ...Object.keys(pkg.peerDependencies ?? {}),
    ...Object.keys(pkg.optionalDependencies ?? {}),
  ]);
  const { code, types } = distImports(packageDir);
  const problems = [];
  for (const dep of Object.keys(pkg.dependencies ?? {}))
    if (!code.has(dep))
      problems.push(`${pkg.name}: dependency ${dep} is never imported by dist/ at run time`);
  for (const name of code)
    if (name !== pkg.name && !declared.has(name))
      problems.push(`${pkg.name}: dist/ imports ${name}, which package.json does not declare`);
  for (const name of types)
    if (name !== pkg.name && !declared.has(name))
      problems.push(
        `${pkg.name}: the declarations in dist/ import ${name}, which package.json does not declare`,
      );
  return { name: pkg.name, code: [...code].sort(), types: [...types].sort(), problems };
}

if (process.argv[1] !== undefined && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const root = join(fileURLToPath(import.meta.url), "..", "..");
  const dirs =
    process.argv.length > 2
      ? process.argv.slice(2).map((d) => resolve(d))
      : readdirSync(join(root, "packages")).map((d) => join(root, "packages", d));
  let failed = false;
  for (const dir of dirs) {
    const result = checkPackageImports(dir);
    process.stdout.write(
      `${result.name}: imports ${result.code.join(", ") || "(none)"}; types import ${result.types.join(", ") || "(none)"}\n`,
    );
    for (const problem of result.problems) {
      process.stdout.write(`  ✗ ${problem}\n`);
      failed = true;
    }
  }
  process.exitCode = failed ? 1 : 0;
}
