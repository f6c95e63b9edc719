/** The list resource `kv_entry` and the action `kv_touch`. */
import { a, s } from "@pyvider/schema";
import { entryResource, toEntryState } from "./entry.js";
import { kvDefiners } from "./provider.js";

/** The `kv_entry` list resource's `config` schema. */
export const entryListSchema = s.list(
  { prefix: a.str({ optional: true, description: "Only keys starting with this prefix." }) },
  { description: "Lists `kv_entry` entries of the provider's namespace, with their identity." },
);

/** The `kv_entry` list resource: entries (optionally under a prefix) with their identity. */
export const entryList = kvDefiners.defineListResource<typeof entryListSchema, typeof entryResource>({
  resource: entryResource,
  schema: entryListSchema,
  async *list(ctx) {
    const store = ctx.provider;
    for (const entry of await store.list({ prefix: ctx.config.prefix ?? undefined })) {
      yield {
        identity: { namespace: store.namespace, key: entry.key },
        displayName: `${store.namespace}/${entry.key}`,
        resource: ctx.includeResource
          ? toEntryState(store.namespace, entry, { writeOnly: false })
          : undefined,
      };
    }
  },
});

/** The `kv_touch` action: bumps `updated_at` of a key, reporting progress. */
export const touchAction = kvDefiners.defineAction({
  name: "kv_touch",
  schema: s.action(
    { key: a.str({ required: true, description: "The entry to touch." }) },
    { description: "Bumps an entry's `updated_at`, keeping its value and version." },
  ),
  async invoke(ctx) {
    const store = ctx.provider;
    ctx.progress(`touching "${ctx.config.key}" in namespace "${store.namespace}"`);
    const entry = await store.touch(ctx.config.key);
    ctx.progress(`"${entry.key}" updated_at is now ${entry.updatedAt}`);
  },
});
