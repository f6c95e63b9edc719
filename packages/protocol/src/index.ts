/**
 * @pyvider/protocol: The tfplugin6 protocol: generated protobuf code, the go-plugin handshake with AutoMTLS, every gRPC service, the request semantics and serve().
 * @packageDocumentation
 */

/** The package version. */
export const VERSION = "0.0.0";
