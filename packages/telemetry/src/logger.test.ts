import { describe, expect, it } from "vitest";
import { createLogger, type LoggerOptions } from "./logger.js";
import { sensitive } from "./redact.js";

const GO_LAYOUT = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{6}(Z|[+-]\d{2}:\d{2})$/;

/** A sink collecting lines. */
function sink(isTTY = false) {
  const chunks: string[] = [];
  return {
    isTTY,
    chunks,
    write(chunk: string) {
      chunks.push(chunk);
      return true;
    },
    lines(): Record<string, unknown>[] {
      return chunks.map((c) => {
        expect(c.endsWith("\n")).toBe(true);
        expect(c.slice(0, -1)).not.toContain("\n");
        return JSON.parse(c) as Record<string, unknown>;
      });
    },
  };
}

function make(options: Partial<LoggerOptions> = {}) {
  const out = sink();
  const log = createLogger({ name: "kv", env: {}, stream: out, ...options });
  return { log, out };
}

describe("JSON lines", () => {
  it("writes one hclog object per line with @level, @message, @module, @timestamp and fields", () => {
    const { log, out } = make({ emoji: false });
    log.info("hello", { count: 3, ok: true, tags: ["a"], nested: { x: null } });
    const [line] = out.lines();
    expect(line).toEqual({
      "@level": "info",
      "@message": "hello",
      "@module": "provider.kv",
      "@timestamp": expect.stringMatching(GO_LAYOUT),
      count: 3,
      ok: true,
      tags: ["a"],
      nested: { x: null },
    });
    expect(Object.keys(line ?? {}).slice(0, 4)).toEqual(["@level", "@message", "@module", "@timestamp"]);
    expect(Math.abs(Date.parse(String(line?.["@timestamp"])) - Date.now())).toBeLessThan(60_000);
  });

  it("uses the injected clock and zone", () => {
    const at = Date.UTC(2006, 0, 2, 15, 4, 5, 0) * 1000 + 1;
    const { log, out } = make({ clock: () => at, utcOffsetMinutes: 60 });
    log.warn("x");
    expect(out.lines()[0]?.["@timestamp"]).toBe("2006-01-02T16:04:05.000001+01:00");
  });

  it("writes each level name as hclog does", () => {
    const { log, out } = make({ level: "trace" });
    log.trace("t");
    log.debug("d");
    log.info("i");
    log.warn("w");
    log.error("e");
    expect(out.lines().map((l) => l["@level"])).toEqual(["trace", "debug", "info", "warn", "error"]);
  });

  it("filters below the threshold and writes nothing when off", () => {
    const { log, out } = make({ level: "warn" });
    log.info("no");
    log.warn("yes");
    expect(out.lines().map((l) => l["@message"])).toEqual(["yes"]);
    expect(log.isEnabled("info")).toBe(false);
    expect(log.isEnabled("error")).toBe(true);
    const off = make({ level: "off" });
    off.log.error("never");
    expect(off.out.chunks).toEqual([]);
  });

  it("resolves the level from the environment", () => {
    const { log } = make({ env: { TF_LOG: "info", TF_LOG_PROVIDER_KV: "debug" } });
    expect(log.level).toBe("debug");
    expect(make({ env: { TF_LOG_PROVIDER_KV: "debug" }, level: "error" }).log.level).toBe("error");
  });

  it("formats nothing for a disabled level", () => {
    const { log, out } = make({ level: "info" });
    let called = 0;
    const fields = {
      get expensive() {
        called++;
        return 1;
      },
    };
    log.debug(() => {
      called++;
      return "lazy";
    }, fields);
    expect(called).toBe(0);
    log.info(() => "lazy ok");
    expect(out.lines()[0]?.["@message"]).toBe("lazy ok");
  });

  it("renames fields that collide with hclog keys", () => {
    const { log, out } = make();
    log.info("m", { "@message": "spoof", "@level": "error" });
    const [line] = out.lines();
    expect(line?.["@message"]).toBe("m");
    expect(line?.["@level"]).toBe("info");
    expect(line?.["_@message"]).toBe("spoof");
  });

  it("names child modules and merges bound fields", () => {
    const { log, out } = make({ module: "server", fields: { a: 1 } });
    const child = log.child("client", { b: 2 }).child({ c: 3 });
    child.info("m", { b: 20 });
    expect(out.lines()[0]).toMatchObject({ "@module": "provider.kv.server.client", a: 1, b: 20, c: 3 });
    expect(child.module).toBe("provider.kv.server.client");
  });

  it("takes a root module in place of provider.<name>, keeping the name's level variable", () => {
    const { log, out } = make({ rootModule: "pyvider.protocol", env: { TF_LOG_PROVIDER_KV: "warn" } });
    log.info("hidden");
    log.child("server").warn("shown");
    expect(out.lines()).toEqual([
      expect.objectContaining({ "@module": "pyvider.protocol.server", "@message": "shown" }),
    ]);
  });
});

