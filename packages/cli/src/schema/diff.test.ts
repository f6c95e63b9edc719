import { describe, expect, it } from "vitest";
import { diffSchemas } from "./diff.js";
import type { ProviderSchemaJson, ProvidersSchemaJson } from "./json-types.js";

function base(): ProviderSchemaJson {
  return {
    provider: { version: 0, block: { attributes: { path: { type: "string", optional: true } } } },
    resource_schemas: {
      kv_entry: {
        version: 0,
        block: {
          attributes: {
            key: { type: "string", required: true },
            value: { type: "string", optional: true },
            tags: { type: ["map", "string"], optional: true, computed: true },
            id: { type: "string", computed: true },
            items: {
              nested_type: { nesting_mode: "list", attributes: { n: { type: "number", optional: true } } },
              optional: true,
            },
          },
          block_types: {
            rule: {
              nesting_mode: "list",
              max_items: 5,
              block: { attributes: { m: { type: "bool", optional: true } } },
            },
          },
        },
      },
    },
    data_source_schemas: {
      kv_lookup: { version: 0, block: { attributes: { key: { type: "string", required: true } } } },
    },
    functions: {
      upper: { return_type: "string", parameters: [{ name: "s", type: "string" }] },
    },
  };
}

const wrap = (p: ProviderSchemaJson): ProvidersSchemaJson => ({
  format_version: "1.0",
  provider_schemas: { "registry.terraform.io/acme/kv": p },
});

function diffAfter(change: (p: ProviderSchemaJson) => void) {
  const next = base();
  change(next);
  return diffSchemas(wrap(base()), wrap(next));
}

const entry = (p: ProviderSchemaJson) => {
  const block = p.resource_schemas?.kv_entry?.block;
  if (!block?.attributes || !block.block_types) throw new Error("fixture");
  return block as Required<typeof block>;
};

describe("diffSchemas", () => {
  it("finds nothing between equal schemas", () => {
    expect(diffSchemas(wrap(base()), wrap(base()))).toEqual({ breaking: [], nonBreaking: [] });
  });

  const breaking: Array<[string, (p: ProviderSchemaJson) => void]> = [
    ["resource-removed", (p) => delete p.resource_schemas?.kv_entry],
    ["data_source-removed", (p) => delete p.data_source_schemas?.kv_lookup],
    ["function-removed", (p) => delete p.functions?.upper],
    ["attribute-removed", (p) => delete entry(p).attributes.value],
    ["block-removed", (p) => delete entry(p).block_types.rule],
    [
      "optional-to-required",
      (p) => Object.assign(entry(p).attributes.value ?? {}, { optional: false, required: true }),
    ],
    ["required-attribute-added", (p) => (entry(p).attributes.extra = { type: "string", required: true })],
    ["type-changed", (p) => Object.assign(entry(p).attributes.value ?? {}, { type: "number" })],
    ["computed-removed", (p) => Object.assign(entry(p).attributes.tags ?? {}, { computed: false })],
    ["forces-replacement", (p) => Object.assign(entry(p).attributes.value ?? {}, { requires_replace: true })],
    ["nesting-mode-changed", (p) => Object.assign(entry(p).block_types.rule ?? {}, { nesting_mode: "set" })],
    ["max-items-lowered", (p) => Object.assign(entry(p).block_types.rule ?? {}, { max_items: 2 })],
    ["min-items-raised", (p) => Object.assign(entry(p).block_types.rule ?? {}, { min_items: 1 })],
    [
      "required-block-added",
      (p) => (entry(p).block_types.must = { nesting_mode: "list", min_items: 1, block: {} }),
    ],
    [
      "nesting-mode-changed",
      (p) => Object.assign(entry(p).attributes.items?.nested_type ?? {}, { nesting_mode: "set" }),
    ],
    ["attribute-removed", (p) => delete entry(p).attributes.items?.nested_type?.attributes?.n],
    [
      "became-read-only",
      (p) => Object.assign(entry(p).attributes.value ?? {}, { optional: false, computed: true }),
    ],
    [
      "function-signature-changed",
      (p) => p.functions?.upper?.parameters?.push({ name: "t", type: "string" }),
    ],
    ["function-signature-changed", (p) => Object.assign(p.functions?.upper ?? {}, { return_type: "number" })],
    [
      "function-signature-changed",
      (p) => Object.assign(p.functions?.upper ?? {}, { variadic_parameter: { name: "r", type: "string" } }),
    ],
    ["attribute-removed", (p) => delete p.provider?.block?.attributes?.path],
  ];

  it.each(breaking)("flags %s as breaking", (rule, change) => {
    const diff = diffAfter(change);
    expect(diff.breaking.map((c) => c.rule)).toContain(rule);
  });

  const compatible: Array<[string, (p: ProviderSchemaJson) => void]> = [
    [
      "resource-added",
      (p) => Object.assign(p.resource_schemas ?? {}, { kv_other: { version: 0, block: {} } }),
    ],
    ["function-added", (p) => Object.assign(p.functions ?? {}, { lower: { return_type: "string" } })],
    ["attribute-added", (p) => (entry(p).attributes.note = { type: "string", optional: true })],
    [
      "required-to-optional",
      (p) => Object.assign(entry(p).attributes.key ?? {}, { required: false, optional: true }),
    ],
    ["max-items-raised", (p) => Object.assign(entry(p).block_types.rule ?? {}, { max_items: 0 })],
    ["block-added", (p) => (entry(p).block_types.maybe = { nesting_mode: "list", block: {} })],
    ["sensitive-changed", (p) => Object.assign(entry(p).attributes.value ?? {}, { sensitive: true })],
    ["schema-version-changed", (p) => Object.assign(p.resource_schemas?.kv_entry ?? {}, { version: 1 })],
    [
      "function-parameter-renamed",
      (p) => Object.assign(p.functions?.upper?.parameters?.[0] ?? {}, { name: "input" }),
    ],
  ];

  it.each(compatible)("lists %s as compatible", (rule, change) => {
    const diff = diffAfter(change);
    expect(diff.breaking).toEqual([]);
    expect(diff.nonBreaking.map((c) => c.rule)).toContain(rule);
  });

  it("treats object types with reordered attributes as equal", () => {
    const diff = diffAfter((p) => {
      entry(p).attributes.value = { type: ["object", { b: "number", a: "string" }], optional: true };
    });
    const again = base();
    entry(again).attributes.value = { type: ["object", { a: "string", b: "number" }], optional: true };
    const other = base();
    entry(other).attributes.value = { type: ["object", { b: "number", a: "string" }], optional: true };
    expect(diffSchemas(wrap(again), wrap(other))).toEqual({ breaking: [], nonBreaking: [] });
    expect(diff.breaking.map((c) => c.rule)).toEqual(["type-changed"]);
  });

  it("names the path of a nested change", () => {
    const diff = diffAfter((p) => delete entry(p).block_types.rule?.block?.attributes?.m);
    expect(diff.breaking[0]?.path).toBe("resource kv_entry: attribute rule.m");
  });

  it("refuses a document without provider_schemas", () => {
    expect(() => diffSchemas({ format_version: "1.0" }, wrap(base()))).toThrow(
      /not a provider schema document/,
    );
  });
});
