/** The `TF_REATTACH_PROVIDERS` configuration of a provider started in debug mode. */
import type { PluginAddress } from "./line.js";

/** One provider's entry in `TF_REATTACH_PROVIDERS`. */
export interface ReattachConfig {
  Protocol: "grpc";
  ProtocolVersion: number;
  Pid: number;
  Test: boolean;
  Addr: { Network: "unix" | "tcp"; String: string };
}

/** Builds the reattach entry for a provider listening at `address`. */
export function reattachConfig(address: PluginAddress, pid: number, protocolVersion = 6): ReattachConfig {
  return {
    Protocol: "grpc",
    ProtocolVersion: protocolVersion,
    Pid: pid,
    Test: true,
    Addr: { Network: address.network, String: address.address },
  };
}

/** The `TF_REATTACH_PROVIDERS='{...}'` line to paste into a shell. */
export function formatReattachLine(providerAddress: string, config: ReattachConfig): string {
  const json = JSON.stringify({ [providerAddress]: config });
  return `TF_REATTACH_PROVIDERS='${json.replace(/'/g, "'\\''")}'`;
}

/**
 * Finds a `TF_REATTACH_PROVIDERS='{...}'` line in some text (e.g. a debug-mode
 * provider's stdout) and returns the parsed map, or undefined.
 */
export function parseReattachLine(text: string): Record<string, ReattachConfig> | undefined {
  const match = /TF_REATTACH_PROVIDERS='(\{.*\})'/.exec(text);
  if (!match?.[1]) return undefined;
  return JSON.parse(match[1].replace(/'\\''/g, "'")) as Record<string, ReattachConfig>;
}
