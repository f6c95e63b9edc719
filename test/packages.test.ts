import { existsSync, readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { publint } from "publint";
import { describe, expect, it } from "vitest";

const root = join(__dirname, "..");
const packageDirs = readdirSync(join(root, "packages")).map((d) => join(root, "packages", d));

/** Every published package: its own README, an exports map with types, and a clean publint run. */
describe.each(packageDirs)("package %s", (dir) => {
  const pkg = JSON.parse(readFileSync(join(dir, "package.json"), "utf8"));

  it("has a README, src/index.ts and an exports map with types", () => {
    expect(existsSync(join(dir, "README.md"))).toBe(true);
    expect(existsSync(join(dir, "src/index.ts"))).toBe(true);
    expect(pkg.name).toMatch(/^@pyvider\//);
    expect(pkg.exports["."].types).toBe("./dist/index.d.ts");
    expect(pkg.exports["."].import).toBe("./dist/index.js");
    expect(existsSync(join(dir, pkg.exports["."].types))).toBe(true);
  });

  it("passes publint", async () => {
    const { messages } = await publint({ pkgDir: dir, level: "warning", pack: "npm" });
    expect(messages.map((m) => `${m.code} ${JSON.stringify(m.args)}`)).toEqual([]);
  });
});
