/**
 * The component registry: collects a provider's components by kind, checks their names,
 * duplicates, versions and required capabilities, and fails at start when something is wrong.
 *
 * @module
 */
import { COMPONENT_KINDS, type ComponentKind, KIND_LABEL } from "./component.js";
import type { AnyActionDefinition } from "./components/action.js";
import type { AnyDataSourceDefinition } from "./components/data-source.js";
import type { AnyEphemeralDefinition } from "./components/ephemeral.js";
import type { AnyFunctionDefinition } from "./components/function.js";
import type { AnyListDefinition } from "./components/list.js";
import type { ProviderSpecDefinition } from "./components/provider.js";
import type { AnyResourceDefinition } from "./components/resource.js";
import type { AnyStateStoreDefinition } from "./components/state-store.js";
import { CapabilityError, SchemaRegistrationError } from "./errors.js";

/** Any component definition. */
export type AnyComponentDefinition =
  | AnyResourceDefinition
  | AnyDataSourceDefinition
  | AnyFunctionDefinition
  | AnyEphemeralDefinition
  | AnyListDefinition
  | AnyActionDefinition
  | AnyStateStoreDefinition;

/** A provider's components by kind and name. */
export interface ComponentListing {
  readonly resources: ReadonlyMap<string, AnyResourceDefinition>;
  readonly dataSources: ReadonlyMap<string, AnyDataSourceDefinition>;
  readonly functions: ReadonlyMap<string, AnyFunctionDefinition>;
  readonly ephemeralResources: ReadonlyMap<string, AnyEphemeralDefinition>;
  readonly listResources: ReadonlyMap<string, AnyListDefinition>;
  readonly actions: ReadonlyMap<string, AnyActionDefinition>;
  readonly stateStores: ReadonlyMap<string, AnyStateStoreDefinition>;
}

const LISTING_KEY: Readonly<Record<ComponentKind, keyof ComponentListing>> = {
  resource: "resources",
  dataSource: "dataSources",
  function: "functions",
  ephemeral: "ephemeralResources",
  list: "listResources",
  action: "actions",
  stateStore: "stateStores",
};

/** A valid provider name: lower-case letters, digits, `-` and `_`, starting with a letter. */
export const PROVIDER_NAME = /^[a-z][a-z0-9_-]*$/;
/** A valid function name: a plain identifier. */
export const FUNCTION_NAME = /^[A-Za-z_][A-Za-z0-9_]*$/;
/** A valid component name suffix (after `<provider>_`). */
const TYPE_SUFFIX = /^[a-z0-9_]+$/;

/** Why `name` is not a valid name of a `kind` component of provider `provider`, or undefined if it is. */
export function nameProblem(kind: ComponentKind, name: string, provider: string): string | undefined {
  if (typeof name !== "string" || name === "") return `a ${KIND_LABEL[kind]} has no name`;
  if (kind === "function") {
    return FUNCTION_NAME.test(name)
      ? undefined
      : `function name "${name}" is not a plain identifier (letters, digits and underscores, not starting with a digit)`;
  }
  const prefix = `${provider}_`;
  if (name !== provider && !(name.startsWith(prefix) && TYPE_SUFFIX.test(name.slice(prefix.length)))) {
    return `${KIND_LABEL[kind]} name "${name}" must be "${provider}" or start with "${prefix}" followed by lower-case letters, digits or underscores`;
  }
  return undefined;
}

function versionKeys(record: Readonly<Record<number, unknown>> | undefined): number[] {
  return record === undefined ? [] : Object.keys(record).map(Number);
}

function resourceProblems(def: AnyResourceDefinition): string[] {
  const out: string[] = [];
  const label = `resource "${def.name}"`;
  const h = def.handlers;
  for (const m of ["create", "read", "delete"] as const) {
    if (typeof h[m] !== "function") out.push(`${label} has no ${m} handler`);
  }
  for (const v of versionKeys(h.upgradeState)) {
    if (!Number.isInteger(v) || v < 0 || v >= def.schema.version) {
      out.push(
        `${label} has a state upgrader for version ${v}, but upgraders are for versions 0..${def.schema.version - 1}`,
      );
    }
  }
  const identity = def.identity;
  if (h.upgradeIdentity !== undefined && identity === undefined)
    out.push(`${label} has identity upgraders but no identity schema`);
  if (identity !== undefined) {
    for (const v of versionKeys(h.upgradeIdentity)) {
      if (!Number.isInteger(v) || v < 0 || v >= identity.version) {
        out.push(
          `${label} has an identity upgrader for version ${v}, but upgraders are for versions 0..${identity.version - 1}`,
        );
      }
    }
  }
  return out;
}

