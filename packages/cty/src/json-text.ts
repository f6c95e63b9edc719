/**
 * JSON text primitives shared by the value and type JSON codecs, and by every package that reads
 * stored or wire JSON: a string writer that escapes exactly as Go's `encoding/json` (HTML-safe,
 * `\b \f \n \r \t`, `\u00XX`, U+2028/U+2029), a small iterative parser that keeps numbers as
 * their literal text so no precision is ever lost, and its writer ({@link jsonNodeText}).
 *
 * @module
 */
import { PyviderError } from "./error.js";
import { CtyCodecError } from "./msgpack-error.js";

const HEX = "0123456789abcdef";

/** Escape for each ASCII code (undefined = written as is), matching Go's `htmlSafeSet`. */
const ASCII_ESCAPES: (string | undefined)[] = (() => {
  const table: (string | undefined)[] = [];
  for (let c = 0; c < 0x80; c++) {
    if (c < 0x20) table.push(`\\u00${HEX[c >> 4]}${HEX[c & 15]}`);
    else table.push(undefined);
  }
  table[0x08] = "\\b";
  table[0x0c] = "\\f";
  table[0x0a] = "\\n";
  table[0x0d] = "\\r";
  table[0x09] = "\\t";
  table[0x22] = '\\"';
  table[0x5c] = "\\\\";
  table[0x3c] = "\\u003c";
  table[0x3e] = "\\u003e";
  table[0x26] = "\\u0026";
  return table;
})();

// biome-ignore lint/suspicious/noControlCharactersInRegex: control characters are exactly what JSON must escape
const NEEDS_ESCAPE = /[\u0000-\u001f"\\<>&\u2028\u2029\ud800-\udfff]/;

/** Writes `s` as a JSON string exactly as Go's `json.Marshal` does (lone surrogates become `\ufffd`). */
export function goJSONString(s: string): string {
  if (!NEEDS_ESCAPE.test(s)) return `"${s}"`;
  let out = '"';
  let start = 0;
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    let rep: string | undefined;
    if (c < 0x80) rep = ASCII_ESCAPES[c];
    else if (c === 0x2028) rep = "\\u2028";
    else if (c === 0x2029) rep = "\\u2029";
    else if (c >= 0xd800 && c <= 0xdbff) {
      const d = i + 1 < s.length ? s.charCodeAt(i + 1) : 0;
      if (d >= 0xdc00 && d <= 0xdfff) {
        i++;
        continue;
      }
      rep = "\\ufffd";
    } else if (c >= 0xdc00 && c <= 0xdfff) rep = "\\ufffd";
    if (rep === undefined) continue;
    out += s.slice(start, i) + rep;
    start = i + 1;
  }
  return `${out + s.slice(start)}"`;
}

/** A parsed JSON value; numbers keep their literal text. */
export type JsonNode =
  | { readonly k: "str"; readonly v: string }
  | { readonly k: "num"; readonly v: string }
  | { readonly k: "bool"; readonly v: boolean }
  | { readonly k: "null" }
  | { readonly k: "arr"; readonly items: JsonNode[] }
  | { readonly k: "obj"; readonly entries: [string, JsonNode][] };

/** Thrown by {@link parseJSONText} on malformed JSON. */
export class JsonSyntaxError extends PyviderError {
  override readonly name = "JsonSyntaxError";
  constructor(
    message: string,
    /** Character offset of the problem. */
    readonly offset: number,
  ) {
    super(`${message} at offset ${offset}`);
  }
}

/**
 * Default maximum nesting of arrays and objects accepted by {@link parseJSONText} (enough for
 * type JSON of `MAX_TYPE_DEPTH` nested object types, two JSON levels each). The parser is
 * iterative, so the limit only bounds memory.
 */
export const MAX_JSON_DEPTH = 20_002;

const NUMBER_RE = /-?(?:0|[1-9][0-9]*)(?:\.[0-9]+)?(?:[eE][+-]?[0-9]+)?/y;

/**
 * Parses one JSON document (RFC 8259). With `allowTrailing`, anything after the first complete
 * value is ignored (as Go's streaming decoder does); otherwise only whitespace may follow.
 */
