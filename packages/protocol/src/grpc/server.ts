/**
 * A small gRPC server on `node:http2`: exactly what a go-plugin provider
 * serves (unary, server, client and bidirectional streaming calls with the
 * identity encoding, deadlines, cancellation, mutual TLS), and nothing it
 * does not. It starts in a fraction of the time a general-purpose gRPC
 * library needs, which is most of a provider's start-up budget.
 * @internal
 */
import type {
  Http2SecureServer,
  Http2Server,
  IncomingHttpHeaders,
  ServerHttp2Session,
  ServerHttp2Stream,
} from "node:http2";
import { createRequire } from "node:module";
import { createServer as createNetServer, type Server as NetServer, type Socket } from "node:net";
import type { TLSSocket } from "node:tls";
import { getHeapStatistics } from "node:v8";
import { ActiveCall, type MethodDefinition, type MethodHandler, respondWithStatus } from "./call.js";
import { guardClientCertificates } from "./client-certificate.js";
import { RequestBudget } from "./framing.js";
import { GrpcStatus } from "./status.js";

/** TLS material of a mutual-TLS server. */
export interface ServerTls {
  /** Our certificate (PEM). */
  cert: string;
  /** Our private key (PEM). */
  key: string;
  /**
   * The certificates a client may present, or whose direct issue it may present (PEM). Only
   * these are trusted: no bundled or system root (see client-certificate.ts).
   */
  ca: string[];
}

/** Options of {@link GrpcServer}. */
export interface GrpcServerOptions {
  /** Largest message accepted or sent, in bytes. */
  maxMessageBytes: number;
  /** Serve TLS (requiring a client certificate); plaintext HTTP/2 when absent. */
  tls?: ServerTls;
  /** Decides per call whether the client's TLS certificate (DER) may call at all; refused calls get UNAUTHENTICATED. */
  authorize?: (peerCertificate: Buffer | undefined) => boolean;
  /** The message of refused calls. */
  unauthorizedMessage?: string;
  /** Told about connection-level failures (bad TLS handshakes, broken sessions). */
  onConnectionError?: (message: string) => void;
  /**
   * Bytes of request messages all calls in flight may hold together (see {@link RequestBudget});
   * default {@link defaultRequestBudget}.
   */
  maxRequestBytesInFlight?: number;
}

/**
 * The default request budget: half the V8 heap limit (decoding a request puts about its size
 * of strings on the heap), and never less than two messages of the largest size.
 */
export function defaultRequestBudget(maxMessageBytes: number): number {
  return Math.max(2 * maxMessageBytes, Math.floor(getHeapStatistics().heap_size_limit / 2));
}

/**
 * The HTTP/2 session memory limit in megabytes (node:http2's `maxSessionMemory`): what one
 * connection may hold in nghttp2 (header tables, streams, data queued to be sent). New streams
 * are refused (ENHANCE_YOUR_CALM, which gRPC clients report as RESOURCE_EXHAUSTED) while it is
 * exceeded; existing calls go on. Sized so that two responses of the largest size can be queued
 * for a client that reads them, plus room for everything else.
 */
export function sessionMemoryMegabytes(maxMessageBytes: number): number {
  return Math.ceil((2 * maxMessageBytes) / 1e6) + 64;
}

/** Where to listen: a unix socket path, or a TCP host and port. */
export type ListenTarget = { path: string } | { host: string; port: number };

/**
 * `node:http2` (with `node:tls`), loaded when the HTTP/2 server is first needed: about 5 ms of
 * module loading that a provider does after its handshake line rather than before it.
 */
let http2Module: typeof import("node:http2") | undefined;
function loadHttp2(): typeof import("node:http2") {
  http2Module ??= createRequire(import.meta.url)("node:http2") as typeof import("node:http2");
  return http2Module;
}

/**
 * A gRPC server for a fixed set of services.
 *
 * It listens with a plain `net.Server` and hands each accepted connection to an HTTP/2 server
 * (TLS when configured) that is created on {@link prepare} or at the first connection, so
 * binding the address costs no HTTP/2 or TLS set-up: a plugin can print its handshake first.
 */
export class GrpcServer {
  private readonly methods = new Map<string, { definition: MethodDefinition; handler: MethodHandler }>();
  private readonly sessions = new Set<ServerHttp2Session>();
  private readonly peerCertificates = new WeakMap<ServerHttp2Session, Buffer | undefined>();
  private readonly listener: NetServer;
  private http: Http2Server | Http2SecureServer | undefined;
  private readonly budget: RequestBudget;

  constructor(private readonly options: GrpcServerOptions) {
    this.budget = new RequestBudget(
      options.maxRequestBytesInFlight ?? defaultRequestBudget(options.maxMessageBytes),
    );
    this.listener = createNetServer((socket: Socket) => {
      // synchronously, before the socket reads: exactly as if HTTP/2 had accepted it
      this.prepare().emit("connection", socket);
    });
  }

