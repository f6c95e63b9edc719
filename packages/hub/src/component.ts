/**
 * What all component definitions share: a kind, a name, required capabilities and a brand that
 * discovery recognises.
 *
 * @module
 */

/** The kinds of component a provider can have. */
export type ComponentKind =
  | "resource"
  | "dataSource"
  | "function"
  | "ephemeral"
  | "list"
  | "action"
  | "stateStore";

/** Every component kind, in the order listings use. */
export const COMPONENT_KINDS: readonly ComponentKind[] = Object.freeze([
  "resource",
  "dataSource",
  "function",
  "ephemeral",
  "list",
  "action",
  "stateStore",
]);

/** Human names of the kinds, for messages. */
export const KIND_LABEL: Readonly<Record<ComponentKind, string>> = Object.freeze({
  resource: "resource",
  dataSource: "data source",
  function: "function",
  ephemeral: "ephemeral resource",
  list: "list resource",
  action: "action",
  stateStore: "state store",
});

/** The brand carried by every definition made by a `define*` function. */
export const COMPONENT_BRAND: unique symbol = Symbol.for("@pyvider/hub/component");

/** Fields every definition has. `H` is the author's handler object (the spec or a class instance). */
export interface ComponentDefinitionBase<K extends ComponentKind, H> {
  /** Brand for discovery. */
  readonly [COMPONENT_BRAND]: true;
  /** The component's kind. */
  readonly kind: K;
  /** The component's name (`kv_entry`; a plain identifier for functions). */
  readonly name: string;
  /** Capabilities the provider must declare for this component. */
  readonly requires: readonly string[];
  /** The author's handlers; called as methods of this object (so `this` works in classes). */
  readonly handlers: H;
}

/** Fields every component spec may have. */
export interface ComponentSpecBase {
  /** The component's name. */
  readonly name: string;
  /** Capabilities the provider must declare (see `defineProvider({ capabilities })`). */
  readonly requires?: readonly string[];
}

/** True if `value` is a definition made by a `define*` function. */
export function isComponentDefinition(
  value: unknown,
): value is ComponentDefinitionBase<ComponentKind, unknown> {
  return (
    typeof value === "object" &&
    value !== null &&
    (value as Record<symbol, unknown>)[COMPONENT_BRAND] === true
  );
}

/** Builds a branded, frozen definition. */
export function brand<K extends ComponentKind, H extends ComponentSpecBase, X extends object>(
  kind: K,
  handlers: H,
  extra: X,
): ComponentDefinitionBase<K, H> & X {
  return Object.freeze({
    [COMPONENT_BRAND]: true as const,
    kind,
    name: handlers.name,
    requires: Object.freeze([...(handlers.requires ?? [])]),
    handlers,
    ...extra,
  });
}
