/**
 * @pyvider/testing: test harnesses; for now a protocol-level client that
 * starts a provider and speaks the go-plugin handshake like Terraform does.
 * @packageDocumentation
 */

export {
  BinaryNotFoundError,
  compareVersions,
  type FindBinaryOptions,
  findBinary,
  identifyBinary,
  type TfBinary,
  type TfFlavor,
} from "./acceptance/binary.js";
export { AcceptanceError, type FailureContext } from "./acceptance/errors.js";
export {
  expectEmptyPlan,
  expectNonEmptyPlan,
  expectPlannedValue,
  expectResourceAction,
  expectUnknownValue,
  type PlanCheck,
  PlanView,
  type ResourceAction,
} from "./acceptance/plan-checks.js";
export { type ReadProviderSchemaOptions, readProviderSchema } from "./acceptance/provider-schema.js";
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
export { attach } from "./client/attach.js";
export {
  HandshakeError,
  type ProcessExit,
  type ProviderProcess,
  type StartProviderOptions,
  startProviderProcess,
} from "./client/process.js";
export type { ClientMethodFor, ProviderRpcMethods, RawProviderClient, RpcOptions } from "./client/types.js";
export {
  ActionHarness,
  DataSourceHarness,
  EphemeralHarness,
  FunctionHarness,
  type FunctionOutcome,
  ListHarness,
} from "./harness/components.js";
export { createHarness, Harness, type TypedFunctionHarness } from "./harness/harness.js";
export type { PlannedAction } from "./harness/plan-rules.js";
export {
  type ApplyOutcome,
  type InstanceExtras,
  type PlanOutcome,
  ResourceHarness,
  type StateOutcome,
} from "./harness/resource.js";
export {
  expectOk,
  formatDiagnostic,
  formatDiagnostics,
  HarnessError,
  type HarnessOutcome,
} from "./harness/result.js";
export { type ProviderSchemaSnapshot, schemaSnapshot } from "./harness/schema-snapshot.js";
export { proposedNewState } from "./plain/proposed.js";
export {
  type Capabilities,
  type ClientPlanResult,
  type ClientStateResult,
  ProviderClient,
} from "./plain/provider-client.js";
export { identityType, schemaType, wireAttributeType, wireBlockType } from "./plain/schema-types.js";
export {
  decodePlain,
  decodeValue,
  encodeValue,
  type PlainDiagnostic,
  plainDiagnostics,
  toValue,
  wirePath,
} from "./plain/values.js";
export {
  assertNoSecrets,
  findSecretTraces,
  MIN_SECRET_LENGTH,
  SECRET_DIGEST_ALGORITHMS,
  type SecretScan,
  type SecretTrace,
  SecretTraceError,
  secretForms,
} from "./secrets/secrets.js";
export { VERSION } from "./version.js";
