import { a, s } from "@pyvider/schema";
import { createLogger } from "@pyvider/telemetry";
import { describe, expect, it } from "vitest";
import { forProvider } from "../components/for-provider.js";
import { defineProvider } from "../components/provider.js";
import { privateState } from "../private-state.js";
import { buildProvider } from "./provider-runtime.js";

const provider = defineProvider({ name: "pp", schema: s.provider({}) });
const seen: unknown[] = [];
const thing = forProvider(provider).defineResource({
  name: "pp_thing",
  schema: s.resource({ name: a.str({ required: true }) }),
  privateState: privateState<{ token: string }>(),
  plan(ctx) {
    const earlier = ctx.plannedPrivate;
    seen.push(
      earlier === undefined
        ? undefined
        : { token: earlier.get("token"), keys: earlier.keys(), writable: "set" in earlier },
    );
    ctx.private.set("token", "new");
  },
  create: (ctx) => ctx.config,
  read: (ctx) => ctx.state,
  delete() {},
});
const quiet = createLogger({ name: "pp", level: "off", stream: { write: () => true } });
const built = buildProvider(provider, [thing as never], { logger: quiet });
const json = (v: unknown) => new TextEncoder().encode(JSON.stringify(v));

describe("the plan hook's plannedPrivate", () => {
  it("is the earlier plan's private state, read-only, beside the prior private state", async () => {
    seen.length = 0;
    const r = built.resource("pp_thing")!;
    const req = { config: { name: "n" }, prior: null, proposed: { name: "n" } };
    const out = await r.plan({
      ...req,
      private: json({ token: "prior" }),
      plannedPrivate: json({ token: "first" }),
    });
    expect(out.diagnostics).toEqual([]);
    expect(seen[0]).toEqual({ token: "first", keys: ["token"], writable: false });
    // what the plan stores is ctx.private, not the earlier plan's data
    expect(JSON.parse(new TextDecoder().decode(out.value!.private))).toEqual({ token: "new" });
    await r.plan(req);
    await r.plan({ ...req, plannedPrivate: new Uint8Array(0) });
    expect(seen.slice(1)).toEqual([undefined, undefined]);
  });

  it("reports planned private bytes that are not a JSON object as a diagnostic", async () => {
    const r = built.resource("pp_thing")!;
    const out = await r.plan({
      config: { name: "n" },
      prior: null,
      proposed: { name: "n" },
      plannedPrivate: json([1, 2]),
    });
    expect(out.ok).toBe(false);
    expect(out.diagnostics[0]?.summary).toBe("Invalid private state");
  });
});
