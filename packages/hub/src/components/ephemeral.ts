/**
 * Ephemeral resources: values that exist for one Terraform run only (tokens, leases). Opened,
 * optionally renewed, and closed; never stored in state.
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
import type { DeferrableContext } from "../deferral.js";
import type { PrivateShape, PrivateState, PrivateStateDecl } from "../private-state.js";

/** An ephemeral resource schema. */
export type EphemeralSchema = Schema<"ephemeral">;

/** Fields of every ephemeral resource handler context. */
export interface EphemeralContext<PD> extends HandlerContext<PD> {
  /** The ephemeral resource type name. */
  readonly typeName: string;
}

/** Context of an ephemeral resource's `validate`. The provider may not be configured yet (`ctx.provider` may be undefined). */
export interface EphemeralValidateContext<S, PD = RegisteredProviderData> extends UnconfiguredContext<PD> {
  /** The ephemeral resource type name. */
  readonly typeName: string;
  readonly config: PartlyUnknown<InferConfig<S>>;
}

/**
 * Context of `open`. `ctx.defer(reason)` defers the open (when
 * `ctx.clientCapabilities.deferralAllowed`): the result is then unknown.
 */
export interface OpenContext<S, P extends PrivateShape, PD = RegisteredProviderData>
  extends EphemeralContext<PD>,
    DeferrableContext {
  readonly config: InferConfig<S>;
  /** Private data handed back to `renew` and `close` (e.g. a lease ID). */
  readonly private: PrivateState<P>;
  /** Asks Terraform to call `renew` at (or before) this time. */
  setRenewAt(at: Date): void;
}

/** Context of `renew`. */
export interface RenewContext<P extends PrivateShape, PD = RegisteredProviderData>
  extends EphemeralContext<PD> {
  /** The private data from `open` (or the previous renewal); changes are kept. */
  readonly private: PrivateState<P>;
  /** Asks Terraform to call `renew` again at this time. */
  setRenewAt(at: Date): void;
}

/** Context of `close`. */
export interface CloseContext<P extends PrivateShape, PD = RegisteredProviderData>
  extends EphemeralContext<PD> {
  /** The private data from `open` (or the last renewal). */
  readonly private: PrivateState<P>;
}

/** Handlers and metadata of an ephemeral resource. */
export interface EphemeralSpec<
  S extends EphemeralSchema,
  P extends PrivateShape = PrivateShape,
  PD = RegisteredProviderData,
  St = InferState<S>,
> extends ComponentSpecBase {
  /** The schema (`s.ephemeral({...})`). */
  readonly schema: S;
  /** The private data's shape (`privateState<{ lease: string }>()`): types `ctx.private`. */
  readonly privateState?: PrivateStateDecl<P>;
  /** Checks the configuration beyond what the schema says. */
  validate?(ctx: EphemeralValidateContext<S, PD>): Awaitable<void>;
  /** Opens the resource and returns its result value. */
  open(ctx: OpenContext<S, P, PD>): Awaitable<NoInfer<St>>;
  /** Renews it (called at the time `setRenewAt` asked for). */
  renew?(ctx: RenewContext<P, PD>): Awaitable<void>;
  /** Closes it (revokes the token, releases the lease). */
  close?(ctx: CloseContext<P, PD>): Awaitable<void>;
}

/** An ephemeral resource definition. */
export interface EphemeralDefinition<
  S extends EphemeralSchema = EphemeralSchema,
  P extends PrivateShape = PrivateShape,
  PD = unknown,
> extends ComponentDefinitionBase<"ephemeral", EphemeralSpec<S, P, PD>> {
  readonly schema: S;
}

/** Defines an ephemeral resource; `open`'s context and result are typed from `schema`. */
export function defineEphemeralResource<
  S extends EphemeralSchema,
  P extends PrivateShape = PrivateShape,
  PD = RegisteredProviderData,
  St = InferState<S>,
>(spec: EphemeralSpec<S, P, PD, St>): EphemeralDefinition<S, P, PD> {
  return brand("ephemeral", spec as unknown as EphemeralSpec<S, P, PD>, { schema: spec.schema });
}

/** Every ephemeral resource handler context by handler name, for annotating class methods. */
export interface EphemeralContexts<S, P extends PrivateShape = PrivateShape, PD = RegisteredProviderData> {
  readonly validate: EphemeralValidateContext<S, PD>;
  readonly open: OpenContext<S, P, PD>;
  readonly renew: RenewContext<P, PD>;
  readonly close: CloseContext<P, PD>;
}

/** Any ephemeral resource definition, whatever its schema and provider data types. */
export type AnyEphemeralDefinition = EphemeralDefinition<any, any, any>;
