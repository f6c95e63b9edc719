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
export type { ClientMethodFor, ProviderRpcMethods, RawProviderClient, RpcOptions } from "./client/types.js";
export { type Capabilities, type PlanResult, ProviderClient, type StateResult } from "./plain/provider-client.js";
export { proposedNewState } from "./plain/proposed.js";
export { attributeType, blockType, identityType, schemaType } from "./plain/schema-types.js";
export { decodePlain, decodeValue, encodeValue, type PlainDiagnostic, plainDiagnostics, toValue, wirePath } from "./plain/values.js";
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
export {
  BinaryNotFoundError,
  type FindBinaryOptions,
  type TfBinary,
  type TfFlavor,
  compareVersions,
  findBinary,
  identifyBinary,
} from "./acceptance/binary.js";
export { AcceptanceError, type FailureContext } from "./acceptance/errors.js";
export {
  type PlanCheck,
  PlanView,
  type ResourceAction,
  expectEmptyPlan,
  expectNonEmptyPlan,
  expectPlannedValue,
  expectResourceAction,
  expectUnknownValue,
} from "./acceptance/plan-checks.js";
export type {
  ExecutableProvider,
  InProcessProvider,
  ProviderUnderTest,
  ReattachProvider,
} from "./acceptance/provider-source.js";
export { acceptanceTest, inCI } from "./acceptance/runner.js";
export { CheckError, type Expected, ResourceState, StateView } from "./acceptance/state.js";
export type { JsonPlan, JsonResource, JsonResourceChange, JsonState } from "./acceptance/tf-json.js";
export type {
  AcceptanceReport,
  ImportKind,
  PlanChecks,
  SkipContext,
  StateCheck,
  TestCase,
  TestStep,
} from "./acceptance/types.js";
export { type ReadProviderSchemaOptions, readProviderSchema } from "./acceptance/provider-schema.js";
export { type ProviderSchemaSnapshot, schemaSnapshot } from "./harness/schema-snapshot.js";
