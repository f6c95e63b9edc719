/**
 * Protocol-level tests of the provider-wide RPCs against the fixture provider executable:
 * GetProviderSchema, GetMetadata, GetResourceIdentitySchemas, GetFunctions, ValidateProviderConfig,
 * ConfigureProvider and StopProvider; plus what must never reach a log line.
 */
import { typeFromJSON, typeString } from "@pyvider/cty";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type Fixture, startFixture } from "./fixture/start.js";

let f: Fixture;
beforeAll(async () => {
  f = await startFixture({ TF_LOG: "trace" });
});
afterAll(async () => {
  await f?.process.dispose();
});

describe("GetProviderSchema", () => {
  it("describes every component with its flags, nesting and version, and the server capabilities", async () => {
    const s = await f.process.getProviderSchema({});
    expect(s.diagnostics).toEqual([]);
    expect(s.serverCapabilities).toEqual({
      planDestroy: true,
      getProviderSchemaOptional: true,
      moveResourceState: true,
      generateResourceConfig: true,
    });
    expect(Object.keys(s.resourceSchemas).sort()).toEqual([
      "fixture_computed",
      "fixture_item",
      "fixture_later",
      "fixture_legacy",
    ]);
    expect(Object.keys(s.dataSourceSchemas).sort()).toEqual(["fixture_later", "fixture_lookup"]);
    expect(Object.keys(s.functions).sort()).toEqual(["divide", "join", "upper"]);
    expect(Object.keys(s.ephemeralResourceSchemas).sort()).toEqual(["fixture_later", "fixture_token"]);
    expect(Object.keys(s.listResourceSchemas)).toEqual(["fixture_item"]);
    expect(Object.keys(s.actionSchemas)).toEqual(["fixture_touch"]);
    expect(Object.keys(s.stateStoreSchemas)).toEqual(["fixture_store"]);
    const item = s.resourceSchemas.fixture_item!;
    expect(item.version).toBe(1);
    const attr = (n: string) => item.block!.attributes.find((a) => a.name === n)!;
    expect(attr("secret")).toMatchObject({ sensitive: true, optional: true });
    expect(attr("password_wo")).toMatchObject({ writeOnly: true, optional: true });
    expect(attr("id")).toMatchObject({ computed: true, optional: false });
    expect(attr("size")).toMatchObject({ computed: true, optional: true });
    expect(typeString(typeFromJSON(attr("labels").type))).toBe("set(string)");
    expect(attr("settings").nestedType?.nesting).toBe(1); // SINGLE
    expect(item.block!.blockTypes.map((b) => [b.typeName, b.nesting])).toEqual([
      ["endpoint", 3],
      ["rule", 2],
    ]);
    expect(s.provider!.block!.attributes.find((a) => a.name === "token")?.sensitive).toBe(true);
    expect(s.functions.join?.variadicParameter?.name).toBe("parts");
  });

  it("answers the same encoded schema every time", async () => {
    const a = await f.process.getProviderSchema({});
    const b = await f.process.getProviderSchema({});
    expect(b).toEqual(a);
  });
});

describe("GetMetadata, GetResourceIdentitySchemas, GetFunctions", () => {
  it("lists every component by name", async () => {
    const m = await f.process.getMetadata({});
    expect(m.resources.map((r) => r.typeName).sort()).toEqual([
      "fixture_computed",
      "fixture_item",
      "fixture_later",
      "fixture_legacy",
    ]);
    expect(m.functions.map((r) => r.name).sort()).toEqual(["divide", "join", "upper"]);
    expect(m.listResources.map((r) => r.typeName)).toEqual(["fixture_item"]);
    expect(m.actions.map((r) => r.typeName)).toEqual(["fixture_touch"]);
    expect(m.stateStores.map((r) => r.typeName)).toEqual(["fixture_store"]);
    expect(m.ephemeralResources.map((r) => r.typeName).sort()).toEqual(["fixture_later", "fixture_token"]);
    expect(m.dataSources.map((r) => r.typeName).sort()).toEqual(["fixture_later", "fixture_lookup"]);
    expect(m.serverCapabilities?.planDestroy).toBe(true);
  });

  it("gives identity schemas of resources that have one", async () => {
    const r = await f.process.getResourceIdentitySchemas({});
    expect(Object.keys(r.identitySchemas)).toEqual(["fixture_item"]);
    expect(r.identitySchemas.fixture_item?.identityAttributes).toEqual([
      expect.objectContaining({ name: "name", requiredForImport: true, optionalForImport: false }),
    ]);
  });

  it("gives function signatures", async () => {
    const r = await f.process.getFunctions({});
    expect(r.functions.divide?.parameters.map((p) => p.name)).toEqual(["dividend", "divisor"]);
    expect(new TextDecoder().decode(r.functions.upper?.return?.type)).toBe('"string"');
    expect(r.functions.upper?.summary).toBe("Upper-cases a string");
  });
});

describe("ValidateProviderConfig and ConfigureProvider", () => {
  it("reports schema errors with paths and the provider's own validation", async () => {
    expect(await f.client.validateProviderConfig({ dir: "/tmp/x" })).toEqual([]);
    expect(await f.client.validateProviderConfig({ dir: "" })).toEqual([
      expect.objectContaining({ severity: "error", summary: "Invalid directory", path: "dir" }),
    ]);
  });

  it("turns a failing configure into a diagnostic, then configures", async () => {
    const failed = await f.client.configureProvider({ fail_configure: true });
    expect(failed).toEqual([
      expect.objectContaining({ severity: "error", summary: "cannot reach the fixture backend" }),
    ]);
    expect(await f.client.configureProvider({ token: "tok-SENSITIVE-42" })).toEqual([]);
  });
});

describe("StopProvider", () => {
  it("aborts a hanging handler through its signal; the provider keeps serving", async () => {
    const config = { name: "hang", content: "__hang__" };
    const plan = await f.client.planResourceChange("fixture_item", { config });
    const pending = f.client.applyResourceChange("fixture_item", { planned: plan.plannedValue, config });
    await new Promise((r) => setTimeout(r, 300));
    expect(await f.process.stopProvider({})).toEqual({ Error: "" });
    const apply = await pending;
    expect(apply.diagnostics).toEqual([
      expect.objectContaining({ severity: "error", summary: "Operation cancelled" }),
    ]);
    const after = await f.client.planAndApply("fixture_item", {
      config: { name: "after-stop", content: "x" },
    });
    expect(after.apply.diagnostics).toEqual([]);
  });
});

describe("logging", () => {
  it("never writes sensitive values to a log line, even at trace level", async () => {
    const secret = "s3cr3t-NEVER-LOGGED";
    const password = "wo-NEVER-LOGGED";
    await f.client.planAndApply("fixture_item", {
      config: { name: "logged", content: "c", secret, password_wo: password },
    });
    await f.client.readDataSource("fixture_lookup", { name: "logged" });
    await new Promise((r) => setTimeout(r, 200));
    const log = f.process.stderrLines.join("\n");
    expect(f.process.stderrLines.length).toBeGreaterThan(0);
    expect(log).not.toContain(secret);
    expect(log).not.toContain(password);
    expect(log).not.toContain("tok-SENSITIVE-42");
  });
});
