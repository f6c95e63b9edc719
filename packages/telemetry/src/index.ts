/**
 * @pyvider/telemetry: a logger writing hclog-compatible JSON lines to stderr
 * (emoji prefixes, TF_LOG levels, redaction), and an OpenTelemetry tracing
 * and metrics facade whose SDK is loaded only when export is enabled.
 *
 * @packageDocumentation
 */

export {
  ACTION_EMOJI,
  DOMAIN_EMOJI,
  type EmojiTables,
  emojiKey,
  emojiPrefix,
  STATUS_EMOJI,
  UNKNOWN_EMOJI,
} from "./emoji.js";
export { formatJson, formatPretty, type LogFormat, type LogRecord, RESERVED_KEYS } from "./format.js";
export {
  DEFAULT_LEVEL,
  type Env,
  type LevelSetting,
  LOG_LEVELS,
  type LogLevel,
  levelRank,
  parseLevel,
  providerLevelVariable,
  type ResolvedLevel,
  resolveLevel,
} from "./level.js";
export {
  createLogger,
  type LogFields,
  type Logger,
  type LoggerOptions,
  type LogMessage,
  type LogSink,
} from "./logger.js";
export {
  type ExporterKind,
  isExportEnabled,
  type OtelConfig,
  type OtlpProtocol,
  parseResourceAttributes,
  resolveOtelConfig,
  type SignalConfig,
} from "./otel/config.js";
export { NOOP_SPAN, NOOP_TELEMETRY } from "./otel/noop.js";
export type { TelemetryOptions } from "./otel/options.js";
export { getTelemetry, initTelemetry, shutdownTelemetry } from "./otel/telemetry.js";
export {
  extractTraceContext,
  formatTraceparent,
  injectTraceContext,
  isTraceContext,
  parseTraceparent,
} from "./otel/traceparent.js";
export {
  type Attributes,
  type AttributeValue,
  type Carrier,
  METRIC_NAMES,
  type Outcome,
  type RequestRecord,
  type SpanHandle,
  type SpanKindName,
  type StartSpanOptions,
  type Telemetry,
  type TelemetryMetrics,
  type TelemetryTracer,
  type TraceContext,
} from "./otel/types.js";
export {
  isSensitive,
  Redactor,
  SECRET_MASK,
  SENSITIVE_PLACEHOLDER,
  SensitiveLogValue,
  sensitive,
} from "./redact.js";
export {
  type JsonValue,
  MAX_DEPTH,
  MAX_ITEMS,
  renderError,
  type SerializeOptions,
  toLogValue,
} from "./serialize.js";
export { type EpochMicros, formatTimestamp, nowMicros } from "./timestamp.js";

export { VERSION } from "./version.js";
