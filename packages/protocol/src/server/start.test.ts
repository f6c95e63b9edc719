import { mkdtempSync, readdirSync, rmSync, statSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import { credentials, type ServiceError, status } from "@grpc/grpc-js";
import { describe, expect, it } from "vitest";
import {
  channelOptions,
  getSchema,
  mtls,
  refusal,
  shutdownAfterEach,
  start,
  target,
  tlsEnv,
} from "../__fixtures__/in-process.js";
import { issueCertificate } from "../__fixtures__/issued-certificate.js";
import { HealthClient, ProviderClient } from "../gen/clients.js";
import { MAGIC_COOKIE_VALUE } from "../handshake/constants.js";
import { parseHandshakeLine } from "../handshake/line.js";
import { derToPem, generateCertificate } from "../tls/certificate.js";

shutdownAfterEach();

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
    const leaf = issueCertificate(ca);
    const { server } = await start(tlsEnv(ca));
    const creds = credentials.createSsl(
      Buffer.from(derToPem(server.certificateDer!, "CERTIFICATE")),
      Buffer.from(leaf.privateKeyPem),
      Buffer.from(leaf.certificatePem),
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
