/**
 * Actions (`action` blocks, Terraform 1.14+): operations invoked outside the resource
 * lifecycle, reporting progress while they run.
 *
 * @module
 */
import type { InferConfig, Schema } from "@pyvider/schema";
import { brand, type ComponentDefinitionBase, type ComponentSpecBase } from "../component.js";
import type {
  Awaitable,
  HandlerContext,
  PartlyUnknown,
  RegisteredProviderData,
  UnconfiguredContext,
} from "../context.js";

/** An action schema. */
export type ActionSchema = Schema<"action">;

/** Fields of every action handler context. */
export interface ActionContextBase<PD> extends HandlerContext<PD> {
  /** The action type name. */
  readonly typeName: string;
}

/**
 * Context of an action's `validate`. The provider may not be configured yet (`ctx.provider` may
 * be undefined).
 */
export interface ActionValidateContext<S, PD = RegisteredProviderData> extends UnconfiguredContext<PD> {
  /** The action type name. */
  readonly typeName: string;
  readonly config: PartlyUnknown<InferConfig<S>>;
}

/** Context of an action's `plan`. */
export interface ActionPlanContext<S, PD = RegisteredProviderData> extends ActionContextBase<PD> {
  readonly config: PartlyUnknown<InferConfig<S>>;
}

/** Context of `invoke`. */
export interface InvokeContext<S, PD = RegisteredProviderData> extends ActionContextBase<PD> {
  readonly config: InferConfig<S>;
  /** Reports progress; Terraform shows each message while the action runs. */
  progress(message: string): void;
}

/** Handlers and metadata of an action. */
export interface ActionSpec<S extends ActionSchema, PD = RegisteredProviderData> extends ComponentSpecBase {
  /** The schema (`s.action({...})`). */
  readonly schema: S;
  /** Checks the configuration. */
  validate?(ctx: ActionValidateContext<S, PD>): Awaitable<void>;
  /** Checks what the action will do at plan time (add diagnostics to refuse). */
  plan?(ctx: ActionPlanContext<S, PD>): Awaitable<void>;
  /** Runs the action. */
  invoke(ctx: InvokeContext<S, PD>): Awaitable<void>;
}

/** An action definition. */
export interface ActionDefinition<S extends ActionSchema = ActionSchema, PD = unknown>
  extends ComponentDefinitionBase<"action", ActionSpec<S, PD>> {
  readonly schema: S;
}

/** Defines an action; its contexts are typed from `schema`. */
export function defineAction<S extends ActionSchema, PD = RegisteredProviderData>(
  spec: ActionSpec<S, PD>,
): ActionDefinition<S, PD> {
  return brand("action", spec, { schema: spec.schema });
}

/** Every action handler context by handler name, for annotating class methods. */
export interface ActionContexts<S, PD = RegisteredProviderData> {
  readonly validate: ActionValidateContext<S, PD>;
  readonly plan: ActionPlanContext<S, PD>;
  readonly invoke: InvokeContext<S, PD>;
}

/** Any action definition, whatever its schema and provider data types. */
export type AnyActionDefinition = ActionDefinition<any, any>;
