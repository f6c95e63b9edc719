/**
 * JSON with exact numbers: stored states may hold numbers beyond what a JS `number` keeps
 * (go-cty numbers are arbitrary precision), so pruning a stored state re-parses it into a tree
 * whose numbers stay as their source text, and writes it back unchanged.
 *
 * @module
 */

/** A JSON number kept as its source text. */
export class JsonNumber {
  /** @param text the number as written */
  constructor(readonly text: string) {}
}

/** JSON data with exact numbers. */
export type ExactJson = null | boolean | string | JsonNumber | ExactJson[] | { [key: string]: ExactJson };

/** Parses JSON text, keeping numbers as {@link JsonNumber}. Throws SyntaxError on bad input. */
export function parseExactJson(text: string): ExactJson {
  let i = 0;
  const fail = (what: string): never => {
    throw new SyntaxError(`${what} at offset ${i}`);
  };
  const ws = () => {
    while (i < text.length && " \t\r\n".includes(text[i]!)) i++;
  };
  const value = (): ExactJson => {
    ws();
    const c = text[i];
    if (c === "{") {
      i++;
      const out: Record<string, ExactJson> = {};
      ws();
      if (text[i] === "}") {
        i++;
        return out;
      }
      for (;;) {
        ws();
        if (text[i] !== '"') fail("expected a string key");
        const key = str();
        ws();
        if (text[i++] !== ":") fail("expected ':'");
        out[key] = value();
        ws();
        const sep = text[i++];
        if (sep === "}") return out;
        if (sep !== ",") fail("expected ',' or '}'");
      }
    }
    if (c === "[") {
      i++;
      const out: ExactJson[] = [];
      ws();
      if (text[i] === "]") {
        i++;
        return out;
      }
      for (;;) {
        out.push(value());
        ws();
        const sep = text[i++];
        if (sep === "]") return out;
        if (sep !== ",") fail("expected ',' or ']'");
      }
    }
    if (c === '"') return str();
    for (const [word, v] of [
      ["true", true],
      ["false", false],
      ["null", null],
    ] as const) {
      if (text.startsWith(word, i)) {
        i += word.length;
        return v;
      }
    }
    const m = /^-?(?:0|[1-9]\d*)(?:\.\d+)?(?:[eE][+-]?\d+)?/.exec(text.slice(i, i + 4096));
    if (m === null) return fail("unexpected character");
    i += m[0].length;
    return new JsonNumber(m[0]);
  };
  const str = (): string => {
    const start = i;
    i++;
    while (i < text.length && text[i] !== '"') i += text[i] === "\\" ? 2 : 1;
    if (i >= text.length) fail("unterminated string");
    i++;
    return JSON.parse(text.slice(start, i)) as string;
  };
  const out = value();
  ws();
  if (i !== text.length) fail("unexpected trailing data");
  return out;
}

/** Writes exact JSON back as text. */
export function stringifyExactJson(v: ExactJson): string {
  if (v instanceof JsonNumber) return v.text;
  if (v === null || typeof v !== "object") return JSON.stringify(v);
  if (Array.isArray(v)) return `[${v.map(stringifyExactJson).join(",")}]`;
  return `{${Object.entries(v)
    .map(([k, e]) => `${JSON.stringify(k)}:${stringifyExactJson(e)}`)
    .join(",")}}`;
}
