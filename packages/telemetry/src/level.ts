/**
 * Log levels and their resolution from the environment.
 *
 * @module
 */

/** A level a message can be logged at, from most to least verbose. */
export type LogLevel = "trace" | "debug" | "info" | "warn" | "error";

/** A logger's threshold: a {@link LogLevel}, or `"off"` to log nothing. */
export type LevelSetting = LogLevel | "off";

/** All message levels, from most to least verbose. */
export const LOG_LEVELS: readonly LogLevel[] = ["trace", "debug", "info", "warn", "error"];

/** The level used when no option and no environment variable says otherwise. */
export const DEFAULT_LEVEL: LevelSetting = "info";

const RANK: Readonly<Record<LevelSetting, number>> = {
  trace: 1,
  debug: 2,
  info: 3,
  warn: 4,
  error: 5,
  off: 6,
};

/**
 * Numeric rank of a level or threshold (trace = 1 ... error = 5, off = 6).
 * A message at `level` is written when `levelRank(level) >= levelRank(threshold)`.
 */
export function levelRank(level: LevelSetting): number {
  return RANK[level];
}

/**
 * Parse a level name, case-insensitively, ignoring surrounding blanks.
 *
 * Accepts `trace`, `debug`, `info`, `warn` (and `warning`), `error`, `off`,
 * and `json` (Terraform's `TF_LOG=JSON`, which means trace).
 *
 * @returns the level, or `undefined` when the text names none.
 */
export function parseLevel(text: string | undefined | null): LevelSetting | undefined {
  if (typeof text !== "string") return undefined;
  switch (text.trim().toLowerCase()) {
    case "trace":
    case "json":
      return "trace";
    case "debug":
      return "debug";
    case "info":
      return "info";
    case "warn":
    case "warning":
      return "warn";
    case "error":
      return "error";
    case "off":
      return "off";
    default:
      return undefined;
  }
}

/** An environment: variable name to value (like `process.env`). */
export type Env = Readonly<Record<string, string | undefined>>;

/**
 * The per-provider environment variable for a provider name, e.g. `kv` ->
 * `TF_LOG_PROVIDER_KV`, `my-cloud` -> `TF_LOG_PROVIDER_MY_CLOUD` (any run of
 * characters other than letters and digits becomes `_`).
 */
export function providerLevelVariable(name: string): string {
  const suffix = name
    .toUpperCase()
    .replace(/[^A-Z0-9]+/g, "_")
    .replace(/^_+|_+$/g, "");
  return suffix === "" ? "TF_LOG_PROVIDER" : `TF_LOG_PROVIDER_${suffix}`;
}

/** Where a resolved level came from. */
export interface ResolvedLevel {
  /** The threshold. */
  readonly level: LevelSetting;
  /** The environment variable that set it, or `"default"`. */
  readonly source: string;
}

/**
 * Resolve a provider logger's threshold from the environment.
 *
 * Precedence (first variable that is set and non-empty wins):
 * 1. `TF_LOG_PROVIDER_<NAME>` (see {@link providerLevelVariable})
 * 2. `TF_LOG_PROVIDER`
 * 3. `TF_LOG`
 * 4. `PYVIDER_LOG_LEVEL`
 * 5. `fallback` ({@link DEFAULT_LEVEL} unless given)
 *
 * Values are case-insensitive. As Terraform does, a `TF_LOG*` value that names
 * no level (for example `1` or `JSON`) means `trace`. An unrecognised
 * `PYVIDER_LOG_LEVEL` is ignored.
 */
export function resolveLevel(name: string, env: Env, fallback: LevelSetting = DEFAULT_LEVEL): ResolvedLevel {
  const tfVariables = [providerLevelVariable(name), "TF_LOG_PROVIDER", "TF_LOG"];
  for (const variable of tfVariables) {
    const raw = env[variable];
    if (raw === undefined || raw.trim() === "") continue;
    return { level: parseLevel(raw) ?? "trace", source: variable };
  }
  const own = parseLevel(env.PYVIDER_LOG_LEVEL);
  if (own !== undefined) return { level: own, source: "PYVIDER_LOG_LEVEL" };
  return { level: fallback, source: "default" };
}
