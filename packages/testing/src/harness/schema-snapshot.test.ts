import { buildProvider } from "@pyvider/hub";
import { a, s } from "@pyvider/schema";
import { describe, expect, it } from "vitest";
import { buildTestkit, testkit, testkitComponents } from "../__fixtures__/testkit.js";
import { tofuPath } from "../acceptance/binaries.testutil.js";
import { readProviderSchema } from "../acceptance/provider-schema.js";
import { schemaSnapshot } from "./schema-snapshot.js";

describe("schemaSnapshot", () => {
  it("describes every schema of the provider, names sorted (kept as a snapshot)", () => {
    const snap = schemaSnapshot(buildTestkit());
    expect(Object.keys(snap.resources)).toEqual(["testkit_item"]);
    expect(snap.resources.testkit_item?.identity?.block.attributes.map((x) => x.name)).toEqual(["name"]);
    expect(Object.keys(snap.functions)).toEqual(["shout"]);
    expect(snap).toMatchSnapshot();
  });

  it("changes when a schema changes, so the snapshot fails", () => {
    const before = schemaSnapshot(buildTestkit());
    const changed = {
      ...testkit,
      schema: s.provider({ dir: a.str({ required: true }), extra: a.num({ optional: true }) }),
    };
    const after = schemaSnapshot(buildProvider(changed as unknown as typeof testkit, testkitComponents));
    expect(after).not.toEqual(before);
    expect(after.provider.block.attributes.map((x) => x.name)).toEqual(["dir", "extra"]);
    expect(after.resources).toEqual(before.resources);
  });
});

describe.skipIf(tofuPath === undefined)("readProviderSchema", () => {
  it("reads the schema the binary sees (providers schema -json)", async () => {
    const schema = await readProviderSchema({
      binary: tofuPath!,
      provider: { name: "testkit", definition: buildTestkit },
    });
    const resources = schema.resource_schemas as Record<
      string,
      { block: { attributes: Record<string, unknown> } }
    >;
    expect(Object.keys(resources)).toEqual(["testkit_item"]);
    expect(Object.keys(resources.testkit_item!.block.attributes).sort()).toEqual([
      "content",
      "id",
      "name",
      "revision",
      "tag",
    ]);
    expect(Object.keys(schema.functions as object)).toEqual(["shout"]);
  }, 60_000);
});
