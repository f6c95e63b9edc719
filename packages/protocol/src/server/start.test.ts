import { execFileSync } from "node:child_process";
import { mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import { type ChannelCredentials, credentials, Metadata, type ServiceError, status } from "@grpc/grpc-js";
import { afterEach, describe, expect, it } from "vitest";
import { HealthCheckResponse_ServingStatus, HealthClient } from "../gen/health.js";
import { GRPCControllerClient } from "../gen/plugin.js";
import {
  ApplyResourceChange_Request,
  ConfigureProvider_Request,
  GetProviderSchema_Response,
  ProviderClient,
  ReadResource_Request,
  ValidateProviderConfig_Request,
} from "../gen/tfplugin6.js";
import { MAGIC_COOKIE_VALUE } from "../handshake/constants.js";
import { parseHandshakeLine } from "../handshake/line.js";
import { parseReattachLine } from "../handshake/reattach.js";
import { derToPem, type GeneratedCertificate, generateCertificate } from "../tls/certificate.js";
import type { ProviderServiceHandlers } from "./handlers.js";
import type { PluginLogLevel } from "./logger.js";
import { type PluginServer, type PluginServerOptions, PluginStartError } from "./options.js";
import { startPluginServer } from "./start.js";

interface Harness {
  server: PluginServer;
  stdout: string[];
  stderr: string[];
  logs: Array<{ level: PluginLogLevel; message: string }>;
  exits: number[];
}

const running: PluginServer[] = [];
afterEach(async () => {
  await Promise.all(running.splice(0).map((server) => server.shutdown("test over")));
});

const schema = GetProviderSchema_Response.fromPartial({ provider: { version: 7 } });

async function start(
  env: Record<string, string | undefined>,
  options: Partial<PluginServerOptions> = {},
): Promise<Harness> {
  const stdout: string[] = [];
  const stderr: string[] = [];
  const logs: Harness["logs"] = [];
  const exits: number[] = [];
  const server = await startPluginServer({
    handlers: { getProviderSchema: () => schema },
    env,
    argv: [],
    stdout: { write: (text: string) => stdout.push(text) },
    stderr: { write: (text: string) => stderr.push(text) },
    logger: (level, message) => logs.push({ level, message }),
    exit: (code) => exits.push(code),
    watchParent: false,
    handleProcessEvents: false,
    exitOnShutdown: false,
    ...options,
  });
  running.push(server);
  return { server, stdout, stderr, logs, exits };
}

async function refusal(env: Record<string, string | undefined>, options: Partial<PluginServerOptions> = {}) {
  const stderr: string[] = [];
  const exits: number[] = [];
  const error = await startPluginServer({
    handlers: {},
    env,
    argv: [],
    stdout: { write: () => expect.fail("nothing may be printed on stdout") },
    stderr: { write: (text: string) => stderr.push(text) },
    exit: (code) => exits.push(code),
    watchParent: false,
    handleProcessEvents: false,
    ...options,
  }).catch((e: unknown) => e);
  expect(error).toBeInstanceOf(PluginStartError);
  expect(exits).toEqual([1]);
  return stderr.join("");
}

function target(server: PluginServer): string {
  return server.address.network === "unix" ? `unix://${server.address.address}` : server.address.address;
}

function mtls(server: PluginServer, client: GeneratedCertificate): ChannelCredentials {
  return credentials.createSsl(
    Buffer.from(derToPem(server.certificateDer!, "CERTIFICATE")),
    Buffer.from(client.privateKeyPem),
    Buffer.from(client.certificatePem),
  );
}

const channelOptions = {
  "grpc.ssl_target_name_override": "localhost",
  "grpc.default_authority": "localhost",
};

function getSchema(client: ProviderClient, timeoutMs = 5_000): Promise<GetProviderSchema_Response> {
  return new Promise((resolve, reject) => {
    client.getProviderSchema({}, new Metadata(), { deadline: Date.now() + timeoutMs }, (error, response) =>
      error ? reject(error) : resolve(response),
    );
  });
}

function tlsEnv(client: GeneratedCertificate): Record<string, string> {
  return {
    TF_PLUGIN_MAGIC_COOKIE: MAGIC_COOKIE_VALUE,
    PLUGIN_PROTOCOL_VERSIONS: "5,6",
    PLUGIN_CLIENT_CERT: client.certificatePem,
  };
}

describe("startPluginServer refuses", () => {
  it("to run without the magic cookie", async () => {
    expect(await refusal({})).toMatch(/provider plugin\. It is not meant to be run\s+directly/);
    expect(await refusal({ TF_PLUGIN_MAGIC_COOKIE: "nope" })).toMatch(/not meant to be run/);
  });

  it("protocol versions it does not speak", async () => {
    const message = await refusal({
      TF_PLUGIN_MAGIC_COOKIE: MAGIC_COOKIE_VALUE,
      PLUGIN_PROTOCOL_VERSIONS: "5",
    });
    expect(message).toMatch(/speaks plugin protocol version 6, but the client offered 5/);
  });

  it("plaintext outside debug mode", async () => {
    const message = await refusal({
      TF_PLUGIN_MAGIC_COOKIE: MAGIC_COOKIE_VALUE,
      PLUGIN_PROTOCOL_VERSIONS: "6",
    });
    expect(message).toMatch(/PLUGIN_CLIENT_CERT is not set.*refuses to serve plaintext/);
  });

  it("a client certificate that is not PEM", async () => {
    const message = await refusal({
      TF_PLUGIN_MAGIC_COOKIE: MAGIC_COOKIE_VALUE,
      PLUGIN_CLIENT_CERT: "garbage",
    });
    expect(message).toMatch(/PLUGIN_CLIENT_CERT does not hold a PEM certificate/);
  });
});

describe("startPluginServer with AutoMTLS", () => {
  it("prints exactly the handshake line and serves the client holding PLUGIN_CLIENT_CERT", async () => {
    const clientCert = generateCertificate();
    const { server, stdout } = await start(tlsEnv(clientCert));
    expect(stdout).toHaveLength(1);
    expect(stdout[0]).toMatch(/^1\|6\|unix\|\/[^|]+\/plugin\.sock\|grpc\|[A-Za-z0-9+/]+\n$/);
    const parsed = parseHandshakeLine(stdout[0] ?? "");
    expect(parsed.certificateDer?.equals(server.certificateDer!)).toBe(true);
    expect(statSync(dirname(server.address.address)).mode & 0o777).toBe(0o700);
    expect(statSync(server.address.address).mode & 0o777).toBe(0o600);

    const client = new ProviderClient(target(server), mtls(server, clientCert), channelOptions);
    expect((await getSchema(client)).provider?.version).toBe(7);
    client.close();
  });

  it("refuses a client presenting another certificate", async () => {
    const { server } = await start(tlsEnv(generateCertificate()));
    const client = new ProviderClient(target(server), mtls(server, generateCertificate()), channelOptions);
    const error = (await getSchema(client, 3_000).catch((e: unknown) => e)) as ServiceError;
    expect(error.code).toBe(status.UNAVAILABLE);
    client.close();
  });

  it("refuses, per call, another certificate issued by the PLUGIN_CLIENT_CERT one", async () => {
    const ca = generateCertificate();
    const dir = mkdtempSync(join(tmpdir(), "pyvider-test-"));
    try {
      writeFileSync(join(dir, "ca.pem"), ca.certificatePem);
      writeFileSync(join(dir, "ca.key"), ca.privateKeyPem);
      writeFileSync(join(dir, "ext.cnf"), "extendedKeyUsage=clientAuth\n");
      const openssl = (...args: string[]) => execFileSync("openssl", args, { cwd: dir, stdio: "pipe" });
      openssl(
        "req",
        "-new",
        "-newkey",
        "ec",
        "-pkeyopt",
        "ec_paramgen_curve:P-256",
        "-nodes",
        "-keyout",
        "leaf.key",
        "-subj",
        "/CN=localhost",
        "-out",
        "leaf.csr",
      );
      openssl(
        "x509",
        "-req",
        "-in",
        "leaf.csr",
        "-CA",
        "ca.pem",
        "-CAkey",
        "ca.key",
        "-CAcreateserial",
        "-days",
        "1",
        "-extfile",
        "ext.cnf",
        "-out",
        "leaf.pem",
      );
      const { server } = await start(tlsEnv(ca));
      const creds = credentials.createSsl(
        Buffer.from(derToPem(server.certificateDer!, "CERTIFICATE")),
        readFileSync(join(dir, "leaf.key")),
        readFileSync(join(dir, "leaf.pem")),
      );
      const client = new ProviderClient(target(server), creds, channelOptions);
      const error = (await getSchema(client, 3_000).catch((e: unknown) => e)) as ServiceError;
      expect(error.code).toBe(status.UNAUTHENTICATED);
      expect(error.details).toMatch(/not the one given in PLUGIN_CLIENT_CERT/);
      const healthClient = new HealthClient(target(server), creds, channelOptions);
      const healthError = await new Promise<ServiceError | null>((resolve) =>
        healthClient.check({ service: "plugin" }, (e) => resolve(e)),
      );
      expect(healthError?.code).toBe(status.UNAUTHENTICATED);
      client.close();
      healthClient.close();
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it("refuses a client presenting no certificate", async () => {
    const { server } = await start(tlsEnv(generateCertificate()));
    const creds = credentials.createSsl(Buffer.from(derToPem(server.certificateDer!, "CERTIFICATE")));
    const client = new ProviderClient(target(server), creds, channelOptions);
    const error = (await getSchema(client, 3_000).catch((e: unknown) => e)) as ServiceError;
    expect(error.code).toBe(status.UNAVAILABLE);
    client.close();
  });

  it("refuses a plaintext client", async () => {
    const { server } = await start(tlsEnv(generateCertificate()));
    const client = new ProviderClient(target(server), credentials.createInsecure());
    const error = (await getSchema(client, 3_000).catch((e: unknown) => e)) as ServiceError;
    expect(error.code).toBe(status.UNAVAILABLE);
    client.close();
  });

  it("puts the socket directory under PLUGIN_UNIX_SOCKET_DIR", async () => {
    const base = mkdtempSync(join(tmpdir(), "pyvider-sockets-"));
    try {
      const { server } = await start({ ...tlsEnv(generateCertificate()), PLUGIN_UNIX_SOCKET_DIR: base });
      expect(dirname(dirname(server.address.address))).toBe(base);
      await server.shutdown("test");
      expect(readdirSync(base)).toEqual([]);
    } finally {
      rmSync(base, { recursive: true, force: true });
    }
  });

  it("serves TCP within the port range", async () => {
    const clientCert = generateCertificate();
    const { server, stdout } = await start(
      { ...tlsEnv(clientCert), PLUGIN_MIN_PORT: "32000", PLUGIN_MAX_PORT: "32010" },
      { transport: "tcp" },
    );
    expect(stdout[0]).toMatch(/^1\|6\|tcp\|127\.0\.0\.1:320(0\d|10)\|grpc\|/);
    const client = new ProviderClient(target(server), mtls(server, clientCert), channelOptions);
    expect((await getSchema(client)).provider?.version).toBe(7);
    client.close();
  });

  it("reports a port range without a free port", async () => {
    const clientCert = generateCertificate();
    const { server } = await start(
      { ...tlsEnv(clientCert), PLUGIN_MIN_PORT: "32020", PLUGIN_MAX_PORT: "32020" },
      { transport: "tcp" },
    );
    const message = await refusal(
      { ...tlsEnv(clientCert), PLUGIN_MIN_PORT: "32020", PLUGIN_MAX_PORT: "32020" },
      { transport: "tcp" },
    );
    expect(message).toMatch(/no free TCP port on 127\.0\.0\.1 between 32020 and 32020/);
    expect(server.address.address).toBe("127.0.0.1:32020");
  });
});

describe("startPluginServer services", () => {
  async function plaintext(
    handlers: Partial<ProviderServiceHandlers>,
    options: Partial<PluginServerOptions> = {},
  ) {
    const harness = await start(
      { TF_PLUGIN_MAGIC_COOKIE: MAGIC_COOKIE_VALUE },
      { allowInsecure: true, ...options, handlers: { getProviderSchema: () => schema, ...handlers } },
    );
    const creds = credentials.createInsecure();
    return {
      ...harness,
      provider: new ProviderClient(target(harness.server), creds),
      health: new HealthClient(target(harness.server), creds),
      controller: new GRPCControllerClient(target(harness.server), creds),
    };
  }

  it("reports health SERVING for plugin, NOT_FOUND for others, and NOT_SERVING on Watch at shutdown", async () => {
    const { server, health } = await plaintext({});
    const check = (service: string) =>
      new Promise<number>((resolve, reject) =>
        health.check({ service }, (error, response) => (error ? reject(error) : resolve(response.status))),
      );
    expect(await check("plugin")).toBe(HealthCheckResponse_ServingStatus.SERVING);
    await expect(check("other")).rejects.toMatchObject({ code: status.NOT_FOUND });

    const watch = health.watch({ service: "plugin" });
    const seen: number[] = [];
    const ended = new Promise<void>((resolve) => {
      watch.on("data", (response) => seen.push(response.status));
      watch.on("end", resolve);
      watch.on("error", () => resolve());
    });
    await new Promise((resolve) => watch.once("data", resolve));
    await server.shutdown("test");
    await ended;
    expect(seen).toEqual([
      HealthCheckResponse_ServingStatus.SERVING,
      HealthCheckResponse_ServingStatus.NOT_SERVING,
    ]);
    health.close();
  });

  it("maps a throwing handler to UNKNOWN with its message, and missing handlers to UNIMPLEMENTED", async () => {
    const { provider, logs } = await plaintext({
      validateProviderConfig: () => {
        throw new Error("handler exploded");
      },
      configureProvider: async () => Promise.reject("a plain string"),
    });
    const requests = {
      validateProviderConfig: ValidateProviderConfig_Request.fromPartial({}),
      configureProvider: ConfigureProvider_Request.fromPartial({}),
      readResource: ReadResource_Request.fromPartial({}),
    };
    const call = (method: keyof typeof requests) =>
      new Promise((resolve, reject) =>
        (provider[method] as any)(requests[method], (error: ServiceError | null, response: unknown) =>
          error ? reject(error) : resolve(response),
        ),
      );
    await expect(call("validateProviderConfig")).rejects.toMatchObject({
      code: status.UNKNOWN,
      details: "handler exploded",
    });
    await expect(call("configureProvider")).rejects.toMatchObject({
      code: status.UNKNOWN,
      details: "a plain string",
    });
    await expect(call("readResource")).rejects.toMatchObject({
      code: status.UNIMPLEMENTED,
      details: "tfplugin6.Provider/ReadResource is not implemented by this provider",
    });
    expect((await getSchema(provider)).provider?.version).toBe(7);
    expect(logs.some((entry) => entry.level === "error" && entry.message.includes("handler exploded"))).toBe(
      true,
    );
  });

  it("hands metadata, peer and signals to handlers, and StopProvider aborts the stop signal", async () => {
    let stops = 0;
    const seen: Array<{ traceparent: string | undefined; method: string; stopAborted: boolean }> = [];
    const { provider } = await plaintext(
      {
        getProviderSchema: (_request, context) => {
          seen.push({
            traceparent: context.metadata.traceparent?.[0],
            method: context.method,
            stopAborted: context.stopSignal.aborted,
          });
          return schema;
        },
        applyResourceChange: (_request, context) =>
          new Promise((resolve) => context.stopSignal.addEventListener("abort", resolve)).then(() => ({
            private: Buffer.from("stopped"),
          })),
      },
      { onStop: () => stops++ },
    );
    const metadata = new Metadata();
    metadata.set("traceparent", "00-abc-def-01");
    await new Promise((resolve, reject) =>
      provider.getProviderSchema({}, metadata, (error, response) =>
        error ? reject(error) : resolve(response),
      ),
    );
    const applied = new Promise<Buffer>((resolve, reject) =>
      provider.applyResourceChange(ApplyResourceChange_Request.fromPartial({}), (error, response) =>
        error ? reject(error) : resolve(Buffer.from(response.private)),
      ),
    );
    await new Promise((resolve) => setTimeout(resolve, 100));
    await new Promise((resolve, reject) =>
      provider.stopProvider({}, (error, response) => (error ? reject(error) : resolve(response))),
    );
    expect((await applied).toString()).toBe("stopped");
    expect(stops).toBe(1);
    expect(seen).toEqual([
      { traceparent: "00-abc-def-01", method: "/tfplugin6.Provider/GetProviderSchema", stopAborted: false },
    ]);
  });

  it("aborts a handler's signal when the client cancels the call", async () => {
    let aborted: (reason: unknown) => void = () => {};
    const abortedReason = new Promise<unknown>((resolve) => (aborted = resolve));
    const { provider } = await plaintext({
      getProviderSchema: (_request, context) =>
        new Promise((resolve) => {
          context.signal.addEventListener("abort", () => {
            aborted(context.signal.reason);
            resolve(schema);
          });
        }),
    });
    const call = provider.getProviderSchema({}, (error) => expect(error?.code).toBe(status.CANCELLED));
    await new Promise((resolve) => setTimeout(resolve, 100));
    call.cancel();
    expect(String(await abortedReason)).toMatch(/cancelled by the client/);
  });

  it("Shutdown waits for in-flight calls, then closes and removes the socket directory", async () => {
    let release: () => void = () => {};
    const { server, provider, controller } = await plaintext({
      getProviderSchema: () => new Promise((resolve) => (release = () => resolve(schema))),
    });
    const inflight = getSchema(provider);
    await new Promise((resolve) => setTimeout(resolve, 100));
    await new Promise((resolve, reject) =>
      controller.shutdown({}, (error, response) => (error ? reject(error) : resolve(response))),
    );
    let closed = false;
    void server.closed.then(() => (closed = true));
    await new Promise((resolve) => setTimeout(resolve, 200));
    expect(closed).toBe(false);
    release();
    expect((await inflight).provider?.version).toBe(7);
    await server.closed;
    expect(() => statSync(dirname(server.address.address))).toThrow();
  });

  it("debug mode serves plaintext without the cookie and prints a reattach line", async () => {
    const { server, stdout } = await start(
      {},
      { argv: ["--debug"], providerAddress: "registry.opentofu.org/pyvider/kv" },
    );
    expect(server.debug).toBe(true);
    const reattach = parseReattachLine(stdout.join(""));
    expect(reattach).toEqual({
      "registry.opentofu.org/pyvider/kv": {
        Protocol: "grpc",
        ProtocolVersion: 6,
        Pid: process.pid,
        Test: true,
        Addr: { Network: "unix", String: server.address.address },
      },
    });
    const client = new ProviderClient(target(server), credentials.createInsecure());
    expect((await getSchema(client)).provider?.version).toBe(7);
    client.close();
  });
});
