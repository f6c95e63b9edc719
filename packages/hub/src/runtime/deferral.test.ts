import { a, s } from "@pyvider/schema";
import { createLogger } from "@pyvider/telemetry";
import { describe, expect, it } from "vitest";
import { forProvider } from "../components/for-provider.js";
import { defineProvider } from "../components/provider.js";
import type { ClientCapabilities } from "../context.js";
import { Deferral, type DeferralReason, isDeferral } from "../deferral.js";
import { buildProvider } from "./provider-runtime.js";

const provider = defineProvider({ name: "df", schema: s.provider({}) });
const define = forProvider(provider);
/** What the handlers saw of `ctx.clientCapabilities.deferralAllowed`, per operation. */
const seen: Record<string, boolean> = {};
const reasonOf = (config: { mode: string }) => config.mode as DeferralReason;

const thing = define.defineResource({
  name: "df_thing",
  schema: s.resource({ mode: a.str({ required: true }), id: a.str({ computed: true }) }),
  plan(ctx) {
    seen.plan = ctx.clientCapabilities.deferralAllowed;
    if (ctx.config !== null && ctx.config.mode !== "none")
      ctx.defer(reasonOf(ctx.config as { mode: string }));
  },
  create(ctx) {
    // create cannot defer: a Deferral thrown here is an error
    if (ctx.config.mode === "create") throw new Deferral("absent-prerequisite");
    return { ...ctx.config, id: "x" };
  },
  read(ctx) {
    seen.read = ctx.clientCapabilities.deferralAllowed;
    if (ctx.state.mode !== "none") ctx.defer(reasonOf(ctx.state));
    return ctx.state;
  },
  delete() {},
  importState(ctx) {
    seen.import = ctx.clientCapabilities.deferralAllowed;
    if (ctx.by === "id" && ctx.id === "later") ctx.defer("absent-prerequisite");
    return { mode: "none", id: ctx.by === "id" ? ctx.id : "?" };
  },
});
const lookup = define.defineDataSource({
  name: "df_lookup",
  schema: s.dataSource({ mode: a.str({ required: true }), value: a.str({ computed: true }) }),
  read(ctx) {
    seen.dataRead = ctx.clientCapabilities.deferralAllowed;
    if (ctx.config.mode !== "none") {
      ctx.addWarning("looked");
      ctx.defer(reasonOf(ctx.config));
    }
    return { ...ctx.config, value: "v" };
  },
});
const secret = define.defineEphemeralResource({
  name: "df_secret",
  schema: s.ephemeral({ mode: a.str({ required: true }), value: a.str({ computed: true }) }),
  open(ctx) {
    seen.open = ctx.clientCapabilities.deferralAllowed;
    // a helper deep in the call may throw the marker itself
    if (ctx.config.mode !== "none") throw new Deferral(reasonOf(ctx.config));
    return { ...ctx.config, value: "s" };
  },
});

const quiet = createLogger({ name: "df", level: "off", stream: { write: () => true } });
const built = buildProvider(provider, [thing as never, lookup as never, secret as never], { logger: quiet });
const caps = (deferralAllowed: boolean): ClientCapabilities => ({
  deferralAllowed,
  writeOnlyAttributesAllowed: false,
  storePlannedPrivate: false,
  computedBlocksAllowed: false,
});
const r = built.resource("df_thing")!;
const d = built.dataSource("df_lookup")!;
const e = built.ephemeralResource("df_secret")!;

/** The five operations that may defer, each run with a config/state whose `mode` is the reason. */
const operations: Record<string, (mode: string, c?: ClientCapabilities) => ReturnType<typeof r.plan>> = {
  plan: (mode, c) =>
    r.plan({ config: { mode }, prior: null, proposed: { mode, id: null }, clientCapabilities: c }),
  read: (mode, c) => r.read({ state: { mode, id: "x" }, clientCapabilities: c }) as never,
  import: (mode, c) =>
    r.importState({ id: mode === "none" ? "now" : "later", clientCapabilities: c }) as never,
  dataRead: (mode, c) => d.read({ config: { mode }, clientCapabilities: c }) as never,
  open: (mode, c) => e.open({ config: { mode }, clientCapabilities: c }) as never,
};
const names: Record<string, string> = {
  plan: "resource df_thing plan",
  read: "resource df_thing read",
  import: "resource df_thing import",
  dataRead: "dataSource df_lookup read",
  open: "ephemeral df_secret open",
};

describe("author-raised deferral", () => {
  for (const [op, run] of Object.entries(operations)) {
    it(`${op}: honoured with its reason when the client allows deferral`, async () => {
      const mode = op === "import" ? "absent-prerequisite" : "resource-config-unknown";
      const out = await run(mode, caps(true));
      expect(seen[op]).toBe(true);
      expect(out.deferred).toBe(mode);
      expect(out.ok).toBe(true);
      expect(out.value).toBeUndefined();
      expect(out.diagnostics.filter((x) => x.severity === "error")).toEqual([]);
    });

    it(`${op}: an error naming the operation when the client does not allow deferral`, async () => {
      const out = await run(op === "import" ? "later" : "absent-prerequisite", caps(false));
      expect(seen[op]).toBe(false);
      expect(out.deferred).toBeUndefined();
      expect(out.ok).toBe(false);
      const error = out.diagnostics.find((x) => x.severity === "error");
      expect(error?.summary).toBe("Deferral not allowed by the client");
      expect(error?.detail).toContain(`${names[op]} asked to defer (reason: absent prerequisite)`);
      expect(error?.detail).toContain("-allow-deferral");
      expect(error?.detail).toContain("OpenTofu does not support it");
    });

    it(`${op}: no capabilities given counts as not allowed, and no deferral runs as before`, async () => {
      const refused = await run(op === "import" ? "later" : "unknown");
      expect(refused.ok).toBe(false);
      expect(seen[op]).toBe(false);
      const normal = await run("none", caps(true));
      expect(normal.ok).toBe(true);
      expect(normal.deferred).toBeUndefined();
      expect(normal.value).toBeDefined();
    });
  }

  it("keeps the handler's warnings beside the deferral", async () => {
    const out = await d.read({ config: { mode: "unknown" }, clientCapabilities: caps(true) });
    expect(out.deferred).toBe("unknown");
    expect(out.diagnostics).toEqual([expect.objectContaining({ severity: "warning", summary: "looked" })]);
  });

  it("refuses a deferral from an operation that cannot defer, even when the client allows it", async () => {
    const out = await r.create({ config: { mode: "create" }, plan: { mode: "create", id: null } });
    expect(out.ok).toBe(false);
    expect(out.deferred).toBeUndefined();
    expect(out.diagnostics[0]?.summary).toBe("Deferral not possible here");
    expect(out.diagnostics[0]?.detail).toContain("resource df_thing create asked to defer");
  });

  it("rejects a reason that is not one of the four", () => {
    expect(() => new Deferral("later" as DeferralReason)).toThrow(/Unknown deferral reason "later"/);
    expect(isDeferral(new Deferral())).toBe(true);
    expect(new Deferral().reason).toBe("unknown");
    expect(isDeferral(new Error("deferred: unknown"))).toBe(false);
  });
});
