import { describe, expect, it } from "vitest";
import * as pb from "../gen/tfplugin6.js";
import { frameMessage } from "../grpc/framing.js";
import { GrpcStatus } from "../grpc/status.js";
import { encodeFrame } from "./framed-writer.js";

describe("encodeFrame", () => {
  const cases: Array<[string, { encode: Function; fromPartial: Function }, unknown]> = [
    ["an empty message", pb.StopProvider_Response, {}],
    [
      "nested messages, repeated fields, unicode strings, int64, negative enums, big bytes",
      pb.ApplyResourceChange_Response,
      {
        newState: { msgpack: Buffer.alloc(300_000, 7) },
        private: Buffer.from("p"),
        diagnostics: [
          {
            severity: pb.Diagnostic_Severity.ERROR,
            summary: "é ✓ \u{1F600} lone \ud800",
            detail: "x".repeat(20_000),
            attribute: { steps: [{ selector: { $case: "elementKeyInt", value: -5 } }] },
          },
          { severity: pb.Diagnostic_Severity.WARNING, summary: "", detail: "d" },
        ],
        newIdentity: { identityData: { msgpack: Buffer.from([0x80]) } },
      },
    ],
    [
      "timestamps and maps",
      pb.OpenEphemeralResource_Response,
      { renewAt: new Date(1_700_000_000_123), result: { json: Buffer.from("{}") }, private: Buffer.alloc(0) },
    ],
    [
      "a schema",
      pb.GetProviderSchema_Response,
      {
        provider: { version: 3, block: { attributes: [{ name: "a", type: Buffer.from('"string"') }] } },
        resourceSchemas: { x_a: { version: 1, block: { blockTypes: [{ typeName: "b", minItems: 1 }] } } },
      },
    ],
  ];
  it.each(cases)("encodes %s exactly as the protobuf writer and the framing do", (_name, codec, partial) => {
    const message = codec.fromPartial(partial);
    const expected = frameMessage(codec.encode(message).finish());
    const frame = Buffer.concat(encodeFrame(codec.encode as never, message, 1 << 30));
    expect(frame.length).toBe(expected.length);
    expect(frame.equals(expected)).toBe(true);
  });

  it("passes large bytes fields through without copying them", () => {
    const big = Buffer.alloc(600_000, 9);
    const message = pb.ApplyResourceChange_Response.fromPartial({
      newState: { msgpack: big },
      private: Buffer.alloc(300_000, 1),
      diagnostics: [{ summary: "s" }],
    });
    const pieces = encodeFrame(pb.ApplyResourceChange_Response.encode as never, message, 1 << 30);
    expect(pieces.some((p) => p.buffer === big.buffer && p.byteOffset === big.byteOffset)).toBe(true);
    expect(
      Buffer.concat(pieces).equals(frameMessage(pb.ApplyResourceChange_Response.encode(message).finish())),
    ).toBe(true);
  });

  it("refuses a message over the limit before allocating it", () => {
    const message = pb.ReadResource_Response.fromPartial({ newState: { msgpack: Buffer.alloc(2000) } });
    expect(() => encodeFrame(pb.ReadResource_Response.encode as never, message, 1000)).toThrow(
      expect.objectContaining({ code: GrpcStatus.RESOURCE_EXHAUSTED }),
    );
  });
});
