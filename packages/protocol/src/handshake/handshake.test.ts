import { describe, expect, it } from "vitest";
import { decodeRawBase64, encodeRawBase64, formatHandshakeLine, parseHandshakeLine } from "./line.js";
import { negotiateProtocolVersion } from "./negotiate.js";
import { formatReattachLine, parseReattachLine, reattachConfig } from "./reattach.js";

describe("handshake line", () => {
  it("formats go-plugin's line with unpadded base64", () => {
    const der = Buffer.from([1, 2, 3, 4]); // base64 "AQIDBA==" padded
    const line = formatHandshakeLine({
      protocolVersion: 6,
      network: "unix",
      address: "/tmp/x/plugin.sock",
      certificateDer: der,
    });
    expect(line).toBe("1|6|unix|/tmp/x/plugin.sock|grpc|AQIDBA");
    const parsed = parseHandshakeLine(`${line}\n`);
    expect(parsed).toMatchObject({ coreVersion: 1, protocolVersion: 6, network: "unix", protocol: "grpc" });
    expect(parsed.certificateDer?.equals(der)).toBe(true);
  });

  it("leaves the certificate field empty for plaintext", () => {
    const line = formatHandshakeLine({
      protocolVersion: 6,
      network: "tcp",
      address: "127.0.0.1:1234",
      certificateDer: undefined,
    });
    expect(line).toBe("1|6|tcp|127.0.0.1:1234|grpc|");
    expect(parseHandshakeLine(line).certificateDer).toBeUndefined();
  });

  it("rejects malformed lines with a clear message", () => {
    expect(() => parseHandshakeLine("hello world")).toThrow(/malformed plugin handshake line/);
    expect(() => parseHandshakeLine("2|6|unix|/x|grpc|")).toThrow(/core protocol version/);
    expect(() => parseHandshakeLine("1|6|pipe|/x|grpc|")).toThrow(/unsupported network/);
    expect(() => parseHandshakeLine("1|6|unix|/x|grpc|not base64!")).toThrow(/invalid base64/);
  });

  it("encodes base64 like Go's RawStdEncoding", () => {
    for (let n = 0; n < 8; n++) {
      const bytes = Buffer.from(Array.from({ length: n }, (_, i) => 250 - i));
      const text = encodeRawBase64(bytes);
      expect(text).not.toContain("=");
      expect(decodeRawBase64(text).equals(bytes)).toBe(true);
    }
  });
});

describe("negotiateProtocolVersion", () => {
  it("picks 6 from the client's list", () => {
    expect(negotiateProtocolVersion("5,6")).toEqual({ ok: true, version: 6 });
    expect(negotiateProtocolVersion(" 6 , 7")).toEqual({ ok: true, version: 6 });
  });

  it("uses our version when the client sent none", () => {
    expect(negotiateProtocolVersion(undefined)).toEqual({ ok: true, version: 6 });
    expect(negotiateProtocolVersion("")).toEqual({ ok: true, version: 6 });
  });

  it("explains a mismatch", () => {
    const result = negotiateProtocolVersion("4,5");
    expect(result.ok).toBe(false);
    if (!result.ok)
      expect(result.message).toMatch(/speaks plugin protocol version 6, but the client offered 4, 5/);
    expect(negotiateProtocolVersion("six").ok).toBe(false);
  });

  it("picks the highest common version", () => {
    expect(negotiateProtocolVersion("5,6,7", [5, 6, 7])).toEqual({ ok: true, version: 7 });
  });
});

describe("reattach line", () => {
  it("round-trips, quoting for a POSIX shell", () => {
    const config = reattachConfig({ network: "unix", address: "/tmp/it's/plugin.sock" }, 4242);
    const line = formatReattachLine("registry.opentofu.org/pyvider/kv", config);
    expect(
      line.startsWith('TF_REATTACH_PROVIDERS=\'{"registry.opentofu.org/pyvider/kv":{"Protocol":"grpc"'),
    ).toBe(true);
    expect(parseReattachLine(`\t${line}\n`)).toEqual({ "registry.opentofu.org/pyvider/kv": config });
    expect(config).toEqual({
      Protocol: "grpc",
      ProtocolVersion: 6,
      Pid: 4242,
      Test: true,
      Addr: { Network: "unix", String: "/tmp/it's/plugin.sock" },
    });
  });

  it("returns undefined without a reattach line", () => {
    expect(parseReattachLine("nothing here")).toBeUndefined();
  });
});
