/**
 * Type-level and run-time tests of the handlers Terraform may call before ConfigureProvider:
 * their `ctx.provider` is `PD | undefined`, so unguarded use does not compile, and at run time it
 * is undefined until `configure` has run.
 */
import { a, s } from "@pyvider/schema";
import { createLogger } from "@pyvider/telemetry";
import { describe, expect, expectTypeOf, it } from "vitest";
import { buildProvider, defineProvider, forProvider } from "./index.js";

class Client {
  readonly namespace = "ns";
}

const provider = defineProvider({
  name: "kv",
  schema: s.provider({}),
  configure: () => new Client(),
});
const { defineResource, defineDataSource, defineAction, defineEphemeralResource } = forProvider(provider);
const schema = s.resource({ key: a.str({ required: true }), id: a.str({ computed: true }) }, { version: 1 });

const seen: unknown[] = [];
const entry = defineResource({
  name: "kv_thing",
  schema,
  validate(ctx) {
    expectTypeOf(ctx.provider).toEqualTypeOf<Client | undefined>();
    // @ts-expect-error the provider may not be configured when Terraform validates
    void ctx.provider.namespace;
  },
  create(ctx) {
    expectTypeOf(ctx.provider).toEqualTypeOf<Client>();
    return { key: ctx.config.key, id: `${ctx.provider.namespace}/${ctx.config.key}` };
  },
  read: (ctx) => ctx.state,
  delete: () => {},
  upgradeState: {
    0: (ctx) => {
      expectTypeOf(ctx.provider).toEqualTypeOf<Client | undefined>();
      return { key: String(ctx.raw.key), id: String(ctx.raw.id) };
    },
  },
  moveState: [
    {
      move(ctx) {
        expectTypeOf(ctx.provider).toEqualTypeOf<Client | undefined>();
        seen.push(ctx.provider);
        const key = String(ctx.sourceState.key);
        return { key, id: `${ctx.provider?.namespace ?? "default"}/${key}` };
      },
    },
  ],
});

const lookup = defineDataSource({
  name: "kv_lookup",
  schema: s.dataSource({ key: a.str({ required: true }) }),
  validate(ctx) {
    expectTypeOf(ctx.provider).toEqualTypeOf<Client | undefined>();
  },
  read(ctx) {
    expectTypeOf(ctx.provider).toEqualTypeOf<Client>();
    return ctx.config;
  },
});

const act = defineAction({
  name: "kv_act",
  schema: s.action({}),
  validate(ctx) {
    expectTypeOf(ctx.provider).toEqualTypeOf<Client | undefined>();
  },
  plan(ctx) {
    expectTypeOf(ctx.provider).toEqualTypeOf<Client>();
  },
  invoke: () => {},
});

const eph = defineEphemeralResource({
  name: "kv_eph",
  schema: s.ephemeral({ v: a.str({ computed: true }) }),
  validate(ctx) {
    expectTypeOf(ctx.provider).toEqualTypeOf<Client | undefined>();
  },
  open: () => ({ v: "x" }),
});

describe("handlers Terraform may call before configure", () => {
  it("get an undefined ctx.provider before configure and the provider data after", async () => {
    const p = buildProvider(provider, [entry, lookup, act, eph], {
      logger: createLogger({ name: "t", level: "off", stream: { write: () => true } }),
    });
    const move = () =>
      p.resource("kv_thing")!.moveState({
        sourceProviderAddress: "registry.terraform.io/pyvider/kv",
        sourceTypeName: "kv_old",
        sourceSchemaVersion: 0,
        sourceState: { key: "k" },
      });
    const before = await move();
    expect(before.ok).toBe(true);
    expect(before.value?.state).toEqual({ key: "k", id: "default/k" });
    expect((await p.configure({ config: {} })).ok).toBe(true);
    const after = await move();
    expect(after.value?.state).toEqual({ key: "k", id: "ns/k" });
    expect(seen[0]).toBeUndefined();
    expect(seen[1]).toBeInstanceOf(Client);
  });
});
