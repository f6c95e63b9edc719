/**
 * Decoding of msgpack unknown values: a 0- or 1-byte extension of any type code is a plain
 * unknown; a longer one must be extension `0x0c` whose body (at most 1024 bytes) is a map of
 * refinements keyed by small integers, replayed through the refinement builder in wire order as
 * go-cty does (so the same collapses and the same errors happen).
 *
 * @module
 * @internal
 */
import { DynamicVal, unknownVal } from "./constructors.js";
import { MsgpackReader } from "./msgpack-reader.js";
import type { CtyNum } from "./number.js";
import { refine } from "./refinement.js";
import { CtyBool, CtyNumber, CtyTuple, type CtyType } from "./types.js";
import type { CtyValue } from "./value.js";

/** Largest refinement body accepted, as go-cty. */
export const MAX_REFINEMENT_BYTES = 1024;

const BOUND_TYPE = CtyTuple([CtyNumber, CtyBool]);

type DecodeFn = (r: MsgpackReader, t: CtyType) => CtyValue;

function extLength(r: MsgpackReader, c: number): number {
  switch (c) {
    case 0xd4:
      return 1;
    case 0xd5:
      return 2;
    case 0xd6:
      return 4;
    case 0xd7:
      return 8;
    case 0xd8:
      return 16;
    case 0xc7:
      return r.u8();
    case 0xc8:
      return r.u16();
    default:
      return r.u32();
  }
}

/** Decodes the extension item at the reader's position as an unknown value of type `t`. */
export function decodeUnknown(r: MsgpackReader, t: CtyType, decodeValue: DecodeFn): CtyValue {
  const c = r.u8();
  const len = extLength(r, c);
  const code = r.u8();
  r.need(len);
  const bodyStart = r.pos;
  r.pos += len;
  if (len <= 1) return t.kind === "dynamic" ? DynamicVal : unknownVal(t);
  if (code !== 0x0c) {
    return r.fail(`unsupported extension type 0x${code.toString(16).padStart(2, "0")} with len ${len}`);
  }
  if (len > MAX_REFINEMENT_BYTES) return r.fail("oversize unknown value refinement");
  const body = new MsgpackReader(r.buf, bodyStart, bodyStart + len);
  const bad = (why: string): never => r.fail(`failed to decode msgpack extension body: ${why}`);
  let count: number | undefined;
  try {
    count = body.mapLen();
  } catch {
    count = undefined;
  }
  if (count === undefined) return bad("not a map");
  if (t.kind === "dynamic") return DynamicVal; // refinements of dynamic values are ignored
  const b = refine(unknownVal(t));
  const apply = (f: () => void) => {
    try {
      f();
    } catch (e) {
      if (e instanceof TypeError || e instanceof RangeError) bad(e.message);
      throw e;
    }
  };
  for (let i = 0; i < count; i++) {
    let key: bigint | undefined;
    try {
      key = body.int();
    } catch {
      key = undefined;
    }
    if (key === undefined) return bad("non-integer key in map");
    switch (key) {
      case 1n: {
        const v = readBool(body);
        if (v === undefined) return bad("null refinement is not boolean");
        apply(() => (v ? b.null() : b.notNull()));
        break;
      }
      case 2n: {
        if (t.kind !== "string") return bad("string prefix refinement for non-string type");
        let prefix: string | undefined;
        try {
          prefix = body.string();
        } catch {
          return bad("string prefix refinement is not valid UTF-8 text");
        }
        if (prefix === undefined) return bad("string prefix refinement is not string");
        const p = prefix;
        apply(() => b.stringPrefixFull(p));
        break;
      }
      case 5n:
      case 6n: {
        if (t.kind !== "list" && t.kind !== "set" && t.kind !== "map") {
          return bad("length bound refinement for non-collection type");
        }
        let n: bigint | undefined;
        try {
          n = body.int();
        } catch {
          n = undefined;
        }
        if (n === undefined) return bad("length bound refinement must be an integer");
        if (key === 5n) {
          // A negative lower bound is looser than the implicit 0: go-cty ignores it.
          if (n > 0n) {
            const m = Number(n);
            apply(() => b.collectionLengthLowerBound(m));
          }
        } else {
          if (n < 0n) return bad(`collection length upper bound ${n} is less than lower bound`);
          // go-cty's "no upper bound" is math.MaxInt; anything that large is unbounded.
          if (n < 9223372036854775807n) {
            const m = Number(n);
            apply(() => b.collectionLengthUpperBound(m));
          }
        }
        break;
      }
      case 3n:
      case 4n: {
        if (t.kind !== "number") return bad("numeric bound refinement for non-number type");
        let bound: CtyValue | undefined;
        try {
          bound = decodeValue(body, BOUND_TYPE);
        } catch {
          bound = undefined;
        }
        const parts = bound?.isKnown && !bound.isNull ? (bound.raw as readonly CtyValue[]) : undefined;
        const num = parts?.[0];
        const inc = parts?.[1];
        if (
          num === undefined ||
          inc === undefined ||
          !num.isKnown ||
          num.isNull ||
          !inc.isKnown ||
          inc.isNull
        ) {
          return bad("number bound refinement must be [number, bool] array");
        }
        const value = num.raw as CtyNum;
        const inclusive = inc.raw === true;
        apply(() =>
          key === 3n ? b.numberRangeLowerBound(value, inclusive) : b.numberRangeUpperBound(value, inclusive),
        );
        break;
      }
      default:
        // Unknown keys are ignored for forward compatibility. As go-cty, their value is not
        // skipped: the next read treats it as the next key.
        break;
    }
  }
  // Trailing bytes in the body are ignored, as go-cty does.
  let result: CtyValue | undefined;
  apply(() => {
    result = b.newValue();
  });
  return result!;
}

function readBool(r: MsgpackReader): boolean | undefined {
  if (r.pos >= r.end) return undefined;
  const c = r.u8();
  if (c === 0xc3) return true;
  if (c === 0xc2 || c === 0xc0) return false;
  return undefined;
}
