/**
 * `forProvider<PD>()`: the `define*` functions with `ctx.provider` typed as `PD`, for authors who
 * prefer an explicit type to augmenting `Register`.
 *
 * @module
 */
import type { InferState } from "@pyvider/schema";
import type { PrivateShape } from "../private-state.js";
import { type ActionDefinition, type ActionSchema, type ActionSpec, defineAction } from "./action.js";
import {
  type DataSourceDefinition,
  type DataSourceSchema,
  type DataSourceSpec,
  defineDataSource,
} from "./data-source.js";
import {
  defineEphemeralResource,
  type EphemeralDefinition,
  type EphemeralSchema,
  type EphemeralSpec,
} from "./ephemeral.js";
import {
  defineListResource,
  type ListDefinition,
  type ListResult,
  type ListSchema,
  type ListSpec,
} from "./list.js";
import type { ProviderSpecDefinition } from "./provider.js";
import {
  type AnyResourceDefinition,
  defineResource,
  type IdentitySchema,
  type ResourceDefinition,
  type ResourceSchema,
  type ResourceSpec,
  type ResourceTypes,
  type ResourceTypesOf,
} from "./resource.js";
import {
  defineStateStore,
  type StateStoreDefinition,
  type StateStoreSchema,
  type StateStoreSpec,
} from "./state-store.js";

/** The `define*` functions typed for provider data `PD`. */
export interface TypedDefiners<PD> {
  /** {@link defineResource} with `ctx.provider: PD`. */
  defineResource<
    S extends ResourceSchema,
    I extends IdentitySchema | undefined = undefined,
    P extends PrivateShape = PrivateShape,
    T extends ResourceTypes = ResourceTypesOf<S, I>,
  >(spec: ResourceSpec<S, I, P, PD, T>): ResourceDefinition<S, I, P, PD>;
  /** {@link defineDataSource} with `ctx.provider: PD`. */
  defineDataSource<S extends DataSourceSchema, St = InferState<S>>(
    spec: DataSourceSpec<S, PD, St>,
  ): DataSourceDefinition<S, PD>;
  /** {@link defineEphemeralResource} with `ctx.provider: PD`. */
  defineEphemeralResource<
    S extends EphemeralSchema,
    P extends PrivateShape = PrivateShape,
    St = InferState<S>,
  >(spec: EphemeralSpec<S, P, PD, St>): EphemeralDefinition<S, P, PD>;
  /** {@link defineListResource} with `ctx.provider: PD`. */
  defineListResource<S extends ListSchema, R extends AnyResourceDefinition, LR = ListResult<R>>(
    spec: Omit<ListSpec<S, R, PD, LR>, "name"> & { readonly name?: string },
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
export function forProvider<PD>(_provider?: ProviderSpecDefinition<any, PD, any>): TypedDefiners<PD> {
  // The definers are the plain ones; only their provider data type differs.
  const definers = {
    defineResource,
    defineDataSource,
    defineEphemeralResource,
    defineListResource,
    defineAction,
    defineStateStore,
  };
  return definers as unknown as TypedDefiners<PD>;
}
