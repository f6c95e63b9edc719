/**
 * go-plugin's companion services (GRPCController, GRPCStdio, GRPCBroker) and
 * the standard gRPC health service.
 * @internal
 */
import {
  type HealthCheckRequest,
  type HealthCheckResponse,
  HealthCheckResponse_ServingStatus as ServingStatus,
} from "../gen/health.js";
import type { ConnInfo, Empty, StdioData } from "../gen/plugin.js";
import type { MethodHandler, ServerCall, ServerWriter } from "../grpc/call.js";
import { GrpcStatus, RpcError } from "../grpc/status.js";
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

/**
 * Resolves when the server releases its long-lived streams (shutdown) or the
 * client goes away, running `onRelease` first in the former case.
 */
function heldUntilRelease(
  env: PluginServicesEnvironment,
  call: ServerCall,
  onRelease: () => void,
): Promise<void> {
  return new Promise((resolve) => {
    const finish = () => {
      unregister();
      call.signal.removeEventListener("abort", finish);
      resolve();
    };
    const unregister = env.tracker.hold(() => {
      try {
        onRelease();
      } finally {
        finish();
      }
    });
    if (call.signal.aborted) finish();
    else call.signal.addEventListener("abort", finish);
  });
}

/** `grpc.health.v1.Health`: service "plugin" (and "") is SERVING until shutdown. */
export function healthImplementation(env: PluginServicesEnvironment): Record<string, MethodHandler> {
  return {
    check(request: HealthCheckRequest): HealthCheckResponse {
      const current = servingStatus(env, request.service);
      if (current === undefined) {
        throw new RpcError(GrpcStatus.NOT_FOUND, `unknown service ${JSON.stringify(request.service)}`);
      }
      return { status: current };
    },
    async watch(request: HealthCheckRequest, call: ServerWriter<HealthCheckResponse>) {
      const current = servingStatus(env, request.service);
      await call.write({ status: current ?? ServingStatus.SERVICE_UNKNOWN });
      let last: ServingStatus | undefined;
      await heldUntilRelease(env, call, () => {
        if (current !== undefined) last = ServingStatus.NOT_SERVING;
      });
      if (last !== undefined && !call.signal.aborted) await call.write({ status: last });
    },
  };
}

/** `plugin.GRPCController`: Shutdown answers, then shuts the server down gracefully. */
export function controllerImplementation(env: PluginServicesEnvironment): Record<string, MethodHandler> {
  return {
    shutdown(): Empty {
      // after this answer is on its way
      setImmediate(() => env.requestShutdown("GRPCController.Shutdown"));
      return {};
    },
  };
}

/** `plugin.GRPCStdio`: streams captured stdout/stderr writes; held open until shutdown. */
export function stdioImplementation(env: PluginServicesEnvironment): Record<string, MethodHandler> {
  return {
    async streamStdio(_request: Empty, call: ServerWriter<StdioData>) {
      const unsubscribe = env.stdio?.subscribe((data) => {
        call.write(data).catch(() => {
          // the client went away; the abort below ends the stream
        });
      });
      try {
        await heldUntilRelease(env, call, () => {});
      } finally {
        unsubscribe?.();
      }
    },
  };
}

/** `plugin.GRPCBroker`: accepts the stream and keeps it; this provider brokers no connections. */
export function brokerImplementation(env: PluginServicesEnvironment): Record<string, MethodHandler> {
  return {
    async startStream(requests: AsyncIterable<ConnInfo>, call: ServerWriter<ConnInfo>) {
      const released = heldUntilRelease(env, call, () => {});
      const consumed = (async () => {
        try {
          for await (const info of requests) {
            env.logger(
              "warn",
              "unexpected GRPCBroker connection request; this provider brokers no connections",
              {
                service_id: info.serviceId,
                network: info.network,
                address: info.address,
              },
            );
          }
        } catch {
          // the client went away
        }
      })();
      await Promise.race([released, consumed]);
    },
  };
}
