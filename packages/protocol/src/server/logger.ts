/** The server's logging hook and its default (hclog-style JSON lines on stderr). */

/** Log levels, as hclog names them. */
export type PluginLogLevel = "trace" | "debug" | "info" | "warn" | "error";

/** A logging hook: `(level, message, fields) => void`. */
export type PluginLogger = (level: PluginLogLevel, message: string, fields?: Record<string, unknown>) => void;

/** hclog's timestamp layout `2006-01-02T15:04:05.000000Z07:00`, in UTC. */
export function hclogTimestamp(date: Date = new Date()): string {
  return `${date.toISOString().slice(0, 23)}000Z`;
}

/**
 * A logger writing one JSON object per line (`@level`, `@message`,
 * `@timestamp`, `@module`, then the fields) with the given writer, which
 * Terraform shows under `TF_LOG_PROVIDER`.
 */
export function jsonLineLogger(
  write: (line: string) => void = (line) => process.stderr.write(line),
  module = "pyvider.protocol",
): PluginLogger {
  return (level, message, fields) => {
    const entry: Record<string, unknown> = {
      "@level": level,
      "@message": message,
      "@timestamp": hclogTimestamp(),
      "@module": module,
    };
    if (fields) {
      for (const [key, value] of Object.entries(fields)) if (value !== undefined) entry[key] = value;
    }
    let line: string;
    try {
      line = JSON.stringify(entry);
    } catch {
      line = JSON.stringify({
        "@level": level,
        "@message": message,
        "@timestamp": entry["@timestamp"],
        "@module": module,
      });
    }
    write(`${line}\n`);
  };
}
