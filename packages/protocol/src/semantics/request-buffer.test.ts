/**
 * A large request's buffer is let go once its values are decoded: a buffer the gRPC server
 * allocated is freed at once, and nothing the request semantics still answer with (the prior
 * state, private state, identity) is lost; a request built in process keeps its own bytes.
 */
import {
  asString,
  CtyObject,
  CtyString,
  decodeMsgpack,
  encodeMsgpack,
  getAttr,
  nullVal,
  objectVal,
  stringVal,
  unknownVal,
} from "@pyvider/cty";
import { buildProvider, defineProvider, forProvider } from "@pyvider/hub";
import { a, s } from "@pyvider/schema";
import { describe, expect, it } from "vitest";
import {
  ApplyResourceChange_Request,
  type DynamicValue,
  PlanResourceChange_Request,
  ReadResource_Request,
} from "../gen/tfplugin6.js";
import { frameMessage, MessageReader } from "../grpc/framing.js";
import type { CallContext } from "../server/handlers.js";
import { freeRequestBuffer, isOwnedRequestBuffer } from "../wire/request-buffer.js";
import { releaseRequestBuffer } from "./dynamic.js";
import { createProviderHandlers } from "./handlers.js";

const MiB = 2 ** 20;
const type = CtyObject({ content: CtyString, id: CtyString });
const seen: string[] = [];

const provider = defineProvider({ name: "buf", schema: s.provider({}) });
const item = forProvider(provider).defineResource({
  name: "buf_item",
  schema: s.resource({ content: a.str({ required: true }), id: a.str({ computed: true }) }),
  create: (ctx) => {
    seen.push(ctx.config.content);
    return { content: ctx.config.content, id: `id-${ctx.config.content.length}` };
  },
  read: (ctx) => {
    if (ctx.state.content.startsWith("r")) throw new Error("the API is down");
    return ctx.state;
  },
  update: (ctx) => {
    seen.push(ctx.config.content);
    throw new Error("the API refused the update");
  },
  delete: () => {},
});
const { handlers } = createProviderHandlers(buildProvider(provider, [item]));

const context: CallContext = {
  method: "/tfplugin6.Provider/ApplyResourceChange",
  metadata: {},
  signal: new AbortController().signal,
  stopSignal: new AbortController().signal,
  peer: "test",
};

/** A `buf_item` value as Terraform sends it (null content: a null object; null id: unknown). */
const dv = (content: string | null, id: string | null): DynamicValue => ({
  msgpack: encodeMsgpack(
    content === null
      ? nullVal(type)
      : objectVal({ content: stringVal(content), id: id === null ? unknownVal(CtyString) : stringVal(id) }),
    type,
  ),
  json: new Uint8Array(0),
});

/** The request as the gRPC server has it: read in pieces into one buffer of its own. */
function received(bytes: Uint8Array): Buffer {
  const frame = frameMessage(bytes);
  const reader = new MessageReader(256 * MiB);
  const out: Buffer[] = [];
  for (let at = 0; at < frame.length; at += 16_384) out.push(...reader.push(frame.subarray(at, at + 16_384)));
  expect(out).toHaveLength(1);
  return out[0]!;
}

const big = (c: string) => `${c.repeat(2 * MiB)}é`;
const privateBytes = new TextEncoder().encode('{"note":"kept"}');

