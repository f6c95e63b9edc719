/**
 * The gRPC bench's server on @pyvider/protocol's own gRPC server (node:http2): the plugin
 * server `serve()` uses, with one small unary RPC (GetProviderSchema answering an empty schema).
 */
import { startPluginServer } from "@pyvider/protocol";
import { smallSchemaResponse } from "./common.js";

startPluginServer({
  handlers: {
    getProviderSchema: () => smallSchemaResponse,
    applyResourceChange: (request) => ({
      newState: { msgpack: request.plannedState?.msgpack.subarray(0, 1) },
    }),
  },
  providerAddress: "registry.terraform.io/pyvider/grpcbench",
}).catch((error: unknown) => {
  process.stderr.write(`${String(error)}\n`);
  process.exit(1);
});
