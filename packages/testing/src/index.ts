/**
 * @pyvider/testing: test harnesses; for now a protocol-level client that
 * starts a provider and speaks the go-plugin handshake like Terraform does.
 * @packageDocumentation
 */

/** The package version. */
export const VERSION = "0.0.0";

export { attach } from "./client/attach.js";
export {
  HandshakeError,
  type ProcessExit,
  type ProviderProcess,
  type StartProviderOptions,
  startProviderProcess,
} from "./client/process.js";
export type { ClientMethodFor, ProviderClient, ProviderRpcMethods, RpcOptions } from "./client/types.js";
