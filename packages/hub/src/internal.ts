/**
 * `@pyvider/hub/internal`: what only the framework's own packages use: the runtimes the protocol
 * layer calls for each component kind, the invoker, per-instance locks, the registry builder,
 * stop control and raw-state helpers. Not for provider authors: it may change in any release.
 *
 * @packageDocumentation
 */

export {
  abortReasonOf,
  DEFAULT_STOP_GRACE_PERIOD_MS,
  raceAbort,
  StopController,
  settleWithinGrace,
} from "./abort.js";
export { instanceKey, KeyedLock, stableJson } from "./concurrency.js";
export { buildRegistry, type ComponentListing, nameProblem } from "./registry.js";
export { ActionRuntime } from "./runtime/action-runtime.js";
export { DataSourceRuntime } from "./runtime/data-source-runtime.js";
export { EphemeralRuntime, type OpenResult, type RenewResult } from "./runtime/ephemeral-runtime.js";
export { type CallResult, type FunctionFailure, FunctionRuntime } from "./runtime/function-runtime.js";
export {
  type CallOptions,
  type InvocationOutcome,
  Invoker,
  type InvokerDeps,
  type OperationLabel,
} from "./runtime/invoker.js";
export { type ListItem, ListRuntime } from "./runtime/list-runtime.js";
export { generateConfigFromState, parseRawJson } from "./runtime/raw-state.js";
export {
  type InstanceData,
  type InstanceResult,
  type PlanResult,
  ResourceRuntime,
  type StateResult,
} from "./runtime/resource-runtime.js";
export { StateStoreRuntime } from "./runtime/state-store-runtime.js";
export { describeThrown, thrownTypeOf } from "./to-diagnostic.js";
