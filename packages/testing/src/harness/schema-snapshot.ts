/**
 * Schema snapshots: a stable, plain description of every schema a provider declares, to keep
 * under a vitest snapshot so that a schema change shows up in review and fails the test until
 * the snapshot is updated on purpose (`vitest -u`).
 *
 * @module
 */
import type { ProviderDefinition } from "@pyvider/hub";
import { describeFunction, describeSchema, type Schema, type SchemaDescription } from "@pyvider/schema";

/** Every schema of a provider, by kind and name (names sorted). */
export interface ProviderSchemaSnapshot {
  readonly provider: SchemaDescription;
  readonly providerMeta?: SchemaDescription;
  readonly resources: Readonly<Record<string, SchemaDescription & { readonly identity?: SchemaDescription }>>;
  readonly dataSources: Readonly<Record<string, SchemaDescription>>;
  readonly ephemeralResources: Readonly<Record<string, SchemaDescription>>;
  readonly listResources: Readonly<Record<string, SchemaDescription>>;
  readonly actions: Readonly<Record<string, SchemaDescription>>;
  readonly stateStores: Readonly<Record<string, SchemaDescription>>;
  readonly functions: Readonly<Record<string, unknown>>;
}

function byName<D extends { readonly schema: unknown }, R>(
  map: ReadonlyMap<string, D>,
  f: (d: D) => R,
): Record<string, R> {
  return Object.fromEntries([...map.keys()].sort().map((k) => [k, f(map.get(k)!)]));
}

/** Plain JSON only (drops undefined fields), so snapshots are stable. */
function plain<T>(v: T): T {
  return JSON.parse(JSON.stringify(v)) as T;
}

/**
 * A stable description of every schema of a provider.
 *
 * @example
 * ```ts
 * it("keeps its schema", () => {
 *   expect(schemaSnapshot(buildProvider(kv, components))).toMatchSnapshot();
 * });
 * ```
 */
export function schemaSnapshot(provider: ProviderDefinition): ProviderSchemaSnapshot {
  const c = provider.components();
  const d = (s: unknown) => describeSchema(s as Schema);
  return plain({
    provider: d(provider.schema),
    ...(provider.metaSchema === undefined ? {} : { providerMeta: d(provider.metaSchema) }),
    resources: byName(c.resources, (r) => ({
      ...d(r.schema),
      ...(r.identity === undefined ? {} : { identity: d(r.identity) }),
    })),
    dataSources: byName(c.dataSources, (x) => d(x.schema)),
    ephemeralResources: byName(c.ephemeralResources, (x) => d(x.schema)),
    listResources: byName(c.listResources, (x) => d(x.schema)),
    actions: byName(c.actions, (x) => d(x.schema)),
    stateStores: byName(c.stateStores, (x) => d(x.schema)),
    functions: byName(c.functions, (x) => describeFunction(x.schema as never)),
  });
}
