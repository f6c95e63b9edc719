/**
 * Fixture: the `pns` provider, for the cross-check of `proposedNewState` against a real binary.
 * `pns_thing` has computed attributes inside nested attribute types (each nesting mode) and
 * nested blocks (list with a list inside, set, single); the provider computes each `c` from its
 * sibling `a`. Terraform 1.16 also gets `pns_cthing`, with computed blocks.
 *
 * @module
 */
import type { ProviderDefinition } from "@pyvider/hub";
import { buildProvider, defineProvider, forProvider } from "@pyvider/hub";
import { a, b, s } from "@pyvider/schema";

const pns = defineProvider({ name: "pns", schema: s.provider({}) });
const { defineResource } = forProvider(pns);

const leaf = () => ({ a: a.str({ optional: true }), c: a.str({ computed: true }) });

const made = () => ({ a: a.str({ computed: true }), c: a.str({ computed: true }) });

type Plain = Record<string, unknown>;

/** Sets every computed block `made` the plan leaves unknown or null. */
function make(v: unknown): unknown {
  if (Array.isArray(v)) return v.map(make);
  if (v === null || typeof v !== "object") return v;
  const out: Plain = {};
  for (const [k, x] of Object.entries(v as Plain)) {
    out[k] = k === "made" && !Array.isArray(x) ? [{ a: "m", c: "c-m" }] : make(x);
  }
  return out;
}

/** Fills every computed `c` (at any depth) from its sibling `a`, and `id` from `name`. */
function fill(v: unknown): unknown {
  if (Array.isArray(v)) return v.map(fill);
  if (v === null || typeof v !== "object") return v;
  const o = v as Plain;
  const out: Plain = {};
  for (const [k, x] of Object.entries(o)) out[k] = fill(x);
  if ("c" in o && "a" in o) out.c = `c-${String(o.a)}`;
  if ("name" in o && "id" in o) out.id = `id-${String(o.name)}`;
  if ("oc" in o && typeof o.oc !== "string") out.oc = "oc-default";
  return out;
}

const thing = defineResource({
  name: "pns_thing",
  schema: s.resource({
    name: a.str({ required: true }),
    id: a.str({ computed: true }),
    oc: a.str({ optional: true, computed: true }),
    single_attr: a.nested.single(leaf()),
    list_attr: a.nested.list({ ...leaf(), deep: a.nested.list(leaf()) }),
    set_attr: a.nested.set(leaf()),
    map_attr: a.nested.map(leaf()),
    lst: b.list({ ...leaf(), inner: b.list(leaf()) }),
    st: b.set(leaf()),
    one: b.single(leaf()),
  }),
  create: (ctx) => fill(ctx.plan) as never,
  read: (ctx) => ctx.state,
  update: (ctx) => fill(ctx.plan) as never,
  delete: () => {},
});

const cthing = defineResource({
  name: "pns_cthing",
  schema: s.resource({
    name: a.str({ required: true }),
    id: a.str({ computed: true }),
    lst: b.list({ ...leaf(), made: b.list(made(), { computed: true }) }),
    made: b.list(made(), { computed: true }),
  }),
  create: (ctx) => make(fill(ctx.plan)) as never,
  read: (ctx) => ctx.state,
  update: (ctx) => make(fill(ctx.plan)) as never,
  delete: () => {},
});

/** The provider with `pns_thing` (and `pns_cthing` when `computedBlocks`). */
export function buildPns(computedBlocks: boolean): ProviderDefinition {
  return buildProvider(pns, computedBlocks ? [thing, cthing] : [thing]);
}
