/**
 * @pyvider/hub: the authoring API (provider, resources, data sources, functions, ephemeral
 * resources, list resources, actions and state stores), the component registry and discovery,
 * the error hierarchy and the service container: what a provider author needs. What only the
 * framework's own packages use (the runtimes the protocol layer calls, per-instance locks, ...)
 * is in `@pyvider/hub/internal`.
 *
 * @packageDocumentation
 */

export { StopError, StopGracePeriodError } from "./abort.js";
export {
  COMPONENT_BRAND,
  COMPONENT_KINDS,
  type ComponentDefinitionBase,
  type ComponentKind,
  type ComponentSpecBase,
  isComponentDefinition,
  KIND_LABEL,
} from "./component.js";

export {
  type ActionContextBase,
  type ActionContexts,
  type ActionDefinition,
  type ActionPlanContext,
  type ActionSchema,
  type ActionSpec,
  type ActionValidateContext,
  defineAction,
  type InvokeContext,
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
  defineEphemeralResource,
  type EphemeralContext,
  type EphemeralContexts,
  type EphemeralDefinition,
  type EphemeralSchema,
  type EphemeralSpec,
  type EphemeralValidateContext,
  type OpenContext,
  type RenewContext,
} from "./components/ephemeral.js";

export { forProvider, type TypedDefiners } from "./components/for-provider.js";

export {
  type CtyTypeOf,
  defineFunction,
  type FunctionArgs,
  type FunctionContext,
  type FunctionDefinition,
  type FunctionSpec,
  type ParameterDef,
  type ParameterType,
  type ParamValue,
  type ReturnValue,
} from "./components/function.js";

export {
  defineListResource,
  type ListContext,
  type ListContextBase,
  type ListContexts,
  type ListDefinition,
  type ListResult,
  type ListSchema,
  type ListSpec,
  type ListValidateContext,
} from "./components/list.js";

export {
  type ConfigureContext,
  defineProvider,
  isProviderDefinition,
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
} from "./components/provider.js";

export {
  type CreateContext,
  type DeleteContext,
  defineResource,
  type GenerateConfigContext,
  type IdentityAccess,
  type IdentityOf,
  type IdentitySchema,
  type ImportContext,
  type InstanceContext,
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
  type UnconfiguredResourceContext,
  type UpdateContext,
  type UpgradeIdentityContext,
  type UpgradeStateContext,
} from "./components/resource.js";

export {
  type ByteStream,
  defineStateStore,
  type LockContext,
  type LockInfo,
  type StateContext,
  type StateStoreConfigContext,
  type StateStoreContext,
  type StateStoreContexts,
  type StateStoreDefinition,
  type StateStoreSchema,
  type StateStoreSpec,
  type StateStoreValidateContext,
  type UnlockContext,
  type WriteStateContext,
} from "./components/state-store.js";

export type {
  Awaitable,
  ClientCapabilities,
  ExactJsonValue,
  HandlerContext,
  JsonObject,
  PartlyUnknown,
  Register,
  RegisteredProviderData,
  UnconfiguredContext,
  WithUnknowns,
} from "./context.js";

export {
  type DecoratedRegistration,
  fromDecoratedClass,
  type RegisterOptions,
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

export {
  type DeferrableContext,
  Deferral,
  type DeferralReason,
  isDeferral,
} from "./deferral.js";

export { Diagnostics } from "./diagnostics.js";

export { type Discovered, discover } from "./discover.js";

export {
  ComponentDiscoveryError,
  type DependencyDiscovery,
  type DependencyDiscoveryOptions,
  type DependencyField,
  type DiscoveredPackage,
  discoverFromDependencies,
} from "./discover-packages.js";

export {
  CapabilityError,
  FunctionError,
  type HubSchemaErrorOptions,
  makeDiagnostic,
  PyviderError,
  type PyviderErrorOptions,
  ResourceError,
  ResourceNotFoundError,
  ResourceOperationError,
  SchemaError,
  SchemaRegistrationError,
  SchemaValidationError,
} from "./errors.js";

export { type PathInput, toPath } from "./path.js";

export {
  type PrivateShape,
  type PrivateState,
  type PrivateStateDecl,
  PrivateStore,
  privateState,
  type ReadonlyPrivateState,
} from "./private-state.js";

export { type AnyComponentDefinition, FUNCTION_NAME, PROVIDER_NAME } from "./registry.js";
export {
  buildProvider,
  discoverProvider,
  ProviderDefinition,
  type ProviderOptions,
} from "./runtime/provider-runtime.js";

export type { PlainObject } from "./runtime/resource-runtime.js";
export { collectBytes } from "./runtime/state-store-runtime.js";
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

export { errorToDiagnostic, isAbortError } from "./to-diagnostic.js";
export { VERSION } from "./version.js";