describe("emoji", () => {
  it("prefixes domain, action and status emojis by default", () => {
    const { log, out } = make();
    log.info("Converting function add to protobuf", {
      domain: "function",
      action: "convert",
      status: "progress",
    });
    log.error("Error reading file info", { domain: "data_source", action: "read", status: "failure" });
    log.info("plain");
    const [a, b, c] = out.lines();
    expect(a?.["@message"]).toBe("🧮🔀🔄 Converting function add to protobuf");
    expect(a).toMatchObject({ domain: "function", action: "convert", status: "progress" });
    expect(b?.["@message"]).toBe("📡📖❌ Error reading file info");
    expect(c?.["@message"]).toBe("plain");
  });
  it("shows ❓ for unknown values and takes bound fields into account", () => {
    const { log, out } = make();
    log.child({ domain: "resource" }).info("m", { action: "teleport" });
    expect(out.lines()[0]?.["@message"]).toBe("📦❓ m");
  });
  it("can be switched off by option or PYVIDER_LOG_EMOJI", () => {
    const fields = { domain: "resource", action: "create", status: "success" };
    const byOption = make({ emoji: false });
    byOption.log.info("m", fields);
    expect(byOption.out.lines()[0]?.["@message"]).toBe("m");
    const byEnv = make({ env: { PYVIDER_LOG_EMOJI: "false" } });
    byEnv.log.info("m", fields);
    expect(byEnv.out.lines()[0]?.["@message"]).toBe("m");
    const forced = make({ env: { PYVIDER_LOG_EMOJI: "false" }, emoji: true });
    forced.log.info("m", fields);
    expect(forced.out.lines()[0]?.["@message"]).toBe("📦✨✅ m");
  });
  it("accepts extra table entries", () => {
    const { log, out } = make({ emojiTables: { domain: { kv: "🔑" } } });
    log.info("m", { domain: "kv" });
    expect(out.lines()[0]?.["@message"]).toBe("🔑 m");
  });
});

