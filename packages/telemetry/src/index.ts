/**
 * @pyvider/telemetry: a logger writing hclog-compatible JSON lines to stderr
 * (emoji prefixes, TF_LOG levels, redaction), and an OpenTelemetry tracing
 * and metrics facade whose SDK is loaded only when export is enabled.
 *
 * @packageDocumentation
 */

export {
  type LevelSetting,
  type LogLevel,
  type Env,
  type ResolvedLevel,
  LOG_LEVELS,
  DEFAULT_LEVEL,
  levelRank,
  parseLevel,
  providerLevelVariable,
  resolveLevel,
} from "./level.js";
export { type EpochMicros, formatTimestamp, nowMicros } from "./timestamp.js";
export {
  type EmojiTables,
  ACTION_EMOJI,
  DOMAIN_EMOJI,
  STATUS_EMOJI,
  UNKNOWN_EMOJI,
  emojiKey,
  emojiPrefix,
} from "./emoji.js";
export { Redactor, SECRET_MASK, SENSITIVE_PLACEHOLDER, Sensitive, isSensitive, sensitive } from "./redact.js";
export { type JsonValue, type SerializeOptions, MAX_DEPTH, MAX_ITEMS, renderError, toLogValue } from "./serialize.js";
export { type LogFormat, type LogRecord, RESERVED_KEYS, formatJson, formatPretty } from "./format.js";
export {
  type LogFields,
  type LogMessage,
  type LogSink,
  type Logger,
  type LoggerOptions,
  createLogger,
} from "./logger.js";
export {
  type Attributes,
  type AttributeValue,
  type Carrier,
  type Outcome,
  type RequestRecord,
  type SpanHandle,
  type SpanKindName,
  type StartSpanOptions,
  type Telemetry,
  type TelemetryMetrics,
  type TelemetryTracer,
  type TraceContext,
  METRIC_NAMES,
} from "./otel/types.js";
export type { TelemetryOptions } from "./otel/options.js";
export {
  type ExporterKind,
  type OtelConfig,
  type OtlpProtocol,
  type SignalConfig,
  isExportEnabled,
  parseResourceAttributes,
  resolveOtelConfig,
} from "./otel/config.js";
export {
  extractTraceContext,
  formatTraceparent,
  injectTraceContext,
  isTraceContext,
  parseTraceparent,
} from "./otel/traceparent.js";
export { NOOP_SPAN, NOOP_TELEMETRY } from "./otel/noop.js";
export { getTelemetry, initTelemetry, shutdownTelemetry } from "./otel/telemetry.js";

/** The package version. */
export const VERSION = "0.0.0";
