/**
 * @pyvider/testing: test harnesses; for now a protocol-level client that
 * starts a provider and speaks the go-plugin handshake like Terraform does.
 * @packageDocumentation
 */

/** The package version. */
export const VERSION = "0.0.0";

export { attach } from "./client/attach.js";
export {
  HandshakeError,
  type ProcessExit,
  type ProviderProcess,
  type StartProviderOptions,
  startProviderProcess,
} from "./client/process.js";
export type { ClientMethodFor, ProviderClient, ProviderRpcMethods, RpcOptions } from "./client/types.js";
export {
  ActionHarness,
  DataSourceHarness,
  EphemeralHarness,
  type FunctionOutcome,
  FunctionHarness,
  ListHarness,
} from "./harness/components.js";
export { Harness, type TypedFunctionHarness, createHarness } from "./harness/harness.js";
export type { PlannedAction } from "./harness/plan-rules.js";
export {
  type ApplyOutcome,
  type InstanceExtras,
  type PlanOutcome,
  ResourceHarness,
  type StateOutcome,
} from "./harness/resource.js";
export {
  HarnessError,
  type HarnessOutcome,
  expectOk,
  formatDiagnostic,
  formatDiagnostics,
} from "./harness/result.js";