export function parseJSONText(text: string, allowTrailing = false, maxDepth = MAX_JSON_DEPTH): JsonNode {
  const [root, end] = parseJSONPrefix(text, maxDepth);
  if (allowTrailing) return root;
  let pos = end;
  while (pos < text.length && " \n\r\t".includes(text[pos]!)) pos++;
  if (pos < text.length) throw new JsonSyntaxError("unexpected data after the JSON value", pos);
  return root;
}

/** Parses the first JSON value of `text`; returns it with the offset just after it. */
export function parseJSONPrefix(text: string, maxDepth = MAX_JSON_DEPTH): [JsonNode, number] {
  let pos = 0;
  const n = text.length;
  const fail = (msg: string, at = pos): never => {
    throw new JsonSyntaxError(msg, at);
  };
  const ws = () => {
    while (pos < n) {
      const c = text.charCodeAt(pos);
      if (c === 0x20 || c === 0x0a || c === 0x0d || c === 0x09) pos++;
      else break;
    }
  };
  const str = (): string => {
    // pos is at the opening quote
    pos++;
    let out = "";
    let start = pos;
    for (;;) {
      if (pos >= n) fail("unterminated string");
      const c = text.charCodeAt(pos);
      if (c === 0x22) {
        out += text.slice(start, pos);
        pos++;
        return out;
      }
      if (c < 0x20) fail("control character in string");
      if (c !== 0x5c) {
        pos++;
        continue;
      }
      out += text.slice(start, pos);
      const e = text[pos + 1];
      pos += 2;
      switch (e) {
        case '"':
          out += '"';
          break;
        case "\\":
          out += "\\";
          break;
        case "/":
          out += "/";
          break;
        case "b":
          out += "\b";
          break;
        case "f":
          out += "\f";
          break;
        case "n":
          out += "\n";
          break;
        case "r":
          out += "\r";
          break;
        case "t":
          out += "\t";
          break;
        case "u": {
          const hi = hex4(pos);
          pos += 4;
          if (hi >= 0xd800 && hi <= 0xdbff && text[pos] === "\\" && text[pos + 1] === "u") {
            const lo = hex4(pos + 2);
            if (lo >= 0xdc00 && lo <= 0xdfff) {
              out += String.fromCharCode(hi, lo);
              pos += 6;
              break;
            }
          }
          // Go replaces unpaired surrogates with U+FFFD.
          out += hi >= 0xd800 && hi <= 0xdfff ? "\ufffd" : String.fromCharCode(hi);
          break;
        }
        default:
          fail("invalid escape in string", pos - 1);
      }
      start = pos;
    }
  };
  const hex4 = (at: number): number => {
    const h = text.slice(at, at + 4);
    if (!/^[0-9a-fA-F]{4}$/.test(h)) fail("invalid \\u escape", at);
    return Number.parseInt(h, 16);
  };
  const scalar = (c: string): JsonNode => {
    switch (c) {
      case '"':
        return { k: "str", v: str() };
      case "t":
        if (text.startsWith("true", pos)) {
          pos += 4;
          return { k: "bool", v: true };
        }
        return fail("invalid literal");
      case "f":
        if (text.startsWith("false", pos)) {
          pos += 5;
          return { k: "bool", v: false };
        }
        return fail("invalid literal");
      case "n":
        if (text.startsWith("null", pos)) {
          pos += 4;
          return { k: "null" };
        }
        return fail("invalid literal");
      default: {
        NUMBER_RE.lastIndex = pos;
        const m = NUMBER_RE.exec(text);
        if (m === null || m[0].length === 0) return fail(`invalid character ${JSON.stringify(c)}`);
        pos += m[0].length;
        // A "." or exponent marker right after a complete number is a malformed number (Go's
        // scanner is still inside the literal there), even where trailing data is allowed.
        const next = text[pos];
        const lit = m[0];
        const hasExp = /[eE]/.test(lit);
        if (!hasExp && (next === "e" || next === "E" || (next === "." && !lit.includes("."))))
          fail("malformed number");
        return { k: "num", v: m[0] };
      }
    }
  };
  // Iterative, so that nesting depth costs heap, not stack: `open` holds the containers being
  // filled, innermost last.
  const open: ({ k: "arr"; items: JsonNode[] } | { k: "obj"; entries: [string, JsonNode][] })[] = [];
  const objectKey = (): string => {
    ws();
    if (text[pos] !== '"') fail("expected object key");
    const key = str();
    ws();
    if (text[pos] !== ":") fail("expected ':' after object key");
    pos++;
    return key;
  };
  let key = "";
  const keys: string[] = [];
  for (;;) {
    // Read one value (or open a container).
    ws();
    if (pos >= n) fail("unexpected end of JSON input");
    const c = text[pos]!;
    let done: JsonNode;
    if (c === "{" || c === "[") {
      if (open.length >= maxDepth) fail("JSON nested too deeply");
      pos++;
      ws();
      const close = c === "{" ? "}" : "]";
      if (text[pos] === close) {
        pos++;
        done = c === "{" ? { k: "obj", entries: [] } : { k: "arr", items: [] };
      } else {
        open.push(c === "{" ? { k: "obj", entries: [] } : { k: "arr", items: [] });
        keys.push(key);
        if (c === "{") key = objectKey();
        continue;
      }
    } else {
      done = scalar(c);
    }
    // Attach the finished value to its container; close containers that end here.
    for (;;) {
      const top = open[open.length - 1];
      if (top === undefined) return [done, pos];
      if (top.k === "arr") top.items.push(done);
      else top.entries.push([key, done]);
      ws();
      const sep = text[pos];
      if (sep === ",") {
        pos++;
        if (top.k === "obj") key = objectKey();
        break;
      }
      if ((top.k === "arr" && sep === "]") || (top.k === "obj" && sep === "}")) {
        pos++;
        open.pop();
        key = keys.pop()!;
        done = top;
        continue;
      }
      fail(top.k === "arr" ? "expected ',' or ']' in array" : "expected ',' or '}' in object");
    }
  }
}

