/** Constants of the go-plugin handshake as Terraform and OpenTofu use it. */

/** The environment variable carrying the magic cookie. */
export const MAGIC_COOKIE_KEY = "TF_PLUGIN_MAGIC_COOKIE";

/** The magic cookie value Terraform and OpenTofu set for provider plugins. */
export const MAGIC_COOKIE_VALUE = "d602bf8f470bc67ca7faa0386276bbdd4330efaf76d1a219cb4d6991ca9872b2";

/** go-plugin's own (core) protocol version: the first field of the handshake line. */
export const CORE_PROTOCOL_VERSION = 1;

/** The plugin protocol versions this package serves. */
export const SUPPORTED_PROTOCOL_VERSIONS: readonly number[] = [6];

/** Largest gRPC message accepted or sent: 256 MiB. */
export const MAX_MESSAGE_BYTES = 256 * 1024 * 1024;
