/**
 * A tiny ASN.1 DER writer: just enough to build an X.509 certificate.
 * @internal
 */

/** DER-encodes a length. */
function encodeLength(length: number): Buffer {
  if (length < 0x80) return Buffer.from([length]);
  const bytes: number[] = [];
  for (let n = length; n > 0; n = Math.floor(n / 256)) bytes.unshift(n & 0xff);
  return Buffer.from([0x80 | bytes.length, ...bytes]);
}

/** A tag-length-value element. */
export function tlv(tag: number, content: Uint8Array): Buffer {
  return Buffer.concat([Buffer.from([tag]), encodeLength(content.length), content]);
}

/** SEQUENCE of the given elements. */
export function sequence(...elements: Uint8Array[]): Buffer {
  return tlv(0x30, Buffer.concat(elements));
}

/** SET of the given elements (callers pass them already in DER order). */
export function set(...elements: Uint8Array[]): Buffer {
  return tlv(0x31, Buffer.concat(elements));
}

/** INTEGER from unsigned big-endian bytes (a zero byte is prepended when the top bit is set). */
export function unsignedInteger(bytes: Uint8Array): Buffer {
  let start = 0;
  while (start < bytes.length - 1 && bytes[start] === 0) start++;
  const trimmed = Buffer.from(bytes.subarray(start));
  const needsPad = (trimmed[0] ?? 0) & 0x80;
  return tlv(0x02, needsPad ? Buffer.concat([Buffer.from([0]), trimmed]) : trimmed);
}

/** INTEGER from a small non-negative number. */
export function smallInteger(value: number): Buffer {
  const bytes: number[] = [];
  for (let n = value; n > 0; n = Math.floor(n / 256)) bytes.unshift(n & 0xff);
  return unsignedInteger(Uint8Array.from(bytes.length === 0 ? [0] : bytes));
}

/** BOOLEAN. */
export function boolean(value: boolean): Buffer {
  return tlv(0x01, Buffer.from([value ? 0xff : 0x00]));
}

/** OBJECT IDENTIFIER from dotted notation, e.g. `"2.5.4.3"`. */
export function objectIdentifier(dotted: string): Buffer {
  const arcs = dotted.split(".").map((arc) => Number.parseInt(arc, 10));
  const [first = 0, second = 0, ...rest] = arcs;
  const bytes: number[] = [first * 40 + second];
  for (const arc of rest) {
    const groups: number[] = [arc & 0x7f];
    for (let n = Math.floor(arc / 128); n > 0; n = Math.floor(n / 128)) groups.unshift((n & 0x7f) | 0x80);
    bytes.push(...groups);
  }
  return tlv(0x06, Buffer.from(bytes));
}

/** UTF8String. */
export function utf8String(value: string): Buffer {
  return tlv(0x0c, Buffer.from(value, "utf8"));
}

/** OCTET STRING. */
export function octetString(content: Uint8Array): Buffer {
  return tlv(0x04, content);
}

/** BIT STRING with the given number of unused trailing bits in the last byte. */
export function bitString(content: Uint8Array, unusedBits = 0): Buffer {
  return tlv(0x03, Buffer.concat([Buffer.from([unusedBits]), content]));
}

/** `[n] EXPLICIT` wrapper (constructed, context-specific). */
export function explicit(tagNumber: number, content: Uint8Array): Buffer {
  return tlv(0xa0 | tagNumber, content);
}

/** `[n] IMPLICIT` primitive (context-specific), e.g. a GeneralName choice. */
export function implicitPrimitive(tagNumber: number, content: Uint8Array): Buffer {
  return tlv(0x80 | tagNumber, content);
}

/** An X.509 Time: UTCTime through 2049, GeneralizedTime from 2050 (RFC 5280 §4.1.2.5). */
export function time(date: Date): Buffer {
  const pad = (n: number, width = 2) => String(n).padStart(width, "0");
  const year = date.getUTCFullYear();
  const rest =
    pad(date.getUTCMonth() + 1) +
    pad(date.getUTCDate()) +
    pad(date.getUTCHours()) +
    pad(date.getUTCMinutes()) +
    pad(date.getUTCSeconds()) +
    "Z";
  if (year >= 1950 && year < 2050) return tlv(0x17, Buffer.from(pad(year % 100) + rest, "ascii"));
  return tlv(0x18, Buffer.from(pad(year, 4) + rest, "ascii"));
}
