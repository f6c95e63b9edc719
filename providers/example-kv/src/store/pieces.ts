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
