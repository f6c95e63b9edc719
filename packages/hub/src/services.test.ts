import { Effect } from "effect";
import { describe, expect, it } from "vitest";
import { ServiceContainer, ServiceError, serviceKey } from "./services.js";

const Config = serviceKey<{ url: string }>("test.config");
const Client = serviceKey<{ id: number; url: string }>("test.client");
const Request = serviceKey<{ n: number }>("test.request");

describe("ServiceContainer", () => {
  it("builds a singleton once, even under concurrent gets", async () => {
    let built = 0;
    const c = new ServiceContainer().register(Config, async () => {
      built++;
      await new Promise((r) => setTimeout(r, 5));
      return { url: "u" };
    });
    const [a, b] = await Promise.all([c.get(Config), c.get(Config)]);
    expect(a).toBe(b);
    expect(await c.get(Config)).toBe(a);
    expect(built).toBe(1);
  });

  it("builds a transient on every get", async () => {
    let n = 0;
    const c = new ServiceContainer().register(Request, () => ({ n: ++n }), { lifetime: "transient" });
    expect((await c.get(Request)).n).toBe(1);
    expect((await c.get(Request)).n).toBe(2);
  });

  it("resolves dependencies and disposes in reverse order of construction", async () => {
    const order: string[] = [];
    let ids = 0;
    const c = new ServiceContainer()
      .register(Config, () => ({ url: "https://x" }), { dispose: () => void order.push("config") })
      .register(Client, async (s) => ({ id: ++ids, url: (await s.get(Config)).url }), {
        dispose: (v) => void order.push(`client ${v.id}`),
      });
    expect(await c.get(Client)).toEqual({ id: 1, url: "https://x" });
    await c.dispose();
    expect(order).toEqual(["client 1", "config"]);
    await expect(c.get(Client)).rejects.toBeInstanceOf(ServiceError);
  });

  it("reports unknown keys, duplicates and cycles", async () => {
    const c = new ServiceContainer();
    await expect(c.get(Config)).rejects.toThrow('service "test.config" is not registered');
    c.register(Config, () => ({ url: "" }));
    expect(() => c.register(Config, () => ({ url: "" }))).toThrow(/already registered/);
    const A = serviceKey<number>("test.a");
    const B = serviceKey<number>("test.b");
    c.register(A, async (s) => (await s.get(B)) + 1).register(B, async (s) => (await s.get(A)) + 1);
    await expect(c.get(A)).rejects.toThrow('service "test.a" depends on itself: test.a -> test.b -> test.a');
  });

  it("passes a factory's error through and retries a failed singleton", async () => {
    let attempts = 0;
    const c = new ServiceContainer().register(Config, () => {
      attempts++;
      if (attempts === 1) throw new Error("not yet");
      return { url: "ok" };
    });
    await expect(c.get(Config)).rejects.toThrow("not yet");
    expect(await c.get(Config)).toEqual({ url: "ok" });
  });

  it("serves Effect programs with the same instances", async () => {
    const c = new ServiceContainer()
      .registerValue(Config, { url: "v" })
      .register(Client, async (s) => ({ id: 7, url: (await s.get(Config)).url }));
    const direct = await c.get(Client);
    const viaEffect = await c.run(
      Effect.gen(function* () {
        const client = yield* Client.tag;
        return client;
      }),
    );
    expect(viaEffect).toBe(direct);
    const provided = await Effect.runPromise(
      Effect.provide(
        Effect.map(Config.tag, (cfg) => cfg.url),
        c.layer(),
      ) as Effect.Effect<string>,
    );
    expect(provided).toBe("v");
  });
});
