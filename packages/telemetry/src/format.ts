/**
 * Rendering one log record as a line: hclog-compatible JSON (what Terraform
 * parses from provider stderr) or a readable, optionally coloured, text form.
 *
 * @module
 */

import type { LogLevel } from "./level.js";
import type { JsonValue } from "./serialize.js";
import { type EpochMicros, formatTimestamp } from "./timestamp.js";

/** Output format of a logger. */
export type LogFormat = "json" | "pretty";

/** One fully prepared log record: message prefixed and masked, fields JSON-safe. */
export interface LogRecord {
  /** The level the message was logged at. */
  readonly level: LogLevel;
  /** The message, emoji prefix included, secrets masked. */
  readonly message: string;
  /** The hclog module name, e.g. `provider.kv`. */
  readonly module: string;
  /** When, in microseconds since the epoch. */
  readonly time: EpochMicros;
  /** Extra fields, in the order they were given. */
  readonly fields: Readonly<Record<string, JsonValue>>;
}

/** The keys hclog itself writes; a field with one of these names is written as `_<name>`. */
export const RESERVED_KEYS: ReadonlySet<string> = new Set([
  "@level",
  "@message",
  "@module",
  "@timestamp",
  "@caller",
]);

/**
 * One hclog JSON line (without the newline): `@level`, `@message`, `@module`,
 * `@timestamp`, then the fields as JSON values.
 */
export function formatJson(record: LogRecord, offsetMinutes?: number): string {
  const out: Record<string, JsonValue> = {
    "@level": record.level,
    "@message": record.message,
    "@module": record.module,
    "@timestamp": formatTimestamp(record.time, offsetMinutes),
  };
  for (const [key, value] of Object.entries(record.fields)) {
    out[RESERVED_KEYS.has(key) ? `_${key}` : key] = value;
  }
  return JSON.stringify(out);
}

const LEVEL_TAG: Readonly<Record<LogLevel, string>> = {
  trace: "[TRACE]",
  debug: "[DEBUG]",
  info: "[INFO] ",
  warn: "[WARN] ",
  error: "[ERROR]",
};

const LEVEL_COLOR: Readonly<Record<LogLevel, string>> = {
  trace: "\x1b[90m",
  debug: "\x1b[36m",
  info: "\x1b[32m",
  warn: "\x1b[33m",
  error: "\x1b[31m",
};
const RESET = "\x1b[0m";
const DIM = "\x1b[2m";
const KEY_COLOR = "\x1b[34m";

function prettyValue(value: JsonValue): string {
  if (typeof value === "string") {
    return value === "" || /[\s"=]/.test(value) ? JSON.stringify(value) : value;
  }
  return JSON.stringify(value);
}

/**
 * A human-readable line in hclog's text layout:
 * `2026-01-02T15:04:05.000000Z [INFO]  provider.kv: message: key=value`.
 * A multi-line string field is written on the following lines, each starting
 * with `  | `. With `color`, ANSI colours mark the level, time and keys.
 */
export function formatPretty(record: LogRecord, color: boolean, offsetMinutes?: number): string {
  const paint = (code: string, text: string): string => (color ? `${code}${text}${RESET}` : text);
  const head = `${paint(DIM, formatTimestamp(record.time, offsetMinutes))} ${paint(LEVEL_COLOR[record.level], LEVEL_TAG[record.level])} ${record.module}: ${record.message}`;
  const inline: string[] = [];
  const blocks: string[] = [];
  for (const [key, value] of Object.entries(record.fields)) {
    if (typeof value === "string" && value.includes("\n")) {
      const body = value
        .split("\n")
        .map((line) => `  | ${line}`)
        .join("\n");
      blocks.push(`${paint(KEY_COLOR, key)}=\n${body}`);
    } else {
      inline.push(`${paint(KEY_COLOR, key)}=${prettyValue(value)}`);
    }
  }
  let line = inline.length === 0 ? head : `${head}: ${inline.join(" ")}`;
  for (const block of blocks) line += `\n  ${block}`;
  return line;
}
