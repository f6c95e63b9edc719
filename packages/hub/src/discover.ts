/**
 * Discovery: collects a provider and its components from module namespaces (or any objects)
 * by scanning their exported values: `define*` results, decorated classes, and arrays of them.
 *
 * @module
 */
import { isComponentDefinition } from "./component.js";
import { isProviderDefinition, type ProviderSpecDefinition } from "./components/provider.js";
import { fromDecoratedClass } from "./decorators.js";
import { SchemaRegistrationError } from "./errors.js";
import type { AnyComponentDefinition } from "./registry.js";

/** What discovery found. */
export interface Discovered {
  /** The provider definition, if one was exported. */
  readonly provider: ProviderSpecDefinition | undefined;
  /** The components, in the order found (the same definition appears once). */
  readonly components: readonly AnyComponentDefinition[];
}

/**
 * Scans the exports of each module (e.g. `await import("./provider.js")`).
 * @throws SchemaRegistrationError if several different providers are exported
 */
export function discover(...modules: readonly object[]): Discovered {
  let provider: ProviderSpecDefinition | undefined;
  const components: AnyComponentDefinition[] = [];
  const seen = new Set<unknown>();
  const visit = (value: unknown, depth: number): void => {
    if (value === null || (typeof value !== "object" && typeof value !== "function") || seen.has(value))
      return;
    seen.add(value);
    if (Array.isArray(value)) {
      if (depth < 2) for (const v of value) visit(v, depth + 1);
      return;
    }
    const found =
      isComponentDefinition(value) || isProviderDefinition(value) ? value : fromDecoratedClass(value);
    if (found === undefined) return;
    if (isProviderDefinition(found)) {
      if (provider !== undefined && provider !== found) {
        throw new SchemaRegistrationError(`several providers found: "${provider.name}" and "${found.name}"`, {
          schemaName: found.name,
        });
      }
      provider = found;
      return;
    }
    if (!components.includes(found as AnyComponentDefinition))
      components.push(found as AnyComponentDefinition);
  };
  for (const mod of modules) {
    for (const key of Object.keys(mod)) visit((mod as Record<string, unknown>)[key], 0);
  }
  return { provider, components };
}
