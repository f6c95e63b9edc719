import { execFileSync, spawnSync } from "node:child_process";
import {
  existsSync,
  mkdirSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  rmSync,
  writeFileSync,
} from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { publint } from "publint";
import { afterAll, describe, expect, it } from "vitest";
import { installSize } from "../scripts/install-size.mjs";
import { checkPackageImports } from "../scripts/package-imports.mjs";

const root = join(__dirname, "..");
const packageDirs = readdirSync(join(root, "packages")).map((d) => join(root, "packages", d));
const attw = join(root, "node_modules", ".bin", "attw");
const license = readFileSync(join(root, "LICENSE"), "utf8");
const work = mkdtempSync(join(tmpdir(), "pyvider-packages-"));
afterAll(() => rmSync(work, { recursive: true, force: true }));

/** The exports map every package publishes: ESM and CommonJS, each with its own declarations. */
const EXPORTS = {
  ".": {
    import: { types: "./dist/index.d.ts", default: "./dist/index.js" },
    require: { types: "./dist/index.d.cts", default: "./dist/index.cjs" },
    default: "./dist/index.js",
  },
  "./package.json": "./package.json",
};

/**
 * The exports map with an internal entry point (what only the framework's own packages use): the
 * same dual shape as ".", and an `internal/package.json` stub so that node10 resolution finds it.
 */
const INTERNAL_EXPORTS = {
  ".": EXPORTS["."],
  "./internal": {
    import: { types: "./dist/internal.d.ts", default: "./dist/internal.js" },
    require: { types: "./dist/internal.d.cts", default: "./dist/internal.cjs" },
    default: "./dist/internal.js",
  },
  "./package.json": "./package.json",
};

/** `npm pack` of a package directory into `dest`: the tarball's path and its file list. */
function pack(dir: string, dest: string): { tarball: string; files: string[] } {
  mkdirSync(dest, { recursive: true });
  const out = execFileSync("npm", ["pack", "--json", "--pack-destination", dest], {
    cwd: dir,
    encoding: "utf8",
    stdio: ["ignore", "pipe", "pipe"],
  });
  const [info] = JSON.parse(out) as { filename: string; files: { path: string }[] }[];
  if (info === undefined) throw new Error(`npm pack in ${dir} printed no result`);
  return { tarball: join(dest, info.filename), files: info.files.map((f) => f.path).sort() };
}

interface AttwResolution {
  resolution?: { fileName: string };
  implementationResolution?: { fileName: string };
}
interface AttwResult {
  analysis: {
    types: { kind: string } | false;
    problems: { kind: string; entrypoint?: string; resolutionKind?: string }[];
    entrypoints: Record<string, { resolutions: Record<string, AttwResolution> }>;
  };
}

/** Runs @arethetypeswrong/cli on a tarball; its exit status and JSON analysis. */
function attwCheck(tarball: string): { status: number | null; result: AttwResult } {
  const run = spawnSync(attw, [tarball, "--format", "json", "--profile", "strict"], { encoding: "utf8" });
  return { status: run.status, result: JSON.parse(run.stdout) as AttwResult };
}

