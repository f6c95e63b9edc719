import { a, s } from "@pyvider/schema";
import { createLogger } from "@pyvider/telemetry";
import { describe, expect, it } from "vitest";
import { settleWithinGrace } from "../abort.js";
import { defineProvider } from "../components/provider.js";
import { defineResource } from "../components/resource.js";
import { SchemaRegistrationError } from "../errors.js";
import { buildProvider, type ProviderDefinition } from "./provider-runtime.js";

const schema = s.resource({ key: a.str({ required: true }), id: a.str({ computed: true }) });
const provider = defineProvider({ name: "t", schema: s.provider({}) });
const tick = (ms: number) => new Promise((r) => setTimeout(r, ms));

/**
 * A store written the way a cancellation-safe provider writes: `create` checks the signal
 * before it starts the write and finishes a write it started; `ignore-*` keys ignore the signal.
 */
function storeResource(store: Map<string, string>, events: string[]) {
  return defineResource({
    name: "t_entry",
    schema,
    async create(ctx) {
      const key = ctx.config.key;
      events.push(`create ${key} start`);
      // Some preparation first, during which a stop may arrive.
      await tick(key.startsWith("slow-prep") ? 40 : 5);
      ctx.signal.throwIfAborted();
      // The write: once started it is finished, whatever the signal says.
      await tick(key.startsWith("ignore") ? 150 : 25);
      store.set(key, "written");
      events.push(`create ${key} written`);
      return { key, id: key };
    },
    read: (ctx) => (store.has(ctx.state.key) ? ctx.state : null),
    async update(ctx) {
      events.push(`update ${ctx.prior.id} start`);
      return ctx.prior;
    },
    delete(ctx) {
      store.delete(ctx.prior.key);
    },
  });
}

function build(store: Map<string, string>, events: string[], stopGracePeriodMs?: number) {
  const lines: string[] = [];
  const logger = createLogger({
    name: "t",
    level: "debug",
    stream: { write: (c: string) => lines.push(c) },
    format: "json",
  });
  const p: ProviderDefinition = buildProvider(provider, [storeResource(store, events)], {
    logger,
    ...(stopGracePeriodMs === undefined ? {} : { stopGracePeriodMs }),
  });
  return { p, lines };
}

describe("StopProvider waits for handlers and reports what they did", () => {
  it("a write in progress completes and its new state is the answer, not a cancellation", async () => {
    const store = new Map<string, string>();
    const events: string[] = [];
    const { p } = build(store, events, 5_000);
    const pending = p.resource("t_entry")!.create({ config: { key: "a" }, plan: { key: "a" } });
    await tick(15); // past the signal check, inside the write
    p.stop();
    const out = await pending;
    expect(out.ok).toBe(true);
    expect(out.value?.state).toEqual({ key: "a", id: "a" });
    expect(store.get("a")).toBe("written");
  });

  it("a handler that sees the signal before writing answers with a cancellation and writes nothing", async () => {
    const store = new Map<string, string>();
    const events: string[] = [];
    const { p } = build(store, events, 5_000);
    const pending = p
      .resource("t_entry")!
      .create({ config: { key: "slow-prep" }, plan: { key: "slow-prep" } });
    await tick(10);
    p.stop("test stop");
    const out = await pending;
    expect(out.ok).toBe(false);
    expect(out.diagnostics[0]?.summary).toBe("Operation cancelled");
    await tick(60);
    expect(store.has("slow-prep")).toBe(false);
    expect(events).toEqual(["create slow-prep start"]);
  });

  it("a handler that ignores the signal past the grace period is answered with an outcome-unknown error", async () => {
    const store = new Map<string, string>();
    const events: string[] = [];
    const { p, lines } = build(store, events, 30);
    const pending = p.resource("t_entry")!.create({ config: { key: "ignore" }, plan: { key: "ignore" } });
    await tick(15);
    p.stop();
    const out = await pending;
    expect(out.ok).toBe(false);
    expect(out.diagnostics[0]?.summary).toBe("Operation cancelled: its outcome is unknown");
    expect(store.has("ignore")).toBe(false); // answered before the write finished
    await tick(200);
    expect(store.get("ignore")).toBe("written");
    const warnings = lines.map((l) => JSON.parse(l)).filter((l) => l["@level"] === "warn");
    expect(warnings.map((w) => String(w["@message"]).replace(/^\S+ /, ""))).toEqual([
      "resource t_entry create ignored the stop signal for 30 ms; it was answered with a cancellation error and its result, if any, is lost",
      "resource t_entry create finished after its grace period: its result was lost",
    ]);
  });

  it("keeps the instance locked until a late handler has really settled", async () => {
    const store = new Map<string, string>();
    const events: string[] = [];
    const { p } = build(store, events, 30);
    const r = p.resource("t_entry")!;
    // Same instance key: the explicit key the protocol layer may give.
    const first = r.create({ config: { key: "ignore-x" }, plan: { key: "ignore-x" } }, { instanceKey: "x" });
    await tick(15);
    p.stop();
    expect((await first).ok).toBe(false);
    // The stop is over: a new operation on the same instance must wait for the late write.
    const second = await r.update(
      {
        config: { key: "ignore-x" },
        plan: { key: "ignore-x", id: "x" },
        prior: { key: "ignore-x", id: "x" },
      },
      { instanceKey: "x" },
    );
    expect(second.ok).toBe(true);
    expect(events).toEqual(["create ignore-x start", "create ignore-x written", "update x start"]);
  });

  it("waits for the default 10 s grace period when none is configured", () => {
    const { p } = build(new Map(), []);
    expect(p.stopGracePeriodMs).toBe(10_000);
    const fromSpec = buildProvider(
      defineProvider({ name: "t", schema: s.provider({}), stopGracePeriodMs: 250 }),
      [],
    );
    expect(fromSpec.stopGracePeriodMs).toBe(250);
    const overridden = buildProvider(
      defineProvider({ name: "t", schema: s.provider({}), stopGracePeriodMs: 250 }),
      [],
      { stopGracePeriodMs: 0 },
    );
    expect(overridden.stopGracePeriodMs).toBe(0);
    expect(() => buildProvider(provider, [], { stopGracePeriodMs: -1 })).toThrow(SchemaRegistrationError);
    expect(() => buildProvider(provider, [], { stopGracePeriodMs: Number.NaN })).toThrow(/stopGracePeriodMs/);
  });
});

describe("settleWithinGrace", () => {
  it("passes the work's result through when nothing aborts", async () => {
    const ac = new AbortController();
    await expect(settleWithinGrace(Promise.resolve(1), ac.signal, 0, () => new Error("x"))).resolves.toBe(1);
    const err = new RangeError("own");
    await expect(settleWithinGrace(Promise.reject(err), ac.signal, 0, () => new Error("x"))).rejects.toBe(
      err,
    );
  });

  it("after an abort, answers with the work's own result if it settles within the grace period", async () => {
    const ac = new AbortController();
    const work = tick(20).then(() => "done");
    const settled = settleWithinGrace(work, ac.signal, 1_000, () => new Error("expired"));
    ac.abort();
    await expect(settled).resolves.toBe("done");
  });

  it("rejects with the expiry error when the grace period passes first, and at once with 0", async () => {
    const ac = new AbortController();
    const never = new Promise<never>(() => {});
    const settled = settleWithinGrace(never, ac.signal, 10, () => new Error("expired"));
    ac.abort();
    await expect(settled).rejects.toThrow("expired");
    const aborted = AbortSignal.abort();
    await expect(settleWithinGrace(never, aborted, 0, () => new Error("now"))).rejects.toThrow("now");
  });
});
