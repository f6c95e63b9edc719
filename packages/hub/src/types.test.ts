/**
 * Type-level tests: handler contexts are typed from the schemas, with no casts. `tsc --noEmit`
 * checks these; at run time they only build the definitions.
 */
import { CtyNumber, CtyString, type UnknownMarker } from "@pyvider/cty";
import { a, s } from "@pyvider/schema";
import { describe, expectTypeOf, it } from "vitest";
import {
  defineDataSource,
  defineFunction,
  defineProvider,
  type FunctionContext,
  forProvider,
  type ListResult,
  privateState,
  type ResourceContexts,
  serviceKey,
} from "./index.js";

class Client {
  get(_key: string): string | undefined {
    return undefined;
  }
}

const provider = defineProvider({
  name: "kv",
  schema: s.provider({ endpoint: a.str({ optional: true }) }),
  configure(ctx) {
    expectTypeOf(ctx.config.endpoint).toEqualTypeOf<string | null | UnknownMarker>();
    return new Client();
  },
});
const kv = forProvider(provider);

const itemSchema = s.resource(
  {
    key: a.str({ required: true }),
    tags: a.map(CtyString, { optional: true }),
    size: a.num({ computed: true }),
  },
  { version: 1 },
);
const itemIdentity = s.identity({ key: a.str({ required: true }) });

