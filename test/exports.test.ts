/**
 * No two packages export the same name for different things: a name that two packages' entry
 * points both export must be one binding re-exported (the same value at run time, the same
 * declaration for types). Reads the built dist/ (npm test builds first).
 */
import { spawnSync } from "node:child_process";
import { existsSync, readdirSync } from "node:fs";
import { join } from "node:path";
import ts from "typescript";
import { describe, expect, it } from "vitest";

const root = join(__dirname, "..");
const packages = readdirSync(join(root, "packages")).sort();
const entry = (p: string, ext: string) => join(root, "packages", p, "dist", `index.${ext}`);

/**
 * Runtime exports of each package's ESM entry point, loaded by plain Node (vitest's aliases would
 * load the sources instead): for each name exported by two or more packages, whether every one of
 * them is the same value.
 */
function runtimeCollisions(): Record<string, { packages: string[]; same: boolean }> {
  const script = `
    const pkgs = ${JSON.stringify(packages.map((p) => [p, entry(p, "js")]))};
    const seen = new Map();
    for (const [p, file] of pkgs) {
      const m = await import(file);
      for (const [k, v] of Object.entries(m)) {
        if (!seen.has(k)) seen.set(k, []);
        seen.get(k).push([p, v]);
      }
    }
    const out = {};
    for (const [k, list] of seen)
      if (list.length > 1) out[k] = { packages: list.map(([p]) => p), same: list.every(([, v]) => v === list[0][1]) };
    process.stdout.write(JSON.stringify(out));`;
  const r = spawnSync(process.execPath, ["--input-type=module", "-e", script], { encoding: "utf8" });
  if (r.status !== 0) throw new Error(r.stderr);
  return JSON.parse(r.stdout);
}

/**
 * Every exported name (types and values) of each package's ESM declarations, through one program
 * so that a re-export resolves to the declaration it re-exports: for each name exported by two or
 * more packages, whether they all resolve to one symbol.
 */
function declarationCollisions(): Record<string, { packages: string[]; same: boolean }> {
  const files = packages.map((p) => entry(p, "d.ts"));
  const program = ts.createProgram(files, {
    module: ts.ModuleKind.ESNext,
    moduleResolution: ts.ModuleResolutionKind.Bundler,
    target: ts.ScriptTarget.ES2022,
    skipLibCheck: true,
    noEmit: true,
    types: [],
  });
  const checker = program.getTypeChecker();
  const seen = new Map<string, [string, ts.Symbol][]>();
  for (const [i, file] of files.entries()) {
    const source = program.getSourceFile(file);
    const moduleSymbol = source && checker.getSymbolAtLocation(source);
    if (!moduleSymbol) throw new Error(`no module symbol for ${file}`);
    for (const sym of checker.getExportsOfModule(moduleSymbol)) {
      const target = sym.flags & ts.SymbolFlags.Alias ? checker.getAliasedSymbol(sym) : sym;
      const list = seen.get(sym.name) ?? [];
      list.push([packages[i] as string, target]);
      seen.set(sym.name, list);
    }
  }
  const out: Record<string, { packages: string[]; same: boolean }> = {};
  for (const [name, list] of seen)
    if (list.length > 1)
      out[name] = { packages: list.map(([p]) => p), same: list.every(([, s]) => s === list[0]?.[1]) };
  return out;
}

/**
 * Names every package exports with the same meaning for itself: `VERSION` is the exporting
 * package's own version.
 */
const PER_PACKAGE = new Set(["VERSION"]);

const different = (c: Record<string, { packages: string[]; same: boolean }>) =>
  Object.entries(c)
    .filter(([name, v]) => !v.same && !PER_PACKAGE.has(name))
    .map(([name, v]) => `${name} (${v.packages.join(", ")})`)
    .sort();

describe("export names across packages", () => {
  it("every package is built", () => {
    for (const p of packages)
      for (const ext of ["js", "d.ts"]) expect(existsSync(entry(p, ext)), entry(p, ext)).toBe(true);
  });

  it("a value exported by two packages is one binding", () => {
    const c = runtimeCollisions();
    expect(different(c)).toEqual([]);
  });

  it("a type or value name exported by two packages is one declaration", () => {
    const c = declarationCollisions();
    expect(different(c)).toEqual([]);
  });
});
