/**
 * @pyvider/cty: cty types and values, msgpack and JSON codecs byte-exact with go-cty, type JSON, conversion and unification, set semantics, exact numbers.
 * @packageDocumentation
 */

export {
  asBool,
  asNum,
  asString,
  attributes,
  capsuleValue,
  elements,
  getAttr,
  index,
  isWhollyKnown,
  lengthOf,
  mapEntries,
} from "./accessors.js";
export { MAX_NUMBER_EXPONENT, MAX_TYPE_DEPTH, MAX_VALUE_DEPTH } from "./codec-limits.js";
export {
  boolVal,
  capsuleVal,
  conformsTo,
  DynamicVal,
  type Entries,
  emptyObjectVal,
  emptyTupleVal,
  False,
  listVal,
  mapVal,
  nullVal,
  numberVal,
  objectVal,
  setVal,
  stringVal,
  True,
  tupleVal,
  unknownVal,
} from "./constructors.js";
export {
  type Conversion,
  type ConvertOptions,
  convert,
  getConversion,
  getConversionUnsafe,
  tryConvert,
} from "./convert.js";
export { type ConversionResult, CtyConversionError } from "./convert-error.js";
export { mismatchMessage } from "./convert-mismatch.js";
export { equals, hasWhollyKnownType, rangeIncludes, rawEquals } from "./equality.js";
export { type ErrorDiagnostic, PyviderError, type PyviderErrorOptions } from "./error.js";
export { decodeJSON } from "./json-decode.js";
export { encodeJSON } from "./json-encode.js";
export { impliedType } from "./json-implied.js";
export {
  type JsonNode,
  JsonSyntaxError,
  jsonNodeText,
  MAX_JSON_DEPTH,
  parseJSONPrefix,
  parseJSONText,
} from "./json-text.js";
export {
  children,
  containsMarked,
  hasMarkDeep,
  mark,
  marksDeep,
  markWithPaths,
  type PathValueMarks,
  unmark,
  unmarkDeep,
} from "./marks.js";
export { decodeMsgpack } from "./msgpack-decode.js";
export { encodeMsgpack } from "./msgpack-encode.js";
export { CtyCodecError } from "./msgpack-error.js";
export {
  fromNative,
  isUnknown,
  NativeConversionError,
  type ToNativeOptions,
  toNative,
  Unknown,
  type UnknownMarker,
  withoutOptionalAttrs,
} from "./native.js";
export type { CtyNative } from "./native-types.js";
export { bitLength, CtyNum } from "./number.js";
export { ObjectAttrs } from "./object-attrs.js";
export {
  attrStep,
  type CtyPath,
  elementStep,
  formatPath,
  getPath,
  indexStep,
  keyStep,
  PathError,
  type PathInput,
  type PathStep,
  pathEquals,
  pathStartsWith,
  setPath,
  toPath,
} from "./path.js";
export {
  definitelyNotNull,
  type NumberBound,
  RefinementBuilder,
  type Refinements,
  refine,
  safeKnownPrefix,
} from "./refinement.js";
export { canonicalSetElements, crc32, goQuote, setHash, setHashString, setLess } from "./set.js";
export { CtyTypeJSONError, typeFromJSON, typeToJSON } from "./type-json.js";
export {
  CtyBool,
  type CtyBoolType,
  CtyCapsule,
  type CtyCapsuleType,
  CtyDynamic,
  type CtyDynamicType,
  CtyList,
  type CtyListType,
  CtyMap,
  type CtyMapType,
  CtyNumber,
  type CtyNumberType,
  CtyObject,
  type CtyObjectType,
  CtySet,
  type CtySetType,
  CtyString,
  type CtyStringType,
  CtyTuple,
  type CtyTupleType,
  type CtyType,
  compareUtf8,
  friendlyName,
  hasDynamicTypes,
  hasOptionalAttributes,
  isCollectionType,
  isPrimitiveType,
  isStructuralType,
  typeEquals,
  typeString,
} from "./types.js";
export { type UnifyResult, unify, unifyUnsafe } from "./unify.js";
export { CtyValue, type Mark, noMarks, Sensitive, UnknownRaw } from "./value.js";
export { VERSION } from "./version.js";
