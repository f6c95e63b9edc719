/**
 * gRPC bench server on @grpc/grpc-js: the same start, services, handlers and limits as own.ts
 * (mutual TLS requiring the client certificate, unix socket, 256 MiB messages).
 */
import * as grpc from "@grpc/grpc-js";
import { HealthCheckResponse_ServingStatus, HealthService } from "../../src/gen/health.js";
import { GRPCControllerService } from "../../src/gen/plugin.js";
import {
  type ApplyResourceChange_Request,
  ApplyResourceChange_Response,
  GetProviderSchema_Response,
  ProviderService,
} from "../../src/gen/tfplugin6.js";
import { MAX_MESSAGE_BYTES } from "../../src/handshake/constants.js";
import { pluginStart, smallSchemaResponse } from "./plugin-start.js";

const start = pluginStart();
const server = new grpc.Server({
  "grpc.max_receive_message_length": MAX_MESSAGE_BYTES,
  "grpc.max_send_message_length": MAX_MESSAGE_BYTES,
});
server.addService(ProviderService as unknown as grpc.ServiceDefinition, {
  getProviderSchema: (_call: unknown, callback: grpc.sendUnaryData<unknown>) =>
    callback(null, GetProviderSchema_Response.fromPartial(smallSchemaResponse)),
  applyResourceChange: (
    call: grpc.ServerUnaryCall<ApplyResourceChange_Request, unknown>,
    callback: grpc.sendUnaryData<unknown>,
  ) =>
    callback(
      null,
      ApplyResourceChange_Response.fromPartial({
        newState: { msgpack: call.request.plannedState?.msgpack.subarray(0, 1) },
      }),
    ),
});
server.addService(HealthService as unknown as grpc.ServiceDefinition, {
  check: (_call: unknown, callback: grpc.sendUnaryData<unknown>) =>
    callback(null, { status: HealthCheckResponse_ServingStatus.SERVING }),
  watch: (call: grpc.ServerWritableStream<unknown, unknown>) =>
    call.write({ status: HealthCheckResponse_ServingStatus.SERVING }),
});
server.addService(GRPCControllerService as unknown as grpc.ServiceDefinition, {
  shutdown: (_call: unknown, callback: grpc.sendUnaryData<unknown>) => {
    callback(null, {});
    setImmediate(() => process.exit(0));
  },
});
const credentials = grpc.ServerCredentials.createSsl(
  Buffer.from(start.clientCertificatePem),
  [
    {
      cert_chain: Buffer.from(start.certificate.certificatePem),
      private_key: Buffer.from(start.certificate.privateKeyPem),
    },
  ],
  true,
);
server.bindAsync(`unix://${start.socket}`, credentials, (error) => {
  if (error) {
    process.stderr.write(`${error.message}\n`);
    process.exit(1);
  }
  start.announce();
});
