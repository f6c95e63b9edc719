/**
 * The harness checks an apply result as a served provider does (protocol's checkAgainstPlan):
 * same messages, with the attribute at fault.
 */
import { Unknown } from "@pyvider/cty";
import { defineProvider, forProvider } from "@pyvider/hub";
import { a, s } from "@pyvider/schema";
import { describe, expect, it } from "vitest";
import { createHarness } from "./harness.js";

const checked = defineProvider({ name: "checked", schema: s.provider({}), configure: () => ({}) });
const { defineResource } = forProvider(checked);

/** Returns what `mode` asks for: a consistent result, a changed known value, or an unknown. */
const thing = defineResource({
  name: "checked_thing",
  schema: s.resource({
    mode: a.str({ required: true }),
    token_wo: a.str({ optional: true, writeOnly: true }),
    id: a.str({ computed: true }),
  }),
  create(ctx) {
    const mode = ctx.config.mode;
    if (mode === "changed") return { mode: "something else", id: "x" };
    if (mode === "unknown") return { mode, id: Unknown as never };
    return { mode, id: "x" };
  },
  read: (ctx) => ctx.state,
  delete() {},
});

async function created(mode: string) {
  const h = createHarness(checked, [thing]);
  await h.configure({});
  const r = await h.resource(thing).create({ mode, token_wo: "secret" });
  await h.dispose();
  return r;
}

describe("apply checks", () => {
  it("accepts a result that keeps the planned values (write-only attributes are not compared)", async () => {
    const r = await created("fine");
    expect(r.diagnostics).toEqual([]);
    expect(r.state).toMatchObject({ mode: "fine", id: "x" });
  });

  it.each([
    [
      "changed",
      "Provider produced inconsistent result after apply",
      'resource checked_thing apply returned a value for "mode" that differs from its known planned value.',
      "mode",
    ],
    [
      "unknown",
      "Provider returned an unknown value",
      'resource checked_thing apply left "id" unknown.',
      "id",
    ],
  ])(
    "reports a result %s in apply as a served provider does, with its path",
    async (mode, summary, detail, name) => {
      const r = await created(mode);
      expect(r.ok).toBe(false);
      expect(r.diagnostics).toEqual([
        expect.objectContaining({
          severity: "error",
          summary,
          detail: expect.stringContaining(detail),
          path: [{ kind: "attr", name }],
        }),
      ]);
    },
  );
});
