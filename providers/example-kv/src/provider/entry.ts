/**
 * The `kv_entry` resource (schema version 1): one key of the store. Identity
 * `{ namespace, key }`; import by `key`, `<namespace>/<key>` or identity; an
 * upgrader from version 0 (which called the value `data`); `moved` from the
 * deprecated `kv_item`.
 */
import { isUnknown } from "@pyvider/cty";
import { privateState, type ResourceContexts, ResourceNotFoundError } from "@pyvider/hub";
import { a, type InferState, pm, s, v } from "@pyvider/schema";
import {
  type Entry,
  KEY_PATTERN,
  type KvStore,
  NAMESPACE_PATTERN,
  VersionConflictError,
} from "../store/index.js";
import { alreadyExists, versionConflict } from "./conflicts.js";
import { kvDefiners } from "./provider.js";

/** The identity of an entry. */
export const entryIdentity = s.identity({
  namespace: a.str({ required: true, description: "The provider's namespace the entry lives in." }),
  key: a.str({ required: true, description: "The entry's key." }),
});

/** The `kv_entry` schema. */
export const entrySchema = s.resource(
  {
    key: a.str({
      required: true,
      description:
        "The entry's key: 1 to 256 letters, digits, `_`, `.`, `/` or `-`. Changing it replaces the entry.",
      validators: [
        v.matches(KEY_PATTERN, "must be 1 to 256 characters of letters, digits, '_', '.', '/' or '-'"),
      ],
      planModifiers: [pm.requiresReplace()],
    }),
    value: a.str({
      optional: true,
      sensitive: true,
      description: "The value, kept in state. Exactly one of `value` and `value_wo` must be set.",
    }),
    value_wo: a.str({
      optional: true,
      writeOnly: true,
      sensitive: true,
      description: "The value, never kept in state or plan. Written again when `value_wo_version` changes.",
    }),
    value_wo_version: a.num({
      optional: true,
      description: "Change it to write `value_wo` again.",
    }),
    tags: a.map(a.str(), { optional: true, description: "Free-form labels stored with the entry." }),
    ttl_seconds: a.num({
      optional: true,
      validators: [v.atLeast(0)],
      description: "Time to live in seconds, recorded with the entry (not enforced).",
    }),
    id: a.str({
      computed: true,
      planModifiers: [pm.useStateForUnknown()],
      description: "`<namespace>/<key>`.",
    }),
    version: a.num({
      computed: true,
      description:
        "Starts at 1 and grows by one on every change of the entry. Updates and deletes only go ahead if the stored entry still has the version in state; otherwise they fail with a conflict and change nothing.",
    }),
    created_at: a.str({
      computed: true,
      planModifiers: [pm.useStateForUnknown()],
      description: "When the entry was created (RFC 3339).",
    }),
    updated_at: a.str({ computed: true, description: "When the entry last changed (RFC 3339)." }),
    checksum: a.str({
      computed: true,
      description:
        "HMAC-SHA-256 hex of the value under the store's own key (`.checksum-key` in the store directory): it changes when the value changes, also for `value_wo`, but without that key it cannot be used to confirm a guessed value.",
    }),
  },
  {
    version: 1,
    validators: [v.exactlyOneOf("value", "value_wo")],
    description: "An entry of the kv store: a key and its value, with tags, in the provider's namespace.",
  },
);

/** The state of a `kv_entry`. */
export type EntryState = InferState<typeof entrySchema>;

type Config = {
  value?: string | null;
  value_wo?: string | null;
  tags?: Record<string, string> | null;
  ttl_seconds?: number | null;
};

/** The `kv_entry` state of a stored entry. */
export function toEntryState(
  namespace: string,
  entry: Entry,
  config: { value_wo_version?: number | null; writeOnly: boolean },
): EntryState {
  return {
    key: entry.key,
    value: config.writeOnly ? null : entry.value,
    value_wo_version: config.value_wo_version ?? null,
    tags: Object.keys(entry.tags).length === 0 ? null : { ...entry.tags },
    ttl_seconds: entry.ttlSeconds,
    id: `${namespace}/${entry.key}`,
    version: entry.version,
    created_at: entry.createdAt,
    updated_at: entry.updatedAt,
    checksum: entry.checksum,
  };
}

const input = (c: Config) => ({
  value: (c.value ?? c.value_wo ?? "") as string,
  tags: c.tags ?? {},
  ttlSeconds: c.ttl_seconds ?? null,
});

/**
 * The entry's private state: whether its value came from `value_wo` (then the state must never
 * hold it). Kept by Terraform with the resource; an imported entry has none, so its value shows.
 */
type EntryPrivate = { writeOnly: boolean };

/** Plans `version` (+1 on a change) and keeps computed values when nothing changes. */
function planEntry(
  ctx: ResourceContexts<typeof entrySchema, typeof entryIdentity, EntryPrivate, KvStore>["plan"],
): void {
  const { planned, prior } = ctx;
  if (!planned) return;
  if (!prior) {
    if (!isUnknown(planned.key)) planned.id = `${ctx.provider.namespace}/${planned.key}`;
    planned.version = 1;
    return;
  }
  const changed =
    planned.value !== prior.value ||
    planned.value_wo_version !== prior.value_wo_version ||
    JSON.stringify(planned.tags) !== JSON.stringify(prior.tags) ||
    planned.ttl_seconds !== prior.ttl_seconds;
  if (!changed) {
    planned.version = prior.version;
    planned.updated_at = prior.updated_at;
    planned.checksum = prior.checksum;
    return;
  }
  planned.version = prior.version + 1;
  if (typeof planned.value === "string") planned.checksum = ctx.provider.checksumOf(planned.value);
}

