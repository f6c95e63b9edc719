/** `--module`: the schema from the provider's module through @pyvider/hub, without starting it. */
import { readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { runCli, tempDir } from "./cli.js";

const MODULE = fileURLToPath(new URL("../fixtures/hub-provider/provider.ts", import.meta.url));
let dir: string;
let cleanup: () => void;

beforeAll(() => {
  const t = tempDir("module");
  dir = t.dir;
  cleanup = t.cleanup;
  writeFileSync(
    join(dir, "package.json"),
    JSON.stringify({ name: "h", version: "1.0.0", pyvider: { type: "hubby", namespace: "acme" } }),
  );
});
afterAll(() => cleanup?.());

describe("--module", () => {
  it("dumps the schema the hub describes", async () => {
    const r = await runCli(["schema", "--module", MODULE], dir);
    expect(r.code, r.stderr).toBe(0);
    const p = JSON.parse(r.stdout).provider_schemas["registry.terraform.io/acme/hubby"];
    expect(p.provider.block.attributes.root).toEqual({
      type: "string",
      description: "Root.",
      description_kind: "plain",
      optional: true,
    });
    expect(p.resource_schemas.hubby_item.version).toBe(1);
    expect(p.resource_schemas.hubby_item.block.attributes.tags).toEqual({
      type: ["map", "string"],
      description_kind: "plain",
      optional: true,
    });
    expect(p.functions.upper).toEqual({
      summary: "Upper-cases.",
      return_type: "string",
      parameters: [{ name: "text", description: "Text.", type: "string" }],
    });
  });

  it("writes docs from it", async () => {
    const r = await runCli(["docs", "--module", MODULE], dir);
    expect(r.code, r.stderr).toBe(0);
    expect(readFileSync(join(dir, "docs/resources/item.md"), "utf8")).toContain(
      "- `name` (String) Its name.",
    );
  });

  it("explains a module without a provider", async () => {
    writeFileSync(join(dir, "empty.mjs"), "export const nothing = 1;\n");
    const r = await runCli(["schema", "--module", "empty.mjs"], dir);
    expect(r.code).toBe(1);
    expect(r.stderr).toContain("no provider in");
  });
});
