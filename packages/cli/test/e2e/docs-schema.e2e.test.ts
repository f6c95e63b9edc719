import { readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { afterEach, describe, expect, it } from "vitest";
import { runCli, tempDir } from "./cli.js";

const SCHEMA = fileURLToPath(new URL("../fixtures/kv-schema.json", import.meta.url));
const cleanups: Array<() => void> = [];
afterEach(() => {
  for (const c of cleanups.splice(0)) c();
});
function project(): string {
  const t = tempDir("docs");
  cleanups.push(t.cleanup);
  writeFileSync(
    join(t.dir, "package.json"),
    JSON.stringify({ name: "p", version: "1.0.0", pyvider: { type: "kv" } }),
  );
  return t.dir;
}

describe("pyvider docs", () => {
  it("writes the pages, then --check passes, then fails with the stale file listed", async () => {
    const dir = project();
    const first = await runCli(["docs", "--schema", SCHEMA], dir);
    expect(first.code).toBe(0);
    expect(first.stdout).toContain("wrote docs/resources/entry.md");
    const page = readFileSync(join(dir, "docs/resources/entry.md"), "utf8");
    expect(page).toContain('<a id="nestedatt--entries"></a>\n### Nested Schema for `entries`');
    expect(readFileSync(join(dir, "docs/data-sources/lookup.md"), "utf8")).toContain(
      "# kv_lookup (Data Source)",
    );

    const fresh = await runCli(["docs", "--schema", SCHEMA, "--check"], dir);
    expect(fresh.code).toBe(0);
    expect(fresh.stdout).toContain("docs are up to date (4 files)");

    writeFileSync(join(dir, "docs/functions/upper.md"), "hand edit\n");
    const stale = await runCli(["docs", "--schema", SCHEMA, "--check", "--json"], dir);
    expect(stale.code).toBe(1);
    expect(stale.stderr).toContain("changed  docs/functions/upper.md");
    expect(JSON.parse(stale.stdout)).toMatchObject({
      ok: false,
      stale: [{ path: "docs/functions/upper.md", reason: "changed" }],
    });
  });

  it("fails clearly on a file that is not a schema document", async () => {
    const dir = project();
    writeFileSync(join(dir, "bad.json"), '{"hello": 1}');
    const r = await runCli(["docs", "--schema", "bad.json"], dir);
    expect(r.code).toBe(1);
    expect(r.stderr).toContain("is not a provider schema document");
  });

  it("shows help with examples", async () => {
    const r = await runCli(["docs", "--help"], project());
    expect(r.code).toBe(0);
    expect(r.stdout).toContain("Usage: pyvider docs");
    expect(r.stdout).toContain("$ pyvider docs --check");
  });
});

describe("pyvider schema diff", () => {
  it("exits 0 for compatible changes and 1 for breaking ones, listing both", async () => {
    const dir = project();
    const doc = JSON.parse(readFileSync(SCHEMA, "utf8"));
    const kv = doc.provider_schemas["registry.terraform.io/pyvider/kv"];
    kv.resource_schemas.kv_entry.block.attributes.note = { type: "string", optional: true };
    writeFileSync(join(dir, "compatible.json"), JSON.stringify(doc));
    const ok = await runCli(["schema", "diff", SCHEMA, "compatible.json"], dir);
    expect(ok.code).toBe(0);
    expect(ok.stdout).toContain("resource kv_entry: attribute note: attribute added");

    delete kv.data_source_schemas.kv_lookup;
    kv.resource_schemas.kv_entry.block.attributes.value.type = "number";
    writeFileSync(join(dir, "breaking.json"), JSON.stringify(doc));
    const bad = await runCli(["schema", "diff", SCHEMA, "breaking.json", "--json"], dir);
    expect(bad.code).toBe(1);
    const result = JSON.parse(bad.stdout);
    expect(result.breaking.map((c: { rule: string }) => c.rule).sort()).toEqual([
      "data_source-removed",
      "type-changed",
    ]);
    expect(result.non_breaking.map((c: { rule: string }) => c.rule)).toEqual(["attribute-added"]);
  });

  it("is a usage error (exit 2) without two files", async () => {
    const r = await runCli(["schema", "diff", SCHEMA], project());
    expect(r.code).toBe(2);
    expect(r.stderr).toContain("exactly two files");
  });
});

describe("pyvider", () => {
  it("rejects an unknown command and an unknown flag", async () => {
    const dir = project();
    const unknown = await runCli(["frobnicate"], dir);
    expect(unknown.code).toBe(2);
    expect(unknown.stderr).toContain('unknown command "frobnicate"');
    const flag = await runCli(["docs", "--bogus"], dir);
    expect(flag.code).toBe(2);
    expect(flag.stderr).toContain("--bogus");
  });
});