  /**
   * Creates the HTTP/2 server (loading `node:http2`) if not done yet, and returns it. Called
   * by the first connection at the latest; calling it earlier (after a handshake is printed)
   * takes that work off the first call.
   */
  prepare(): Http2Server | Http2SecureServer {
    if (this.http) return this.http;
    const { createSecureServer, createServer } = loadHttp2();
    const options = this.options;
    const common = {
      maxSessionMemory: sessionMemoryMegabytes(options.maxMessageBytes),
      maxSendHeaderBlockLength: 1 << 20,
    };
    const tls = options.tls;
    const http = tls
      ? createSecureServer({
          ...common,
          cert: tls.cert,
          key: tls.key,
          // an empty list, not tls.ca: see client-certificate.ts (checked there instead)
          ca: [],
          requestCert: true,
          rejectUnauthorized: false,
          minVersion: "TLSv1.2",
          allowHTTP1: false,
        })
      : createServer(common);
    if (tls)
      guardClientCertificates(http as Http2SecureServer, tls.ca, (message) =>
        options.onConnectionError?.(message),
      );
    http.on("session", (session: ServerHttp2Session) => {
      this.sessions.add(session);
      session.on("close", () => this.sessions.delete(session));
      session.on("error", (error) => options.onConnectionError?.(`HTTP/2 session error: ${error.message}`));
    });
    http.on("stream", (stream: ServerHttp2Stream, headers: IncomingHttpHeaders) =>
      this.dispatch(stream, headers),
    );
    http.on("tlsClientError", (error: Error) =>
      options.onConnectionError?.(`TLS handshake with a client failed: ${error.message}`),
    );
    this.http = http;
    return http;
  }

  /** Registers the handlers of one service; a method without a handler answers UNIMPLEMENTED. */
  addService(
    definition: Readonly<Record<string, MethodDefinition>>,
    implementation: Readonly<Record<string, MethodHandler | undefined>>,
  ): void {
    for (const [name, method] of Object.entries(definition)) {
      const handler = implementation[name];
      if (handler) this.methods.set(method.path, { definition: method, handler });
    }
  }

  /** Starts listening; resolves with the bound TCP port (0 for a unix socket). */
  listen(target: ListenTarget): Promise<number> {
    return new Promise((resolve, reject) => {
      const listener = this.listener;
      const onError = (error: Error) => reject(error);
      listener.once("error", onError);
      const onListening = () => {
        listener.off("error", onError);
        const address = listener.address();
        resolve(typeof address === "object" && address !== null ? address.port : 0);
      };
      if ("path" in target) listener.listen(target.path, onListening);
      else listener.listen(target.port, target.host, onListening);
    });
  }

  /**
   * Stops accepting connections and lets open calls finish; resolves once every connection is
   * done from our side: closed, or its calls all answered and everything sent flushed (our end of
   * the socket written). The client's own close is not awaited: go-plugin's client waits for the
   * plugin process to exit after `GRPCController.Shutdown`, and a Go plugin stops at once there.
   */
  close(): Promise<void> {
    // stops accepting now; its callback would wait for the clients to close their connections
    if (this.listener.listening) this.listener.close();
    return new Promise((resolve) => {
      let pending = this.sessions.size;
      if (pending === 0) resolve();
      const done = () => {
        if (--pending === 0) resolve();
      };
      for (const session of this.sessions) {
        let settled = false;
        const settle = () => {
          if (settled) return;
          settled = true;
          done();
        };
        session.once("close", settle);
        // node:http2 ends the socket only after the last stream closed and GOAWAY went out;
        // "finish" is that end flushed to the kernel
        session.socket?.once("finish", settle);
        session.close();
      }
    });
  }

  /** Drops every connection at once (their calls see cancellation) and stops listening. */
  destroy(): void {
    for (const session of this.sessions) session.destroy();
    if (this.listener.listening) this.listener.close();
  }

  private dispatch(stream: ServerHttp2Stream, headers: IncomingHttpHeaders): void {
    stream.on("error", () => {
      // surfaces as "close" to the call; nothing to crash over
    });
    if (headers[":method"] !== "POST") {
      stream.respond({ ":status": 405 }, { endStream: true });
      return;
    }
    const contentType = headers["content-type"];
    if (typeof contentType !== "string" || !contentType.startsWith("application/grpc")) {
      stream.respond({ ":status": 415 }, { endStream: true });
      return;
    }
    const path = String(headers[":path"]);
    const entry = this.methods.get(path);
    if (!entry) {
      respondWithStatus(stream, GrpcStatus.UNIMPLEMENTED, `unknown method ${path}`);
      return;
    }
    const encoding = headers["grpc-encoding"];
    if (encoding !== undefined && encoding !== "identity") {
      respondWithStatus(
        stream,
        GrpcStatus.UNIMPLEMENTED,
        `message encoding ${String(encoding)} is not supported`,
        {
          "grpc-accept-encoding": "identity",
        },
      );
      return;
    }
    const session = stream.session as ServerHttp2Session;
    if (this.options.authorize && !this.options.authorize(this.peerCertificate(session))) {
      respondWithStatus(
        stream,
        GrpcStatus.UNAUTHENTICATED,
        this.options.unauthorizedMessage ?? "the client is not authorized",
      );
      return;
    }
    const socket = session.socket;
    const peer = socket.remoteAddress ? `${socket.remoteAddress}:${socket.remotePort}` : "unix";
    void new ActiveCall(
      stream,
      headers,
      entry.definition,
      entry.handler,
      this.options.maxMessageBytes,
      peer,
      this.budget,
    ).run();
  }

  private peerCertificate(session: ServerHttp2Session): Buffer | undefined {
    if (this.peerCertificates.has(session)) return this.peerCertificates.get(session);
    const socket = session.socket as Partial<TLSSocket>;
    const raw = typeof socket.getPeerCertificate === "function" ? socket.getPeerCertificate().raw : undefined;
    this.peerCertificates.set(session, raw);
    return raw;
  }
}
