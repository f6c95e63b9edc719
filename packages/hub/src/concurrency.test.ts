import { describe, expect, it } from "vitest";
import { raceAbort, StopController } from "./abort.js";
import { instanceKey, KeyedLock, stableJson } from "./concurrency.js";

const tick = (ms = 5) => new Promise((r) => setTimeout(r, ms));

describe("KeyedLock", () => {
  it("runs tasks of one key in order, one at a time", async () => {
    const lock = new KeyedLock();
    const log: string[] = [];
    const task = (name: string) => async () => {
      log.push(`${name} start`);
      await tick();
      log.push(`${name} end`);
      return name;
    };
    const results = await Promise.all([
      lock.run("k", task("a")),
      lock.run("k", task("b")),
      lock.run("k", task("c")),
    ]);
    expect(results).toEqual(["a", "b", "c"]);
    expect(log).toEqual(["a start", "a end", "b start", "b end", "c start", "c end"]);
  });

  it("runs tasks of different keys concurrently", async () => {
    const lock = new KeyedLock();
    const log: string[] = [];
    const task = (name: string) => async () => {
      log.push(`${name} start`);
      await tick();
      log.push(`${name} end`);
    };
    await Promise.all([lock.run("x", task("x")), lock.run("y", task("y"))]);
    expect(log.slice(0, 2).sort()).toEqual(["x start", "y start"]);
  });

  it("keeps going after a failing task and forgets idle keys", async () => {
    const lock = new KeyedLock();
    await expect(lock.run("k", async () => Promise.reject(new Error("bad")))).rejects.toThrow("bad");
    expect(await lock.run("k", async () => 1)).toBe(1);
    await tick(0);
    expect(lock.activeKeys).toBe(0);
  });

  it("gives up waiting when the signal aborts, without running the task", async () => {
    const lock = new KeyedLock();
    let release!: () => void;
    const first = lock.run("k", () => new Promise<void>((r) => (release = r)));
    const ac = new AbortController();
    let ran = false;
    const second = lock.run(
      "k",
      async () => {
        ran = true;
      },
      ac.signal,
    );
    ac.abort(new Error("stop"));
    await expect(second).rejects.toThrow("stop");
    release();
    await first;
    expect(ran).toBe(false);
    expect(await lock.run("k", async () => "next")).toBe("next");
  });
});

describe("instanceKey", () => {
  it("prefers the explicit key, then the identity, then the id attribute", () => {
    expect(instanceKey("kv_e", { key: "K", identity: { a: 1 }, values: [{ id: "i" }] })).toBe(
      "kv_e\u0000key:K",
    );
    expect(instanceKey("kv_e", { identity: { b: 2, a: 1 } })).toBe('kv_e\u0000identity:{"a":1,"b":2}');
    expect(instanceKey("kv_e", { values: [null, { id: "i" }] })).toBe("kv_e\u0000id:i");
    expect(instanceKey("kv_e", { values: [{ name: "x" }] })).toBeUndefined();
    expect(stableJson({ z: [1, { y: 2, x: 1 }] })).toBe('{"z":[1,{"x":1,"y":2}]}');
  });
});

describe("StopController and raceAbort", () => {
  it("aborts in-flight signals and gives fresh ones afterwards", () => {
    const stop = new StopController();
    const before = stop.signalFor();
    stop.stop("bye");
    expect(before.aborted).toBe(true);
    expect((before.reason as Error).message).toBe("bye");
    expect(stop.signalFor().aborted).toBe(false);
    expect(stop.stopCount).toBe(1);
  });

  it("combines the stop signal with a request signal", () => {
    const stop = new StopController();
    const request = new AbortController();
    const combined = stop.signalFor(request.signal);
    request.abort();
    expect(combined.aborted).toBe(true);
  });

  it("settles as soon as the signal fires, even if the promise never does", async () => {
    const ac = new AbortController();
    const raced = raceAbort(new Promise(() => {}), ac.signal);
    ac.abort();
    await expect(raced).rejects.toMatchObject({ name: "AbortError" });
    await expect(raceAbort(Promise.resolve(5), new AbortController().signal)).resolves.toBe(5);
  });
});
