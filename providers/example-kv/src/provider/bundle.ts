/**
 * The `kv_bundle` resource: several entries as one resource, to exercise
 * nesting (a set nested attribute, a list block, a single nested attribute).
 * Entry `k` of a bundle with prefix `p` is stored under key `p` + `k`.
 */
import { a, b, type InferConfig, type InferState, pm, s, v } from "@pyvider/schema";
import type { KvStore } from "../store/index.js";
import { kvDefiners } from "./provider.js";

/** The `kv_bundle` schema. */
export const bundleSchema = s.resource(
  {
    prefix: a.str({
      required: true,
      planModifiers: [pm.requiresReplace()],
      description: "Prefix of every key of the bundle. Changing it replaces the bundle.",
    }),
    entries: a.nested.set(
      {
        key: a.str({ required: true, description: "Key, after the prefix." }),
        value: a.str({ required: true, sensitive: true, description: "Value." }),
        secret: a.bool({
          optional: true,
          default: false,
          description: 'Tags the stored entry with `secret = "true"`.',
        }),
      },
      { optional: true, description: "The entries written under `prefix`." },
    ),
    rule: b.list(
      {
        match: a.str({ required: true, description: "Applies to entries whose key contains this text." }),
        ttl_seconds: a.num({ optional: true, description: "Time to live recorded on those entries." }),
      },
      { maxItems: 3, description: "Per-entry rules; the first that matches applies." },
    ),
    settings: a.nested.single(
      {
        overwrite: a.bool({
          optional: true,
          default: false,
          description: "Take over keys that exist already outside the bundle (otherwise an error).",
        }),
        compression: a.str({
          optional: true,
          default: "none",
          validators: [v.oneOf("none", "gzip")],
          description: '`"none"` or `"gzip"`.',
        }),
      },
      { optional: true, description: "How the bundle is written." },
    ),
    keys: a.list(a.str(), { computed: true, description: "The full keys written, sorted." }),
  },
  { description: "Several entries under one prefix, written and deleted together." },
);

/** The state of a `kv_bundle`. */
export type BundleState = InferState<typeof bundleSchema>;

/** The configuration of a `kv_bundle`. */
type BundleConfig = InferConfig<typeof bundleSchema>;

/**
 * The state for a configuration: the configuration with the schema's defaults filled in
 * (`secret = false`, `overwrite = false`, `compression = "none"`), as the plan has them.
 */
function withDefaults(config: BundleConfig, keys: string[]): BundleState {
  return {
    prefix: config.prefix,
    entries: config.entries?.map((e) => ({ key: e.key, value: e.value, secret: e.secret ?? false })) ?? null,
    rule: config.rule.map((r) => ({ match: r.match, ttl_seconds: r.ttl_seconds ?? null })),
    settings:
      config.settings == null
        ? null
        : {
            overwrite: config.settings.overwrite ?? false,
            compression: config.settings.compression ?? "none",
          },
    keys,
  };
}

/** The `kv_bundle` resource. */
export const bundleResource = kvDefiners.defineResource({
  name: "kv_bundle",
  schema: bundleSchema,
  async create(ctx) {
    return withDefaults(ctx.config, await write(ctx.provider, ctx.config, []));
  },
  async read(ctx) {
    // Every key must still exist with the value the bundle wrote; otherwise plan to write it again.
    const prefix = ctx.state.prefix;
    const entries = [];
    for (const e of ctx.state.entries ?? []) {
      const stored = await ctx.provider.get(`${prefix}${e.key}`);
      if (stored) entries.push({ ...e, value: stored.value });
    }
    if (entries.length === 0 && (ctx.state.entries?.length ?? 0) > 0) return null;
    return { ...ctx.state, entries };
  },
  async update(ctx) {
    return withDefaults(ctx.config, await write(ctx.provider, ctx.config, ctx.prior.keys ?? []));
  },
  async delete(ctx) {
    for (const key of ctx.prior.keys ?? []) await ctx.provider.delete(key);
  },
});

/** Writes the bundle's entries (taking over existing keys only with `overwrite`), removes dropped ones; returns the sorted keys. */
async function write(store: KvStore, config: BundleConfig, priorKeys: readonly string[]): Promise<string[]> {
  const overwrite = config.settings?.overwrite === true;
  const entries = config.entries ?? [];
  const keys = entries.map((e) => `${config.prefix}${e.key}`);
  const owned = new Set(priorKeys);
  // Check every key first, so a refused take-over writes nothing.
  for (const key of keys) {
    if (!owned.has(key) && !overwrite && (await store.get(key))) {
      throw new Error(`entry "${key}" already exists; set settings.overwrite = true to take it over`);
    }
  }
  await Promise.all(
    entries.map((e, i) => {
      const key = keys[i] as string;
      const rule = config.rule.find((r) => key.includes(r.match));
      return store.put(key, {
        value: e.value,
        tags: e.secret === true ? { secret: "true" } : {},
        ttlSeconds: rule?.ttl_seconds ?? null,
      });
    }),
  );
  const kept = new Set(keys);
  await Promise.all(priorKeys.filter((k) => !kept.has(k)).map((k) => store.delete(k)));
  return keys.sort();
}
