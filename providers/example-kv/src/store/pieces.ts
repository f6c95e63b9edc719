/**
 * Large values in pieces. An entry's value may be hundreds of MiB (Terraform allows messages up to
 * 256 MiB); turning it into JSON text or UTF-8 bytes in one go costs one or two more copies of its
 * size at once. These helpers walk it in pieces of about 1 MiB instead, so a write or a checksum
 * costs a few MiB on top of the value itself. Pieces never split a surrogate pair, so encoding them
 * one after the other gives exactly the bytes of encoding the whole string.
 */

/** Default piece size in UTF-16 code units (1 Mi). */
export const PIECE_UNITS = 1 << 20;

/**
 * The string in consecutive pieces of at most `units` code units (at least 2), a surrogate pair
 * never split between two pieces. Pieces are slices: no character data is copied.
 */
export function* stringPieces(text: string, units: number = PIECE_UNITS): Generator<string> {
  const size = Math.max(2, Math.floor(units));
  for (let start = 0; start < text.length; ) {
    let end = Math.min(start + size, text.length);
    const last = text.charCodeAt(end - 1);
    if (end < text.length && last >= 0xd800 && last <= 0xdbff) end -= 1;
    yield text.slice(start, end);
    start = end;
  }
}

/**
 * `JSON.stringify(text)` in pieces: the opening quote, each piece escaped, the closing quote.
 * Joined, they are exactly `JSON.stringify(text)`.
 */
export function* jsonStringPieces(text: string, units: number = PIECE_UNITS): Generator<string> {
  yield '"';
  for (const piece of stringPieces(text, units)) {
    const quoted = JSON.stringify(piece);
    yield quoted.slice(1, -1);
  }
  yield '"';
}

const QUOTE = 0x22;
const BACKSLASH = 0x5c;
const COLON = 0x3a;

/** Index of the quote that closes the JSON string opened at `open`, or -1. */
function closingQuote(bytes: Buffer, open: number): number {
  let at = open + 1;
  for (;;) {
    const quote = bytes.indexOf(QUOTE, at);
    if (quote < 0) return -1;
    let backslashes = 0;
    while (bytes[quote - 1 - backslashes] === BACKSLASH) backslashes++;
    if (backslashes % 2 === 0) return quote;
    at = quote + 1;
  }
}

// biome-ignore lint/suspicious/noControlCharactersInRegex: exactly what JSON forbids raw in a string
const RAW_CONTROL = /[\u0000-\u001f]/;

const isSpace = (c: number) => c === 0x20 || c === 0x0a || c === 0x0d || c === 0x09;

/**
 * Where the string value of the top-level member `name` is in a JSON object's UTF-8 bytes: the
 * byte range of its literal, quotes included (the last one, as `JSON.parse` keeps the last of
 * duplicate members). Undefined when there is none or it is not a string; text that is not JSON
 * gives some range or none (callers parse the rest of the text, which then fails). String contents
 * are skipped with a native search for quotes, so a large value is not walked byte by byte.
 */
export function topLevelStringMember(bytes: Buffer, name: string): [number, number] | undefined {
  let depth = 0;
  let found: [number, number] | undefined;
  /** At depth 1: the name of the member whose value comes next. */
  let member: string | undefined;
  for (let at = 0; at < bytes.length; ) {
    const c = bytes[at]!;
    if (c === QUOTE) {
      const close = closingQuote(bytes, at);
      if (close < 0) return undefined;
      if (depth === 1 && member !== undefined) {
        if (member === name) found = [at, close + 1];
        member = undefined;
      } else if (depth === 1) {
        try {
          member = close - at <= 256 ? (JSON.parse(bytes.toString("utf8", at, close + 1)) as string) : "";
        } catch {
          return undefined;
        }
      }
      at = close + 1;
      continue;
    }
    if (c === 0x7b || c === 0x5b) {
      if (depth === 1) member = undefined;
      depth++;
    } else if (c === 0x7d || c === 0x5d) depth--;
    else if (depth === 1 && !isSpace(c) && c !== COLON && c !== 0x2c) member = undefined;
    at++;
  }
  return found;
}

/**
 * The string a JSON string literal (quotes included, UTF-8) stands for. One without escapes or
 * control characters, as a large value usually is, is decoded straight from the bytes: no second
 * copy as JSON text; and when its bytes are those of `known` (a string the caller already holds),
 * the result is `known` itself, not a copy. Throws `SyntaxError` like `JSON.parse` on an invalid
 * literal.
 */
export function decodeJsonStringLiteral(bytes: Buffer, start: number, end: number, known?: string): string {
  const backslash = bytes.indexOf(BACKSLASH, start);
  if (backslash < 0 || backslash >= end) {
    const text =
      known !== undefined && utf8Equals(bytes, start + 1, end - 1, known)
        ? known
        : bytes.toString("utf8", start + 1, end - 1);
    // JSON forbids raw control characters in strings; JSON.parse then gives the error
    if (!RAW_CONTROL.test(text)) return text;
  }
  return JSON.parse(bytes.toString("utf8", start, end)) as string;
}

/**
 * Whether `bytes[start, end)` are the UTF-8 bytes of `text`, compared piece by piece (no UTF-8
 * copy of the whole text). False for text with lone surrogates, whose UTF-8 is not their own.
 */
export function utf8Equals(bytes: Buffer, start: number, end: number, text: string): boolean {
  // String.prototype.isWellFormed: Node 20+, not yet in the ES2023 lib this project compiles with
  if (!(text as unknown as { isWellFormed(): boolean }).isWellFormed()) return false;
  let at = start;
  for (const piece of stringPieces(text)) {
    const encoded = Buffer.from(piece, "utf8");
    if (at + encoded.length > end || !encoded.equals(bytes.subarray(at, at + encoded.length))) return false;
    at += encoded.length;
  }
  return at === end;
}
