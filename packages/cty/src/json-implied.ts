/**
 * The cty type a JSON document implies, as go-cty's `json.ImpliedType`.
 *
 * @module
 */
import { type JsonNode, JsonSyntaxError, jsonTextInput, parseJSONPrefix, wellFormed } from "./json-text.js";
import { CtyCodecError, codecBoundary } from "./msgpack-error.js";
import { goQuote } from "./set.js";
import {
  CtyBool,
  CtyDynamic,
  CtyNumber,
  CtyObject,
  CtyString,
  CtyTuple,
  type CtyType,
  typeEquals,
} from "./types.js";

/**
 * The type of a JSON document, as go-cty's `json.ImpliedType`: objects are object types (no
 * optional attributes; `{}` is the empty object type), arrays are tuple types (`[]` the empty
 * tuple type), numbers `number`, strings `string`, booleans `bool` and `null` is `dynamic`.
 * A key repeated with values of different types is an error (`duplicate "a" property in JSON
 * object`); repeated with the same type it is accepted. After the document only whitespace, or
 * a closing bracket or brace, may follow (`extraneous data after JSON object`), as in go-cty.
 *
 * ```ts
 * typeToJSON(impliedType('{"a":1,"b":["x",true,null]}'));
 * // '["object",{"a":"number","b":["tuple",["string","bool","dynamic"]]}]'
 * ```
 *
 * @param text the JSON document, as a string or UTF-8 bytes
 * @throws {CtyCodecError} for malformed JSON (the syntax messages are this package's own, not
 *   Go's `encoding/json` wording), the go-cty errors above, or two keys that are equal after NFC
 *   normalisation (go-cty v1.20 panics there).
 */
export function impliedType(text: string | Uint8Array): CtyType {
  const s = jsonTextInput(text, "impliedType");
  return codecBoundary(() => impliedTypeOfText(wellFormed(s)));
}

function impliedTypeOfText(s: string): CtyType {
  let root: JsonNode;
  let end: number;
  try {
    [root, end] = parseJSONPrefix(s);
  } catch (e) {
    if (e instanceof JsonSyntaxError) throw new CtyCodecError(`invalid JSON: ${e.message}`);
    throw e;
  }
  const rest = s.slice(end).replace(/^[ \t\r\n]+/, "");
  if (rest !== "" && rest[0] !== "]" && rest[0] !== "}")
    throw new CtyCodecError("extraneous data after JSON object");
  return typeOfNode(root);
}

/** Bottom-up over the document without recursion (documents may nest thousands deep). */
function typeOfNode(root: JsonNode): CtyType {
  const order: JsonNode[] = [];
  const todo: JsonNode[] = [root];
  while (todo.length > 0) {
    const n = todo.pop()!;
    order.push(n);
    if (n.k === "arr") for (let i = n.items.length - 1; i >= 0; i--) todo.push(n.items[i]!);
    else if (n.k === "obj") for (let i = n.entries.length - 1; i >= 0; i--) todo.push(n.entries[i]![1]);
  }
  // `order` is document order. go-cty reads the document as a stream and stops at the first
  // duplicate whose value has been read completely: the one whose value ends first (a subtree
  // is `start .. start + size - 1` in this order), the inner one when two end together.
  const types = new Map<JsonNode, CtyType>();
  const sizes = new Map<JsonNode, number>();
  const index = new Map<JsonNode, number>(order.map((n, i) => [n, i]));
  let first: { end: number; start: number; message: string } | undefined;
  const found = (start: number, end: number, message: string) => {
    if (first === undefined || end < first.end || (end === first.end && start > first.start))
      first = { end, start, message };
  };
  for (let i = order.length - 1; i >= 0; i--) {
    const n = order[i]!;
    let size = 1;
    if (n.k === "arr") for (const x of n.items) size += sizes.get(x)!;
    else if (n.k === "obj") for (const [, x] of n.entries) size += sizes.get(x)!;
    sizes.set(n, size);
    switch (n.k) {
      case "null":
        types.set(n, CtyDynamic);
        break;
      case "bool":
        types.set(n, CtyBool);
        break;
      case "num":
        types.set(n, CtyNumber);
        break;
      case "str":
        types.set(n, CtyString);
        break;
      case "arr":
        types.set(n, CtyTuple(n.items.map((x) => types.get(x)!)));
        break;
      case "obj": {
        const attrs = new Map<string, CtyType>();
        for (const [key, x] of n.entries) {
          const t = types.get(x)!;
          const had = attrs.get(key);
          if (had !== undefined && !typeEquals(had, t)) {
            const start = index.get(x)!;
            found(start, start + sizes.get(x)! - 1, `duplicate ${goQuote(key)} property in JSON object`);
          }
          attrs.set(key, t);
        }
        const byName: Record<string, CtyType> = Object.create(null);
        for (const [key, t] of attrs) {
          const name = key.normalize("NFC");
          // go-cty v1.20's cty.Object panics here, once the whole object has been read.
          if (Object.hasOwn(byName, name))
            found(i, i + size - 1, `multiple attributes that normalize to ${goQuote(name)}`);
          byName[name] = t;
        }
        types.set(n, CtyObject(byName));
        break;
      }
    }
  }
  if (first !== undefined) throw new CtyCodecError(first.message);
  return types.get(root)!;
}
