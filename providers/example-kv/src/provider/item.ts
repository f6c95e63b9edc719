/**
 * The deprecated `kv_item` resource: the version-0-era name of `kv_entry`
 * (attributes `key`, `data`, `id`). `moved { from = kv_item.x, to = kv_entry.x }`
 * works through `kv_entry`'s state mover.
 */
import { a, pm, s } from "@pyvider/schema";
import { kvDefiners } from "./provider.js";

/** The `kv_item` schema (version 0). */
export const itemSchema = s.resource(
  {
    key: a.str({ required: true, planModifiers: [pm.requiresReplace()], description: "The entry's key." }),
    data: a.str({ required: true, sensitive: true, description: "The value." }),
    id: a.str({
      computed: true,
      planModifiers: [pm.useStateForUnknown()],
      description: "`<namespace>/<key>`.",
    }),
  },
  {
    deprecated: "kv_item is deprecated: use kv_entry (a moved block carries the state over).",
    description: "The old name of `kv_entry`. Deprecated: move to `kv_entry` with a `moved` block.",
  },
);

/** The `kv_item` resource. */
export const itemResource = kvDefiners.defineResource({
  name: "kv_item",
  schema: itemSchema,
  async create(ctx) {
    const store = ctx.provider;
    ctx.signal.throwIfAborted(); // before the write, never after it
    await store.put(ctx.config.key, { value: ctx.config.data }, { expectVersion: 0 });
    return { key: ctx.config.key, data: ctx.config.data, id: `${store.namespace}/${ctx.config.key}` };
  },
  async read(ctx) {
    const entry = await ctx.provider.get(ctx.state.key);
    return entry ? { ...ctx.state, data: entry.value } : null;
  },
  async update(ctx) {
    ctx.signal.throwIfAborted();
    await ctx.provider.put(ctx.config.key, { value: ctx.config.data });
    return { ...ctx.prior, data: ctx.config.data };
  },
  async delete(ctx) {
    ctx.signal.throwIfAborted();
    await ctx.provider.delete(ctx.prior.key);
  },
});
