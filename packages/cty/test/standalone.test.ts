/**
 * The published shape works on its own: build @pyvider/cty into a staging folder, `npm pack` it,
 * install the tarball into an empty project (only its declared dependencies, from the registry),
 * and round-trip a value in a child `node` process that imports the package by name.
 */
import { execFileSync } from "node:child_process";
import { cpSync, mkdirSync, mkdtempSync, readdirSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { afterAll, describe, expect, it } from "vitest";

const pkgDir = join(dirname(fileURLToPath(import.meta.url)), "..");
const work = mkdtempSync(join(tmpdir(), "pyvider-cty-standalone-"));

afterAll(() => {
  rmSync(work, { recursive: true, force: true });
});

function run(cmd: string, args: string[], cwd: string): string {
  return execFileSync(cmd, args, {
    cwd,
    encoding: "utf8",
    stdio: ["ignore", "pipe", "pipe"],
    env: { ...process.env, npm_config_fund: "false", npm_config_audit: "false" },
  });
}

const script = `
import { CtyNumber, CtyObject, CtySet, CtyString, CtyDynamic, objectVal, numberVal, setVal, stringVal, unknownVal, True,
  encodeMsgpack, decodeMsgpack, encodeJSON, decodeJSON, typeToJSON, typeFromJSON } from "@pyvider/cty";
const t = CtyObject({ big: CtyNumber, tags: CtySet(CtyString), later: CtyString, any: CtyDynamic });
const v = objectVal({ big: numberVal("123456789012345678901234567890.5"), tags: setVal([stringVal("b"), stringVal("a")]),
  later: unknownVal(CtyString, { notNull: true }), any: True });
const bytes = encodeMsgpack(v, t);
const again = encodeMsgpack(decodeMsgpack(bytes, t), t);
const known = objectVal({ big: numberVal("1e30"), tags: setVal([stringVal("x")]), later: stringVal("y"), any: numberVal(2) });
const json = encodeJSON(known, t);
console.log(JSON.stringify({
  hex: Buffer.from(bytes).toString("hex"),
  same: Buffer.from(again).equals(Buffer.from(bytes)),
  json, jsonBack: encodeJSON(decodeJSON(json, t), t),
  type: typeToJSON(typeFromJSON(typeToJSON(t))),
}));
`;

describe("standalone install", () => {
  it("packs, installs from the tarball and round-trips a value", { timeout: 300_000 }, () => {
    const stage = join(work, "stage");
    mkdirSync(stage);
    run("npx", ["tsup", "--out-dir", join(stage, "dist")], pkgDir);
    cpSync(join(pkgDir, "package.json"), join(stage, "package.json"));
    cpSync(join(pkgDir, "README.md"), join(stage, "README.md"));
    cpSync(join(pkgDir, "LICENSE"), join(stage, "LICENSE"));
    // the stage is built already; its prepack (the repository's guard) is not there to run
    run("npm", ["pack", "--ignore-scripts", "--pack-destination", work], stage);
    const tarball = readdirSync(work).find((f) => f.endsWith(".tgz"));
    expect(tarball).toBeDefined();

    const app = join(work, "app");
    mkdirSync(app);
    writeFileSync(join(app, "package.json"), JSON.stringify({ name: "app", private: true, type: "module" }));
    run("npm", ["install", "--ignore-scripts", "--no-package-lock", join(work, tarball!)], app);
    writeFileSync(join(app, "main.mjs"), script);
    const out = JSON.parse(run(process.execPath, ["main.mjs"], app)) as Record<string, unknown>;
    expect(out.same).toBe(true);
    expect(out.hex).toBe(
      "84a3616e7992c40622626f6f6c22c3a3626967d9203132333435363738393031323334353637383930313233343536373839302e35a56c61746572c7030c8101c2a47461677392a161a162",
    );
    expect(out.json).toBe(
      '{"any":{"value":2,"type":"number"},"big":1000000000000000000000000000000,"later":"y","tags":["x"]}',
    );
    expect(out.jsonBack).toBe(out.json);
    expect(out.type).toBe(
      '["object",{"any":"dynamic","big":"number","later":"string","tags":["set","string"]}]',
    );
  });
});
