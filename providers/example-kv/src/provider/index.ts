/** The `kv` provider and all its components, built and ready to serve. */
import { buildProvider, type ProviderDefinition, type ProviderOptions } from "@pyvider/hub";
import { bundleResource } from "./bundle.js";
import { entriesData, entryData } from "./data-sources.js";
import { entryResource } from "./entry.js";
import { add, checksum, joinKeys, parseEntry } from "./functions.js";
import { itemResource } from "./item.js";
import { leaseResource } from "./lease.js";
import { entryList, touchAction } from "./list-touch.js";
import { kv } from "./provider.js";
import { stateStore } from "./state-store.js";

/** Every component of the provider. */
export const components = [
  entryResource,
  itemResource,
  bundleResource,
  entryData,
  entriesData,
  add,
  checksum,
  joinKeys,
  parseEntry,
  leaseResource,
  entryList,
  touchAction,
  stateStore,
] as const;

/** Builds the `kv` provider (checks every schema and name). */
export function buildKvProvider(options?: ProviderOptions): ProviderDefinition {
  return buildProvider(kv, components, options);
}

export { kv } from "./provider.js";
