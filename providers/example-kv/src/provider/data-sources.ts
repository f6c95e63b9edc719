/** The data sources `kv_entry` (one key) and `kv_entries` (a listing). */
import { PyviderError } from "@pyvider/hub";
import { a, s } from "@pyvider/schema";
import { kvDefiners } from "./provider.js";

/** The `kv_entry` data source schema. */
export const entryDataSchema = s.dataSource(
  {
    key: a.str({
      required: true,
      description:
        "The key to read. A missing key is an error, or, when Terraform allows deferral (`terraform plan -allow-deferral`), defers the read until a later round (an entry this configuration creates may not exist yet).",
    }),
    value: a.str({ computed: true, sensitive: true, description: "The value." }),
    tags: a.map(a.str(), { computed: true, description: "The entry's tags." }),
    version: a.num({ computed: true, description: "The entry's version." }),
    checksum: a.str({
      computed: true,
      description:
        "HMAC-SHA-256 hex of the value under the store's own key: equal to `kv_entry.checksum`, changes with the value, and gives nothing away without the key.",
    }),
  },
  { description: "Reads one entry of the provider's namespace." },
);

/**
 * The `kv_entry` data source: reads one key. A missing key defers the read (an absent
 * prerequisite: e.g. the `kv_entry` resource that writes it is not applied yet) when the client
 * allows deferral, and is an error on `key` otherwise.
 */
export const entryData = kvDefiners.defineDataSource({
  name: "kv_entry",
  schema: entryDataSchema,
  async read(ctx) {
    const store = ctx.provider;
    const entry = await store.get(ctx.config.key);
    if (!entry) {
      if (ctx.clientCapabilities.deferralAllowed) ctx.defer("absent-prerequisite");
      throw new PyviderError("No such entry", {
        detail: `no entry "${ctx.config.key}" in namespace "${store.namespace}"`,
        path: "key",
      });
    }
    return {
      key: entry.key,
      value: entry.value,
      tags: { ...entry.tags },
      version: entry.version,
      checksum: entry.checksum,
    };
  },
});

/** The `kv_entries` data source schema. */
export const entriesDataSchema = s.dataSource(
  {
    prefix: a.str({
      optional: true,
      description: "Only keys starting with this prefix; default: every key.",
    }),
    entries: a.nested.list(
      {
        key: a.str({ computed: true, description: "The key." }),
        version: a.num({ computed: true, description: "The entry's version." }),
        tags: a.map(a.str(), { computed: true, description: "The entry's tags." }),
      },
      { computed: true, description: "The entries, sorted by key (values are left out)." },
    ),
    // The issue asks for `count`, but Terraform reserves it as a meta-argument on data sources.
    entry_count: a.num({ computed: true, description: "How many entries matched." }),
  },
  { description: "Lists the entries of the provider's namespace, optionally under a prefix." },
);

/** The `kv_entries` data source: lists entries, optionally under a prefix. */
export const entriesData = kvDefiners.defineDataSource({
  name: "kv_entries",
  schema: entriesDataSchema,
  async read(ctx) {
    const prefix = ctx.config.prefix ?? undefined;
    const listed = await ctx.provider.list({ prefix });
    return {
      prefix: ctx.config.prefix ?? null,
      entries: listed.map((e) => ({ key: e.key, version: e.version, tags: { ...e.tags } })),
      entry_count: listed.length,
    };
  },
});
