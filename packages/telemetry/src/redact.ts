/**
 * Keeping secrets out of log lines: the {@link sensitive} wrapper and the
 * {@link Redactor} that masks registered secret strings and field keys.
 *
 * @module
 */

/** What a {@link SensitiveLogValue} value renders as, wherever it appears. */
export const SENSITIVE_PLACEHOLDER = "<sensitive>";

/** What a registered secret string, or the value of a masked key, is replaced with. */
export const SECRET_MASK = "***";

const BRAND = Symbol.for("@pyvider/telemetry.sensitive");
const INSPECT = Symbol.for("nodejs.util.inspect.custom");

/**
 * A value that must never be shown. It renders as `"<sensitive>"` in log
 * fields (at any depth), in string templates, in `JSON.stringify` and in
 * `console.log`/`util.inspect`. Read it back with {@link SensitiveLogValue.reveal}.
 */
export class SensitiveLogValue<T = unknown> {
  readonly #value: T;
  /** Brand so that copies of this package recognise each other's wrappers. */
  readonly [BRAND] = true;

  /** Wrap `value`. Prefer {@link sensitive}. */
  constructor(value: T) {
    this.#value = value;
    Object.freeze(this);
  }

  /** The wrapped value. Never pass it to a logger. */
  reveal(): T {
    return this.#value;
  }

  /** Always `"<sensitive>"`. */
  toString(): string {
    return SENSITIVE_PLACEHOLDER;
  }

  /** Always `"<sensitive>"`. */
  toJSON(): string {
    return SENSITIVE_PLACEHOLDER;
  }

  /** Always `"<sensitive>"` (Node's `util.inspect`). */
  [INSPECT](): string {
    return SENSITIVE_PLACEHOLDER;
  }
}

/**
 * Mark `value` as sensitive so that no log line ever shows it.
 *
 * @example
 * ```ts
 * logger.debug("configured client", { token: sensitive(token) });
 * // ... "token":"<sensitive>" ...
 * ```
 */
export function sensitive<T>(value: T): SensitiveLogValue<T> {
  return new SensitiveLogValue(value);
}

/** Whether `value` is a {@link SensitiveLogValue} wrapper (from any copy of this package). */
export function isSensitive(value: unknown): value is SensitiveLogValue {
  if (value instanceof SensitiveLogValue) return true;
  if (typeof value !== "object" || value === null) return false;
  try {
    return (value as { [BRAND]?: unknown })[BRAND] === true;
  } catch {
    return false;
  }
}

/** The strings in an iterable; a lone string counts as one; anything else (null, numbers) as none. */
function listOf(values: unknown): string[] {
  if (typeof values === "string") return [values];
  if (
    values === null ||
    values === undefined ||
    typeof (values as Iterable<unknown>)[Symbol.iterator] !== "function"
  ) {
    return [];
  }
  try {
    return [...(values as Iterable<unknown>)].filter((v): v is string => typeof v === "string");
  } catch {
    return [];
  }
}

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
}

/**
 * An immutable set of secret strings and field keys to mask. Every occurrence
 * of a secret in a message or in any string value (including rendered errors)
 * becomes `***`; the value of a field whose key matches (case-insensitively)
 * becomes `***` whatever it is.
 */
export class Redactor {
  /** A redactor that masks nothing. */
  static readonly EMPTY = new Redactor([], []);

  readonly #secrets: readonly string[];
  readonly #keys: ReadonlySet<string>;
  readonly #pattern: RegExp | undefined;

  private constructor(secrets: readonly string[], keys: readonly string[]) {
    // Longest first, so that a secret containing another is masked whole.
    this.#secrets = [...new Set(secrets.filter((s) => typeof s === "string" && s !== ""))].sort(
      (a, b) => b.length - a.length,
    );
    this.#keys = new Set(keys.filter((k) => typeof k === "string").map((k) => k.toLowerCase()));
    this.#pattern =
      this.#secrets.length === 0 ? undefined : new RegExp(this.#secrets.map(escapeRegExp).join("|"), "g");
  }

  /** Whether this redactor masks anything at all. */
  get isEmpty(): boolean {
    return this.#pattern === undefined && this.#keys.size === 0;
  }

  /** A redactor masking these secrets and keys as well as this one's. */
  with(secrets: Iterable<string> = [], keys: Iterable<string> = []): Redactor {
    const addSecrets = listOf(secrets).filter((s) => s !== "");
    const addKeys = listOf(keys);
    if (addSecrets.length === 0 && addKeys.length === 0) return this;
    return new Redactor([...this.#secrets, ...addSecrets], [...this.#keys, ...addKeys]);
  }

  /** `text` with every registered secret replaced by `***`. */
  maskString(text: string): string {
    if (this.#pattern === undefined) return text;
    this.#pattern.lastIndex = 0;
    return text.replace(this.#pattern, SECRET_MASK);
  }

  /** Whether the value under `key` must be masked entirely. */
  masksKey(key: string): boolean {
    return this.#keys.size !== 0 && this.#keys.has(key.toLowerCase());
  }
}