/** Every published package: README, LICENSE, the dual exports map, publint, attw and its dependencies. */
describe.each(packageDirs)("package %s", (dir) => {
  const pkg = JSON.parse(readFileSync(join(dir, "package.json"), "utf8"));
  const dest = join(work, pkg.name.replace("/", "+"));

  it("has a README, its LICENSE, src/index.ts and the dual exports map", () => {
    expect(existsSync(join(dir, "README.md"))).toBe(true);
    expect(existsSync(join(dir, "src/index.ts"))).toBe(true);
    expect(readFileSync(join(dir, "LICENSE"), "utf8")).toBe(license);
    expect(pkg.name).toMatch(/^@pyvider\//);
    expect(pkg.license).toBe("MPL-2.0");
    const internal = "./internal" in pkg.exports;
    expect(pkg.exports).toEqual(internal ? INTERNAL_EXPORTS : EXPORTS);
    expect([pkg.main, pkg.module, pkg.types]).toEqual([
      "./dist/index.cjs",
      "./dist/index.js",
      "./dist/index.d.cts",
    ]);
    expect(pkg.files).toEqual(
      internal ? ["dist", "internal", "README.md", "LICENSE"] : ["dist", "README.md", "LICENSE"],
    );
    if (internal)
      expect(JSON.parse(readFileSync(join(dir, "internal/package.json"), "utf8"))).toEqual({
        main: "../dist/internal.cjs",
        module: "../dist/internal.js",
        types: "../dist/internal.d.cts",
      });
    expect(pkg.scripts.prepack).toBe("node ../../scripts/prepack.mjs");
    expect(pkg.engines.node).toBe(">=20");
    expect(JSON.stringify(pkg.repository ?? {})).not.toContain("example.invalid");
  });

  it("passes publint", async () => {
    const { messages } = await publint({ pkgDir: dir, level: "warning", pack: "npm" });
    expect(messages.map((m) => `${m.code} ${JSON.stringify(m.args)}`)).toEqual([]);
  });

  it("packs dist/, README and LICENSE, and attw is green for node10, node16 (CJS and ESM) and bundler", () => {
    const { tarball, files } = pack(dir, dest);
    for (const file of [
      "LICENSE",
      "README.md",
      "package.json",
      ...Object.values(pkg.exports as Record<string, unknown>)
        .flatMap((e) => (typeof e === "string" ? [e] : Object.values(e as object)))
        .flatMap((v) => (typeof v === "string" ? [v] : Object.values(v))),
    ])
      expect(files).toContain(file.replace(/^\.\//, ""));
    const extracted = join(dest, "x");
    mkdirSync(extracted, { recursive: true });
    execFileSync("tar", ["xzf", tarball, "-C", extracted]);
    expect(readFileSync(join(extracted, "package/LICENSE"), "utf8")).toBe(license);

    const { status, result } = attwCheck(tarball);
    expect(result.analysis.problems).toEqual([]);
    expect(status).toBe(0);
    const types = Object.fromEntries(
      Object.entries(result.analysis.entrypoints["."]?.resolutions ?? {}).map(([kind, r]) => [
        kind,
        [
          r.resolution?.fileName.replace(/^.*\/dist\//, ""),
          r.implementationResolution?.fileName.replace(/^.*\/dist\//, ""),
        ],
      ]),
    );
    expect(types).toEqual({
      node10: ["index.d.cts", "index.cjs"],
      "node16-cjs": ["index.d.cts", "index.cjs"],
      "node16-esm": ["index.d.ts", "index.js"],
      bundler: ["index.d.ts", "index.js"],
    });
  });

  it("reports its package.json version from both builds", () => {
    const required = execFileSync(
      process.execPath,
      ["-p", `require(${JSON.stringify(join(dir, "dist/index.cjs"))}).VERSION`],
      {
        encoding: "utf8",
      },
    );
    const imported = execFileSync(
      process.execPath,
      [
        "--input-type=module",
        "-e",
        `console.log((await import(${JSON.stringify(join(dir, "dist/index.js"))})).VERSION)`,
      ],
      { encoding: "utf8" },
    );
    expect([required.trim(), imported.trim()]).toEqual([pkg.version, pkg.version]);
  });

  it("declares exactly the packages its built code imports at run time", () => {
    expect(checkPackageImports(dir).problems).toEqual([]);
  });
});

describe("the checks fail on a broken package", () => {
  const cty = join(root, "packages", "cty");

  /** A copy of @pyvider/cty's publishable files with its package.json changed by `edit`. */
  function ctyCopy(name: string, edit: (pkg: Record<string, unknown>) => void): string {
    const dir = join(work, name);
    mkdirSync(dir, { recursive: true });
    for (const file of ["README.md", "LICENSE", "dist"])
      execFileSync("cp", ["-r", join(cty, file), join(dir, file)]);
    const pkg = JSON.parse(readFileSync(join(cty, "package.json"), "utf8"));
    delete pkg.scripts;
    edit(pkg);
    writeFileSync(join(dir, "package.json"), JSON.stringify(pkg, null, 2));
    return dir;
  }

  it("attw fails on the ESM-only exports map (no require condition)", () => {
    const dir = ctyCopy("esm-only", (pkg) => {
      pkg.exports = { ".": { types: "./dist/index.d.ts", import: "./dist/index.js" } };
      pkg.main = "./dist/index.js";
      pkg.types = "./dist/index.d.ts";
    });
    const { status, result } = attwCheck(pack(dir, join(dir, "out")).tarball);
    expect(status).not.toBe(0);
    expect(result.analysis.problems.map((p) => p.kind)).toContain("CJSResolvesToESM");
  });

  it("attw fails when require gets the ESM declarations", () => {
    const dir = ctyCopy("false-esm", (pkg) => {
      pkg.exports = {
        ".": { types: "./dist/index.d.ts", import: "./dist/index.js", require: "./dist/index.cjs" },
      };
    });
    const { status, result } = attwCheck(pack(dir, join(dir, "out")).tarball);
    expect(status).not.toBe(0);
    expect(result.analysis.problems.map((p) => p.kind)).toContain("FalseESM");
  });

  it("the import check names an unused dependency and an undeclared import", () => {
    const dir = join(work, "imports");
    mkdirSync(join(dir, "dist"), { recursive: true });
    writeFileSync(
      join(dir, "package.json"),
      JSON.stringify({ name: "imports-fixture", dependencies: { unused: "1.0.0", used: "1.0.0" } }),
    );
    writeFileSync(
      join(dir, "dist", "index.js"),
      'import { a } from "used/sub";\nimport("undeclared");\nconst t = `\nimport x from "in-a-template";\n`;\n',
    );
    writeFileSync(join(dir, "dist", "index.d.ts"), 'import type { T } from "types-only";\n');
    expect(checkPackageImports(dir).problems).toEqual([
      "imports-fixture: dependency unused is never imported by dist/ at run time",
      "imports-fixture: dist/ imports undeclared, which package.json does not declare",
      "imports-fixture: the declarations in dist/ import types-only, which package.json does not declare",
    ]);
  });
});

describe("prepack", () => {
  const prepack = join(root, "scripts", "prepack.mjs");

  /** A package outside the workspace whose build script runs `build`. */
  function fixture(name: string, build: string): string {
    const dir = join(work, name);
    mkdirSync(dir, { recursive: true });
    writeFileSync(
      join(dir, "package.json"),
      JSON.stringify({
        name,
        version: "1.2.3",
        exports: { ".": { import: "./dist/index.js" } },
        files: ["dist"],
        scripts: { build, prepack: `node ${JSON.stringify(prepack)}` },
      }),
    );
    return dir;
  }

  it("builds a clean package, so the tarball has dist/", () => {
    const dir = fixture(
      "clean",
      `node -e "require('fs').mkdirSync('dist');require('fs').writeFileSync('dist/index.js','export const VERSION = \\"1.2.3\\";')"`,
    );
    expect(existsSync(join(dir, "dist"))).toBe(false);
    expect(pack(dir, join(dir, "out")).files).toContain("dist/index.js");
  });

  it("rebuilds a dist/ built for another version", () => {
    const dir = fixture(
      "stale",
      `node -e "require('fs').writeFileSync('dist/index.js','export const VERSION = \\"1.2.3\\";')"`,
    );
    mkdirSync(join(dir, "dist"));
    writeFileSync(join(dir, "dist", "index.js"), 'export const VERSION = "1.2.2";');
    pack(dir, join(dir, "out"));
    expect(readFileSync(join(dir, "dist", "index.js"), "utf8")).toContain('"1.2.3"');
  });

  it("refuses to pack when the build leaves dist/ missing, naming the file", () => {
    const dir = fixture("broken", 'node -e "0"');
    const run = spawnSync("npm", ["pack", "--pack-destination", join(dir, "out")], {
      cwd: dir,
      encoding: "utf8",
    });
    expect(run.status).not.toBe(0);
    expect(run.stderr).toContain("dist/index.js still missing after the build");
  });
});

describe("install size", () => {
  it("counts every installed package, scoped and nested ones too, and sizes node_modules like du", () => {
    const dir = join(work, "sized");
    for (const pkg of ["a", "@s/b", "a/node_modules/c"]) {
      mkdirSync(join(dir, "node_modules", pkg), { recursive: true });
      writeFileSync(join(dir, "node_modules", pkg, "package.json"), "{}");
    }
    writeFileSync(join(dir, "node_modules", "@s/b", "big.js"), "x".repeat(200_000));
    const size = installSize(dir);
    expect(size.packages).toBe(3);
    expect(size.largest.map((p: { name: string }) => p.name)).toEqual(["@s/b", "a"]);
    const du = Number(
      execFileSync("du", ["-sk", join(dir, "node_modules")], { encoding: "utf8" }).split("\t")[0],
    );
    expect(size.bytes).toBe(du * 1024);
  });
});
