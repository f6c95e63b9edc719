/** go-cty's `ctystrings.SafeKnownPrefix` against the Go implementation (oracle-num). */
import fc from "fast-check";
import { beforeAll, describe, expect, it } from "vitest";
import { askOracle, buildOracle, hasGo, requireGoInCI } from "./oracle-num.testutil.js";
import { safeKnownPrefix } from "./refinement.js";

// Realistic prefix text. Control characters (CR, LF, tab), lone Hangul jamo and lone combining
// marks after controls are left out: there go-cty's result depends on quirks of its grapheme
// scanner (called with atEOF=false), which safeKnownPrefix does not reproduce. Indic conjuncts,
// flags and emoji ZWJ sequences followed by marks are left out too (Unicode 15.1 conjunct rule
// in Node's ICU; go-cty's scanner splits an unfinished multi-rune emoji cluster at the end).
const pieces = [
  "a",
  "Z",
  "9",
  "-",
  "_",
  ".",
  ":",
  "/",
  " ",
  "é",
  "e",
  "\u0301",
  "ß",
  "中",
  "文",
  "\u{1F44D}",
  "(",
  '"',
  "'",
  "ü",
  "ñ",
  "o",
  "@",
  "=",
  "~",
];

requireGoInCI("safeKnownPrefix");

describe.skipIf(!hasGo)("safeKnownPrefix agrees with go-cty (oracle-num)", () => {
  beforeAll(buildOracle, 300_000);

  it("trims the same trailing grapheme cluster as SafeKnownPrefix", () => {
    const strings = fc.sample(
      fc.array(fc.constantFrom(...pieces), { maxLength: 8 }).map((a) => a.join("")),
      { numRuns: 1500, seed: 21 },
    );
    const answers = askOracle(strings.map((s) => `safeprefix ${JSON.stringify(s)}`));
    strings.forEach((s, i) => {
      expect(safeKnownPrefix(s), JSON.stringify(s)).toBe(answers[i]!.q ?? "");
    });
  });
});
