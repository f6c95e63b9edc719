/**
 * Domain / action / status emoji prefixes, in the spirit of Python pyvider's
 * logs: `🧮🔀🔄 Converting function add to protobuf`.
 *
 * @module
 */

/** Emojis for what part of the system a message is about. */
export const DOMAIN_EMOJI: Readonly<Record<string, string>> = {
  provider: "🧰",
  resource: "📦",
  data_source: "📡",
  function: "🧮",
  ephemeral: "👻",
  list: "📋",
  action: "🎬",
  state_store: "🗄️",
  protocol: "🔌",
  schema: "📐",
  cty: "🧬",
  server: "🛎️",
  handshake: "🤝",
  transport: "🚚",
  config: "⚙️",
  telemetry: "🛰️",
  test: "🧪",
  system: "🖥️",
};

/** Emojis for what is being done. */
export const ACTION_EMOJI: Readonly<Record<string, string>> = {
  read: "📖",
  create: "✨",
  update: "✏️",
  delete: "🗑️",
  plan: "📝",
  apply: "🛠️",
  validate: "🛡️",
  import: "📥",
  upgrade: "⬆️",
  move: "🚛",
  configure: "🔧",
  convert: "🔀",
  call: "📞",
  open: "🔓",
  renew: "♻️",
  close: "🔒",
  invoke: "▶️",
  serve: "📣",
  connect: "🔗",
  stop: "🛑",
};

/** Emojis for how it went. */
export const STATUS_EMOJI: Readonly<Record<string, string>> = {
  start: "🚀",
  progress: "🔄",
  success: "✅",
  complete: "🏁",
  failure: "❌",
  error: "🔥",
  warning: "⚠️",
  skip: "⏭️",
  retry: "🔁",
  timeout: "⏱️",
};

/** The emoji shown for a domain, action or status value missing from its table. */
export const UNKNOWN_EMOJI = "❓";

/** Extra or replacement entries for the emoji tables. */
export interface EmojiTables {
  /** Merged over {@link DOMAIN_EMOJI}. */
  readonly domain?: Readonly<Record<string, string>>;
  /** Merged over {@link ACTION_EMOJI}. */
  readonly action?: Readonly<Record<string, string>>;
  /** Merged over {@link STATUS_EMOJI}. */
  readonly status?: Readonly<Record<string, string>>;
}

/** Normalise a table key: lower case, runs of blanks and `-` become `_` (`"Data Source"` -> `data_source`). */
export function emojiKey(value: string): string {
  return value
    .trim()
    .toLowerCase()
    .replace(/[\s-]+/g, "_");
}

function lookup(
  value: unknown,
  table: Readonly<Record<string, string>>,
  extra?: Readonly<Record<string, string>>,
): string {
  if (value === undefined || value === null || value === "") return "";
  if (typeof value !== "string") return UNKNOWN_EMOJI;
  const key = emojiKey(value);
  if (extra !== undefined && Object.hasOwn(extra, key)) return extra[key] ?? UNKNOWN_EMOJI;
  if (Object.hasOwn(table, key)) return table[key] ?? UNKNOWN_EMOJI;
  return UNKNOWN_EMOJI;
}

/**
 * The emoji prefix for a message's `domain`, `action` and `status` fields,
 * in that order, each emoji present only when its field is; an unknown value
 * shows {@link UNKNOWN_EMOJI}. Returns `""` when none of the three is set,
 * else the emojis followed by one space.
 */
export function emojiPrefix(
  fields: { readonly domain?: unknown; readonly action?: unknown; readonly status?: unknown },
  extra?: EmojiTables,
): string {
  const emojis =
    lookup(fields.domain, DOMAIN_EMOJI, extra?.domain) +
    lookup(fields.action, ACTION_EMOJI, extra?.action) +
    lookup(fields.status, STATUS_EMOJI, extra?.status);
  return emojis === "" ? "" : `${emojis} `;
}
