/**
 * The `kv_bundle` resource: several entries as one resource, to exercise
 * nesting (a set nested attribute, a list block, a single nested attribute).
 * Entry `k` of a bundle with prefix `p` is stored under key `p` + `k`.
 */
import { a, b, type InferState, pm, s, v } from "@pyvider/schema";
import type { KvStore } from "../store/index.js";
import { kvDefiners } from "./provider.js";

/** The `kv_bundle` schema. */
export const bundleSchema = s.resource({
  prefix: a.str({ required: true, planModifiers: [pm.requiresReplace()] }),
  entries: a.nested.set(
    {
      key: a.str({ required: true }),
      value: a.str({ required: true, sensitive: true }),
      secret: a.bool({ optional: true, default: false }),
    },
    { optional: true },
  ),
  rule: b.list({ match: a.str({ required: true }), ttl_seconds: a.num({ optional: true }) }, { maxItems: 3 }),
  settings: a.nested.single(
    {
      overwrite: a.bool({ optional: true, default: false }),
      compression: a.str({ optional: true, default: "none", validators: [v.oneOf("none", "gzip")] }),
    },
    { optional: true },
  ),
  keys: a.list(a.str(), { computed: true }),
});

/** The state of a `kv_bundle`. */
export type BundleState = InferState<typeof bundleSchema>;

/** The `kv_bundle` resource. */
export const bundleResource = kvDefiners.defineResource({
  name: "kv_bundle",
  schema: bundleSchema,
  async create(ctx): Promise<BundleState> {
    return write(ctx.provider, ctx.config as unknown as BundleState, undefined);
  },
  async read(ctx): Promise<BundleState | null> {
    const keys = ctx.state.keys ?? [];
    for (const key of keys) if (!(await ctx.provider.get(key))) return null;
    return ctx.state;
  },
  async update(ctx): Promise<BundleState> {
    return write(ctx.provider, ctx.config as unknown as BundleState, ctx.prior);
  },
  async delete(ctx) {
    for (const key of ctx.prior.keys ?? []) await ctx.provider.delete(key);
  },
});

async function write(
  store: KvStore,
  config: BundleState,
  prior: BundleState | undefined,
): Promise<BundleState> {
  const overwrite = config.settings?.overwrite === true;
  const keys: string[] = [];
  for (const e of config.entries ?? []) {
    const key = `${config.prefix}${e.key}`;
    const existing = await store.get(key);
    const owned = prior?.keys?.includes(key) ?? false;
    if (existing && !owned && !overwrite) {
      throw new Error(`entry "${key}" already exists; set settings.overwrite = true to take it over`);
    }
    const rule = (config.rule ?? []).find((r) => key.includes(r.match));
    await store.put(key, {
      value: e.value,
      tags: e.secret ? { secret: "true" } : {},
      ttlSeconds: rule?.ttl_seconds ?? null,
    });
    keys.push(key);
  }
  for (const old of prior?.keys ?? []) if (!keys.includes(old)) await store.delete(old);
  keys.sort();
  return { ...config, keys };
}
