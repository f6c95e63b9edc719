import { mkdirSync, mkdtempSync, realpathSync, rmSync, symlinkSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";
import { afterAll, describe, expect, it } from "vitest";
import { ComponentDiscoveryError, discoverFromDependencies } from "./discover-packages.js";

const hubDir = join(dirname(fileURLToPath(import.meta.url)), "..");
const roots: string[] = [];
afterAll(() => {
  for (const r of roots) rmSync(r, { recursive: true, force: true });
});

/** A function component module, importing @pyvider/hub as a third-party package would. */
const fnModule = (...names: string[]) =>
  [
    'import { defineFunction } from "@pyvider/hub";',
    'import { CtyString } from "@pyvider/cty";',
    ...names.map(
      (n) =>
        `export const ${n} = defineFunction({ name: ${JSON.stringify(n)}, parameters: [{ name: "s", type: CtyString }], returns: CtyString, run: (_ctx, s) => s });`,
    ),
    "",
  ].join("\n");

/**
 * A temp dir with the provider's package.json at `provider/` and its dependencies in
 * `node_modules/` one level up (found by walking upwards, as Node does).
 */
function project(
  deps: Record<string, { manifest: Record<string, unknown>; files?: Record<string, string> } | null>,
  extra: Record<string, unknown> = {},
): URL {
  const root = realpathSync(mkdtempSync(join(tmpdir(), "hub-discover-")));
  roots.push(root);
  mkdirSync(join(root, "node_modules", "@pyvider"), { recursive: true });
  symlinkSync(hubDir, join(root, "node_modules", "@pyvider", "hub"));
  for (const sibling of ["cty", "schema"]) {
    symlinkSync(join(hubDir, "..", sibling), join(root, "node_modules", "@pyvider", sibling));
  }
  const dependencies: Record<string, string> = {};
  for (const [name, pkg] of Object.entries(deps)) {
    dependencies[name] = "^1.0.0";
    if (pkg === null) continue; // declared, not installed
    const dir = join(root, "node_modules", name);
    mkdirSync(dir, { recursive: true });
    writeFileSync(
      join(dir, "package.json"),
      JSON.stringify({ name, version: "1.2.3", type: "module", ...pkg.manifest }),
    );
    for (const [file, text] of Object.entries(pkg.files ?? {})) {
      mkdirSync(dirname(join(dir, file)), { recursive: true });
      writeFileSync(join(dir, file), text);
    }
  }
  mkdirSync(join(root, "provider"));
  const manifest = join(root, "provider", "package.json");
  writeFileSync(manifest, JSON.stringify({ name: "terraform-provider-kv", dependencies, ...extra }));
  return pathToFileURL(manifest);
}

async function failure(packageJson: URL): Promise<ComponentDiscoveryError> {
  const error = await discoverFromDependencies({ packageJson }).then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(ComponentDiscoveryError);
  return error as ComponentDiscoveryError;
}

describe("discoverFromDependencies", () => {
  it("imports the components of the dependencies that declare them, and skips the others", async () => {
    const packageJson = project({
      "@acme/kv-text": {
        manifest: { pyvider: { components: "./dist/components.js" } },
        files: { "dist/components.js": fnModule("upper", "lower") },
      },
      "plain-lib": { manifest: { main: "index.js" } },
      // a "pyvider" field without components (e.g. another provider's build settings)
      "other-provider": { manifest: { pyvider: { type: "other", entry: "src/main.ts" } } },
      "kv-more": {
        manifest: { pyvider: { components: ["./a.js", "./b.js"] } },
        files: { "a.js": fnModule("first"), "b.js": fnModule("second") },
      },
    });
    const found = await discoverFromDependencies({ packageJson });
    // packages in dependency order; within a module, its exports in namespace (name) order
    expect(found.components.map((c) => c.name)).toEqual(["lower", "upper", "first", "second"]);
    expect(found.packages.map((p) => [p.name, p.version, p.components.length])).toEqual([
      ["@acme/kv-text", "1.2.3", 2],
      ["kv-more", "1.2.3", 2],
    ]);
    expect(found.packages[1]?.entries.map((e) => e.split("/").pop())).toEqual(["a.js", "b.js"]);
    // a path works as well as a URL
    const again = await discoverFromDependencies({ packageJson: fileURLToPath(packageJson) });
    expect(again.components.map((c) => c.name)).toEqual(["lower", "upper", "first", "second"]);
  });

  it("reads only the dependency lists asked for; an absent optional dependency is fine", async () => {
    const packageJson = project(
      { "kv-dev": { manifest: { pyvider: { components: "./c.js" } }, files: { "c.js": fnModule("dev") } } },
      { optionalDependencies: { "not-here": "^1.0.0" } },
    );
    expect((await discoverFromDependencies({ packageJson, fields: ["devDependencies"] })).components).toEqual(
      [],
    );
    expect((await discoverFromDependencies({ packageJson })).components.map((c) => c.name)).toEqual(["dev"]);
  });

  it("names the package when a dependency is not installed", async () => {
    const e = await failure(project({ "missing-pkg": null }));
    expect(e.packageName).toBe("missing-pkg");
    expect(e.message).toMatch(/^missing-pkg: is a dependency of terraform-provider-kv but is not installed/);
  });

  it.each([
    ["a malformed field", { pyvider: "yes" }, {}, /"pyvider" field must be an object/],
    ["an empty list", { pyvider: { components: [] } }, {}, /must be a module path or a non-empty list/],
    ["an entry outside the package", { pyvider: { components: "../evil.js" } }, {}, /is outside the package/],
    [
      "a missing entry",
      { pyvider: { components: "./dist/x.js" } },
      {},
      /does not exist .*is the package built\?/,
    ],
    [
      "an entry that fails to import",
      { pyvider: { components: "./x.js" } },
      { "x.js": 'throw new Error("boom at import");\n' },
      /importing "\.\/x\.js" failed: boom at import/,
    ],
    [
      "an entry without components",
      { pyvider: { components: "./x.js" } },
      { "x.js": "export const value = 1;\n" },
      /declares components in "\.\/x\.js" but exports none/,
    ],
    [
      "an entry exporting a provider",
      { pyvider: { components: "./x.js" } },
      {
        "x.js":
          'import { defineProvider } from "@pyvider/hub";\nimport { s } from "@pyvider/schema";\nexport const p = defineProvider({ name: "rogue", schema: s.provider({}) });\n',
      },
      /exports a provider \("rogue"\)/,
    ],
  ])("names the package for %s", async (_what, manifest, files, message) => {
    const e = await failure(project({ "bad-pkg": { manifest, files } }));
    expect(e.packageName).toBe("bad-pkg");
    expect(e.message.startsWith("bad-pkg: ")).toBe(true);
    expect(e.message).toMatch(message);
  });
});
