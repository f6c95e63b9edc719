/**
 * gRPC bench server on this package's own gRPC server (src/grpc/, node:http2): mutual TLS on a
 * unix socket, tfplugin6.Provider (GetProviderSchema), grpc.health.v1.Health and
 * plugin.GRPCController/Shutdown, 256 MiB messages; ApplyResourceChange takes a large request and
 * answers its first byte. The counterpart of grpcjs.ts.
 */
import { HealthCheckResponse_ServingStatus, HealthService } from "../../src/gen/health.js";
import { GRPCControllerService } from "../../src/gen/plugin.js";
import {
  type ApplyResourceChange_Request,
  ApplyResourceChange_Response,
  GetProviderSchema_Response,
  ProviderService,
} from "../../src/gen/tfplugin6.js";
import type { MethodHandler } from "../../src/grpc/call.js";
import { GrpcServer } from "../../src/grpc/server.js";
import { MAX_MESSAGE_BYTES } from "../../src/handshake/constants.js";
import { pluginStart, smallSchemaResponse } from "./plugin-start.js";

const start = pluginStart();
const server = new GrpcServer({
  maxMessageBytes: MAX_MESSAGE_BYTES,
  tls: {
    cert: start.certificate.certificatePem,
    key: start.certificate.privateKeyPem,
    ca: [start.clientCertificatePem],
  },
});
const getProviderSchema: MethodHandler = () => GetProviderSchema_Response.fromPartial(smallSchemaResponse);
// a large request (the bench sends a 200 MiB planned state), a small answer
const applyResourceChange: MethodHandler = (request: ApplyResourceChange_Request) =>
  ApplyResourceChange_Response.fromPartial({
    newState: { msgpack: request.plannedState?.msgpack.subarray(0, 1) },
  });
server.addService(ProviderService, { getProviderSchema, applyResourceChange });
server.addService(HealthService, {
  check: () => ({ status: HealthCheckResponse_ServingStatus.SERVING }),
  watch: async (_request: unknown, call) => {
    await call.write({ status: HealthCheckResponse_ServingStatus.SERVING });
  },
});
server.addService(GRPCControllerService, {
  shutdown: () => {
    setImmediate(() => process.exit(0));
    return {};
  },
});
server.listen({ path: start.socket }).then(start.announce, (error: unknown) => {
  process.stderr.write(`${String(error)}\n`);
  process.exit(1);
});