describe("typed contexts", () => {
  it("types resource handlers from the schema, identity and private state", () => {
    const item = kv.defineResource({
      name: "kv_item",
      schema: itemSchema,
      identity: itemIdentity,
      privateState: privateState<{ etag: string }>(),
      create(ctx) {
        expectTypeOf(ctx.config).toEqualTypeOf<{ key: string; tags: Record<string, string> | null }>();
        expectTypeOf(ctx.plan.size).toEqualTypeOf<number | UnknownMarker>();
        expectTypeOf(ctx.provider).toEqualTypeOf<Client>();
        expectTypeOf(ctx.private.get("etag")).toEqualTypeOf<string | undefined>();
        expectTypeOf(ctx.setIdentity).parameter(0).toEqualTypeOf<{ key: string }>();
        expectTypeOf(ctx.signal).toEqualTypeOf<AbortSignal>();
        // @ts-expect-error: "etag" is a string
        ctx.private.set("etag", 1);
        return { key: ctx.config.key, tags: ctx.config.tags, size: 1 };
      },
      read(ctx) {
        expectTypeOf(ctx.state).toEqualTypeOf<{
          key: string;
          tags: Record<string, string> | null;
          size: number;
        }>();
        return null;
      },
      delete(ctx) {
        expectTypeOf(ctx.prior.size).toEqualTypeOf<number>();
      },
      plan(ctx) {
        expectTypeOf(ctx.planned).toEqualTypeOf<{
          key: string | UnknownMarker;
          tags: Record<string, string | UnknownMarker> | null | UnknownMarker;
          size: number | UnknownMarker;
        } | null>();
      },
      importState(ctx) {
        if (ctx.by === "identity") expectTypeOf(ctx.identityValue).toEqualTypeOf<{ key: string }>();
        return { key: ctx.by === "id" ? ctx.id : ctx.identityValue.key };
      },
      upgradeState: { 0: (ctx) => ({ key: String(ctx.raw.k), tags: null, size: 0 }) },
    });
    expectTypeOf(item.name).toEqualTypeOf<string>();
  });

  it("rejects results that do not match the schema", () => {
    kv.defineResource({
      name: "kv_bad",
      schema: itemSchema,
      // @ts-expect-error: size must be a number
      create: (ctx) => ({ key: ctx.config.key, tags: null, size: "big" }),
      read: () => null,
      delete: () => {},
    });
  });

  it("types the other component kinds", () => {
    kv.defineDataSource({
      name: "kv_get",
      schema: s.dataSource({ key: a.str({ required: true }), value: a.str({ computed: true }) }),
      read(ctx) {
        expectTypeOf(ctx.config).toEqualTypeOf<{ key: string }>();
        return { key: ctx.config.key, value: ctx.provider.get(ctx.config.key) ?? "" };
      },
    });
    kv.defineEphemeralResource({
      name: "kv_tok",
      schema: s.ephemeral({ token: a.str({ computed: true }) }),
      privateState: privateState<{ lease: number }>(),
      open(ctx) {
        ctx.private.set("lease", 1);
        return { token: "t" };
      },
      renew(ctx) {
        expectTypeOf(ctx.private.get("lease")).toEqualTypeOf<number | undefined>();
      },
    });
    const item = kv.defineResource({
      name: "kv_item",
      schema: itemSchema,
      identity: itemIdentity,
      create: (ctx) => ({ key: ctx.config.key, tags: null, size: 0 }),
      read: (ctx) => ctx.state,
      delete: () => {},
    });
    kv.defineListResource({
      resource: item,
      schema: s.list({ prefix: a.str({ optional: true }) }),
      async *list(ctx) {
        expectTypeOf(ctx.config.prefix).toEqualTypeOf<string | null>();
        expectTypeOf(ctx.includeResource).toEqualTypeOf<boolean>();
        yield { identity: { key: "k" }, resource: { key: "k", tags: null, size: 0 } };
      },
    });
    expectTypeOf<ListResult<typeof item>["identity"]>().toEqualTypeOf<{ key: string }>();
    kv.defineAction({
      name: "kv_do",
      schema: s.action({ times: a.num({ required: true }) }),
      invoke(ctx) {
        expectTypeOf(ctx.config.times).toEqualTypeOf<number>();
        expectTypeOf(ctx.progress).toEqualTypeOf<(message: string) => void>();
      },
    });
    kv.defineStateStore({
      name: "kv_store",
      schema: s.stateStore({ bucket: a.str({ required: true }) }),
      configure(ctx) {
        expectTypeOf(ctx.config.bucket).toEqualTypeOf<string | UnknownMarker>();
      },
      listStates: () => [],
      deleteState: () => {},
      readState: () => null,
      writeState(ctx) {
        expectTypeOf(ctx.data).toEqualTypeOf<AsyncIterable<Uint8Array>>();
      },
    });
  });

  it("types function arguments and results from the parameter list", () => {
    defineFunction({
      name: "pad",
      parameters: [
        { name: "text", type: CtyString },
        { name: "width", type: a.num(), allowNull: true },
      ],
      variadicParameter: { name: "extra", type: CtyNumber },
      returns: CtyString,
      run(ctx, text, width, ...extra) {
        expectTypeOf(ctx).toEqualTypeOf<FunctionContext>();
        expectTypeOf(text).toEqualTypeOf<string>();
        expectTypeOf(width).toEqualTypeOf<number | null>();
        expectTypeOf(extra).toEqualTypeOf<number[]>();
        return text.padEnd(width ?? 0);
      },
    });
    defineFunction({
      name: "bad",
      parameters: [],
      returns: CtyNumber,
      // @ts-expect-error: must return a number
      run: () => "x",
    });
  });

  it("gives decorated classes the same contexts", () => {
    type Ctx = ResourceContexts<typeof itemSchema, typeof itemIdentity, { etag: string }, Client>;
    expectTypeOf<Ctx["update"]["prior"]["tags"]>().toEqualTypeOf<Record<string, string> | null>();
    expectTypeOf<Ctx["read"]["provider"]>().toEqualTypeOf<Client>();
  });

  it("types service keys", async () => {
    const Key = serviceKey<{ n: number }>("types.n");
    const ds = defineDataSource({
      name: "kv_svc",
      schema: s.dataSource({ n: a.num({ computed: true }) }),
      async read(ctx) {
        const svc = await ctx.services.get(Key);
        expectTypeOf(svc).toEqualTypeOf<{ n: number }>();
        return { n: svc.n };
      },
    });
    expectTypeOf(ds.kind).toEqualTypeOf<"dataSource">();
  });
});
