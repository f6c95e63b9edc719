import { a, s } from "@pyvider/schema";
import { createLogger } from "@pyvider/telemetry";
import { describe, expect, it } from "vitest";
import { isComponentDefinition } from "./component.js";
import { defineDataSource } from "./components/data-source.js";
import { fromDecoratedClass, registerDataSource, registrationOf } from "./decorators.js";
import { discover } from "./discover.js";
import { SchemaRegistrationError } from "./errors.js";
import * as decorated from "./fixtures/kv-decorated.js";
import { CounterResource, Memory } from "./fixtures/kv-decorated.js";
import { discoverProvider } from "./runtime/provider-runtime.js";

const quiet = () => createLogger({ name: "mem", level: "off", stream: { write: () => true } });

describe("decorators", () => {
  it("record the kind, name and required capabilities on the class", () => {
    expect(registrationOf(CounterResource)).toEqual({
      kind: "resource",
      name: "mem_counter",
      requires: ["mem.items"],
    });
    expect(registrationOf(class {})).toBeUndefined();
  });

  it("build one definition per class, whose handlers are a class instance", () => {
    const def = fromDecoratedClass(CounterResource);
    expect(def).toBe(fromDecoratedClass(CounterResource));
    expect(isComponentDefinition(def)).toBe(true);
    expect(def).toMatchObject({ kind: "resource", name: "mem_counter", requires: ["mem.items"] });
    expect((def as { handlers: unknown }).handlers).toBeInstanceOf(CounterResource);
  });

  it("refuse a class without a schema when it is built", () => {
    @registerDataSource("mem_broken")
    class Broken {
      readonly schema = undefined as never;
      read() {
        return {};
      }
    }
    const noSchema = class {
      read() {
        return {};
      }
    };
    registerDataSource("mem_noschema")(noSchema as never, { kind: "class", name: "x" } as never);
    expect(() => fromDecoratedClass(noSchema)).toThrow(SchemaRegistrationError);
    expect(registrationOf(Broken)?.name).toBe("mem_broken");
  });

  it("refuse to decorate anything but a class", () => {
    const decorator = registerDataSource("mem_x") as unknown as (t: unknown, c: { kind: string }) => void;
    expect(() => decorator(() => {}, { kind: "method" })).toThrow(TypeError);
  });
});

describe("discover", () => {
  it("finds the provider and every decorated component among a module's exports", () => {
    const found = discover(decorated);
    expect(found.provider?.name).toBe("mem");
    expect(found.components.map((c) => `${c.kind}:${c.name}`).sort()).toEqual([
      "action:mem_reset",
      "dataSource:mem_total",
      "ephemeral:mem_lease",
      "function:shout",
      "list:mem_counter",
      "resource:mem_counter",
      "stateStore:mem_blobs",
    ]);
  });

  it("collects definitions from arrays and ignores other exports", () => {
    const ds = decorated.TotalDataSource;
    const found = discover({ list: [ds, ds], value: 3, text: "x", nothing: null });
    expect(found.components.map((c) => c.name)).toEqual(["mem_total"]);
    expect(found.provider).toBeUndefined();
  });

  it("refuses two different providers", () => {
    const other = { p: { ...fromDecoratedClass(decorated.MemProvider)!, name: "other" } };
    expect(() => discover(decorated, other)).toThrow(/several providers/);
  });

  it("refuses modules without a provider when building", () => {
    expect(() => discoverProvider([{ x: decorated.TotalDataSource }])).toThrow(/no provider found/);
  });
});

describe("decorated provider end to end", () => {
  it("serves every kind of component", async () => {
    const provider = discoverProvider([decorated], { logger: quiet() });
    expect((await provider.configure({ config: { seed: 1 } })).ok).toBe(true);
    const memory = provider.providerData as Memory;
    expect(memory).toBeInstanceOf(Memory);

    const created = await provider
      .resource("mem_counter")!
      .create({ config: { name: "c" }, plan: { name: "c" } });
    expect(created.value?.state).toEqual({ name: "c", hits: 10 });
    expect(created.value?.identity).toEqual({ name: "c" });
    const plan = await provider.resource("mem_counter")!.plan({
      config: { name: "d" },
      prior: { name: "c", hits: 10 },
      proposed: { name: "d", hits: 10 },
    });
    expect(plan.value?.requiresReplace.length).toBe(1);

    expect((await provider.dataSource("mem_total")!.read({ config: {} })).value).toEqual({ total: 11 });
    expect((await provider.function("shout")!.call(["hi"])).value).toBe("HI!");
    const lease = await provider.ephemeralResource("mem_lease")!.open({ config: { holder: "me" } });
    expect(lease.value?.result).toEqual({ holder: "me", lease: "L-me" });

    const listed: unknown[] = [];
    await provider.listResource("mem_counter")!.list({ config: {}, includeResource: false }, (r) => {
      listed.push(r.identity);
    });
    expect(listed).toEqual([{ name: "seed" }, { name: "c" }]);

    const progress: string[] = [];
    await provider.action("mem_reset")!.invoke({ config: { to: 0 } }, (m) => progress.push(m));
    expect(progress).toEqual(["reset seed", "reset c"]);
    expect([...memory.items.values()]).toEqual([0, 0]);

    async function* one() {
      yield new Uint8Array([1, 2, 3]);
    }
    await provider.stateStore("mem_blobs")!.writeState({ stateId: "w", data: one() });
    const chunks: Uint8Array[] = [];
    const read = await provider.stateStore("mem_blobs")!.readState({ stateId: "w" }, (c) => {
      chunks.push(c);
    });
    expect(read.value).toBe(3);
    expect([...chunks[0]!]).toEqual([1, 2, 3]);
  });

  it("mixes decorated classes and functional definitions in one provider", () => {
    const extra = defineDataSource({
      name: "mem_extra",
      schema: s.dataSource({ x: a.str({ computed: true }) }),
      read: () => ({ x: "y" }),
    });
    const provider = discoverProvider([decorated, { extra }], { logger: quiet() });
    expect([...provider.components().dataSources.keys()].sort()).toEqual(["mem_extra", "mem_total"]);
  });

  it("reports a copied definition with a taken name as a duplicate", () => {
    const copy = { ds: { ...fromDecoratedClass(decorated.TotalDataSource)! } };
    expect(() => discoverProvider([decorated, copy], { logger: quiet() })).toThrow(
      /duplicate data source "mem_total"/,
    );
  });
});
