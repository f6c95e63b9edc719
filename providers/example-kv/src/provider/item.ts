/**
 * The deprecated `kv_item` resource: the version-0-era name of `kv_entry`
 * (attributes `key`, `data`, `id`). `moved { from = kv_item.x, to = kv_entry.x }`
 * works through `kv_entry`'s state mover.
 *
 * Its schema has no `version`, so the entry's version lives in the private state: updates and
 * deletes carry it, and a change made meanwhile by someone else is a conflict that writes
 * nothing. State written before the private version existed has none; the next refresh adds it.
 */
import { privateState, ResourceNotFoundError } from "@pyvider/hub";
import { a, pm, s } from "@pyvider/schema";
import { VersionConflictError } from "../store/index.js";
import { alreadyExists, versionConflict } from "./conflicts.js";
import { kvDefiners } from "./provider.js";

/** What `kv_item` keeps in private state: the entry's version when the state last saw it. */
type ItemPrivate = { version: number };

/** The write condition for the version the state last saw (none in state from before it was kept). */
const expecting = (version: number | undefined) => (version === undefined ? {} : { expectVersion: version });

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
  privateState: privateState<ItemPrivate>(),
  async create(ctx) {
    const store = ctx.provider;
    ctx.signal.throwIfAborted(); // before the write, never after it
    try {
      const entry = await store.put(ctx.config.key, { value: ctx.config.data }, { expectVersion: 0 });
      ctx.private.set("version", entry.version);
    } catch (error) {
      if (error instanceof VersionConflictError) throw alreadyExists(store, ctx.config.key, error, "key");
      throw error;
    }
    return { key: ctx.config.key, data: ctx.config.data, id: `${store.namespace}/${ctx.config.key}` };
  },
  async read(ctx) {
    const entry = await ctx.provider.get(ctx.state.key);
    if (!entry) return null;
    ctx.private.set("version", entry.version);
    return { ...ctx.state, data: entry.value };
  },
  async update(ctx) {
    const store = ctx.provider;
    ctx.signal.throwIfAborted();
    try {
      const entry = await store.put(
        ctx.config.key,
        { value: ctx.config.data },
        expecting(ctx.private.get("version")),
      );
      ctx.private.set("version", entry.version);
    } catch (error) {
      if (error instanceof VersionConflictError)
        throw versionConflict(store, ctx.config.key, "update", error, "data");
      throw error;
    }
    return { ...ctx.prior, data: ctx.config.data };
  },
  async delete(ctx) {
    const store = ctx.provider;
    ctx.signal.throwIfAborted();
    try {
      await store.delete(ctx.prior.key, expecting(ctx.private.get("version")));
    } catch (error) {
      if (!(error instanceof VersionConflictError)) throw error;
      if (error.actual === 0) throw new ResourceNotFoundError(`entry ${ctx.prior.key} is gone`);
      throw versionConflict(store, ctx.prior.key, "delete", error, "data");
    }
  },
});
