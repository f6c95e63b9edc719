/**
 * Protocol-level tests of the state store RPCs against the fixture provider executable:
 * ConfigureStateStore, GetStates, DeleteState, LockState, UnlockState, ReadStateBytes and
 * WriteStateBytes, including streams that must never replace good state.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type Fixture, startFixture } from "./fixture/start.js";

let f: Fixture;
const STORE = "fixture_store";
const bytesOf = (text: string) => new TextEncoder().encode(text);
const textOf = (bytes: Uint8Array) => new TextDecoder().decode(bytes);

beforeAll(async () => {
  f = await startFixture();
  expect(await f.client.configureProvider({})).toEqual([]);
});
afterAll(async () => {
  await f?.process.dispose();
});

describe("ConfigureStateStore", () => {
  it("agrees on Terraform's chunk size", async () => {
    expect(await f.client.configureStateStore(STORE, { prefix: "p" }, 7)).toEqual({
      chunkSize: 7,
      diagnostics: [],
    });
  });
});

describe("WriteStateBytes and ReadStateBytes", () => {
  const state =
    '{"version":4,"terraform_version":"1.12.0","serial":1,"lineage":"abc","outputs":{},"resources":[]}';

  it("writes a chunked stream and reads it back in chunks of the agreed size with inclusive ranges", async () => {
    expect(await f.client.writeStateBytes(STORE, "default", bytesOf(state), 7)).toEqual([]);
    const read = await f.client.readStateBytes(STORE, "default");
    expect(read.diagnostics).toEqual([]);
    expect(textOf(read.bytes)).toBe(state);
    expect(read.totalLength).toBe(state.length);
    expect(read.chunks.slice(0, 2)).toEqual([
      { start: 0, end: 6, length: 7 },
      { start: 7, end: 13, length: 7 },
    ]);
    expect(read.chunks.every((c, i) => c.length === 7 || i === read.chunks.length - 1)).toBe(true);
    expect(read.chunks.at(-1)?.end).toBe(state.length - 1);
  });

  it("reads a missing state as empty", async () => {
    const read = await f.client.readStateBytes(STORE, "never-written");
    expect(read).toMatchObject({ totalLength: 0, chunks: [], diagnostics: [] });
  });

  it("keeps the old state when the stream is truncated", async () => {
    const truncated = [
      {
        meta: { typeName: STORE, stateId: "default" },
        bytes: bytesOf('{"ver'),
        totalLength: 40,
        range: { start: 0, end: 4 },
      },
      { bytes: bytesOf('sion":5'), totalLength: 40, range: { start: 5, end: 11 } },
    ];
    const r = await f.process.writeStateBytes(truncated);
    expect(r.diagnostics.map((d) => d.summary)).toEqual(["Incomplete state write"]);
    expect(r.diagnostics[0]?.detail).toContain("Received 12 of the announced 40 bytes");
    expect(textOf((await f.client.readStateBytes(STORE, "default")).bytes)).toBe(state);
  });

  it("keeps the old state when chunks arrive out of order or the client cancels mid-stream", async () => {
    const gap = [
      {
        meta: { typeName: STORE, stateId: "default" },
        bytes: bytesOf("abc"),
        totalLength: 6,
        range: { start: 0, end: 2 },
      },
      { bytes: bytesOf("def"), totalLength: 6, range: { start: 4, end: 6 } },
    ];
    expect((await f.process.writeStateBytes(gap)).diagnostics[0]?.summary).toBe("Invalid state write");

    const controller = new AbortController();
    async function* slow() {
      yield {
        meta: { typeName: STORE, stateId: "default" },
        bytes: bytesOf("xyz"),
        totalLength: 6,
        range: { start: 0, end: 2 },
      };
      controller.abort();
      await new Promise((r) => setTimeout(r, 200));
      yield { bytes: bytesOf("uvw"), totalLength: 6, range: { start: 3, end: 5 } };
    }
    await expect(f.process.writeStateBytes(slow(), { signal: controller.signal })).rejects.toThrow();
    await new Promise((r) => setTimeout(r, 300));
    expect(textOf((await f.client.readStateBytes(STORE, "default")).bytes)).toBe(state);
  });
});

describe("GetStates, LockState, UnlockState, DeleteState", () => {
  it("lists, locks, refuses a second lock, unlocks and deletes", async () => {
    expect(await f.client.writeStateBytes(STORE, "staging", bytesOf("{}"), 7)).toEqual([]);
    expect((await f.client.getStates(STORE)).states).toEqual(["default", "staging"]);
    const lock = await f.client.lockState(STORE, "staging", "OperationTypeApply");
    expect(lock).toEqual({ lockId: "lock-staging-OperationTypeApply", diagnostics: [] });
    const second = await f.client.lockState(STORE, "staging", "OperationTypePlan");
    expect(second.lockId).toBe("");
    expect(second.diagnostics[0]?.summary).toContain("already locked");
    expect((await f.client.unlockState(STORE, "staging", "wrong"))[0]?.severity).toBe("error");
    expect(await f.client.unlockState(STORE, "staging", lock.lockId)).toEqual([]);
    expect(await f.client.deleteState(STORE, "staging")).toEqual([]);
    expect((await f.client.getStates(STORE)).states).toEqual(["default"]);
  });

  it("reports an unknown store type", async () => {
    expect((await f.client.raw.getStates({ typeName: "nope" })).diagnostics[0]?.summary).toBe(
      "Unknown state store type",
    );
  });
});
