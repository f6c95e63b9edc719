/**
 * Type-level tests: run by `tsc --noEmit -p tsconfig.typetest.json` (see src/typecheck.test.ts).
 * Every `expectTypeOf` and `@ts-expect-error` here is checked by the compiler.
 */
import { CtyNumber, CtyString, type UnknownMarker } from "@pyvider/cty";
import { expectTypeOf } from "vitest";
import {
  a,
  attribute,
  b,
  type InferConfig,
  type InferFunctionArgs,
  type InferFunctionResult,
  type InferPlan,
  type InferState,
  resourceSchema,
  SchemaBuilder,
  s,
} from "../src/index.js";

const item = s.resource({
  name: a.str({ required: true }),
  size: a.num({ default: 1 }),
  label: a.str(),
  id: a.str({ computed: true }),
  both: a.str({ optional: true, computed: true }),
  secret: a.str({ writeOnly: true }),
  tags: a.map(a.str()),
  pair: a.tuple([a.str(), a.num()], { required: true }),
  endpoint: a.obj({ host: a.str(), port: CtyNumber }, { required: true }),
  servers: a.nested.list({ host: a.str({ required: true }), port: a.num() }),
  meta: a.nested.single({ owner: a.str({ required: true }) }, { required: true }),
  byName: a.nested.map({ v: a.bool({ required: true }) }),
  rule: b.list({ match: a.str({ required: true }), inner: b.single({ x: a.num({ required: true }) }) }),
  opts: b.group({ level: a.num() }),
});

type Config = InferConfig<typeof item>;
type Plan = InferPlan<typeof item>;
type State = InferState<typeof item>;

// Config: required T, optional T | null, computed-only absent, write-only present.
expectTypeOf<Config["name"]>().toEqualTypeOf<string>();
expectTypeOf<Config["size"]>().toEqualTypeOf<number | null>();
expectTypeOf<Config["label"]>().toEqualTypeOf<string | null>();
expectTypeOf<Config["both"]>().toEqualTypeOf<string | null>();
expectTypeOf<Config["secret"]>().toEqualTypeOf<string | null>();
expectTypeOf<Config["tags"]>().toEqualTypeOf<Record<string, string> | null>();
expectTypeOf<Config["pair"]>().toEqualTypeOf<[string | null, number | null]>();
expectTypeOf<Config["endpoint"]>().toEqualTypeOf<{ host: string | null; port: number | null }>();
expectTypeOf<Config>().not.toHaveProperty("id");
expectTypeOf<Config["servers"]>().toEqualTypeOf<{ host: string; port: number | null }[] | null>();
expectTypeOf<Config["meta"]>().toEqualTypeOf<{ owner: string }>();
expectTypeOf<Config["byName"]>().toEqualTypeOf<Record<string, { v: boolean }> | null>();
expectTypeOf<Config["rule"]>().toEqualTypeOf<{ match: string; inner: { x: number } | null }[]>();
expectTypeOf<Config["opts"]>().toEqualTypeOf<{ level: number | null }>();

// State: computed-only and defaulted attributes are T; write-only absent.
expectTypeOf<State["id"]>().toEqualTypeOf<string>();
expectTypeOf<State["size"]>().toEqualTypeOf<number>();
expectTypeOf<State["both"]>().toEqualTypeOf<string | null>();
expectTypeOf<State["name"]>().toEqualTypeOf<string>();
expectTypeOf<State>().not.toHaveProperty("secret");

// Plan: like state, but anything may be Unknown, at every depth.
expectTypeOf<Plan["id"]>().toEqualTypeOf<string | UnknownMarker>();
expectTypeOf<Plan["label"]>().toEqualTypeOf<string | UnknownMarker | null>();
expectTypeOf<Plan["servers"]>().toEqualTypeOf<
  | ({ host: string | UnknownMarker; port: number | UnknownMarker | null } | UnknownMarker)[]
  | UnknownMarker
  | null
>();
expectTypeOf<Plan["tags"]>().toEqualTypeOf<Record<string, string | UnknownMarker> | UnknownMarker | null>();
expectTypeOf<Plan>().not.toHaveProperty("secret");

// A handler returning the wrong shape does not compile.
async function read(): Promise<State> {
  return {
    name: "n",
    size: 1,
    label: null,
    id: "i",
    both: null,
    tags: null,
    pair: ["a", 1],
    endpoint: { host: "h", port: 1 },
    servers: null,
    meta: { owner: "o" },
    byName: null,
    rule: [],
    opts: { level: null },
  };
}
void read;

// @ts-expect-error: `id` must be a string in state, not a number
const wrongId: State = { ...({} as State), id: 42 };
void wrongId;

async function create(): Promise<State> {
  // @ts-expect-error: `name` is required in state and is missing
  return {
    size: 1,
    label: null,
    id: "i",
    both: null,
    tags: null,
    pair: ["a", 1],
    endpoint: { host: "h", port: 1 },
    servers: null,
    meta: { owner: "o" },
    byName: null,
    rule: [],
    opts: { level: null },
  };
}
void create;

// @ts-expect-error: a state value cannot be Unknown
const unknownInState: State["id"] = Symbol.for("@pyvider/cty.Unknown") as UnknownMarker;
void unknownInState;

// @ts-expect-error: a required config attribute cannot be null
const nullName: Config["name"] = null;
void nullName;

// Defaults are typed by the attribute's type.
// @ts-expect-error: a string default on a number attribute
a.num({ default: "one" });
a.num({ default: 1 });
a.str({ default: ({ config }) => (config.isNull ? "a" : "b") });

// The builder infers the same types.
const built = new SchemaBuilder()
  .addAttribute("name", CtyString, { required: true })
  .addAttribute("size", CtyNumber, { default: 1 })
  .addAttribute("id", CtyString, { computed: true })
  .addBlock("rule", "list", (r) => r.addAttribute("match", CtyString, { required: true }))
  .build();
expectTypeOf<InferConfig<typeof built>>().toEqualTypeOf<{
  name: string;
  size: number | null;
  rule: { match: string }[];
}>();
expectTypeOf<InferState<typeof built>>().toEqualTypeOf<{
  name: string;
  size: number;
  id: string;
  rule: { match: string }[];
}>();

// Decorated fields must declare the attribute's state type.
@resourceSchema
class Good {
  @attribute({ type: CtyString, required: true }) name!: string;
  @attribute({ type: CtyString }) label!: string | null;
  @attribute({ type: CtyNumber, computed: true }) n!: number;
}
void Good;

@resourceSchema
class Bad {
  // @ts-expect-error: a string attribute declared as a number field
  @attribute({ type: CtyString, required: true }) name!: number;
}
void Bad;

// Provider functions: argument and result types follow the signature.
const join = s.fn({
  parameters: [
    { name: "sep", type: CtyString },
    { name: "maybe", type: a.num(), allowNull: true, allowUnknown: true },
  ],
  variadicParameter: { name: "parts", type: a.list(CtyString) },
  returns: CtyString,
});
expectTypeOf<InferFunctionArgs<typeof join>>().toEqualTypeOf<
  [string, number | null | UnknownMarker, ...string[][]]
>();
expectTypeOf<InferFunctionResult<typeof join>>().toEqualTypeOf<string | null>();
const noArgs = s.fn({ returns: a.bool() });
expectTypeOf<InferFunctionArgs<typeof noArgs>>().toEqualTypeOf<[]>();
