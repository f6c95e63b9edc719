import { describe, expect, it } from "vitest";
import { objectIdentifier, smallInteger, time, tlv, unsignedInteger } from "./der.js";

const hex = (bytes: Uint8Array) => Buffer.from(bytes).toString("hex");

describe("DER writer", () => {
  it("encodes short and long lengths", () => {
    expect(hex(tlv(0x04, Buffer.alloc(3)))).toBe("0403000000");
    expect(hex(tlv(0x04, Buffer.alloc(200))).slice(0, 6)).toBe("0481c8");
    expect(hex(tlv(0x04, Buffer.alloc(300))).slice(0, 8)).toBe("0482012c");
  });

  it("encodes object identifiers", () => {
    expect(hex(objectIdentifier("1.2.840.10045.4.3.2"))).toBe("06082a8648ce3d040302");
    expect(hex(objectIdentifier("2.5.29.17"))).toBe("0603551d11");
  });

  it("keeps integers positive and minimal", () => {
    expect(hex(unsignedInteger(Uint8Array.from([0x80])))).toBe("02020080");
    expect(hex(unsignedInteger(Uint8Array.from([0, 0, 0x7f])))).toBe("02017f");
    expect(hex(smallInteger(0))).toBe("020100");
    expect(hex(smallInteger(2))).toBe("020102");
  });

  it("switches from UTCTime to GeneralizedTime in 2050", () => {
    expect(time(new Date("2049-12-31T23:59:59Z")).toString("latin1").slice(2)).toBe("491231235959Z");
    expect(time(new Date("2049-12-31T23:59:59Z"))[0]).toBe(0x17);
    expect(time(new Date("2050-01-01T00:00:00Z")).toString("latin1").slice(2)).toBe("20500101000000Z");
    expect(time(new Date("2050-01-01T00:00:00Z"))[0]).toBe(0x18);
  });
});
