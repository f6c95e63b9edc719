/**
 * A deliberately wrong type expectation. src/typecheck.test.ts compiles this file and requires
 * the compiler to REJECT it, which proves the type-level tests can fail.
 */
import { expectTypeOf } from "vitest";
import { a, type InferConfig, s } from "../src/index.js";

const item = s.resource({ label: a.str() });
// Wrong on purpose: an optional attribute is `string | null` in config, not `string`.
expectTypeOf<InferConfig<typeof item>["label"]>().toEqualTypeOf<string>();
