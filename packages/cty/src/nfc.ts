/**
 * NFC normalisation without its memory cost where it changes nothing.
 *
 * `String.prototype.normalize` converts its input to UTF-16 and builds the result in a second
 * buffer even when the text is already normal: a 32 MiB ASCII string briefly costs 128 MiB.
 * Text whose code points are all below U+0300 is always in NFC (no such code point decomposes
 * under canonical composition or combines with a neighbour), so it is returned as it is.
 *
 * @module
 * @internal
 */

/** Any code point at or above U+0300 (a surrogate included). */
const NEEDS_CHECK = /[\u0300-\uffff]/;

/** `s.normalize("NFC")`, skipping the work (and the copies) for text below U+0300. */
export function nfc(s: string): string {
  return s.length < 64 || NEEDS_CHECK.test(s) ? s.normalize("NFC") : s;
}
