/**
 * The provider logger: levels from TF_LOG*, hclog JSON lines on stderr (or a
 * readable form on a terminal), emoji prefixes, redaction, never throws.
 *
 * @module
 */

import { type EmojiTables, emojiPrefix } from "./emoji.js";
import { formatJson, formatPretty, type LogFormat } from "./format.js";
import {
  type Env,
  type LevelSetting,
  LOG_LEVELS,
  type LogLevel,
  levelRank,
  parseLevel,
  resolveLevel,
} from "./level.js";
import { Redactor, SECRET_MASK } from "./redact.js";
import { type JsonValue, type SerializeOptions, toLogValue } from "./serialize.js";
import { type EpochMicros, nowMicros } from "./timestamp.js";

/**
 * Structured fields of a log message. Any values are accepted (they are
 * rendered safely); `domain`, `action` and `status` also choose the emoji
 * prefix (see the emoji tables).
 */
export interface LogFields {
  /** What part of the system the message is about (`resource`, `function`, ...). */
  readonly domain?: string;
  /** What is being done (`read`, `create`, `plan`, ...). */
  readonly action?: string;
  /** How it went (`start`, `success`, `failure`, ...). */
  readonly status?: string;
  /** Any other field. */
  readonly [key: string]: unknown;
}

/** A message, or a function producing it (called only when the level is enabled). */
export type LogMessage = string | (() => string);

/** Where log lines go: anything with a `write(string)` (default `process.stderr`). */
export interface LogSink {
  /** Write one chunk (a line with its newline). */
  write(chunk: string): unknown;
  /** Whether this is a terminal (chooses the pretty format and colours). */
  readonly isTTY?: boolean;
}

/** Options of {@link createLogger}. */
export interface LoggerOptions {
  /** Provider name (e.g. `kv`): the module is `provider.<name>`, the level variable `TF_LOG_PROVIDER_<NAME>`. */
  readonly name: string;
  /** Sub-module: the module becomes `provider.<name>.<module>`. */
  readonly module?: string;
  /**
   * The root module in place of `provider.<name>`, for framework components that log beside the
   * provider (e.g. `pyvider.protocol`); `module` is still appended. `name` still chooses the level
   * variable.
   */
  readonly rootModule?: string;
  /** Threshold; when given it wins over the environment (see {@link resolveLevel}). */
  readonly level?: LevelSetting;
  /** Emoji prefixes; when given it wins over `PYVIDER_LOG_EMOJI`. Default on. */
  readonly emoji?: boolean;
  /** Extra or replacement emoji table entries. */
  readonly emojiTables?: EmojiTables;
  /** `json`, `pretty`, or `auto` (the default: `PYVIDER_LOG_FORMAT`, else pretty on a terminal, else json). */
  readonly format?: LogFormat | "auto";
  /** ANSI colours in the pretty format. Default: on for a terminal unless `NO_COLOR`; `FORCE_COLOR` forces. */
  readonly color?: boolean;
  /** Destination. Default `process.stderr`; never stdout, which carries the plugin handshake. */
  readonly stream?: LogSink;
  /** Environment to read settings from. Default `process.env`. */
  readonly env?: Env;
  /** Fields added to every message. */
  readonly fields?: LogFields;
  /** Strings masked as `***` wherever they appear. */
  readonly secrets?: Iterable<string>;
  /** Field keys whose values are always masked as `***` (case-insensitive). */
  readonly maskKeys?: Iterable<string>;
  /** Clock, in microseconds since the epoch (for tests). */
  readonly clock?: () => EpochMicros;
  /** Zone offset in minutes east of UTC for timestamps (for tests). Default: the host's. */
  readonly utcOffsetMinutes?: number;
}

/** A structured logger. Every method is safe to call with anything: logging never throws. */
export interface Logger {
  /** The hclog module, e.g. `provider.kv.client`. */
  readonly module: string;
  /** The threshold. */
  readonly level: LevelSetting;
  /** The output format. */
  readonly format: LogFormat;
  /** Log at trace. */
  trace(message: LogMessage, fields?: LogFields): void;
  /** Log at debug. */
  debug(message: LogMessage, fields?: LogFields): void;
  /** Log at info. */
  info(message: LogMessage, fields?: LogFields): void;
  /** Log at warn. */
  warn(message: LogMessage, fields?: LogFields): void;
  /** Log at error. */
  error(message: LogMessage, fields?: LogFields): void;
  /** Log at `level`. */
  log(level: LogLevel, message: LogMessage, fields?: LogFields): void;
  /** Whether a message at `level` would be written. */
  isEnabled(level: LogLevel): boolean;
  /**
   * A logger sharing this one's settings: with a sub-module name
   * (`child("client")` -> `provider.kv.client`) and/or extra bound fields.
   */
  child(moduleOrFields: string | LogFields, fields?: LogFields): Logger;
  /** A logger that also masks these secret strings (in messages and string values, at any depth). */
  withSecrets(secrets: Iterable<string>): Logger;
  /** A logger that also masks the values of fields with these keys. */
  withMaskedKeys(keys: Iterable<string>): Logger;
  /** A logger with another threshold. */
  withLevel(level: LevelSetting): Logger;
}

