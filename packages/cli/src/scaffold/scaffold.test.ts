import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { VERSION } from "../version.js";
import { checkoutBuilt, scaffold } from "./scaffold.js";

const PACKAGES = ["cty", "schema", "telemetry", "hub", "protocol", "testing", "cli"];
let root: string;
beforeEach(() => {
  root = mkdtempSync(join(tmpdir(), "pyvider-scaffold-"));
});
afterEach(() => rmSync(root, { recursive: true, force: true }));

/** A directory that looks like a pyvider checkout (package.json of each package). */
function fakeCheckout(dir: string, built = false): string {
  for (const p of PACKAGES) {
    mkdirSync(join(dir, "packages", p, built ? "dist" : ""), { recursive: true });
    writeFileSync(join(dir, "packages", p, "package.json"), JSON.stringify({ name: `@pyvider/${p}` }));
  }
  return dir;
}

const read = (path: string) => readFileSync(join(root, "p", path), "utf8");

describe("scaffold", () => {
  it("depends on this CLI's version of every @pyvider package, as a caret range", () => {
    scaffold({ dir: join(root, "p"), type: "files", namespace: "acme" });
    const pkg = JSON.parse(read("package.json"));
    const ranges = { ...pkg.dependencies, ...pkg.devDependencies };
    for (const p of ["cty", "schema", "hub", "protocol"])
      expect(pkg.dependencies[`@pyvider/${p}`]).toBe(`^${VERSION}`);
    for (const p of ["testing", "cli"]) expect(pkg.devDependencies[`@pyvider/${p}`]).toBe(`^${VERSION}`);
    expect(Object.values(ranges).some((r) => /^(link|file|workspace):/.test(String(r)))).toBe(false);
    expect(pkg.pnpm).toBeUndefined();
  });

  it("with a checkout: file: paths for npm and link: overrides for pnpm, relative to the project", () => {
    const checkout = fakeCheckout(join(root, "pyvider-ts"));
    scaffold({ dir: join(root, "p"), type: "files", namespace: "acme", linkRepo: checkout });
    const pkg = JSON.parse(read("package.json"));
    expect(pkg.dependencies["@pyvider/hub"]).toBe("file:../pyvider-ts/packages/hub");
    expect(pkg.devDependencies["@pyvider/cli"]).toBe("file:../pyvider-ts/packages/cli");
    expect(Object.keys(pkg.pnpm.overrides).sort()).toEqual(PACKAGES.map((p) => `@pyvider/${p}`).sort());
    for (const [name, spec] of Object.entries<string>(pkg.pnpm.overrides)) {
      expect(spec).toMatch(/^link:\.\.\/pyvider-ts\/packages\//);
      expect(existsSync(resolve(root, "p", spec.slice("link:".length), "package.json")), name).toBe(true);
    }
  });

  it("refuses a directory that is not a pyvider checkout, naming what is missing", () => {
    mkdirSync(join(root, "elsewhere"));
    expect(() =>
      scaffold({ dir: join(root, "p"), type: "files", namespace: "acme", linkRepo: join(root, "elsewhere") }),
    ).toThrow(/is not a pyvider checkout: no @pyvider\/cty/);
    expect(existsSync(join(root, "p"))).toBe(false);
  });

  it("tells a built checkout from one without dist/", () => {
    expect(checkoutBuilt(fakeCheckout(join(root, "a")))).toBe(false);
    expect(checkoutBuilt(fakeCheckout(join(root, "b"), true))).toBe(true);
  });

  it("names the provider's source address in the examples, so the first plan finds it", () => {
    scaffold({ dir: join(root, "p"), type: "files", namespace: "acme" });
    const required = /terraform \{\n {2}required_providers \{\n {4}files = \{\n {6}source = "acme\/files"\n/;
    expect(read("examples/provider/provider.tf")).toMatch(required);
    const quickstart = read("examples/quickstart/main.tf");
    expect(quickstart).toMatch(required);
    expect(quickstart).toContain('resource "files_file" "greeting"');
    expect(quickstart).toContain('data "files_file" "greeting"');
    expect(quickstart).toContain("provider::files::slug(");
    expect(read("README.md")).toContain("cd examples/quickstart");
  });
});
