/** The one-line go-plugin handshake a plugin prints on stdout. */
import { CORE_PROTOCOL_VERSION } from "./constants.js";

/** Where a plugin listens. */
export interface PluginAddress {
  /** `unix` (a socket path) or `tcp` (`host:port`). */
  network: "unix" | "tcp";
  /** The socket path or `host:port`. */
  address: string;
}

/** The fields of a handshake line. */
export interface HandshakeInfo extends PluginAddress {
  /** go-plugin core protocol version, always 1. */
  coreVersion: number;
  /** The negotiated plugin protocol version. */
  protocolVersion: number;
  /** Always `grpc` here (go-plugin's net/rpc is not supported). */
  protocol: string;
  /** The server's DER certificate, or undefined when serving plaintext. */
  certificateDer: Buffer | undefined;
}

/** Base64 without padding (Go's `base64.RawStdEncoding`). */
export function encodeRawBase64(bytes: Uint8Array): string {
  return Buffer.from(bytes).toString("base64").replace(/=+$/, "");
}

/** Decodes standard base64 with or without padding, strictly. */
export function decodeRawBase64(text: string): Buffer {
  if (!/^[A-Za-z0-9+/]*={0,2}$/.test(text) || text.replace(/=+$/, "").length % 4 === 1) {
    throw new Error(`invalid base64 certificate in handshake: ${JSON.stringify(text.slice(0, 40))}`);
  }
  return Buffer.from(text, "base64");
}

/** Formats `1|6|unix|/path|grpc|<cert>` (no trailing newline). */
export function formatHandshakeLine(info: Omit<HandshakeInfo, "coreVersion" | "protocol">): string {
  const cert = info.certificateDer ? encodeRawBase64(info.certificateDer) : "";
  return [CORE_PROTOCOL_VERSION, info.protocolVersion, info.network, info.address, "grpc", cert].join("|");
}

/**
 * Parses a handshake line as a plugin client does.
 * @throws Error with a message naming what is wrong.
 */
export function parseHandshakeLine(line: string): HandshakeInfo {
  const parts = line.trim().split("|");
  if (parts.length < 4) {
    throw new Error(
      `malformed plugin handshake line (want 'core|version|network|address|protocol|cert'): ${line}`,
    );
  }
  const [core = "", version = "", network = "", address = "", protocol = "netrpc", cert = ""] = parts;
  const coreVersion = Number.parseInt(core, 10);
  if (coreVersion !== CORE_PROTOCOL_VERSION) {
    throw new Error(
      `unsupported go-plugin core protocol version ${JSON.stringify(core)} in handshake: ${line}`,
    );
  }
  const protocolVersion = Number.parseInt(version, 10);
  if (!Number.isInteger(protocolVersion)) throw new Error(`invalid protocol version in handshake: ${line}`);
  if (network !== "unix" && network !== "tcp")
    throw new Error(`unsupported network ${JSON.stringify(network)}`);
  if (address === "") throw new Error(`empty address in handshake: ${line}`);
  return {
    coreVersion,
    protocolVersion,
    network,
    address,
    protocol,
    certificateDer: cert === "" ? undefined : decodeRawBase64(cert),
  };
}