interface Shared {
  readonly format: LogFormat;
  readonly color: boolean;
  readonly emoji: boolean;
  readonly emojiTables: EmojiTables | undefined;
  readonly stream: LogSink;
  readonly clock: () => EpochMicros;
  readonly offset: number | undefined;
}

function parseBoolean(text: string | undefined): boolean | undefined {
  switch (text?.trim().toLowerCase()) {
    case "1":
    case "true":
    case "yes":
    case "on":
      return true;
    case "0":
    case "false":
    case "no":
    case "off":
      return false;
    default:
      return undefined;
  }
}

function chooseFormat(option: LoggerOptions["format"], env: Env, stream: LogSink): LogFormat {
  if (option === "json" || option === "pretty") return option;
  const fromEnv = env.PYVIDER_LOG_FORMAT?.trim().toLowerCase();
  if (fromEnv === "json" || fromEnv === "pretty") return fromEnv;
  return stream.isTTY === true ? "pretty" : "json";
}

function chooseColor(option: boolean | undefined, env: Env, stream: LogSink): boolean {
  if (option !== undefined) return option;
  const force = env.FORCE_COLOR;
  if (force !== undefined && force !== "") return force !== "0" && force.toLowerCase() !== "false";
  if (env.NO_COLOR !== undefined && env.NO_COLOR !== "") return false;
  return stream.isTTY === true;
}

function safeString(value: unknown): string {
  if (typeof value === "string") return value;
  try {
    return String(value);
  } catch {
    return "[unprintable message]";
  }
}

function describeThrow(error: unknown): string {
  try {
    return `[Throws: ${error instanceof Error ? error.message : String(error)}]`;
  } catch {
    return "[Throws]";
  }
}

/** Copy an object's own enumerable fields into `into`, reading each one safely. */
function collectFields(source: object, into: Map<string, unknown>): void {
  let keys: string[];
  try {
    keys = Object.keys(source);
  } catch (error) {
    into.set("fields", describeThrow(error));
    return;
  }
  for (const key of keys) {
    try {
      into.set(key, (source as Record<string, unknown>)[key]);
    } catch (error) {
      into.set(key, describeThrow(error));
    }
  }
}

class StructuredLogger implements Logger {
  readonly #shared: Shared;
  readonly #threshold: number;
  readonly #bound: LogFields;
  readonly #redactor: Redactor;
  readonly module: string;
  readonly level: LevelSetting;

  constructor(shared: Shared, module: string, level: LevelSetting, bound: LogFields, redactor: Redactor) {
    this.#shared = shared;
    this.module = module;
    this.level = level;
    this.#threshold = levelRank(level);
    this.#bound = bound;
    this.#redactor = redactor;
  }

  get format(): LogFormat {
    return this.#shared.format;
  }

  isEnabled(level: LogLevel): boolean {
    return levelRank(level) >= this.#threshold;
  }

  trace(message: LogMessage, fields?: LogFields): void {
    this.log("trace", message, fields);
  }
  debug(message: LogMessage, fields?: LogFields): void {
    this.log("debug", message, fields);
  }
  info(message: LogMessage, fields?: LogFields): void {
    this.log("info", message, fields);
  }
  warn(message: LogMessage, fields?: LogFields): void {
    this.log("warn", message, fields);
  }
  error(message: LogMessage, fields?: LogFields): void {
    this.log("error", message, fields);
  }

