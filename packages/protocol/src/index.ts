/**
 * @pyvider/protocol: the tfplugin6 protocol: generated protobuf code, the
 * go-plugin handshake with AutoMTLS, every gRPC service and the plugin server.
 * @packageDocumentation
 */

/** Generated `grpc.health.v1` messages and service definition. */
export * as health from "./gen/health.js";
/** Generated go-plugin messages and service definitions (controller, stdio, broker). */
export * as goplugin from "./gen/plugin.js";
/** Generated tfplugin6 messages, enums and the `ProviderService` definition. */
export * as tfplugin6 from "./gen/tfplugin6.js";
export { GrpcStatus, RpcError } from "./grpc/status.js";
export {
  CORE_PROTOCOL_VERSION,
  MAGIC_COOKIE_KEY,
  MAGIC_COOKIE_VALUE,
  MAX_MESSAGE_BYTES,
  SUPPORTED_PROTOCOL_VERSIONS,
} from "./handshake/constants.js";
export {
  decodeRawBase64,
  encodeRawBase64,
  formatHandshakeLine,
  type HandshakeInfo,
  type PluginAddress,
  parseHandshakeLine,
} from "./handshake/line.js";
export { type NegotiationResult, negotiateProtocolVersion } from "./handshake/negotiate.js";
export {
  formatReattachLine,
  parseReattachLine,
  type ReattachConfig,
  reattachConfig,
} from "./handshake/reattach.js";
export type { SemanticsOptions } from "./semantics/context.js";
export { attributePath, toWireDiagnostic, toWireDiagnostics } from "./semantics/diagnostics.js";
export { decodeDynamic, encodeDynamic, RequestError } from "./semantics/dynamic.js";
export { createProviderHandlers, type ProviderHandlers } from "./semantics/handlers.js";
export { SERVER_CAPABILITIES } from "./semantics/provider-rpcs.js";
export { functionToWire, identitySchemaToWire, schemaToWire } from "./semantics/schema-wire.js";
export { type ServeOptions, serve } from "./semantics/serve.js";
export { DEFAULT_STATE_CHUNK_SIZE } from "./semantics/state-store.js";
export { lenientType } from "./semantics/values.js";
export type {
  CallContext,
  ClientStreamingHandler,
  HandlerFor,
  ProviderMethodName,
  ProviderServiceHandlers,
  ServerStreamingHandler,
  UnaryHandler,
} from "./server/handlers.js";
export {
  hclogTimestamp,
  jsonLineLogger,
  type PluginLogger,
  type PluginLogLevel,
  pluginLogger,
} from "./server/logger.js";
export {
  type PluginCrash,
  type PluginServer,
  type PluginServerOptions,
  PluginStartError,
  type TextSink,
} from "./server/options.js";
export { startPluginServer } from "./server/start.js";
export {
  type CertificateCurve,
  type CertificateOptions,
  derToPem,
  type GeneratedCertificate,
  generateCertificate,
  pemToDer,
} from "./tls/certificate.js";
export { VERSION } from "./version.js";
export { type MessageCodec, providerMessageCodecs } from "./wire/methods.js";
export type { DeepPartial } from "./wire/partial.js";