function listProblems(def: AnyListDefinition, all: ComponentListing): string[] {
  const label = `list resource "${def.name}"`;
  const registered = all.resources.get(def.resource.name);
  if (registered === undefined)
    return [`${label} lists resource "${def.resource.name}", which is not registered`];
  if (registered !== def.resource)
    return [`${label} lists a resource "${def.resource.name}" other than the registered one`];
  if (def.name !== def.resource.name)
    return [`${label} must have the name of the resource it lists ("${def.resource.name}")`];
  if (def.resource.identity === undefined)
    return [`${label} lists resource "${def.resource.name}", which has no identity schema`];
  if (typeof def.handlers.list !== "function") return [`${label} has no list handler`];
  return [];
}

function requiredHandlers(def: AnyComponentDefinition): string[] {
  const need: Record<ComponentKind, readonly string[]> = {
    resource: [],
    dataSource: ["read"],
    function: ["run"],
    ephemeral: ["open"],
    list: [],
    action: ["invoke"],
    stateStore: ["listStates", "deleteState", "readState", "writeState"],
  };
  const h = def.handlers as unknown as Record<string, unknown>;
  return need[def.kind]
    .filter((m) => typeof h[m] !== "function")
    .map((m) => `${KIND_LABEL[def.kind]} "${def.name}" has no ${m} handler`);
}

/**
 * Organises and checks a provider's components.
 * @throws SchemaRegistrationError for bad names, duplicates and inconsistent definitions (all listed)
 * @throws CapabilityError when a component requires a capability the provider does not declare
 */
export function buildRegistry(
  provider: ProviderSpecDefinition,
  components: Iterable<AnyComponentDefinition>,
): ComponentListing {
  const problems: string[] = [];
  if (!PROVIDER_NAME.test(provider.name)) {
    problems.push(
      `provider name "${provider.name}" must be lower-case letters, digits, "-" or "_", starting with a letter`,
    );
  }
  const maps = Object.fromEntries(
    COMPONENT_KINDS.map((k) => [LISTING_KEY[k], new Map()]),
  ) as unknown as Record<keyof ComponentListing, Map<string, AnyComponentDefinition>>;
  const seen = new Set<AnyComponentDefinition>();
  for (const def of components) {
    if (seen.has(def)) continue; // the same definition exported twice is not a duplicate
    seen.add(def);
    const nameIssue = nameProblem(def.kind, def.name, provider.name);
    if (nameIssue !== undefined) problems.push(nameIssue);
    const map = maps[LISTING_KEY[def.kind]];
    if (map.has(def.name)) {
      problems.push(`duplicate ${KIND_LABEL[def.kind]} "${def.name}": registered more than once`);
      continue;
    }
    map.set(def.name, def);
  }
  const listing = maps as unknown as ComponentListing;
  for (const def of listing.resources.values()) problems.push(...resourceProblems(def));
  for (const def of listing.listResources.values()) problems.push(...listProblems(def, listing));
  for (const map of Object.values(maps)) {
    for (const def of map.values()) problems.push(...requiredHandlers(def));
  }
  if (problems.length > 0) {
    const [first] = problems;
    throw new SchemaRegistrationError(
      problems.length === 1 ? first! : `${problems.length} registration problems`,
      {
        schemaName: provider.name,
        ...(problems.length > 1 ? { detail: problems.map((p) => `- ${p}`).join("\n") } : {}),
      },
    );
  }
  const offered = new Set(provider.capabilities);
  for (const map of Object.values(maps)) {
    for (const def of map.values()) {
      for (const cap of def.requires) {
        if (!offered.has(cap)) throw new CapabilityError(`${KIND_LABEL[def.kind]} "${def.name}"`, cap);
      }
    }
  }
  return listing;
}
