import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { DEFAULT_PLATFORMS, executableName, loadProject, providerAddress } from "./project.js";

const dirs: string[] = [];
afterEach(() => {
  for (const d of dirs.splice(0)) rmSync(d, { recursive: true, force: true });
});
function project(pkg: unknown): string {
  const dir = mkdtempSync(join(tmpdir(), "pyvider-project-"));
  dirs.push(dir);
  writeFileSync(join(dir, "package.json"), typeof pkg === "string" ? pkg : JSON.stringify(pkg));
  return dir;
}

describe("loadProject", () => {
  it("applies the defaults and finds the project from a subdirectory", () => {
    const dir = project({ name: "terraform-provider-kv", version: "1.2.3", pyvider: { type: "kv" } });
    mkdirSync(join(dir, "src/deep"), { recursive: true });
    const p = loadProject(join(dir, "src/deep"));
    expect(p).toEqual({
      dir,
      packageName: "terraform-provider-kv",
      version: "1.2.3",
      type: "kv",
      namespace: "pyvider",
      hostname: "registry.terraform.io",
      entry: join(dir, "dist/main.js"),
      platforms: DEFAULT_PLATFORMS,
    });
    expect(executableName(p)).toBe("terraform-provider-kv_v1.2.3");
    expect(providerAddress(p)).toBe("registry.terraform.io/pyvider/kv");
  });

  it("prefers src/main.ts when it exists and honours every field", () => {
    const dir = project({
      version: "0.1.0-beta.1",
      pyvider: { type: "my-kv", namespace: "acme", hostname: "example.com", platforms: ["linux_arm64"] },
    });
    mkdirSync(join(dir, "src"));
    writeFileSync(join(dir, "src/main.ts"), "");
    const p = loadProject(dir);
    expect([p.entry, p.namespace, p.hostname, p.platforms]).toEqual([
      join(dir, "src/main.ts"),
      "acme",
      "example.com",
      ["linux_arm64"],
    ]);
  });

  it.each([
    [{ version: "1.0.0", pyvider: { type: "Bad_Type" } }, /"pyvider.type" must be a provider type name/],
    [{ version: "1.0", pyvider: { type: "kv" } }, /"version" must be a semantic version/],
    [
      { version: "1.0.0", pyvider: { type: "kv", namespace: "" } },
      /"pyvider.namespace" must be a non-empty string/,
    ],
    [
      { version: "1.0.0", pyvider: { type: "kv", platforms: ["linux"] } },
      /"pyvider.platforms" must be a list/,
    ],
    [{ version: "1.0.0", pyvider: [] }, /"pyvider" must be an object/],
    ["{ not json", /cannot read .*package.json/],
  ])("rejects %j with a message naming the field", (pkg, message) => {
    expect(() => loadProject(project(pkg))).toThrow(message);
  });

  it("explains how to create a project when there is none", () => {
    const dir = project({ name: "not-a-provider" });
    expect(() => loadProject(dir)).toThrow(/no provider project found/);
  });
});
