/**
 * Managed resources: create, read, update, delete, plus the optional plan hook, validation,
 * import, state and identity upgrades, moves from other resource types, private state and
 * config generation.
 *
 * @module
 */
import type { InferConfig, InferPlan, InferState, Schema } from "@pyvider/schema";
import { brand, type ComponentDefinitionBase, type ComponentSpecBase } from "../component.js";
import type {
  Awaitable,
  HandlerContext,
  JsonObject,
  PartlyUnknown,
  RegisteredProviderData,
  UnconfiguredContext,
} from "../context.js";
import type { DeferrableContext } from "../deferral.js";
import type { PathInput } from "../path.js";
import type { PrivateShape, PrivateState, PrivateStateDecl, ReadonlyPrivateState } from "../private-state.js";

/** A resource schema. */
export type ResourceSchema = Schema<"resource">;
/** A resource identity schema. */
export type IdentitySchema = Schema<"identity">;

/** The identity value type of an identity schema (`never` without one). */
export type IdentityOf<I> = [I] extends [IdentitySchema] ? InferState<I> : never;

/**
 * The value types of one resource: configuration, plan, state and identity. Handler contexts are
 * typed from this bundle (computed once from the schemas by {@link ResourceTypesOf}).
 */
export interface ResourceTypes {
  readonly config: unknown;
  readonly plan: unknown;
  readonly state: unknown;
  readonly identity: unknown;
}

/** The value types of a resource schema `S` with identity schema `I`. */
export interface ResourceTypesOf<S, I = undefined> extends ResourceTypes {
  readonly config: InferConfig<S>;
  readonly plan: InferPlan<S>;
  readonly state: InferState<S>;
  readonly identity: IdentityOf<I>;
}

/** Access to the resource identity of the operation's result. */
export interface IdentityAccess<T extends ResourceTypes> {
  /** The prior identity Terraform sent, if any (`setIdentity` does not change this field). */
  readonly identity: T["identity"] | undefined;
  /** Sets the identity to return with the result. */
  setIdentity(identity: T["identity"]): void;
}

/** Fields of every resource handler context. */
export interface ResourceContext<PD> extends HandlerContext<PD> {
  /** The resource type name, e.g. `kv_entry`. */
  readonly typeName: string;
}

/**
 * Fields of the resource handler contexts Terraform may call before configuring the provider
 * (validate, upgraders, movers): `ctx.provider` may be undefined (see {@link UnconfiguredContext}).
 */
export interface UnconfiguredResourceContext<PD> extends UnconfiguredContext<PD> {
  /** The resource type name, e.g. `kv_entry`. */
  readonly typeName: string;
}

/** Fields of the contexts of operations on one resource instance: its identity and private state. */
export interface InstanceContext<
  T extends ResourceTypes,
  P extends PrivateShape = PrivateShape,
  PD = RegisteredProviderData,
> extends ResourceContext<PD>,
    IdentityAccess<T> {
  /** The instance's private state. */
  readonly private: PrivateState<P>;
}

/**
 * Context of `validate`: the configuration, in which values may not be known yet. The provider
 * may not be configured yet (`ctx.provider` may be undefined).
 */
export interface ResourceValidateContext<T extends ResourceTypes, PD = RegisteredProviderData>
  extends UnconfiguredResourceContext<PD> {
  readonly config: PartlyUnknown<T["config"]>;
}

/**
 * Context of the plan hook. `ctx.defer(reason)` defers the change to a later round (when
 * `ctx.clientCapabilities.deferralAllowed`): the plan is then the proposal with computed values
 * unknown, whatever the hook changed in `ctx.planned`.
 */
export interface ResourcePlanContext<
  T extends ResourceTypes,
  P extends PrivateShape = PrivateShape,
  PD = RegisteredProviderData,
