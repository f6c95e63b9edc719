/**
 * `startPluginServer`: the go-plugin handshake, transports, AutoMTLS and the
 * gRPC services around a {@link ProviderServiceHandlers} object.
 */
import { HealthService } from "../gen/health.js";
import { GRPCBrokerService, GRPCControllerService, GRPCStdioService } from "../gen/plugin.js";
import { ProviderService } from "../gen/tfplugin6.js";
import { GrpcServer, type ServerTls } from "../grpc/server.js";
import { MAGIC_COOKIE_KEY, MAGIC_COOKIE_VALUE, MAX_MESSAGE_BYTES } from "../handshake/constants.js";
import { formatHandshakeLine } from "../handshake/line.js";
import { negotiateProtocolVersion } from "../handshake/negotiate.js";
import { formatReattachLine, reattachConfig } from "../handshake/reattach.js";
import { type GeneratedCertificate, generateCertificate, pemToDer } from "../tls/certificate.js";
import { mutualTlsServerCredentials } from "../tls/credentials.js";
import { type Listener, listenTcp, listenUnix } from "../transport/listen.js";
import { withPreEncodedResponses } from "../wire/pre-encoded.js";
import { CallTracker } from "./calls.js";
import { exactPeerCertificate, UNEXPECTED_CLIENT_CERTIFICATE } from "./guard.js";
import { defaultPluginLogger } from "./logger.js";
import { type PluginServer, type PluginServerOptions, PluginStartError } from "./options.js";
import { watchParent } from "./parent-watch.js";
import {
  brokerImplementation,
  controllerImplementation,
  healthImplementation,
  stdioImplementation,
} from "./plugin-services.js";
import { type CrashReport, describeCrash, providerServiceImplementation } from "./provider-service.js";
import { captureStdout, type StdioCapture } from "./stdio.js";

const NOT_A_COMMAND = `This program is a Terraform/OpenTofu provider plugin. It is not meant to be run
directly: Terraform or OpenTofu start it themselves when a configuration uses
the provider. To run it by hand for debugging, pass --debug (or set
PYVIDER_DEBUG=1) and use the TF_REATTACH_PROVIDERS line it prints.
`;

function isTruthy(value: string | undefined): boolean {
  return value !== undefined && /^(1|true|yes|on)$/i.test(value.trim());
}

/**
 * Starts a tfplugin6 provider server exactly as go-plugin expects: checks the
 * magic cookie, negotiates protocol 6, listens on a private unix socket (or
 * TCP), serves AutoMTLS when Terraform sent `PLUGIN_CLIENT_CERT`, prints the
 * handshake line and serves the provider, health, controller, stdio and
 * broker services until Shutdown, SIGTERM or the parent going away.
 *
 * When it refuses to start it prints a human message on stderr, calls
 * `exit(1)` and (if exit returns) rejects with {@link PluginStartError}.
 */
