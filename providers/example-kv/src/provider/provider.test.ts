import { describe, expect, it } from "vitest";
import { sha256Hex } from "../store/index.js";
import { buildKvProvider } from "./index.js";

describe("the kv provider (sketch against the hub API)", () => {
  it("builds: every schema and name passes the hub's checks", () => {
    const provider = buildKvProvider();
    const listing = provider.components();
    expect(provider.name).toBe("kv");
    expect([...listing.resources.keys()].sort()).toEqual(["kv_bundle", "kv_entry", "kv_item"]);
    expect([...listing.dataSources.keys()].sort()).toEqual(["kv_entries", "kv_entry"]);
    expect([...listing.functions.keys()].sort()).toEqual(["add", "checksum", "join_keys", "parse_entry"]);
    expect([...listing.ephemeralResources.keys()]).toEqual(["kv_lease"]);
    expect([...listing.listResources.keys()]).toEqual(["kv_entry"]);
    expect([...listing.actions.keys()]).toEqual(["kv_touch"]);
    expect([...listing.stateStores.keys()]).toEqual(["kv"]);
  });

  it("functions compute their results, and parse_entry fails on argument 0", async () => {
    const provider = buildKvProvider();
    const call = (name: string, ...args: unknown[]) => provider.function(name)!.call(args);
    expect((await call("add", 2, 40)).value).toBe(42);
    expect((await call("checksum", "hello")).value).toBe(sha256Hex("hello"));
    expect((await call("join_keys", "/", "a", "b", "c")).value).toBe("a/b/c");
    expect((await call("parse_entry", "db=postgres://x=y")).value).toEqual({
      key: "db",
      value: "postgres://x=y",
    });
    const bad = await call("parse_entry", "no equals sign");
    expect(bad.error?.argument).toBe(0);
    expect(bad.error?.text).toMatch(/expected "key=value"/);
  });
});
