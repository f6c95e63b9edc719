/**
 * @pyvider/schema: the schema model and DSL (factories, builder, decorators), validators, plan
 * modifiers, defaults, TypeScript type inference and config validation with attribute paths.
 * @packageDocumentation
 */

export type {
  AttributeOptions,
  CollectionOptions,
  DefaultFunction,
  DefaultOption,
  FlagsOf,
} from "./attribute-options.js";
export type { ElementLike, NestedOptions, ObjTypeOf, TupleTypeOf, TypeLike, TypeOf } from "./attributes.js";
export {
  a,
  a_bool,
  a_dyn,
  a_list,
  a_map,
  a_num,
  a_obj,
  a_set,
  a_str,
  a_tuple,
  defineAttribute,
  nestedAttribute,
} from "./attributes.js";
export type { BlockOptions, BodyOptions } from "./blocks.js";
export { b, b_group, b_list, b_set, b_single, block as defineBlock } from "./blocks.js";
export type { SchemaBuilderOptions } from "./builder.js";
export { SchemaBuilder } from "./builder.js";
export {
  assertValidSchema,
  checkFunction,
  checkSchema,
  NAME_PATTERN,
  RESERVED_ROOT_NAMES,
} from "./checks.js";
export { computedBlockPaths, containsComputedBlocks, keepComputedBlocks } from "./computed-blocks.js";
export type { AttributeDecoratorOptions, FieldsClass } from "./decorators.js";
export {
  actionSchema,
  attribute,
  block,
  dataSourceSchema,
  ephemeralSchema,
  fields,
  identitySchema,
  listSchema,
  nested,
  providerSchema,
  resourceSchema,
  schemaOf,
  stateStoreSchema,
} from "./decorators.js";
export type { DefaultsResult } from "./defaults.js";
export { applyDefaults } from "./defaults.js";
export type {
  AttributeDescription,
  BlockDescription,
  DescriptionKind,
  FunctionDescription,
  NestedBlockDescription,
  ObjectDescription,
  ParameterDescription,
  SchemaDescription,
  TypeJson,
} from "./describe.js";
export { describeBlock, describeFunction, describeSchema, typeJson } from "./describe.js";
export type { Diagnostic, Severity } from "./diagnostics.js";
export { errorDiag, hasErrors, warningDiag } from "./diagnostics.js";
export { SchemaError, SchemaErrors } from "./errors.js";
export type { ImpliedTypeOptions } from "./implied.js";
export { attributeType, blockType, bodyType, nestedObjectType, schemaImpliedType } from "./implied.js";
export type {
  FieldsOf,
  FieldsValue,
  Infer,
  InferAttribute,
  InferConfig,
  InferFunctionArgs,
  InferFunctionResult,
  InferMode,
  InferPlan,
  InferState,
  NativeOf,
  UnknownValue,
} from "./infer.js";
export type * from "./model.js";
export type { PlanChangeRequest, PlanModifiersRequest, PlanModifiersResult } from "./plan.js";
export { planChange, runPlanModifiers } from "./plan.js";
export {
  planModifier,
  pm,
  requiresReplace,
  requiresReplaceIf,
  useStateForUnknown,
} from "./plan-modifiers.js";
export type {
  ArgOf,
  ArgsOf,
  FunctionSignatureSpec,
  ParameterSpec,
  ResultOf,
  SchemaOptions,
} from "./schemas.js";
export {
  functionSchema,
  s,
  s_data_source,
  s_provider,
  s_resource,
  schema as defineSchema,
} from "./schemas.js";
export { markComputedUnknown } from "./unknowns.js";
export { validateConfig } from "./validate.js";
export type { CustomRequest, CustomResult, NumberLimit } from "./validators/index.js";
export { v } from "./validators/index.js";

export { VERSION } from "./version.js";