> extends InstanceContext<T, P, PD>,
    DeferrableContext {
  /** The configuration (null when the resource is being destroyed). */
  readonly config: PartlyUnknown<T["config"]> | null;
  /** The prior state (null when the resource is being created). */
  readonly prior: T["state"] | null;
  /** Terraform's proposed new state (null when the resource is being destroyed). */
  readonly proposed: T["plan"] | null;
  /**
   * The plan being built: a copy of `proposed` that the hook may change in place
   * (e.g. `ctx.planned.version = ctx.prior.version + 1`). Null when the resource is being destroyed.
   */
  readonly planned: T["plan"] | null;
  /** The prior private state (changes are planned with the result). */
  readonly private: PrivateState<P>;
  /**
   * The private state that an earlier plan of this same change returned, when the client keeps
   * it and plans again (Terraform 1.16+, `ctx.provider`'s client capability
   * `storePlannedPrivate`: e.g. `terraform apply planfile` plans once more before applying).
   * Undefined on a first plan, with older clients and OpenTofu, and when the earlier plan stored
   * nothing (empty private state cannot be told apart from none). Read-only: what this plan
   * stores is `ctx.private`.
   */
  readonly plannedPrivate: ReadonlyPrivateState<P> | undefined;
  /** Requires replacing the resource because the attribute at `path` changes. */
  requireReplace(path: PathInput): void;
}

/** Context of `create`. */
export interface CreateContext<
  T extends ResourceTypes,
  P extends PrivateShape = PrivateShape,
  PD = RegisteredProviderData,
> extends InstanceContext<T, P, PD> {
  readonly config: T["config"];
  /** The planned state: computed attributes not known yet are the `Unknown` marker. */
  readonly plan: T["plan"];
  /** Private state to store with the new resource. */
  readonly private: PrivateState<P>;
}

/**
 * Context of `read`. `ctx.defer(reason)` defers the refresh (when
 * `ctx.clientCapabilities.deferralAllowed`): Terraform keeps the current state.
 */
export interface ReadContext<
  T extends ResourceTypes,
  P extends PrivateShape = PrivateShape,
  PD = RegisteredProviderData,
> extends InstanceContext<T, P, PD>,
    DeferrableContext {
  /** The current state as Terraform knows it. */
  readonly state: T["state"];
  /** The private state (changes are stored). */
  readonly private: PrivateState<P>;
}

/** Context of `update`. */
export interface UpdateContext<
  T extends ResourceTypes,
  P extends PrivateShape = PrivateShape,
  PD = RegisteredProviderData,
> extends InstanceContext<T, P, PD> {
  readonly config: T["config"];
  readonly plan: T["plan"];
  /** The state before the update. */
  readonly prior: T["state"];
}

/** Context of `delete`. */
export interface DeleteContext<
  T extends ResourceTypes,
  P extends PrivateShape = PrivateShape,
  PD = RegisteredProviderData,
> extends InstanceContext<T, P, PD> {
  /** The state being destroyed. */
  readonly prior: T["state"];
}

/**
 * Context of `importState`: by the ID given in `terraform import` / `import { id }`, or by
 * identity. `ctx.defer(reason)` defers the import (when `ctx.clientCapabilities.deferralAllowed`):
 * the imported state is then unknown.
 */
export type ImportContext<
  T extends ResourceTypes,
  P extends PrivateShape = PrivateShape,
  PD = RegisteredProviderData,
> = InstanceContext<T, P, PD> &
  DeferrableContext &
  (
    | { readonly by: "id"; readonly id: string }
    | { readonly by: "identity"; readonly identityValue: T["identity"] }
  );

/** Context of a state upgrader. The provider may not be configured yet (`ctx.provider` may be undefined). */
export interface UpgradeStateContext<PD = RegisteredProviderData> extends UnconfiguredResourceContext<PD> {
  /** The version the stored state was written with. */
  readonly fromVersion: number;
  /** The stored state, as raw JSON of that version. */
  readonly raw: JsonObject;
}