describe("pretty format", () => {
  it("is chosen on a terminal, and PYVIDER_LOG_FORMAT overrides", () => {
    expect(createLogger({ name: "kv", env: {}, stream: sink(true) }).format).toBe("pretty");
    expect(createLogger({ name: "kv", env: {}, stream: sink(false) }).format).toBe("json");
    expect(createLogger({ name: "kv", env: { PYVIDER_LOG_FORMAT: "json" }, stream: sink(true) }).format).toBe(
      "json",
    );
    expect(
      createLogger({ name: "kv", env: { PYVIDER_LOG_FORMAT: "PRETTY" }, stream: sink(false) }).format,
    ).toBe("pretty");
  });
  it("writes hclog's text layout without colour when asked", () => {
    const out = sink(false);
    const log = createLogger({
      name: "kv",
      env: {},
      stream: out,
      format: "pretty",
      clock: () => 1_000_000,
      utcOffsetMinutes: 0,
    });
    log.warn("careful", { domain: "resource", path: "a b", n: 1 });
    expect(out.chunks[0]).toBe(
      '1970-01-01T00:00:01.000000Z [WARN]  provider.kv: 📦 careful: domain=resource path="a b" n=1\n',
    );
  });
  it("colours on a terminal unless NO_COLOR", () => {
    const tty = sink(true);
    createLogger({ name: "kv", env: {}, stream: tty }).error("boom");
    expect(tty.chunks[0]).toContain("\x1b[31m[ERROR]");
    const plain = sink(true);
    createLogger({ name: "kv", env: { NO_COLOR: "1" }, stream: plain }).error("boom");
    expect(plain.chunks[0]).not.toContain("\x1b[");
  });
  it("writes multi-line values as an indented block", () => {
    const out = sink(false);
    const log = createLogger({ name: "kv", env: {}, stream: out, format: "pretty", level: "debug" });
    log.debug("failed", { err: new Error("bad") });
    const text = out.chunks[0] ?? "";
    expect(text).toContain("\n  err=\n  | Error: bad\n  |     at ");
  });
});

describe("redaction", () => {
  it("renders sensitive values as <sensitive> however deeply nested", () => {
    const { log, out } = make();
    const secret = "hunter2";
    log.info(`token ${sensitive(secret)}`, {
      top: sensitive(secret),
      nested: { list: [1, { deeper: sensitive({ password: secret }) }] },
      map: new Map([["k", sensitive(secret)]]),
      set: new Set([sensitive(secret)]),
    });
    const text = out.chunks.join("");
    expect(text).not.toContain(secret);
    expect(out.lines()[0]).toMatchObject({
      "@message": "token <sensitive>",
      top: "<sensitive>",
      nested: { list: [1, { deeper: "<sensitive>" }] },
      map: { k: "<sensitive>" },
      set: ["<sensitive>"],
    });
  });

  it("masks registered secrets in messages, string fields, keys and errors", () => {
    const { log, out } = make({ level: "trace" });
    const scoped = log.withSecrets(["s3cr3t"]);
    const error = new Error("auth failed for s3cr3t", { cause: new Error("inner s3cr3t") });
    scoped.debug("using s3cr3t now", {
      header: "Bearer s3cr3t",
      nested: { deep: ["xs3cr3tx", { s3cr3t: "as key" }] },
      error,
    });
    const text = out.chunks.join("");
    expect(text).not.toContain("s3cr3t");
    const [line] = out.lines();
    expect(line).toMatchObject({
      "@message": "using *** now",
      header: "Bearer ***",
      nested: { deep: ["x***x", { "***": "as key" }] },
    });
    expect(line?.error).toMatch(/^Error: auth failed for \*\*\*\n\s+at /);
    expect(line?.error).toContain("Caused by: Error: inner ***");
  });

  it("keeps secrets scoped to the logger that registered them, and inherits them in children", () => {
    const { log, out } = make();
    const scoped = log.withSecrets(["pw1"]);
    scoped.child("sub").info("pw1");
    log.info("pw1");
    expect(out.lines().map((l) => l["@message"])).toEqual(["***", "pw1"]);
  });

  it("masks the longest secret first", () => {
    const { log, out } = make({ secrets: ["abc", "abcdef"] });
    log.info("abcdef abc");
    expect(out.lines()[0]?.["@message"]).toBe("*** ***");
  });

  it("masks values under masked keys", () => {
    const { log, out } = make({ maskKeys: ["Password"] });
    log.info("m", { password: { any: "thing" }, nested: { PASSWORD: "x" }, other: "y" });
    expect(out.lines()[0]).toMatchObject({ password: "***", nested: { PASSWORD: "***" }, other: "y" });
  });
});

describe("errors in fields", () => {
  it("renders the message at info and the stack at debug", () => {
    const { log, out } = make({ level: "trace" });
    const error = new TypeError("bad input");
    log.info("m", { error });
    log.debug("m", { error });
    const [info, debug] = out.lines();
    expect(info?.error).toBe("TypeError: bad input");
    expect(debug?.error).toMatch(/^TypeError: bad input\n\s+at /);
  });
});

