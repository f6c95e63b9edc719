/**
 * List resources (`list` blocks, `terraform query`): enumerate existing objects of a managed
 * resource type as an async iterator of identities, optionally with the full object.
 *
 * @module
 */
import type { InferConfig, InferState, Schema } from "@pyvider/schema";
import { brand, type ComponentDefinitionBase, type ComponentSpecBase } from "../component.js";
import type {
  Awaitable,
  HandlerContext,
  PartlyUnknown,
  RegisteredProviderData,
  UnconfiguredContext,
} from "../context.js";
import type { AnyResourceDefinition, IdentityOf, ResourceDefinition } from "./resource.js";

/** A list resource configuration schema. */
export type ListSchema = Schema<"list">;

/** One listed object. */
export interface ListResult<R> {
  /** The object's resource identity. */
  readonly identity: R extends ResourceDefinition<infer _S, infer I, infer _P, infer _PD>
    ? IdentityOf<I>
    : never;
  /** A human-readable name shown by Terraform. */
  readonly displayName?: string;
  /** The full object; used when Terraform asked for resources (`ctx.includeResource`). */
  readonly resource?: R extends ResourceDefinition<infer S, infer _I, infer _P, infer _PD>
    ? InferState<S>
    : never;
}

/** Fields of every list resource handler context. */
export interface ListContextBase<PD> extends HandlerContext<PD> {
  /** The list resource type name (the managed resource type it lists). */
  readonly typeName: string;
}

/** Context of a list resource's `validate`. The provider may not be configured yet (`ctx.provider` may be undefined). */
export interface ListValidateContext<S, PD = RegisteredProviderData> extends UnconfiguredContext<PD> {
  /** The list resource type name (the managed resource type it lists). */
  readonly typeName: string;
  readonly config: PartlyUnknown<InferConfig<S>>;
}

/** Context of `list`. */
export interface ListContext<S, PD = RegisteredProviderData> extends ListContextBase<PD> {
  readonly config: InferConfig<S>;
  /** Whether Terraform wants the full objects (`include_resource`). */
  readonly includeResource: boolean;
  /** The maximum number of results Terraform wants (the framework stops iterating there). */
  readonly limit: number | undefined;
}

/** Handlers and metadata of a list resource. */
export interface ListSpec<
  S extends ListSchema,
  R extends AnyResourceDefinition,
  PD = RegisteredProviderData,
  LR = ListResult<R>,
> extends ComponentSpecBase {
  /** The `config` block schema (`s.list({...})`). */
  readonly schema: S;
  /** The managed resource being listed; its identity and state type the results. */
  readonly resource: R;
  /** Checks the configuration. */
  validate?(ctx: ListValidateContext<S, PD>): Awaitable<void>;
  /** Enumerates the objects (an async generator is the natural way to write it). */
  list(ctx: ListContext<S, PD>): AsyncIterable<NoInfer<LR>> | Iterable<NoInfer<LR>>;
}

/** A list resource definition. */
export interface ListDefinition<
  S extends ListSchema = ListSchema,
  R extends AnyResourceDefinition = AnyResourceDefinition,
  PD = unknown,
> extends ComponentDefinitionBase<"list", ListSpec<S, R, PD>> {
  readonly schema: S;
  readonly resource: R;
}

/**
 * Defines a list resource. Its name defaults to the listed resource's name (Terraform pairs them
 * by type name).
 */
export function defineListResource<
  S extends ListSchema,
  R extends AnyResourceDefinition,
  PD = RegisteredProviderData,
  LR = ListResult<R>,
>(spec: Omit<ListSpec<S, R, PD, LR>, "name"> & { readonly name?: string }): ListDefinition<S, R, PD> {
  const full = { ...spec, name: spec.name ?? spec.resource.name } as unknown as ListSpec<S, R, PD>;
  // Keep the author's object as the handler receiver when it already has a name (classes).
  const handlers = spec.name === undefined ? full : (spec as unknown as ListSpec<S, R, PD>);
  return brand("list", handlers, { schema: spec.schema, resource: spec.resource });
}

/** Every list resource handler context by handler name, for annotating class methods. */
export interface ListContexts<S, PD = RegisteredProviderData> {
  readonly validate: ListValidateContext<S, PD>;
  readonly list: ListContext<S, PD>;
}

/** Any list resource definition, whatever its schema and provider data types. */
export type AnyListDefinition = ListDefinition<any, any, any>;
