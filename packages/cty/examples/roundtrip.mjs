// A cty value through both wire formats, using the built package (run `npx tsup` in packages/cty
// first, or `npm run demo` at the repo root, which builds it).
import {
  CtyDynamic,
  CtyNumber,
  CtyObject,
  CtySet,
  CtyString,
  decodeJSON,
  decodeMsgpack,
  encodeJSON,
  encodeMsgpack,
  listVal,
  numberVal,
  objectVal,
  rawEquals,
  setVal,
  stringVal,
  typeToJSON,
  unknownVal,
} from "../dist/index.js";

const type = CtyObject({
  big: CtyNumber,
  tags: CtySet(CtyString),
  id: CtyString,
  extra: CtyDynamic,
});

// A number beyond float64 and int64, a set (written in go-cty's canonical order), an unknown
// refined as "not null, starts with i-", and a list in a dynamic slot.
const value = objectVal({
  big: numberVal("123456789012345678901234567890.123456789"),
  tags: setVal([stringVal("prod"), stringVal("eu"), stringVal("prod")]),
  id: unknownVal(CtyString, { notNull: true, stringPrefix: "i-" }),
  extra: listVal([numberVal(1), numberVal(2.5)]),
});

const hex = (b) => Buffer.from(b).toString("hex");
/** A readable rendering of a value: exact numbers, unknowns with their refinements. */
function show(v) {
  if (v.isNull) return "null";
  if (!v.isKnown)
    return `(unknown ${JSON.stringify(v.refinements ?? {}, (_k, x) => (x && typeof x.text === "function" ? x.text() : x))})`;
  const raw = v.raw;
  switch (v.type.kind) {
    case "string":
      return JSON.stringify(raw);
    case "number":
      return raw.text();
    case "bool":
      return String(raw);
    case "list":
    case "set":
    case "tuple":
      return `[${raw.map(show).join(", ")}]`;
    default:
      return `{${[...raw].map(([k, x]) => `${k}: ${show(x)}`).join(", ")}}`;
  }
}

console.log("type JSON:      ", typeToJSON(type));
const bytes = encodeMsgpack(value, type);
console.log("msgpack:        ", hex(bytes));
const decoded = decodeMsgpack(bytes, type);
console.log("decoded:        ", show(decoded));
console.log(
  "msgpack round trip identical:",
  hex(encodeMsgpack(decoded, type)) === hex(bytes),
  "/ values equal:",
  rawEquals(decoded, value),
);

// JSON cannot carry unknowns: encode the known parts.
const known = objectVal({
  big: value.raw.get("big"),
  tags: value.raw.get("tags"),
  id: stringVal("i-0abc"),
  extra: value.raw.get("extra"),
});
const json = encodeJSON(known, type);
console.log("JSON:           ", json);
const fromJson = decodeJSON(json, type);
console.log(
  "JSON round trip identical:",
  encodeJSON(fromJson, type) === json,
  "/ values equal:",
  rawEquals(fromJson, known),
);
