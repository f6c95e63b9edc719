/**
 * Cross-check of `proposedNewState` and `prepareComputedBlocks` against the real binaries: the
 * `pns` fixture provider records every PlanResourceChange request it gets while OpenTofu and
 * Terraform create a resource with nested computed values and then change its configuration;
 * for each request, what we compute from its prior state and configuration must equal the
 * proposed new state the binary sent, value for value.
 */
import { rawEquals, toNative } from "@pyvider/cty";
import {
  type CallContext,
  createProviderHandlers,
  startPluginServer,
  type tfplugin6,
} from "@pyvider/protocol";
import { describe, expect, it } from "vitest";
import { buildPns } from "../__fixtures__/proposed-provider.js";
import { testBinaries } from "../acceptance/binaries.testutil.js";
import { defaultRegistry, type TfFlavor } from "../acceptance/binary.js";
import { acceptanceTest } from "../acceptance/runner.js";
import { prepareComputedBlocks, proposedNewState } from "./proposed.js";
import { wireBlockType } from "./schema-types.js";
import { decodeValue } from "./values.js";

const T = 240_000;

const first = `
resource "pns_thing" "t" {
  name = "one"
  single_attr = { a = "s1" }
  list_attr = [{ a = "l1", deep = [{ a = "d1" }] }, { a = "l2" }]
  set_attr = [{ a = "p" }, { a = "q" }]
  map_attr = { k = { a = "m1" }, j = { a = "m2" } }
  lst {
    a = "x"
    inner { a = "i1" }
  }
  lst { a = "y" }
  st { a = "s-a" }
  st { a = "s-b" }
  one { a = "o" }
}
`;

const second = `
resource "pns_thing" "t" {
  name = "one"
  oc = "mine"
  single_attr = { a = "s2" }
  list_attr = [{ a = "l1", deep = [{ a = "d2" }, { a = "d3" }] }]
  set_attr = [{ a = "q" }, { a = "r" }]
  map_attr = { k = { a = "m1" }, n = { a = "m3" } }
  lst {
    a = "x2"
    inner { a = "i1" }
    inner { a = "i2" }
  }
  lst { a = "y" }
  lst { a = "z" }
  st { a = "s-b" }
  st { a = "s-c" }
}
`;

const computedFirst = `
resource "pns_cthing" "t" {
  name = "c"
  lst { a = "x" }
}
`;

const computedSecond = `
resource "pns_cthing" "t" {
  name = "c"
  lst { a = "x2" }
  lst { a = "y" }
}
`;

const quiet = { write: () => {} };

interface Recorded {
  readonly typeName: string;
  readonly prior: tfplugin6.DynamicValue | undefined;
  readonly proposed: tfplugin6.DynamicValue | undefined;
  readonly config: tfplugin6.DynamicValue | undefined;
}

/** Runs two steps against `binary` with a provider that records its plan requests. */
async function record(flavor: TfFlavor, binary: string, configs: string[]) {
  const { handlers, schema } = createProviderHandlers(buildPns(flavor === "terraform"));
  const seen: Recorded[] = [];
  const recording: typeof handlers = {
    ...handlers,
    planResourceChange: (req: tfplugin6.PlanResourceChange_Request, ctx: CallContext) => {
      seen.push({
        typeName: req.typeName,
        prior: req.priorState,
        proposed: req.proposedNewState,
        config: req.config,
      });
      return handlers.planResourceChange(req, ctx);
    },
  };
  await acceptanceTest({
    binary,
    provider: {
      name: "pns",
      reattach: async () => {
        const server = await startPluginServer({
          debug: true,
          providerAddress: `${defaultRegistry(flavor)}/pyvider/pns`,
          exitOnShutdown: false,
          handleProcessEvents: false,
          watchParent: false,
          captureStdout: false,
          stdout: quiet,
          stderr: quiet,
          handlers: recording,
        });
        if (server.reattach === undefined) throw new Error("no reattach configuration in debug mode");
        return { config: server.reattach, close: () => server.shutdown("test finished") };
      },
    },
    steps: configs.map((config) => ({ config })),
  });
  return { seen, schema };
}

/** Checks every recorded request; returns how many had a prior state and a configuration. */
function check(seen: readonly Recorded[], schema: tfplugin6.GetProviderSchema_Response): number {
  let updates = 0;
  for (const r of seen) {
    const block = schema.resourceSchemas[r.typeName]?.block;
    const type = wireBlockType(block);
    const prior = decodeValue(r.prior, type);
    const config = decodeValue(r.config, type);
    const sent = decodeValue(r.proposed, type);
    if (config.isNull) continue;
    if (!prior.isNull) updates++;
    // The config arrives prepared: preparing it again changes nothing.
    expect(rawEquals(prepareComputedBlocks(block, config), config)).toBe(true);
    const ours = proposedNewState(block, prior, config);
    const where = `${r.typeName} prior=${JSON.stringify(toNative(prior))}`;
    expect(toNative(ours), where).toEqual(toNative(sent));
    expect(rawEquals(ours, sent), where).toBe(true);
  }
  return updates;
}

describe.each(testBinaries())("proposed new state against %s", (flavor, binary) => {
  it(
    "equals what the binary proposes for nested computed attributes and blocks, on create and after a change",
    async () => {
      const { seen, schema } = await record(flavor as TfFlavor, binary, [first, second]);
      expect(seen.length).toBeGreaterThanOrEqual(3);
      expect(check(seen, schema)).toBeGreaterThanOrEqual(2);
      // The plan of the change carried prior values at depth, set matching included.
      const type = wireBlockType(schema.resourceSchemas.pns_thing?.block);
      const change = seen
        .map((r) => toNative(decodeValue(r.proposed, type)) as Record<string, unknown> | null)
        .find((v) => v?.oc === "mine");
      expect(change).toMatchObject({
        id: "id-one",
        lst: [
          {
            a: "x2",
            c: "c-x",
            inner: [
              { a: "i1", c: "c-i1" },
              { a: "i2", c: null },
            ],
          },
          { c: "c-y" },
          { c: null },
        ],
        st: expect.arrayContaining([
          { a: "s-b", c: "c-s-b" },
          { a: "s-c", c: null },
        ]),
        set_attr: expect.arrayContaining([
          { a: "q", c: "c-q" },
          { a: "r", c: null },
        ]),
        map_attr: { k: { a: "m1", c: "c-m1" }, n: { a: "m3", c: null } },
        list_attr: [
          {
            a: "l1",
            c: "c-l1",
            deep: [
              { a: "d2", c: "c-d1" },
              { a: "d3", c: null },
            ],
          },
        ],
      });
    },
    T,
  );

  if (flavor === "terraform") {
    it(
      "equals what Terraform proposes for computed blocks at depth",
      async () => {
        const { seen, schema } = await record("terraform", binary, [computedFirst, computedSecond]);
        expect(check(seen, schema)).toBeGreaterThanOrEqual(2);
        // Terraform sent the empty computed blocks at depth prepared (null).
        const type = wireBlockType(schema.resourceSchemas.pns_cthing?.block);
        const configs = seen.map((r) => toNative(decodeValue(r.config, type)));
        expect(configs).toContainEqual(
          expect.objectContaining({ made: null, lst: [expect.objectContaining({ made: null })] }),
        );
      },
      T,
    );
  }
});