  log(level: LogLevel, message: LogMessage, fields?: LogFields): void {
    // Untyped callers may pass anything as the level: treat it as info.
    const effective: LogLevel = (LOG_LEVELS as readonly unknown[]).includes(level) ? level : "info";
    if (levelRank(effective) < this.#threshold) return;
    try {
      this.#write(effective, message, fields);
    } catch (error) {
      this.#writeFallback(effective, error);
    }
  }

  #write(level: LogLevel, message: LogMessage, fields: LogFields | undefined): void {
    const shared = this.#shared;
    const values = new Map<string, unknown>();
    collectFields(this.#bound, values);
    if (fields !== undefined && fields !== null) collectFields(fields, values);
    const text = safeString(typeof message === "function" ? message() : message);
    const prefix = shared.emoji
      ? emojiPrefix(
          { domain: values.get("domain"), action: values.get("action"), status: values.get("status") },
          shared.emojiTables,
        )
      : "";
    const options: SerializeOptions = {
      redactor: this.#redactor,
      withStack: levelRank(level) <= levelRank("debug"),
    };
    const rendered: Record<string, JsonValue> = {};
    for (const [key, value] of values) {
      rendered[this.#redactor.maskString(key)] = this.#redactor.masksKey(key)
        ? SECRET_MASK
        : toLogValue(value, options);
    }
    const record = {
      level,
      message: this.#redactor.maskString(prefix + text),
      module: this.module,
      time: shared.clock(),
      fields: rendered,
    };
    const line =
      shared.format === "json"
        ? formatJson(record, shared.offset)
        : formatPretty(record, shared.color, shared.offset);
    shared.stream.write(`${line}\n`);
  }

  #writeFallback(level: LogLevel, error: unknown): void {
    try {
      let reason = "unknown error";
      try {
        reason = error instanceof Error ? error.message : String(error);
      } catch {
        // keep the generic reason
      }
      const record = {
        level,
        message: this.#redactor.maskString(`log message could not be rendered: ${reason}`),
        module: this.module,
        time: nowMicros(),
        fields: {},
      };
      this.#shared.stream.write(`${formatJson(record, this.#shared.offset)}\n`);
    } catch {
      // The stream itself failed: there is nowhere left to report to.
    }
  }

  child(moduleOrFields: string | LogFields, fields?: LogFields): Logger {
    let module = this.module;
    let extra: LogFields | undefined = fields;
    if (typeof moduleOrFields === "string") {
      const sub = moduleOrFields.trim();
      if (sub !== "") module = `${this.module}.${sub}`;
    } else if (moduleOrFields !== null && typeof moduleOrFields === "object") {
      extra = fields === undefined ? moduleOrFields : { ...moduleOrFields, ...fields };
    }
    const bound = extra === undefined ? this.#bound : { ...this.#bound, ...extra };
    return new StructuredLogger(this.#shared, module, this.level, bound, this.#redactor);
  }

  withSecrets(secrets: Iterable<string>): Logger {
    return new StructuredLogger(
      this.#shared,
      this.module,
      this.level,
      this.#bound,
      this.#redactor.with(secrets),
    );
  }

  withMaskedKeys(keys: Iterable<string>): Logger {
    return new StructuredLogger(
      this.#shared,
      this.module,
      this.level,
      this.#bound,
      this.#redactor.with([], keys),
    );
  }

  withLevel(level: LevelSetting): Logger {
    const parsed = parseLevel(level) ?? this.level;
    return new StructuredLogger(this.#shared, this.module, parsed, this.#bound, this.#redactor);
  }
}

/**
 * Create a provider logger.
 *
 * @example
 * ```ts
 * const log = createLogger({ name: "kv" });
 * log.info("Converting function add to protobuf", { domain: "function", action: "convert", status: "progress" });
 * // stderr: {"@level":"info","@message":"🧮🔀🔄 Converting function add to protobuf","@module":"provider.kv",
 * //          "@timestamp":"2026-01-02T15:04:05.123456Z","domain":"function","action":"convert","status":"progress"}
 * ```
 */
export function createLogger(options: LoggerOptions = { name: "" }): Logger {
  // Untyped callers may pass nothing usable: fall back to defaults rather than crash.
  if (options === null || typeof options !== "object") options = { name: "" };
  const env: Env = options.env ?? process.env;
  const stream: LogSink = options.stream ?? process.stderr;
  const name = typeof options.name === "string" ? options.name.trim() : "";
  const level =
    (options.level === undefined ? undefined : parseLevel(options.level)) ?? resolveLevel(name, env).level;
  const emoji = options.emoji ?? parseBoolean(env.PYVIDER_LOG_EMOJI) ?? true;
  const format = chooseFormat(options.format, env, stream);
  const shared: Shared = {
    format,
    color: format === "pretty" && chooseColor(options.color, env, stream),
    emoji,
    emojiTables: options.emojiTables,
    stream,
    clock: options.clock ?? nowMicros,
    offset: options.utcOffsetMinutes,
  };
  const root = typeof options.rootModule === "string" ? options.rootModule.trim() : "";
  let module = root !== "" ? root : name === "" ? "provider" : `provider.${name}`;
  const sub = options.module?.trim();
  if (sub) module = `${module}.${sub}`;
  const redactor = Redactor.EMPTY.with(options.secrets ?? [], options.maskKeys ?? []);
  return new StructuredLogger(shared, module, level, { ...(options.fields ?? {}) }, redactor);
}
