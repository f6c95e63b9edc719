/**
 * `forProvider<PD>()`: the `define*` functions with `ctx.provider` typed as `PD`, for authors who
 * prefer an explicit type to augmenting `Register`.
 *
 * @module
 */
import type { PrivateShape } from "../private-state.js";
import { type ActionDefinition, type ActionSchema, type ActionSpec, defineAction } from "./action.js";
import { type DataSourceDefinition, type DataSourceSchema, type DataSourceSpec, defineDataSource } from "./data-source.js";
import { type EphemeralDefinition, type EphemeralSchema, type EphemeralSpec, defineEphemeralResource } from "./ephemeral.js";
import { type ListDefinition, type ListSchema, type ListSpec, defineListResource } from "./list.js";
import { type ProviderSpecDefinition } from "./provider.js";
import {
  type AnyResourceDefinition,
  type IdentitySchema,
  type ResourceDefinition,
  type ResourceSchema,
  type ResourceSpec,
  defineResource,
} from "./resource.js";
import { type StateStoreDefinition, type StateStoreSchema, type StateStoreSpec, defineStateStore } from "./state-store.js";

/** The `define*` functions typed for provider data `PD`. */
export interface TypedDefiners<PD> {
  /** {@link defineResource} with `ctx.provider: PD`. */
  defineResource<S extends ResourceSchema, I extends IdentitySchema | undefined = undefined, P extends PrivateShape = PrivateShape>(
    spec: ResourceSpec<S, I, P, PD>,
  ): ResourceDefinition<S, I, P, PD>;
  /** {@link defineDataSource} with `ctx.provider: PD`. */
  defineDataSource<S extends DataSourceSchema>(spec: DataSourceSpec<S, PD>): DataSourceDefinition<S, PD>;
  /** {@link defineEphemeralResource} with `ctx.provider: PD`. */
  defineEphemeralResource<S extends EphemeralSchema, P extends PrivateShape = PrivateShape>(
    spec: EphemeralSpec<S, P, PD>,
  ): EphemeralDefinition<S, P, PD>;
  /** {@link defineListResource} with `ctx.provider: PD`. */
  defineListResource<S extends ListSchema, R extends AnyResourceDefinition>(
    spec: Omit<ListSpec<S, R, PD>, "name"> & { readonly name?: string },
  ): ListDefinition<S, R, PD>;
  /** {@link defineAction} with `ctx.provider: PD`. */
  defineAction<S extends ActionSchema>(spec: ActionSpec<S, PD>): ActionDefinition<S, PD>;
  /** {@link defineStateStore} with `ctx.provider: PD`. */
  defineStateStore<S extends StateStoreSchema>(spec: StateStoreSpec<S, PD>): StateStoreDefinition<S, PD>;
}

/**
 * The `define*` functions with `ctx.provider` typed as `PD`. Pass the provider definition (its
 * `configure` result type is used) or give the type explicitly.
 *
 * @example
 * ```ts
 * const { defineResource } = forProvider(kv);      // ctx.provider: KvClient
 * const { defineAction } = forProvider<KvClient>();
 * ```
 */
// biome-ignore lint/suspicious/noExplicitAny: any provider schema
export function forProvider<PD>(_provider?: ProviderSpecDefinition<any, PD, any>): TypedDefiners<PD> {
  return {
    defineResource: (spec) => defineResource(spec),
    defineDataSource: (spec) => defineDataSource(spec),
    defineEphemeralResource: (spec) => defineEphemeralResource(spec),
    defineListResource: (spec) => defineListResource(spec),
    defineAction: (spec) => defineAction(spec),
    defineStateStore: (spec) => defineStateStore(spec),
  };
}
