/** Large values in pieces: the same bytes as the whole, for any text. */
import { createHash, createHmac } from "node:crypto";
import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { keyedChecksum, sha256Hex } from "./checksum-key.js";
import { type Entry, entryFilePieces, parseEntry, parseEntryFile } from "./entry.js";
import { writeFileAtomic } from "./fs-atomic.js";
import { decodeJsonStringLiteral, jsonStringPieces, stringPieces, topLevelStringMember } from "./pieces.js";
import { tempDir } from "./test-dir.fixture.js";

// quotes, backslashes, control characters, Latin-1, a surrogate pair, lone surrogates, CJK
const TRICKY = 'a"b\\c\n\u0000\u001f\u007fé\u00ff😀x\ud800y\udc00z漢字\u2028';

/** Texts that put every kind of character on every piece boundary for small piece sizes. */
function texts(): string[] {
  const out = ["", "x", TRICKY, "😀".repeat(7), `${"a".repeat(5)}😀`, "\ud83d"];
  for (let shift = 0; shift < 5; shift++) out.push("-".repeat(shift) + TRICKY.repeat(3));
  return out;
}

const entryOf = (value: string): Entry => ({
  key: "app/conf.json",
  value,
  tags: { team: 'a"b', ü: "😀" },
  ttlSeconds: 30,
  version: 3,
  createdAt: "2026-01-01T00:00:00.000Z",
  updatedAt: "2026-01-02T00:00:00.000Z",
  checksum: "c0ffee",
  drifted: false,
});

describe("values in pieces", () => {
  it("splits a string without copying characters and never between the halves of a surrogate pair", () => {
    for (const text of texts()) {
      for (const units of [2, 3, 4, 7, 1 << 20]) {
        const pieces = [...stringPieces(text, units)];
        expect(pieces.join("")).toBe(text);
        for (const piece of pieces) {
          expect(piece.length).toBeGreaterThan(0);
          expect(piece.length).toBeLessThanOrEqual(units);
        }
        for (let i = 1; i < pieces.length; i++) {
          const high = pieces[i - 1]!.charCodeAt(pieces[i - 1]!.length - 1);
          const low = pieces[i]!.charCodeAt(0);
          expect(high >= 0xd800 && high <= 0xdbff && low >= 0xdc00 && low <= 0xdfff).toBe(false);
        }
        // UTF-8 of the pieces one after the other is the UTF-8 of the whole (lone surrogates too)
        expect(Buffer.concat(pieces.map((p) => Buffer.from(p, "utf8")))).toEqual(Buffer.from(text, "utf8"));
      }
    }
  });

  it("escapes a string as JSON piece by piece exactly as JSON.stringify does", () => {
    for (const text of texts()) {
      for (const units of [2, 3, 5, 1 << 20]) {
        expect([...jsonStringPieces(text, units)].join("")).toBe(JSON.stringify(text));
      }
    }
  });

  it("gives the same checksums as hashing the whole value", () => {
    const key = Buffer.alloc(32, 7);
    const big = `${"v".repeat((1 << 20) - 1)}😀${TRICKY.repeat(1000)}`;
    for (const text of [...texts(), big]) {
      expect(keyedChecksum(key, text)).toBe(createHmac("sha256", key).update(text, "utf8").digest("hex"));
      expect(sha256Hex(text)).toBe(createHash("sha256").update(text, "utf8").digest("hex"));
    }
  });

  it("writes an entry file that is the pretty JSON of the entry", async () => {
    const dir = tempDir();
    const big = `${"w".repeat((1 << 20) - 1)}😀${TRICKY.repeat(5000)}`;
    for (const [i, value] of [...texts(), big].entries()) {
      const entry = entryOf(value);
      const file = `${dir}/e${i}.json`;
      await writeFileAtomic(file, entryFilePieces(entry));
      const text = readFileSync(file, "utf8");
      const { drifted: _, ttlSeconds, createdAt, updatedAt, ...rest } = entry;
      const expected = {
        key: rest.key,
        value: rest.value,
        tags: rest.tags,
        ttl_seconds: ttlSeconds,
        version: rest.version,
        created_at: createdAt,
        updated_at: updatedAt,
        checksum: rest.checksum,
      };
      expect(text).toBe(`${JSON.stringify(expected, null, 2)}\n`);
      expect(JSON.parse(text).value).toBe(value);
    }
  });
});