/** The namespace of an id `<namespace>/<key>` of entry `key`, if `id` is one. */
function namespaceFromId(id: unknown, key: string): string | undefined {
  if (typeof id !== "string" || !id.endsWith(`/${key}`)) return undefined;
  const namespace = id.slice(0, id.length - key.length - 1);
  return NAMESPACE_PATTERN.test(namespace) ? namespace : undefined;
}

/** The `kv_entry` resource. */
export const entryResource = kvDefiners.defineResource({
  name: "kv_entry",
  schema: entrySchema,
  identity: entryIdentity,
  privateState: privateState<EntryPrivate>(),
  async create(ctx) {
    const store = ctx.provider;
    // Cancellation-safe writes: check the signal before the write, never after it. A write that
    // has started is finished and its state returned, so the state records what the store holds.
    ctx.signal.throwIfAborted();
    try {
      const entry = await store.put(ctx.config.key, input(ctx.config), { expectVersion: 0 });
      const writeOnly = ctx.config.value == null;
      ctx.setIdentity({ namespace: store.namespace, key: entry.key });
      ctx.private.set("writeOnly", writeOnly);
      return toEntryState(store.namespace, entry, {
        value_wo_version: ctx.config.value_wo_version,
        writeOnly,
      });
    } catch (error) {
      if (error instanceof VersionConflictError) throw alreadyExists(store, ctx.config.key, error, "key");
      throw error;
    }
  },
  async read(ctx) {
    const store = ctx.provider;
    // The value in state is usually what the store holds: then the entry reuses that string, and a
    // large value is in memory once rather than twice.
    const entry = await store.get(ctx.state.key, { known: ctx.state.value ?? undefined });
    if (!entry) return null;
    ctx.setIdentity({ namespace: store.namespace, key: entry.key });
    const writeOnly = ctx.private.get("writeOnly") === true;
    return toEntryState(store.namespace, entry, { value_wo_version: ctx.state.value_wo_version, writeOnly });
  },
  async update(ctx) {
    const store = ctx.provider;
    ctx.signal.throwIfAborted();
    let entry: Entry;
    try {
      entry = await store.put(ctx.config.key, input(ctx.config), {
        expectVersion: ctx.prior.version,
      });
    } catch (error) {
      if (error instanceof VersionConflictError)
        throw versionConflict(store, ctx.config.key, "update", error, "version");
      throw error;
    }
    const writeOnly = ctx.config.value == null;
    ctx.private.set("writeOnly", writeOnly);
    return toEntryState(store.namespace, entry, { value_wo_version: ctx.config.value_wo_version, writeOnly });
  },
  async delete(ctx) {
    const store = ctx.provider;
    ctx.signal.throwIfAborted();
    try {
      await store.delete(ctx.prior.key, {
        expectVersion: ctx.prior.version,
      });
    } catch (error) {
      if (!(error instanceof VersionConflictError)) throw error;
      if (error.actual === 0) throw new ResourceNotFoundError(`entry ${ctx.prior.key} is gone`);
      throw versionConflict(store, ctx.prior.key, "delete", error, "version");
    }
  },
  async importState(ctx) {
    const store = ctx.provider;
    let key: string;
    if (ctx.by === "identity") {
      if (ctx.identityValue.namespace !== store.namespace) {
        throw new Error(
          `identity namespace "${ctx.identityValue.namespace}" is not the provider's "${store.namespace}"`,
        );
      }
      key = ctx.identityValue.key;
    } else {
      const prefix = `${store.namespace}/`;
      key = ctx.id.startsWith(prefix) && !(await store.get(ctx.id)) ? ctx.id.slice(prefix.length) : ctx.id;
    }
    ctx.setIdentity({ namespace: store.namespace, key });
    return { key, id: `${store.namespace}/${key}` };
  },
  upgradeState: {
    0: (ctx) => {
      const key = String(ctx.raw.key);
      const value = ctx.raw.data == null ? null : String(ctx.raw.data);
      return {
        key,
        value,
        value_wo_version: null,
        tags: null,
        ttl_seconds: null,
        id: typeof ctx.raw.id === "string" ? ctx.raw.id : `default/${key}`,
        version: 1,
        created_at: "",
        updated_at: "",
        checksum: "",
      };
    },
  },
  plan: planEntry,
  moveState: [
    {
      sourceTypeName: "kv_item",
      move(ctx) {
        const key = String(ctx.sourceState.key);
        const data = ctx.sourceState.data;
        // Terraform may move state on a provider it has not configured (Terraform 1.11 does for a
        // moved block): the namespace comes from the source's id, `<namespace>/<key>`.
        const namespace = namespaceFromId(ctx.sourceState.id, key) ?? ctx.provider?.namespace;
        if (namespace === undefined) {
          ctx.addError(
            "Cannot move kv_item state without its id",
            "The kv_item state has no id of the form <namespace>/<key>, and the provider is not configured yet to say which namespace it is in. Refresh the kv_item first (terraform apply -refresh-only), then move it.",
          );
          return null;
        }
        ctx.setIdentity({ namespace, key });
        return {
          key,
          value: typeof data === "string" ? data : null,
          value_wo_version: null,
          tags: null,
          ttl_seconds: null,
          id: `${namespace}/${key}`,
          version: 1,
          created_at: "",
          updated_at: "",
          checksum: "",
        };
      },
    },
  ],
});
