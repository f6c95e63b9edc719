/**
 * The server's logging hook. Its lines are written by @pyvider/telemetry's logger (the one logger of
 * a provider process): hclog JSON lines on stderr, levels from `TF_LOG_PROVIDER`/`TF_LOG`,
 * timestamps in Go's `2006-01-02T15:04:05.000000Z07:00` layout (local time with its offset and
 * real microseconds, as hclog writes them).
 *
 * @module
 */
import { createLogger, type Env, formatTimestamp, type Logger, type LogSink } from "@pyvider/telemetry";

/** Log levels, as hclog names them. */
export type PluginLogLevel = "trace" | "debug" | "info" | "warn" | "error";

/** A logging hook: `(level, message, fields) => void`. */
export type PluginLogger = (level: PluginLogLevel, message: string, fields?: Record<string, unknown>) => void;

/**
 * hclog's timestamp layout `2006-01-02T15:04:05.000000Z07:00`, from telemetry's
 * `formatTimestamp`: local time with its offset (`Z` in UTC).
 * @param date the time; default now
 * @param offsetMinutes the zone's offset east of UTC; default the host's
 */
export function hclogTimestamp(date: Date = new Date(), offsetMinutes?: number): string {
  return formatTimestamp(date.getTime() * 1000, offsetMinutes);
}

/**
 * The logging hook over a telemetry {@link Logger}: fields whose value is `undefined` are left
 * out, the rest rendered, filtered by level and masked as that logger does.
 * @example
 * ```ts
 * startPluginServer({ handlers, logger: pluginLogger(createLogger({ name: "kv" })) });
 * ```
 */
export function pluginLogger(logger: Logger): PluginLogger {
  return (level, message, fields) => {
    if (fields === undefined) {
      logger.log(level, message);
      return;
    }
    const defined: Record<string, unknown> = {};
    for (const [key, value] of Object.entries(fields)) if (value !== undefined) defined[key] = value;
    logger.log(level, message, defined);
  };
}

/** The server's default logger: telemetry's, module `pyvider.protocol`, settings from `env`. */
export function defaultPluginLogger(env: Env = process.env): PluginLogger {
  return pluginLogger(createLogger({ name: "", rootModule: "pyvider.protocol", env }));
}

/**
 * A logger writing every message, one hclog JSON object per line (`@level`, `@message`,
 * `@module`, `@timestamp`, then the fields), with the given writer; Terraform shows them under
 * `TF_LOG_PROVIDER`. Telemetry's logger at level trace, without emoji.
 */
export function jsonLineLogger(
  write: (line: string) => void = (line) => process.stderr.write(line),
  module = "pyvider.protocol",
): PluginLogger {
  const stream: LogSink = { write };
  return pluginLogger(
    createLogger({
      name: "",
      rootModule: module,
      stream,
      format: "json",
      emoji: false,
      level: "trace",
      env: {},
    }),
  );
}