describe("large entry files", () => {
  const checksumOf = (v: string) => sha256Hex(`k:${v}`);
  const pad = "x".repeat(1 << 20);
  const outcome = (f: () => Entry) => {
    try {
      return f();
    } catch (error) {
      return `${(error as Error).name}: ${(error as Error).message}`;
    }
  };

  it("finds the top-level value's literal without parsing the text", () => {
    const cases: [string, string | undefined][] = [
      [[...entryFilePieces(entryOf(`${pad}${TRICKY}`))].join(""), `${pad}${TRICKY}`],
      [`{"tags":{"value":"no"},"value":"v\\"x","key":"k"}`, 'v"x'],
      [`{"value":"first","key":"k","value" : \n "second"}`, "second"],
      [`{"list":["value",{"value":"x"}],"value":"yes"}`, "yes"],
      [`{"value":42,"other":"value"}`, undefined],
      [`{"value":{"value":"inner"}}`, undefined],
      [`{"other":"x"}`, undefined],
    ];
    for (const [text, value] of cases) {
      const bytes = Buffer.from(text, "utf8");
      const range = topLevelStringMember(bytes, "value");
      if (value === undefined) expect(range).toBeUndefined();
      else expect(decodeJsonStringLiteral(bytes, range![0], range![1])).toBe(value);
    }
  });

  it("read frugally give exactly what parsing the whole text gives, for any layout", () => {
    const files = [
      // as the store writes them
      [...entryFilePieces(entryOf(`${pad}${TRICKY}`))].join(""),
      [...entryFilePieces(entryOf(`${pad}plain`))].join(""),
      // hand edits: other order, a nested "value", duplicates, compact, other types
      `{"tags":{"value":"${pad}"},"value":"v\\"x${pad}","key":"k","version":1,"created_at":"t"}`,
      `{"key":"k","value":"first${pad}","version":1,"created_at":"t","value":"second${pad}"}`,
      `{"key":"k","list":["value",{"value":"x"}],"value" : \n "${pad}é","version":2,"updated_at":"t"}`,
      `{"key":"k","value":42,"pad":"${pad}","version":1,"created_at":"t"}`,
      `{"key":"k","pad":"${pad}","version":1,"created_at":"t"}`,
      // U+FFFD in the file, where a caller may hold a lone surrogate (whose UTF-8 is the same)
      `{"key":"k","value":"\ufffd${pad}","version":1,"created_at":"t"}`,
      // not valid: a raw control character, a cut-off file, trailing garbage
      `{"key":"k","value":"a\u0001b${pad}","version":1,"created_at":"t"}`.replace("\\u0001", "\u0001"),
      `{"key":"k","value":"${pad}`,
      `{"key":"k","value":"${pad}","version":1,"created_at":"t"} }`,
    ];
    for (const text of files) {
      const bytes = Buffer.from(text, "utf8");
      expect(bytes.length).toBeGreaterThan(1 << 20);
      const plain = outcome(() => parseEntry("f", text, checksumOf));
      expect(outcome(() => parseEntryFile("f", bytes, checksumOf))).toEqual(plain);
      // a value the caller holds is used only when it is the stored one
      const stored = typeof plain === "string" ? `${pad}` : plain.value;
      for (const known of [stored, `${stored}x`, stored.slice(1), "", `\ud800${pad}`]) {
        expect(outcome(() => parseEntryFile("f", bytes, checksumOf, known))).toEqual(plain);
      }
    }
  });
});