/** Context of an identity upgrader. The provider may not be configured yet (`ctx.provider` may be undefined). */
export interface UpgradeIdentityContext<PD = RegisteredProviderData> extends UnconfiguredResourceContext<PD> {
  /** The version the stored identity was written with. */
  readonly fromVersion: number;
  /** The stored identity as raw JSON of that version. */
  readonly raw: JsonObject;
}

/**
 * Context of a state move from another resource type. Terraform may call it on a provider it has
 * not configured (`ctx.provider` may be undefined): a mover should need only the source state.
 */
export interface MoveStateContext<P extends PrivateShape, PD = RegisteredProviderData>
  extends UnconfiguredResourceContext<PD> {
  /** The source provider's address, e.g. `registry.terraform.io/acme/kv`. */
  readonly sourceProviderAddress: string;
  /** The source resource type. */
  readonly sourceTypeName: string;
  /** The source schema version. */
  readonly sourceSchemaVersion: number;
  /** The source state as raw JSON. */
  readonly sourceState: JsonObject;
  /** The source identity as raw JSON, if any. */
  readonly sourceIdentity: JsonObject | undefined;
  /** The source private state (raw bytes). */
  readonly sourcePrivate: Uint8Array | undefined;
  /** Private state to store with the moved resource. */
  readonly private: PrivateState<P>;
}

/** Context of `generateConfig`. */
export interface GenerateConfigContext<T extends ResourceTypes, PD = RegisteredProviderData>
  extends ResourceContext<PD> {
  /** The imported state. */
  readonly state: T["state"];
}

/** A mover: takes state of another resource type over. */
export interface StateMover<
  T extends ResourceTypes,
  P extends PrivateShape = PrivateShape,
  PD = RegisteredProviderData,
> {
  /** The source resource type this mover handles (any type when omitted). */
  readonly sourceTypeName?: string;
  /** The source schema version this mover handles (any when omitted). */
  readonly sourceSchemaVersion?: number;
  /**
   * Returns the target state, or null if this mover does not handle the source (the next mover
   * is tried). May set the identity.
   */
  move(ctx: MoveStateContext<P, PD> & IdentityAccess<T>): Awaitable<NoInfer<T["state"]> | null>;
}

/** Handlers and metadata of a resource, as written by the author. */
export interface ResourceSpec<
  S extends ResourceSchema,
  I extends IdentitySchema | undefined = undefined,
  P extends PrivateShape = PrivateShape,
  PD = RegisteredProviderData,
  T extends ResourceTypes = ResourceTypesOf<S, I>,
> extends ComponentSpecBase {
  /** The resource's schema (`s.resource({...}, { version })`). */
  readonly schema: S;
  /** The resource identity schema (`s.identity({...}, { version })`). */
  readonly identity?: I;
  /** The private state's shape (`privateState<{ etag: string }>()`): types `ctx.private`. */
  readonly privateState?: PrivateStateDecl<P>;
  /** Checks the configuration beyond what the schema says. */
  validate?(ctx: ResourceValidateContext<T, PD>): Awaitable<void>;
  /** Adjusts the plan by changing `ctx.planned` in place, or asks for replacement (`ctx.requireReplace`). */
  plan?(ctx: ResourcePlanContext<T, P, PD>): Awaitable<void>;
  /** Creates the resource and returns its state. */
  create(ctx: CreateContext<T, P, PD>): Awaitable<NoInfer<T["state"]>>;
  /** Reads the resource; null means it is gone. */
  read(ctx: ReadContext<T, P, PD>): Awaitable<NoInfer<T["state"]> | null>;
  /** Updates the resource in place and returns its new state. */
  update?(ctx: UpdateContext<T, P, PD>): Awaitable<NoInfer<T["state"]>>;
  /** Deletes the resource. */
  delete(ctx: DeleteContext<T, P, PD>): Awaitable<void>;
  /** Imports an existing object; return as much state as is known (Terraform reads it next). */
  importState?(ctx: ImportContext<T, P, PD>): Awaitable<NoInfer<Partial<T["state"]>>>;
  /** State upgraders by prior version: each turns raw state of that version into current state. */
  readonly upgradeState?: Readonly<
    Record<number, (ctx: UpgradeStateContext<PD>) => Awaitable<NoInfer<T["state"]>>>
  >;
  /** Identity upgraders by prior identity version, returning the current identity. */
  readonly upgradeIdentity?: Readonly<
    Record<number, (ctx: UpgradeIdentityContext<PD>) => Awaitable<NoInfer<T["identity"]>>>
  >;
  /** Movers of state from other resource types (`moved { from = other_type.x }`). */
  readonly moveState?: readonly StateMover<T, P, PD>[];
  /** Generates configuration for an imported resource (default: its configurable attributes). */
  generateConfig?(ctx: GenerateConfigContext<T, PD>): Awaitable<NoInfer<Partial<T["config"]>>>;
}