/**
 * Writes a parsed JSON tree back as compact JSON text: numbers exactly as they were written,
 * strings escaped as Go's `json.Marshal` does, object entries in their order.
 * @example
 * ```ts
 * jsonNodeText(parseJSONText('{"n": 9007199254740993}')); // '{"n":9007199254740993}'
 * ```
 */
export function jsonNodeText(node: JsonNode): string {
  // Iterative, like the parser: `parts` collects the output, `stack` the work left to do.
  const parts: string[] = [];
  const stack: (JsonNode | string)[] = [node];
  while (stack.length > 0) {
    const item = stack.pop()!;
    if (typeof item === "string") {
      parts.push(item);
      continue;
    }
    switch (item.k) {
      case "str":
        parts.push(goJSONString(item.v));
        break;
      case "num":
        parts.push(item.v);
        break;
      case "bool":
        parts.push(item.v ? "true" : "false");
        break;
      case "null":
        parts.push("null");
        break;
      case "arr":
        stack.push("]");
        for (let i = item.items.length - 1; i >= 0; i--) {
          stack.push(item.items[i]!);
          if (i > 0) stack.push(",");
        }
        parts.push("[");
        break;
      case "obj":
        stack.push("}");
        for (let i = item.entries.length - 1; i >= 0; i--) {
          const [key, value] = item.entries[i]!;
          stack.push(value, `${i > 0 ? "," : ""}${goJSONString(key)}:`);
        }
        parts.push("{");
        break;
    }
  }
  return parts.join("");
}

const LONE_SURROGATE = /[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/;
const LONE_SURROGATE_ALL = new RegExp(LONE_SURROGATE.source, "g");

/** Replaces unpaired surrogates by U+FFFD, as any trip through UTF-8 (and so Go) does. */
export function wellFormed(s: string): string {
  return LONE_SURROGATE.test(s) ? s.replace(LONE_SURROGATE_ALL, "\ufffd") : s;
}

const fatalDecoder = new TextDecoder("utf-8", { fatal: true });

/**
 * JSON text given as a string or as UTF-8 bytes, as a string.
 * @param caller the public function's name, for the TypeError on any other argument
 * @throws {CtyCodecError} for bytes that are not valid UTF-8
 */
export function jsonTextInput(text: string | Uint8Array, caller: string): string {
  if (typeof text === "string") return text;
  if (!(text instanceof Uint8Array)) throw new TypeError(`${caller} expects a string or a Uint8Array`);
  try {
    return fatalDecoder.decode(text);
  } catch {
    throw new CtyCodecError("JSON text is not valid UTF-8");
  }
}