describe("a large request's buffer", () => {
  it("is owned by the server only when it was allocated for one message", () => {
    const body = received(new Uint8Array(2 * MiB).fill(7));
    expect(isOwnedRequestBuffer(body.buffer)).toBe(true);
    const small = received(new Uint8Array(1000).fill(7));
    expect(isOwnedRequestBuffer(small.buffer)).toBe(false);
    // its own memory, but below the size where freeing it early pays
    const medium = received(new Uint8Array(64 * 1024).fill(7));
    expect(medium.buffer.byteLength).toBe(64 * 1024);
    expect(isOwnedRequestBuffer(medium.buffer)).toBe(false);
    const mine = new Uint8Array(2 * MiB);
    expect(freeRequestBuffer(mine.buffer)).toBe(false);
    expect(mine.byteLength).toBe(2 * MiB);
    expect(freeRequestBuffer(body.buffer)).toBe(true);
    expect(body.byteLength).toBe(0);
    expect(freeRequestBuffer(body.buffer)).toBe(false);
  });

  it("is freed by an apply once decoded, and the create sees and returns the whole value", async () => {
    const value = big("a");
    const body = received(
      ApplyResourceChange_Request.encode({
        typeName: "buf_item",
        priorState: dv(null, null),
        plannedState: dv(value, null),
        config: dv(value, null),
        plannedPrivate: privateBytes,
        providerMeta: undefined,
        plannedIdentity: undefined,
      }).finish(),
    );
    seen.length = 0;
    const response = await handlers.applyResourceChange!(ApplyResourceChange_Request.decode(body), context);
    expect(body.byteLength).toBe(0);
    expect(response.diagnostics).toEqual([]);
    expect(seen).toEqual([value]);
    const state = decodeMsgpack(response.newState!.msgpack!, type);
    expect(asString(getAttr(state, "content"))).toBe(value);
    expect(asString(getAttr(state, "id"))).toBe(`id-${value.length}`);
  });

  it("still answers a failed update with the prior state and private state Terraform sent", async () => {
    const prior = dv(big("p"), "id-old");
    const body = received(
      ApplyResourceChange_Request.encode({
        typeName: "buf_item",
        priorState: prior,
        plannedState: dv(big("n"), "id-old"),
        config: dv(big("n"), null),
        plannedPrivate: privateBytes,
        providerMeta: undefined,
        plannedIdentity: undefined,
      }).finish(),
    );
    seen.length = 0;
    const response = await handlers.applyResourceChange!(ApplyResourceChange_Request.decode(body), context);
    expect(body.byteLength).toBe(0);
    expect(seen).toEqual([big("n")]);
    expect(response.diagnostics!.map((d) => d.summary).join()).toContain("the API refused the update");
    expect(Buffer.from(response.newState!.msgpack!).equals(Buffer.from(prior.msgpack))).toBe(true);
    expect(Buffer.from(response.private!)).toEqual(Buffer.from(privateBytes));
  });

  it("is freed by a plan once decoded, and the plan is complete", async () => {
    const value = big("q");
    const body = received(
      PlanResourceChange_Request.encode(
        PlanResourceChange_Request.fromPartial({
          typeName: "buf_item",
          priorState: dv(null, null),
          proposedNewState: dv(value, null),
          config: dv(value, null),
          priorPrivate: privateBytes,
        }),
      ).finish(),
    );
    const response = await handlers.planResourceChange!(PlanResourceChange_Request.decode(body), context);
    expect(body.byteLength).toBe(0);
    expect(response.diagnostics).toEqual([]);
    const planned = decodeMsgpack(response.plannedState!.msgpack!, type);
    expect(asString(getAttr(planned, "content"))).toBe(value);
    expect(getAttr(planned, "id").isKnown).toBe(false);
  });

  it("is freed by a read once decoded; a failed read still answers with the state Terraform sent", async () => {
    for (const [content, fails] of [
      [big("k"), false],
      [big("r"), true],
    ] as const) {
      const current = dv(content, "id-1");
      const body = received(
        ReadResource_Request.encode(
          ReadResource_Request.fromPartial({
            typeName: "buf_item",
            currentState: current,
            private: privateBytes,
          }),
        ).finish(),
      );
      const response = await handlers.readResource!(ReadResource_Request.decode(body), context);
      expect(body.byteLength).toBe(0);
      expect(response.diagnostics!.length > 0).toBe(fails);
      if (fails) expect(JSON.stringify(response.diagnostics)).toContain("the API is down");
      expect(Buffer.from(response.newState!.msgpack!).equals(Buffer.from(current.msgpack))).toBe(true);
      expect(Buffer.from(response.private!)).toEqual(Buffer.from(privateBytes));
    }
  });

  it("is left alone when the request was built in process: the caller's bytes stay", async () => {
    const value = big("b");
    const planned = dv(value, null);
    const shared = new Uint8Array(4 * MiB);
    shared.set(privateBytes, 100);
    const request: ApplyResourceChange_Request = {
      typeName: "buf_item",
      priorState: dv(null, null),
      plannedState: planned,
      config: dv(value, null),
      plannedPrivate: shared.subarray(100, 100 + privateBytes.length),
      providerMeta: undefined,
      plannedIdentity: undefined,
    };
    const before = Buffer.from(planned.msgpack);
    const response = await handlers.applyResourceChange!(request, context);
    expect(response.diagnostics).toEqual([]);
    expect(Buffer.from(planned.msgpack).equals(before)).toBe(true);
    expect(shared.byteLength).toBe(4 * MiB);
    expect(Buffer.from(response.private!)).not.toHaveLength(0);
  });

  it("copies the small views it keeps and drops the decoded values", () => {
    const body = received(new Uint8Array(2 * MiB).fill(1));
    const request = {
      config: { msgpack: body.subarray(0, MiB), json: new Uint8Array(0) } as DynamicValue | undefined,
      plannedPrivate: body.subarray(MiB, MiB + 10),
      nested: { identityData: { msgpack: body.subarray(MiB + 10, MiB + 20), json: new Uint8Array(0) } },
    };
    releaseRequestBuffer(request, ["config"]);
    expect(request.config).toBeUndefined();
    expect(body.byteLength).toBe(0);
    expect([...request.plannedPrivate]).toEqual(new Array(10).fill(1));
    expect([...request.nested.identityData.msgpack]).toEqual(new Array(10).fill(1));
  });
});
