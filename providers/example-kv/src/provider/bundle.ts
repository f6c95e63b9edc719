/**
 * The `kv_bundle` resource: several entries as one resource, to exercise
 * nesting (a set nested attribute, a list block, a single nested attribute).
 * Entry `k` of a bundle with prefix `p` is stored under key `p` + `k`.
 *
 * The versions of its entries when the state last saw them live in the private state: every
 * write and delete of an entry the bundle owns carries its version, and all of them are checked
 * before anything is written, so a bundle changed meanwhile by someone else is a conflict that
 * writes nothing. (The store locks one key at a time: a change that lands between that check and
 * the writes still stops at its own key, and the writes before it stay.)
 */
import { privateState } from "@pyvider/hub";
import { a, b, type InferConfig, type InferState, pm, s, v } from "@pyvider/schema";
import { type KvStore, VersionConflictError } from "../store/index.js";
import { versionConflict } from "./conflicts.js";
import { kvDefiners } from "./provider.js";

/** What `kv_bundle` keeps in private state: each owned key's version when the state last saw it. */
type BundlePrivate = { versions: { [key: string]: number } };

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
  privateState: privateState<BundlePrivate>(),
  async create(ctx) {
    ctx.signal.throwIfAborted();
    const written = await write(ctx.provider, ctx.config, [], {});
    ctx.private.set("versions", written.versions);
    return withDefaults(ctx.config, written.keys);
  },
  async read(ctx) {
    // Every key must still exist with the value the bundle wrote; otherwise plan to write it again.
    const prefix = ctx.state.prefix;
    const entries = [];
    const versions: Record<string, number> = {};
    for (const e of ctx.state.entries ?? []) {
      const stored = await ctx.provider.get(`${prefix}${e.key}`);
      if (stored) {
        entries.push({ ...e, value: stored.value });
        versions[stored.key] = stored.version;
      }
    }
    if (entries.length === 0 && (ctx.state.entries?.length ?? 0) > 0) return null;
    ctx.private.set("versions", versions);
    return { ...ctx.state, entries };
  },
  async update(ctx) {
    ctx.signal.throwIfAborted();
    const written = await write(
      ctx.provider,
      ctx.config,
      ctx.prior.keys ?? [],
      ctx.private.get("versions") ?? {},
    );
    ctx.private.set("versions", written.versions);
    return withDefaults(ctx.config, written.keys);
  },
  async delete(ctx) {
    ctx.signal.throwIfAborted();
    const store = ctx.provider;
    const versions = ctx.private.get("versions") ?? {};
    const keys = ctx.prior.keys ?? [];
    await checkVersions(store, keys, versions, "delete");
    for (const key of keys) {
      try {
        await store.delete(key, expecting(versions[key]));
      } catch (error) {
        if (!(error instanceof VersionConflictError)) throw error;
        if (error.actual !== 0) throw versionConflict(store, key, "delete", error, "entries");
        // already gone: what a delete wants
      }
    }
  },
});

/** The write condition for a version the state saw (none in state from before versions were kept). */
const expecting = (version: number | undefined) => (version === undefined ? {} : { expectVersion: version });

/**
 * Refuses, before anything is written, when an owned key is no longer at the version the state
 * saw (deleted keys count as version 0: for a delete that is no conflict).
 */
async function checkVersions(
  store: KvStore,
  keys: readonly string[],
  versions: Readonly<Record<string, number>>,
  operation: "update" | "delete",
): Promise<void> {
  for (const key of keys) {
    const expected = versions[key];
    if (expected === undefined) continue;
    const actual = (await store.get(key))?.version ?? 0;
    if (actual === expected || (operation === "delete" && actual === 0)) continue;
    throw versionConflict(store, key, operation, new VersionConflictError(key, expected, actual), "entries");
  }
}

/**
 * Writes the bundle's entries (taking over existing keys only with `overwrite`), removes dropped
 * ones; returns the sorted keys and the versions written.
 */
async function write(
  store: KvStore,
  config: BundleConfig,
  priorKeys: readonly string[],
  versions: Readonly<Record<string, number>>,
): Promise<{ keys: string[]; versions: Record<string, number> }> {
  const overwrite = config.settings?.overwrite === true;
  const entries = config.entries ?? [];
  const keys = entries.map((e) => `${config.prefix}${e.key}`);
  const owned = new Set(priorKeys);
  // Check every key first, so a refused take-over or a stale state writes nothing.
  await checkVersions(store, priorKeys, versions, "update");
  const takenOver = new Map<string, number>();
  for (const key of keys) {
    if (owned.has(key)) continue;
    const existing = await store.get(key);
    if (existing && !overwrite) {
      throw new Error(`entry "${key}" already exists; set settings.overwrite = true to take it over`);
    }
    takenOver.set(key, existing?.version ?? 0);
  }
  const written: Record<string, number> = {};
  await Promise.all(
    entries.map(async (e, i) => {
      const key = keys[i] as string;
      const rule = config.rule.find((r) => key.includes(r.match));
      const expected = owned.has(key) ? versions[key] : takenOver.get(key);
      try {
        const entry = await store.put(
          key,
          {
            value: e.value,
            tags: e.secret === true ? { secret: "true" } : {},
            ttlSeconds: rule?.ttl_seconds ?? null,
          },
          expecting(expected),
        );
        written[key] = entry.version;
      } catch (error) {
        if (error instanceof VersionConflictError)
          throw versionConflict(store, key, "update", error, "entries");
        throw error;
      }
    }),
  );
  const kept = new Set(keys);
  await Promise.all(
    priorKeys
      .filter((k) => !kept.has(k))
      .map(async (k) => {
        try {
          await store.delete(k, expecting(versions[k]));
        } catch (error) {
          if (!(error instanceof VersionConflictError)) throw error;
          if (error.actual !== 0) throw versionConflict(store, k, "delete", error, "entries");
        }
      }),
  );
  return { keys: keys.sort(), versions: written };
}
