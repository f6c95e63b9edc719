/**
 * In-process test harness for startPluginServer: injected env, exit, stdout,
 * stderr and logger; raw grpc-js clients.
 */
import { type ChannelCredentials, credentials, Metadata } from "@grpc/grpc-js";
import { afterEach, expect } from "vitest";
import type { ProviderClient } from "../gen/clients.js";
import { GetProviderSchema_Response } from "../gen/tfplugin6.js";
import { MAGIC_COOKIE_VALUE } from "../handshake/constants.js";
import type { PluginLogLevel } from "../server/logger.js";
import { type PluginServer, type PluginServerOptions, PluginStartError } from "../server/options.js";
import { startPluginServer } from "../server/start.js";
import { derToPem, type GeneratedCertificate } from "../tls/certificate.js";

/** A started in-process server and what it printed, logged and exited with. */
export interface Harness {
  server: PluginServer;
  stdout: string[];
  stderr: string[];
  logs: Array<{ level: PluginLogLevel; message: string }>;
  exits: number[];
}

const running: PluginServer[] = [];

/** Registers the hook that shuts down every server a test started. */
export function shutdownAfterEach(): void {
  afterEach(async () => {
    await Promise.all(running.splice(0).map((server) => server.shutdown("test over")));
  });
}

/** The fixed schema the default handler returns. */
export const schema = GetProviderSchema_Response.fromPartial({ provider: { version: 7 } });

/** Starts a server in-process with injected env, streams, logger and exit. */
export async function start(
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

/** Starts a server expected to refuse; returns its stderr text. */
export async function refusal(
  env: Record<string, string | undefined>,
  options: Partial<PluginServerOptions> = {},
) {
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

/** The grpc-js target of a server. */
export function target(server: PluginServer): string {
  return server.address.network === "unix" ? `unix://${server.address.address}` : server.address.address;
}

/** Client credentials presenting `client` and trusting the server certificate. */
export function mtls(server: PluginServer, client: GeneratedCertificate): ChannelCredentials {
  return credentials.createSsl(
    Buffer.from(derToPem(server.certificateDer!, "CERTIFICATE")),
    Buffer.from(client.privateKeyPem),
    Buffer.from(client.certificatePem),
  );
}

/** The server name the certificate is for. */
export const channelOptions = {
  "grpc.ssl_target_name_override": "localhost",
  "grpc.default_authority": "localhost",
};

/** Calls GetProviderSchema with a deadline. */
export function getSchema(client: ProviderClient, timeoutMs = 5_000): Promise<GetProviderSchema_Response> {
  return new Promise((resolve, reject) => {
    client.getProviderSchema({}, new Metadata(), { deadline: Date.now() + timeoutMs }, (error, response) =>
      error ? reject(error) : resolve(response),
    );
  });
}

/** The environment Terraform sets, with `client` as PLUGIN_CLIENT_CERT. */
export function tlsEnv(client: GeneratedCertificate): Record<string, string> {
  return {
    TF_PLUGIN_MAGIC_COOKIE: MAGIC_COOKIE_VALUE,
    PLUGIN_PROTOCOL_VERSIONS: "5,6",
    PLUGIN_CLIENT_CERT: client.certificatePem,
  };
}
