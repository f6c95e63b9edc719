/**
 * go-plugin's companion services (GRPCController, GRPCStdio, GRPCBroker) and
 * the standard gRPC health service.
 * @internal
 */
import {
  type ServerDuplexStream,
  type ServerUnaryCall,
  type ServerWritableStream,
  type sendUnaryData,
  status,
  type UntypedServiceImplementation,
} from "@grpc/grpc-js";
import {
  type HealthCheckRequest,
  type HealthCheckResponse,
  HealthCheckResponse_ServingStatus as ServingStatus,
} from "../gen/health.js";
import type { ConnInfo, Empty, StdioData } from "../gen/plugin.js";
import type { CallTracker } from "./calls.js";
import type { PluginLogger } from "./logger.js";
import type { StdioCapture } from "./stdio.js";

/** The service names the health service reports as SERVING. */
const HEALTHY_SERVICES = new Set(["", "plugin"]);

/** Shared state the companion services read. */
export interface PluginServicesEnvironment {
  tracker: CallTracker;
  logger: PluginLogger;
  stdio: StdioCapture | undefined;
  /** True once shutdown began. */
  isShuttingDown: () => boolean;
  /** Starts a graceful shutdown (GRPCController.Shutdown). */
  requestShutdown: (reason: string) => void;
}

function servingStatus(env: PluginServicesEnvironment, service: string): ServingStatus | undefined {
  if (!HEALTHY_SERVICES.has(service)) return undefined;
  return env.isShuttingDown() ? ServingStatus.NOT_SERVING : ServingStatus.SERVING;
}

/** `grpc.health.v1.Health`: service "plugin" (and "") is SERVING until shutdown. */
export function healthImplementation(env: PluginServicesEnvironment): UntypedServiceImplementation {
  return {
    check(
      call: ServerUnaryCall<HealthCheckRequest, HealthCheckResponse>,
      callback: sendUnaryData<HealthCheckResponse>,
    ) {
      const current = servingStatus(env, call.request.service);
      if (current === undefined) {
        callback({
          code: status.NOT_FOUND,
          details: `unknown service ${JSON.stringify(call.request.service)}`,
        });
      } else {
        callback(null, { status: current });
      }
    },
    watch(call: ServerWritableStream<HealthCheckRequest, HealthCheckResponse>) {
      const current = servingStatus(env, call.request.service);
      call.write({ status: current ?? ServingStatus.SERVICE_UNKNOWN });
      const release = env.tracker.hold(() => {
        if (current !== undefined) call.write({ status: ServingStatus.NOT_SERVING });
        call.end();
      });
      call.on("cancelled", release);
    },
  };
}

/** `plugin.GRPCController`: Shutdown answers, then shuts the server down gracefully. */
export function controllerImplementation(env: PluginServicesEnvironment): UntypedServiceImplementation {
  return {
    shutdown(_call: ServerUnaryCall<Empty, Empty>, callback: sendUnaryData<Empty>) {
      callback(null, {});
      env.requestShutdown("GRPCController.Shutdown");
    },
  };
}

/** `plugin.GRPCStdio`: streams captured stdout/stderr writes; held open until shutdown. */
export function stdioImplementation(env: PluginServicesEnvironment): UntypedServiceImplementation {
  return {
    streamStdio(call: ServerWritableStream<Empty, StdioData>) {
      const unsubscribe = env.stdio?.subscribe((data) => call.write(data));
      const release = env.tracker.hold(() => {
        unsubscribe?.();
        call.end();
      });
      call.on("cancelled", () => {
        unsubscribe?.();
        release();
      });
    },
  };
}

/** `plugin.GRPCBroker`: accepts the stream and keeps it; this provider brokers no connections. */
export function brokerImplementation(env: PluginServicesEnvironment): UntypedServiceImplementation {
  return {
    startStream(call: ServerDuplexStream<ConnInfo, ConnInfo>) {
      const release = env.tracker.hold(() => call.end());
      call.on("data", (info: ConnInfo) => {
        env.logger("warn", "unexpected GRPCBroker connection request; this provider brokers no connections", {
          service_id: info.serviceId,
          network: info.network,
          address: info.address,
        });
      });
      call.on("end", () => {
        release();
        call.end();
      });
      call.on("cancelled", release);
      call.on("error", release);
    },
  };
}