describe("never throws", () => {
  it("survives cycles, throwing getters, toJSON, proxies, bigints and odd levels", () => {
    const { log, out } = make({ level: "trace" });
    const cyclic: Record<string, unknown> = { name: "c" };
    cyclic.self = cyclic;
    const throwingGetter = {
      get boom(): never {
        throw new Error("getter exploded");
      },
      fine: 1,
    };
    const badJson = {
      toJSON(): never {
        throw new Error("no json");
      },
    };
    const hostile = new Proxy(
      {},
      {
        ownKeys() {
          throw new Error("no keys");
        },
      },
    );
    expect(() =>
      log.info("survive", {
        cyclic,
        throwingGetter,
        badJson,
        hostile,
        big: 12345678901234567890n,
        nan: Number.NaN,
        fn: function named() {},
        sym: Symbol("s"),
        undef: undefined,
        date: new Date(0),
        bytes: new Uint8Array([1, 2, 3]),
      }),
    ).not.toThrow();
    const [line] = out.lines();
    expect(line).toMatchObject({
      "@message": "survive",
      cyclic: { name: "c", self: "[Circular]" },
      throwingGetter: { boom: "[Throws: getter exploded]", fine: 1 },
      badJson: "[Throws: no json]",
      hostile: "[Throws: no keys]",
      big: "12345678901234567890",
      nan: "NaN",
      fn: "[Function named]",
      sym: "Symbol(s)",
      undef: null,
      date: "1970-01-01T00:00:00.000Z",
      bytes: "AQID",
    });
  });

  it("survives a throwing getter on the fields object itself and a throwing message", () => {
    const { log, out } = make();
    const fields = Object.defineProperty({}, "x", {
      enumerable: true,
      get() {
        throw new Error("nope");
      },
    });
    expect(() => log.info("m", fields)).not.toThrow();
    expect(() =>
      log.info(() => {
        throw new Error("message failed");
      }),
    ).not.toThrow();
    const lines = out.lines();
    expect(lines[0]).toMatchObject({ "@message": "m", x: "[Throws: nope]" });
    expect(lines[1]).toMatchObject({
      "@level": "info",
      "@message": "log message could not be rendered: message failed",
    });
  });

  it("survives a failing stream and untyped input", () => {
    const log = createLogger({
      name: "kv",
      env: {},
      stream: {
        write() {
          throw new Error("EPIPE");
        },
      },
    });
    expect(() => log.error("m")).not.toThrow();
    const { log: ok, out } = make();
    expect(() => (ok.log as (l: unknown, m: unknown, f: unknown) => void)("loud", 42, null)).not.toThrow();
    expect(out.lines()[0]).toMatchObject({ "@level": "info", "@message": "42" });
  });

  it("tolerates bad arguments to createLogger, withSecrets and child", () => {
    const bare = (createLogger as (o?: unknown) => ReturnType<typeof createLogger>)(undefined);
    expect(bare.module).toBe("provider");
    const { log, out } = make();
    const odd = log
      .withSecrets(null as never)
      .withSecrets("single" as never)
      .withMaskedKeys(42 as never)
      .child(null as never);
    odd.info("single secret");
    expect(out.lines()[0]?.["@message"]).toBe("*** secret");
  });

  it("cuts very deep and very long structures", () => {
    const { log, out } = make();
    let deep: Record<string, unknown> = { end: true };
    for (let i = 0; i < 50; i++) deep = { d: deep };
    log.info("m", { deep, long: Array.from({ length: 1500 }, (_, i) => i) });
    const [line] = out.lines();
    expect(JSON.stringify(line?.deep)).toContain("[Depth]");
    const long = line?.long as unknown[];
    expect(long).toHaveLength(1001);
    expect(long[1000]).toBe("… 500 more items");
  });
});