/** A resource definition, made by {@link defineResource} or `@registerResource`. */
export interface ResourceDefinition<
  S extends ResourceSchema = ResourceSchema,
  I extends IdentitySchema | undefined = IdentitySchema | undefined,
  P extends PrivateShape = PrivateShape,
  PD = unknown,
> extends ComponentDefinitionBase<"resource", ResourceSpec<S, I, P, PD>> {
  readonly schema: S;
  readonly identity: I | undefined;
}

/**
 * Defines a resource. Every handler's context is typed from `schema` (and `identity`).
 *
 * @example
 * ```ts
 * export const entry = defineResource({
 *   name: "kv_entry",
 *   schema: s.resource({ key: a.str({ required: true }), value: a.str({ required: true }) }),
 *   async create(ctx) { await ctx.provider.put(ctx.config.key, ctx.config.value); return ctx.config; },
 *   async read(ctx) { const v = await ctx.provider.get(ctx.state.key); return v === undefined ? null : { ...ctx.state, value: v }; },
 *   async delete(ctx) { await ctx.provider.remove(ctx.prior.key); },
 * });
 * ```
 */
export function defineResource<
  S extends ResourceSchema,
  I extends IdentitySchema | undefined = undefined,
  P extends PrivateShape = PrivateShape,
  PD = RegisteredProviderData,
  T extends ResourceTypes = ResourceTypesOf<S, I>,
>(spec: ResourceSpec<S, I, P, PD, T>): ResourceDefinition<S, I, P, PD> {
  return brand("resource", spec as unknown as ResourceSpec<S, I, P, PD>, {
    schema: spec.schema,
    identity: spec.identity,
  });
}

/**
 * Every resource handler context by handler name, for annotating class methods:
 * `async create(ctx: ResourceContexts<typeof schema>["create"])`.
 */
export interface ResourceContexts<
  S,
  I = undefined,
  P extends PrivateShape = PrivateShape,
  PD = RegisteredProviderData,
> {
  readonly validate: ResourceValidateContext<ResourceTypesOf<S, I>, PD>;
  readonly plan: ResourcePlanContext<ResourceTypesOf<S, I>, P, PD>;
  readonly create: CreateContext<ResourceTypesOf<S, I>, P, PD>;
  readonly read: ReadContext<ResourceTypesOf<S, I>, P, PD>;
  readonly update: UpdateContext<ResourceTypesOf<S, I>, P, PD>;
  readonly delete: DeleteContext<ResourceTypesOf<S, I>, P, PD>;
  readonly importState: ImportContext<ResourceTypesOf<S, I>, P, PD>;
  readonly upgradeState: UpgradeStateContext<PD>;
  readonly upgradeIdentity: UpgradeIdentityContext<PD>;
  readonly moveState: MoveStateContext<P, PD> & IdentityAccess<ResourceTypesOf<S, I>>;
  readonly generateConfig: GenerateConfigContext<ResourceTypesOf<S, I>, PD>;
}

/** Any resource definition, whatever its schema and provider data types. */
export type AnyResourceDefinition = ResourceDefinition<any, any, any, any>;
