/** `attach`: connects to a provider already running in debug mode. */
import type { ReattachConfig } from "@pyvider/protocol";
import { connectGrpc } from "./connect.js";
import { createProviderClient } from "./rpc.js";
import type { RawProviderClient } from "./types.js";

/**
 * Connects (plaintext) to a debug-mode provider from its reattach entry, one
 * value of the `TF_REATTACH_PROVIDERS` map.
 */
export function attach(config: ReattachConfig): RawProviderClient {
  if (config.Protocol !== "grpc")
    throw new Error(`cannot attach to protocol ${JSON.stringify(config.Protocol)}`);
  if (config.ProtocolVersion !== 6)
    throw new Error(`cannot attach to protocol version ${config.ProtocolVersion}`);
  const network = config.Addr.Network;
  if (network !== "unix" && network !== "tcp")
    throw new Error(`unsupported network ${JSON.stringify(network)}`);
  return createProviderClient(connectGrpc({ network, address: config.Addr.String }, undefined));
}
