import { statSync } from "node:fs";
import { dirname } from "node:path";
import { Client, credentials, Metadata, type ServiceError, status } from "@grpc/grpc-js";
import { describe, expect, it } from "vitest";
import { getSchema, schema, shutdownAfterEach, start, target } from "../__fixtures__/in-process.js";
import { GRPCControllerClient, HealthClient, ProviderClient } from "../gen/clients.js";
import { HealthCheckResponse_ServingStatus } from "../gen/health.js";
import {
  ApplyResourceChange_Request,
  ConfigureProvider_Request,
  ReadResource_Request,
  ValidateProviderConfig_Request,
} from "../gen/tfplugin6.js";
import { MAGIC_COOKIE_VALUE } from "../handshake/constants.js";
import { parseReattachLine } from "../handshake/reattach.js";
import type { ProviderServiceHandlers } from "./handlers.js";
import type { PluginServerOptions } from "./options.js";

shutdownAfterEach();

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

  it("answers malformed request bytes with an error and keeps serving", async () => {
    const { server, provider } = await plaintext({});
    const raw = new Client(target(server), credentials.createInsecure());
    const send = (path: string, bytes: number[]) =>
      new Promise<ServiceError | null>((resolve) =>
        raw.makeUnaryRequest(
          path,
          (value: Buffer) => value,
          (value: Buffer) => value,
          Buffer.from(bytes),
          (error) => resolve(error),
        ),
      );
    // A truncated length-delimited field.
    expect((await send("/tfplugin6.Provider/GetProviderSchema", [0x0a, 0x7f, 0x01]))?.code).toBe(
      status.INTERNAL,
    );
    // An int64 beyond 2^53 (UpgradeResourceState.Request.version = 2^63 - 1).
    const huge = [0x10, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0x7f];
    expect((await send("/tfplugin6.Provider/UpgradeResourceState", huge))?.code).toBe(status.INTERNAL);
    expect((await getSchema(provider)).provider?.version).toBe(7);
    raw.close();
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
