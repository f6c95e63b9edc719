/**
 * @pyvider/hub: the authoring API (provider, resources, data sources, functions, ephemeral
 * resources, list resources, actions and state stores), the component registry and discovery,
 * the error hierarchy, the service container, per-instance concurrency, and the invocation
 * helpers the protocol layer calls.
 *
 * @packageDocumentation
 */

/** The package version. */
export const VERSION = "0.0.0";

export { StopController, StopError, abortReasonOf, raceAbort } from "./abort.js";
export {
  COMPONENT_BRAND,
  COMPONENT_KINDS,
  type ComponentDefinitionBase,
  type ComponentKind,
  type ComponentSpecBase,
  KIND_LABEL,
  isComponentDefinition,
} from "./component.js";
export {
  type ActionContextBase,
  type ActionContexts,
  type ActionDefinition,
  type ActionPlanContext,
  type ActionSchema,
  type ActionSpec,
  type InvokeContext,
  defineAction,
} from "./components/action.js";
export {
  type DataSourceContext,
  type DataSourceContexts,
  type DataSourceDefinition,
  type DataSourceReadContext,
  type DataSourceSchema,
  type DataSourceSpec,
  type DataSourceValidateContext,
  defineDataSource,
} from "./components/data-source.js";
export {
  type CloseContext,
  type EphemeralContext,
  type EphemeralContexts,
  type EphemeralDefinition,
  type EphemeralSchema,
  type EphemeralSpec,
  type EphemeralValidateContext,
  type OpenContext,
  type RenewContext,
  defineEphemeralResource,
} from "./components/ephemeral.js";
export { type TypedDefiners, forProvider } from "./components/for-provider.js";
export {
  type CtyTypeOf,
  type FunctionArgs,
  type FunctionContext,
  type FunctionDefinition,
  type FunctionSpec,
  type ParamValue,
  type ParameterDef,
  type ParameterType,
  type ReturnValue,
  defineFunction,
} from "./components/function.js";
export {
  type ListContext,
  type ListContextBase,
  type ListContexts,
  type ListDefinition,
  type ListResult,
  type ListSchema,
  type ListSpec,
  type ListValidateContext,
  defineListResource,
} from "./components/list.js";
export {
  type ConfigureContext,
  PROVIDER_BRAND,
  type ProviderContextBase,
  type ProviderContexts,
  type ProviderDataOf,
  type ProviderMetaOf,
  type ProviderMetaSchema,
  type ProviderSchema,
  type ProviderSpec,
  type ProviderSpecDefinition,
  type ProviderValidateContext,
  defineProvider,
  isProviderDefinition,
} from "./components/provider.js";
export {
  type CreateContext,
  type DeleteContext,
  type GenerateConfigContext,
  type IdentityAccess,
  type IdentityOf,
  type IdentitySchema,
  type ImportContext,
  type MoveStateContext,
  type ReadContext,
  type ResourceContext,
  type ResourceContexts,
  type ResourceDefinition,
  type ResourcePlanContext,
  type ResourceSchema,
  type ResourceSpec,
  type ResourceTypes,
  type ResourceTypesOf,
  type ResourceValidateContext,
  type StateMover,
  type UpdateContext,
  type UpgradeIdentityContext,
  type UpgradeStateContext,
  defineResource,
} from "./components/resource.js";
export {
  type ByteStream,
  type LockContext,
  type LockInfo,
  type StateContext,
  type StateStoreConfigContext,
  type StateStoreContext,
  type StateStoreContexts,
  type StateStoreDefinition,
  type StateStoreSchema,
  type StateStoreSpec,
  type UnlockContext,
  type WriteStateContext,
  defineStateStore,
} from "./components/state-store.js";
export { KeyedLock, instanceKey, stableJson } from "./concurrency.js";
export {
  type Awaitable,
  type ClientCapabilities,
  type HandlerContext,
  type JsonObject,
  type JsonValue,
  type PartlyUnknown,
  type Register,
  type RegisteredProviderData,
  type WithUnknowns,
} from "./context.js";
export {
  type DecoratedRegistration,
  type RegisterOptions,
  fromDecoratedClass,
  registerAction,
  registerDataSource,
  registerEphemeralResource,
  registerFunction,
  registerListResource,
  registerProvider,
  registerResource,
  registerStateStore,
  registrationOf,
} from "./decorators.js";
export { Diagnostics } from "./diagnostics.js";
export { type Discovered, discover } from "./discover.js";
export {
  CapabilityError,
  FunctionError,
  type HubSchemaErrorOptions,
  PyviderError,
  type PyviderErrorOptions,
  ResourceError,
  ResourceNotFoundError,
  ResourceOperationError,
  SchemaError,
  SchemaRegistrationError,
  SchemaValidationError,
  makeDiagnostic,
} from "./errors.js";
export { type PathInput, toPath } from "./path.js";
export {
  type PrivateShape,
  type PrivateState,
  type PrivateStateDecl,
  PrivateStore,
  privateState,
} from "./private-state.js";
export {
  type AnyComponentDefinition,
  type ComponentListing,
  FUNCTION_NAME,
  PROVIDER_NAME,
  buildRegistry,
  nameProblem,
} from "./registry.js";
export { ActionRuntime } from "./runtime/action-runtime.js";
export { DataSourceRuntime } from "./runtime/data-source-runtime.js";
export { EphemeralRuntime, type OpenResult, type RenewResult } from "./runtime/ephemeral-runtime.js";
export { type CallResult, type FunctionFailure, FunctionRuntime } from "./runtime/function-runtime.js";
export { type CallOptions, Invoker, type InvokerDeps, type OperationLabel, type Outcome } from "./runtime/invoker.js";
export { type ListItem, ListRuntime } from "./runtime/list-runtime.js";
export {
  ProviderDefinition,
  type ProviderOptions,
  buildProvider,
  discoverProvider,
} from "./runtime/provider-runtime.js";
export { generateConfigFromState, parseRawJson } from "./runtime/raw-state.js";
export {
  type InstanceData,
  type InstanceResult,
  type PlainObject,
  type PlanResult,
  ResourceRuntime,
  type StateResult,
} from "./runtime/resource-runtime.js";
export { StateStoreRuntime, collectBytes } from "./runtime/state-store-runtime.js";
export {
  ServiceContainer,
  ServiceError,
  type ServiceFactory,
  type ServiceKey,
  type ServiceLifetime,
  type ServiceOptions,
  type ServiceResolver,
  serviceKey,
} from "./services.js";
export { describeThrown, errorToDiagnostic, isAbortError } from "./to-diagnostic.js";