export async function startPluginServer(options: PluginServerOptions): Promise<PluginServer> {
  const parentPid = process.ppid;
  const env = options.env ?? process.env;
  const argv = options.argv ?? process.argv.slice(2);
  const exit = options.exit ?? ((code: number) => process.exit(code));
  const stdout = options.stdout ?? process.stdout;
  const stderr = options.stderr ?? process.stderr;
  const logger = options.logger ?? defaultPluginLogger(env);
  const debug = options.debug ?? (argv.includes("--debug") || isTruthy(env.PYVIDER_DEBUG));
  const handleProcessEvents = options.handleProcessEvents ?? true;

  const refuse = (message: string): never => {
    stderr.write(message.endsWith("\n") ? message : `${message}\n`);
    exit(1);
    throw new PluginStartError(message.trim());
  };

  if (!debug && env[MAGIC_COOKIE_KEY] !== MAGIC_COOKIE_VALUE) refuse(NOT_A_COMMAND);

  const negotiated = negotiateProtocolVersion(debug ? undefined : env.PLUGIN_PROTOCOL_VERSIONS);
  if (!negotiated.ok) return refuse(negotiated.message);
  const protocolVersion = negotiated.version;

  let tls: ServerTls | undefined;
  let certificate: GeneratedCertificate | undefined;
  let clientCertificateDer: Buffer | undefined;
  const clientCertificatePem = env.PLUGIN_CLIENT_CERT;
  if (debug) {
    // plaintext: debug mode has no Terraform to do the TLS handshake
  } else if (clientCertificatePem !== undefined && clientCertificatePem.trim() !== "") {
    certificate = generateCertificate();
    try {
      tls = mutualTlsServerCredentials(clientCertificatePem, certificate);
      clientCertificateDer = pemToDer(clientCertificatePem);
    } catch (error) {
      return refuse(error instanceof Error ? error.message : String(error));
    }
  } else if (options.allowInsecure) {
    logger("warn", "serving plaintext gRPC: PLUGIN_CLIENT_CERT is not set and allowInsecure is on");
  } else {
    return refuse(
      "PLUGIN_CLIENT_CERT is not set, so this provider cannot serve mutual TLS, and it refuses to serve " +
        "plaintext gRPC. Terraform and OpenTofu set it automatically; for local debugging use --debug.",
    );
  }

  // Signal handlers go in before anything is printed: a SIGINT that arrives
  // between the handshake line and their installation would kill the process.
  const disposers: Array<() => void> = [];
  const tracker = new CallTracker();
  let pendingShutdown: string | undefined;
  let shutdownNow: ((reason: string) => void) | undefined;
  const requestShutdownEarly = (reason: string) => {
    if (shutdownNow) shutdownNow(reason);
    else pendingShutdown ??= reason;
  };
  if (handleProcessEvents) {
    const onSigint = () => {
      if (debug) requestShutdownEarly("SIGINT");
      else logger("debug", "ignoring SIGINT: Terraform stops providers with StopProvider");
    };
    const onSigterm = () => requestShutdownEarly("SIGTERM");
    // Crash containment: an exception that escapes provider code (a throw in a timer callback, a
    // promise nobody awaited) must not end the plugin. It is logged, and the call it came from
    // (every call in flight when it cannot be traced) is answered with an error diagnostic.
    const contain = (kind: string) => (error: unknown) => {
      const calls = tracker.culprits();
      for (const call of calls) call.fail({ kind, error } satisfies CrashReport);
      const rpcs = calls.map((c) => c.rpc);
      if (options.onCrash === undefined) {
        logger("error", `${kind} in provider code: ${describeCrash(error)}`, {
          stack: error instanceof Error ? error.stack : undefined,
          rpcs,
        });
        return;
      }
      try {
        options.onCrash({ kind, error, rpcs });
      } catch {
        logger("error", `${kind} in provider code: ${describeCrash(error)} (and the onCrash hook failed)`);
      }
    };
    const onRejection = contain("unhandled promise rejection");
    const onException = contain("uncaught exception");
    process.on("SIGINT", onSigint);
    process.on("SIGTERM", onSigterm);
    process.on("unhandledRejection", onRejection);
    process.on("uncaughtException", onException);
    disposers.push(() => {
      process.removeListener("uncaughtException", onException);
      process.removeListener("SIGINT", onSigint);
      process.removeListener("SIGTERM", onSigterm);
      process.removeListener("unhandledRejection", onRejection);
    });
  }

  let stopController = new AbortController();
  let shuttingDown = false;
  let stdio: StdioCapture | undefined;
  let closedResolve: () => void = () => {};
  const closed = new Promise<void>((resolve) => {
    closedResolve = resolve;
  });
  let shutdownPromise: Promise<void> | undefined;

  const server = new GrpcServer({
    maxMessageBytes: MAX_MESSAGE_BYTES,
    ...(tls ? { tls } : {}),
    ...(clientCertificateDer
      ? {
          authorize: exactPeerCertificate(clientCertificateDer),
          unauthorizedMessage: UNEXPECTED_CLIENT_CERTIFICATE,
        }
      : {}),
    onConnectionError: (message) => logger("debug", message),
  });

  const pluginEnv = {
    tracker,
    logger,
    get stdio() {
      return stdio;
    },
    isShuttingDown: () => shuttingDown,
    requestShutdown: (reason: string) => {
      void shutdown(reason);
    },
  };
  server.addService(
    withPreEncodedResponses(ProviderService),
    providerServiceImplementation({
      handlers: options.handlers,
      tracker,
      logger,
      stopSignal: () => stopController.signal,
      onStopProvider: () => {
        logger("info", "StopProvider received: cancelling in-flight work");
        stopController.abort(new Error("StopProvider"));
        // Later calls get a fresh signal: Terraform may go on after a stop.
        stopController = new AbortController();
        try {
          options.onStop?.();
        } catch (error) {
          logger("error", `onStop hook failed: ${error instanceof Error ? error.message : String(error)}`);
        }
      },
    }),
  );
  server.addService(HealthService, healthImplementation(pluginEnv));
  server.addService(GRPCControllerService, controllerImplementation(pluginEnv));
  server.addService(GRPCStdioService, stdioImplementation(pluginEnv));
  server.addService(GRPCBrokerService, brokerImplementation(pluginEnv));

  const transport =
    options.transport ??
    (env.PYVIDER_PLUGIN_TRANSPORT === "tcp" || env.PYVIDER_PLUGIN_TRANSPORT === "unix"
      ? env.PYVIDER_PLUGIN_TRANSPORT
      : process.platform === "win32"
        ? "tcp"
        : "unix");
  let listener: Listener;
  try {
    listener =
      transport === "tcp"
        ? await listenTcp(server, env)
        : await listenUnix(server, env.PLUGIN_UNIX_SOCKET_DIR || undefined);
  } catch (error) {
    server.destroy();
    for (const dispose of disposers) dispose();
    return refuse(`cannot listen for Terraform: ${error instanceof Error ? error.message : String(error)}`);
  }
  const address = { network: listener.network, address: listener.address };
  const cleanupOnExit = () => listener.cleanup();
  process.once("exit", cleanupOnExit);

  let handshakeLine: string | undefined;
  let reattach: PluginServer["reattach"];
  if (debug) {
    const providerAddress = options.providerAddress ?? "registry.terraform.io/pyvider/unnamed";
    if (!options.providerAddress)
      logger("warn", "no providerAddress given; the reattach line uses a placeholder");
    reattach = reattachConfig(address, process.pid, protocolVersion);
    stdout.write(
      `Provider ${providerAddress} started in debug mode (plaintext, pid ${process.pid}).\n` +
        "To attach Terraform or OpenTofu, set this in their environment:\n\n" +
        `\t${formatReattachLine(providerAddress, reattach)}\n\n`,
    );
  } else {
    handshakeLine = formatHandshakeLine({
      protocolVersion,
      ...address,
      certificateDer: certificate?.certificateDer,
    });
    stdout.write(`${handshakeLine}\n`);
    if (options.captureStdout ?? stdout === process.stdout) {
      stdio = captureStdout(process.stdout, process.stderr);
      disposers.push(() => stdio?.restore());
    }
  }
  // HTTP/2 and TLS are set up now, while the client reads the line and dials: none of it was
  // needed to print it
  server.prepare();
  logger("debug", "plugin server listening", {
    network: address.network,
    address: address.address,
    protocol_version: protocolVersion,
    tls: certificate !== undefined,
    debug,
  });

  const shutdown = (reason = "shutdown requested", force = false): Promise<void> => {
    if (shutdownPromise) return shutdownPromise;
    shuttingDown = true;
    logger("debug", `shutting down: ${reason}`);
    stopController.abort(new Error(`server shutting down: ${reason}`));
    tracker.releaseHolders();
    if (force) tracker.abortAll(new Error(`server shutting down: ${reason}`));
    shutdownPromise = new Promise<void>((resolve) => {
      let done = false;
      const finish = () => {
        if (done) return;
        done = true;
        clearTimeout(capTimer);
        server.destroy();
        for (const dispose of disposers) dispose();
        listener.cleanup();
        process.removeListener("exit", cleanupOnExit);
        resolve();
        closedResolve();
        if (options.exitOnShutdown ?? true) exit(0);
      };
      void server.close().then(finish);
      // Once no call is running, give responses a moment to flush, then stop.
      void tracker.idle().then(() => setTimeout(finish, force ? 0 : 100).unref());
      const capTimer = setTimeout(() => {
        logger("warn", "in-flight calls did not finish in time; stopping anyway");
        tracker.abortAll(new Error("shutdown timeout"));
        finish();
      }, options.shutdownTimeoutMs ?? 10_000);
      capTimer.unref();
    });
    return shutdownPromise;
  };

  shutdownNow = (reason) => void shutdown(reason);
  if (options.watchParent ?? true) {
    disposers.push(watchParent((why) => void shutdown(why, true), 500, parentPid));
  }
  if (pendingShutdown) void shutdown(pendingShutdown);

  return {
    address,
    protocolVersion,
    certificateDer: certificate?.certificateDer,
    handshakeLine,
    reattach,
    debug,
    get stopSignal() {
      return stopController.signal;
    },
    shutdown: (reason?: string) => shutdown(reason),
    closed,
  };
}
