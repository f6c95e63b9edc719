import { buildProvider, defineProvider, forProvider } from "@pyvider/hub";
import { schemaToWire } from "@pyvider/protocol";
import { a, b, s } from "@pyvider/schema";
import { describe, expect, it } from "vitest";
import { schemaDocumentFromHub } from "./from-hub.js";
import { schemaDocumentFromProto } from "./from-proto.js";

const provider = defineProvider({ name: "demo", schema: s.provider({}) });
const thing = forProvider(provider).defineResource({
  name: "demo_thing",
  schema: s.resource({
    name: a.str({ required: true }),
    old_name: a.str({ optional: true, deprecated: "Use name instead." }),
    flagged: a.str({ optional: true, deprecated: true }),
    legacy: b.single({ v: a.str({ optional: true }) }, { deprecated: "Use name instead." }),
    endpoint: b.list({ host: a.str({ computed: true }) }, { computed: true }),
  }),
  create: (ctx) => ctx.plan as never,
  read: (ctx) => ctx.state,
  delete() {},
});
const built = buildProvider(provider as never, [thing as never]);
const ADDRESS = "registry.terraform.io/acme/demo";

describe("schema JSON from a hub provider (tfplugin6 6.11 fields)", () => {
  it("writes deprecation messages like `terraform providers schema -json`, and no block computed flag", async () => {
    const doc = await schemaDocumentFromHub(ADDRESS, built as never);
    const block = doc.provider_schemas?.[ADDRESS]?.resource_schemas?.demo_thing?.block;
    expect(block?.attributes?.old_name).toMatchObject({
      deprecated: true,
      deprecation_message: "Use name instead.",
    });
    expect(block?.attributes?.flagged?.deprecated).toBe(true);
    expect(block?.attributes?.flagged).not.toHaveProperty("deprecation_message");
    expect(block?.block_types?.legacy?.block).toMatchObject({
      deprecated: true,
      deprecation_message: "Use name instead.",
    });
    // Terraform's JSON has no computed flag for blocks: the computed block reads as a plain one
    expect(block?.block_types?.endpoint).toEqual({
      nesting_mode: "list",
      block: {
        attributes: { host: { type: "string", description_kind: "plain", computed: true } },
        description_kind: "plain",
      },
    });
  });

  it("equals the document made from what the running provider sends (the protocol's schemaToWire)", async () => {
    const fromHub = await schemaDocumentFromHub(ADDRESS, built as never);
    const fromWire = schemaDocumentFromProto(ADDRESS, {
      provider: schemaToWire(provider.schema),
      resourceSchemas: { demo_thing: schemaToWire(thing.schema) },
      dataSourceSchemas: {},
      ephemeralResourceSchemas: {},
      listResourceSchemas: {},
      stateStoreSchemas: {},
      actionSchemas: {},
      functions: {},
      diagnostics: [],
      providerMeta: undefined,
      serverCapabilities: undefined,
    });
    expect(fromHub).toEqual(fromWire);
  });
});
