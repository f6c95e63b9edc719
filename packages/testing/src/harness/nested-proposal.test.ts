/**
 * The harness plans from Terraform's proposed new state at every depth: computed values inside
 * nested blocks and nested attributes keep their prior value, so an unchanged resource plans no-op.
 */
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { Unknown } from "@pyvider/cty";
import { forProvider } from "@pyvider/hub";
import { a, b, s } from "@pyvider/schema";
import { afterEach, expect, it } from "vitest";
import { testkit, testkitComponents } from "../__fixtures__/testkit.js";
import { createHarness } from "./harness.js";
import { expectOk } from "./result.js";

const { defineResource } = forProvider(testkit);

const stamped = defineResource({
  name: "testkit_stamped",
  schema: s.resource({
    name: a.str({ required: true }),
    rule: b.list({ match: a.str({ required: true }), rid: a.str({ computed: true }) }),
    settings: a.nested.single(
      { mode: a.str({ optional: true }), stamp: a.str({ computed: true }) },
      { optional: true },
    ),
  }),
  create(ctx) {
    return {
      name: ctx.config.name,
      rule: (ctx.config.rule ?? []).map((r, i) => ({ match: r.match, rid: `r-${i}` })),
      settings: ctx.config.settings === null ? null : { mode: ctx.config.settings.mode, stamp: "s-1" },
    };
  },
  read(ctx) {
    return ctx.state;
  },
  update(ctx) {
    return {
      name: ctx.config.name,
      rule: (ctx.config.rule ?? []).map((r, i) => ({ match: r.match, rid: `r-${i}` })),
      settings: ctx.config.settings === null ? null : { mode: ctx.config.settings.mode, stamp: "s-2" },
    };
  },
  delete() {},
});

const dir = mkdtempSync(join(tmpdir(), "harness-nested-"));
const h = createHarness(testkit, [...testkitComponents, stamped]);
afterEach(async () => {
  await h.dispose();
  rmSync(dir, { recursive: true, force: true });
});

it("keeps nested computed values from the prior state and plans no-op for an unchanged resource", async () => {
  expectOk(await h.configure({ dir }), "configure");
  const res = h.resource(stamped);
  const config = { name: "n", rule: [{ match: "x" }, { match: "y" }], settings: { mode: "m" } };
  const created = expectOk(await res.create(config), "create");
  expect(created.state).toEqual({
    name: "n",
    rule: [
      { match: "x", rid: "r-0" },
      { match: "y", rid: "r-1" },
    ],
    settings: { mode: "m", stamp: "s-1" },
  });
  const same = await res.plan({ config, prior: created.state });
  expect(same.action).toBe("no-op");
  expect(same.planned).toEqual(created.state);
  const changed = await res.plan({
    config: { ...config, settings: { mode: "other" } },
    prior: created.state,
  });
  expect(changed.action).toBe("update");
  expect(changed.planned).toMatchObject({
    rule: [
      { match: "x", rid: Unknown },
      { match: "y", rid: Unknown },
    ],
    settings: { mode: "other", stamp: Unknown },
  });
});
