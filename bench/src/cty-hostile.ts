/**
 * Decoding time of hostile cty inputs of at most 64 KiB (deep nesting, extreme exponents, long
 * digit strings, near-equal numbers of mixed precision in sets), against a benign input of the
 * same size decoded in the same run. The budget is 100 ms per input; nothing here is asserted.
 *
 *   node --import tsx src/cty-hostile.ts     (after building @pyvider/cty)
 */
import {
  CtyDynamic,
  CtyList,
  CtyNumber,
  CtySet,
  CtyString,
  type CtyType,
  decodeJSON,
  decodeMsgpack,
  typeFromJSON,
} from "@pyvider/cty";

const LIMIT = 64 * 1024;
const utf8 = (s: string) => new TextEncoder().encode(s);

/** Comma-separated items from `make(i)` until the JSON array would pass 64 KiB. */
function jsonArray(make: (i: number) => string): string {
  const parts: string[] = [];
  let size = 2;
  for (let i = 0; ; i++) {
    const p = make(i);
    if (size + p.length + 1 > LIMIT) break;
    parts.push(p);
    size += p.length + 1;
  }
  return `[${parts.join(",")}]`;
}

/** A msgpack array of str items from `make(i)` up to 64 KiB. */
function msgpackStrArray(make: (i: number) => Uint8Array): Uint8Array {
  const items: Uint8Array[] = [];
  let size = 5;
  for (let i = 0; ; i++) {
    const s = make(i);
    if (size + s.length > LIMIT) break;
    items.push(s);
    size += s.length;
  }
  const out = new Uint8Array(size);
  out.set([
    0xdd,
    items.length >>> 24,
    (items.length >> 16) & 0xff,
    (items.length >> 8) & 0xff,
    items.length & 0xff,
  ]);
  let at = 5;
  for (const s of items) {
    out.set(s, at);
    at += s.length;
  }
  return out;
}

const str = (s: string) => {
  const b = utf8(s);
  return new Uint8Array([0xd9, b.length, ...b]);
};
const float = (f: number) => {
  const b = new Uint8Array(9);
  b[0] = 0xcb;
  new DataView(b.buffer).setFloat64(1, f);
  return b;
};

function nested(prefix: Uint8Array, tail: Uint8Array): Uint8Array {
  const n = Math.floor((LIMIT - tail.length) / prefix.length);
  const out = new Uint8Array(prefix.length * n + tail.length);
  for (let i = 0; i < n; i++) out.set(prefix, i * prefix.length);
  out.set(tail, prefix.length * n);
  return out;
}

const dynHead = (tj: string) => {
  const b = utf8(tj);
  return new Uint8Array([0x92, 0xc4, b.length, ...b]);
};

interface Case {
  name: string;
  size: number;
  run: () => unknown;
}

const cases: Case[] = [];
function json(name: string, text: string, t: CtyType) {
  cases.push({ name, size: text.length, run: () => decodeJSON(text, t) });
}
function msgpack(name: string, bytes: Uint8Array, t: CtyType) {
  cases.push({ name, size: bytes.length, run: () => decodeMsgpack(bytes, t) });
}

const benign = jsonArray((i) => `${(i * 7919) % 100003}.5`);
json("benign: set(number) of ordinary decimals", benign, CtySet(CtyNumber));
json(
  "set(number), exponents near the bound (1e-1230)",
  jsonArray((i) => `${i + 1}.7e-1230`),
  CtySet(CtyNumber),
);
json(
  "set(number), exponents near the bound (1e+1230)",
  jsonArray((i) => `${i + 1}.3e1230`),
  CtySet(CtyNumber),
);
json(
  "set(number), exponents beyond the bound (refused)",
  jsonArray((i) => `${i + 1}e-3000000`),
  CtySet(CtyNumber),
);
json(
  "set(number), binary exponents 1p-4000",
  jsonArray((i) => `"${2 * i + 1}p-4000"`),
  CtySet(CtyNumber),
);
json("number with 64K digits", `0.${"3".repeat(LIMIT - 4)}`, CtyNumber);
json(
  "set(number) of 200-digit decimals",
  jsonArray((i) => `${i}.${"9".repeat(200)}1`),
  CtySet(CtyNumber),
);
msgpack(
  "set(number), float64 and 512-bit decimals one ulp apart (mixed precision)",
  msgpackStrArray((i) => {
    const f = 1e-300 * (1 + (i >> 1) * 2 ** -52);
    return i % 2 === 0 ? float(f) : str(`${(f * 1e300).toPrecision(17)}1e-300`);
  }),
  CtySet(CtyNumber),
);
msgpack(
  "set(number), decimal strings near the bound (mixed with floats)",
  msgpackStrArray((i) => (i % 2 === 0 ? float(i + 0.5) : str(`${i}.25e-1200`))),
  CtySet(CtyNumber),
);
json("JSON arrays 32K deep", `${"[".repeat(LIMIT / 2)}${"]".repeat(LIMIT / 2)}`, CtyList(CtyString));
json(
  "JSON dynamic envelopes nested",
  `${'{"type":"dynamic","value":'.repeat(Math.floor(LIMIT / 27))}null`,
  CtyDynamic,
);
cases.push({
  name: "type JSON nested 8,000 deep",
  size: 8000 * 8 + 8 + 8000,
  run: () => typeFromJSON(`${'["list",'.repeat(8000)}"string"${"]".repeat(8000)}`),
});
msgpack(
  "msgpack 64K nested arrays as dynamic lists",
  nested(new Uint8Array([...dynHead('["list","dynamic"]'), 0x91]), new Uint8Array([0xc0])),
  CtyDynamic,
);
msgpack(
  "msgpack dynamic in dynamic wrappers",
  nested(dynHead('"dynamic"'), new Uint8Array([0xc0])),
  CtyDynamic,
);
msgpack(
  "msgpack dynamic wrappers with 20-deep list types",
  nested(
    new Uint8Array([
      ...dynHead(`${'["list",'.repeat(20)}"dynamic"${"]".repeat(20)}`),
      ...new Array(20).fill(0x91),
    ]),
    new Uint8Array([0xc0]),
  ),
  CtyDynamic,
);
msgpack(
  "msgpack random bytes as dynamic",
  Uint8Array.from({ length: LIMIT }, (_, i) => (i * 2654435761) >>> 24),
  CtyDynamic,
);

function time(run: () => unknown): { ms: number; outcome: string } {
  let best = Number.POSITIVE_INFINITY;
  let outcome = "";
  for (let round = 0; round < 5; round++) {
    const t0 = performance.now();
    try {
      run();
      outcome = "value";
    } catch (e) {
      outcome = `${(e as Error).name}: ${(e as Error).message.slice(-60)}`;
    }
    best = Math.min(best, performance.now() - t0);
  }
  return { ms: best, outcome };
}

const reference = time(cases[0]!.run).ms;
let worst = 0;
for (const c of cases) {
  const { ms, outcome } = time(c.run);
  worst = Math.max(worst, ms);
  console.log(
    `${c.name.padEnd(72)} ${String(c.size).padStart(6)} B ${ms.toFixed(1).padStart(7)} ms  ×${(ms / reference).toFixed(1).padStart(6)}  ${outcome}`,
  );
}
console.log(
  `worst ${worst.toFixed(1)} ms (budget 100 ms); reference (benign set) ${reference.toFixed(1)} ms`,
);
