import { spawn } from "node:child_process";
import { existsSync, readFileSync, statSync } from "node:fs";
import { dirname, join } from "node:path";
import { connect as tlsConnect } from "node:tls";
import { fileURLToPath } from "node:url";
import { generateCertificate, health, parseReattachLine, type ReattachConfig } from "@pyvider/protocol";
import { afterEach, describe, expect, it } from "vitest";
import { attach } from "./attach.js";
import { HandshakeError, type ProviderProcess, startProviderProcess } from "./process.js";

const here = dirname(fileURLToPath(import.meta.url));
const packageDir = join(here, "..", "..");
const fixture = join(here, "..", "__fixtures__", "provider.ts");
const nodeArgs = ["--import", "tsx", fixture];

const started: ProviderProcess[] = [];
async function start(options: Partial<Parameters<typeof startProviderProcess>[0]> = {}) {
  const provider = await startProviderProcess({
    command: process.execPath,
    args: nodeArgs,
    cwd: packageDir,
    ...options,
  });
  started.push(provider);
  return provider;
}

afterEach(async () => {
  await Promise.all(started.splice(0).map((provider) => provider.dispose()));
});

/** Whether a process runs (a zombie awaiting its reaper counts as gone). */
function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
  } catch {
    return false;
  }
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, "utf8");
    return stat.slice(stat.lastIndexOf(")") + 2, stat.lastIndexOf(")") + 3) !== "Z";
  } catch {
    return !existsSync("/proc/self/stat");
  }
}

async function waitUntil(condition: () => boolean, what: string, timeoutMs = 15_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!condition()) {
    if (Date.now() > deadline) throw new Error(`timed out waiting until ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

describe("startProviderProcess", () => {
  it("handshakes over a private unix socket with mutual TLS and calls RPCs", async () => {
    const provider = await start();
    expect(provider.handshake.network).toBe("unix");
    const socket = statSync(provider.handshake.address);
    expect(socket.isSocket()).toBe(true);
    expect(socket.mode & 0o777).toBe(0o600);
    expect(statSync(dirname(provider.handshake.address)).mode & 0o777).toBe(0o700);

    const schema = await provider.getProviderSchema();
    expect(schema.provider?.version).toBe(3);
    expect(Buffer.from(schema.provider?.block?.attributes[0]?.type ?? []).toString()).toBe('"string"');
    expect(Object.keys(schema.resourceSchemas)).toEqual(["fixture_thing"]);
    expect(await provider.health()).toBe(health.HealthCheckResponse_ServingStatus.SERVING);
  });

  it("announces the DER certificate the TLS server really presents, base64 without padding", async () => {
    const provider = await start();
    const line = `1|6|unix|${provider.handshake.address}|grpc|${Buffer.from(provider.handshake.certificateDer!).toString("base64").replace(/=+$/, "")}`;
    expect(line).toMatch(/^1\|6\|unix\|\/[^|]+\|grpc\|[A-Za-z0-9+/]+$/);

    const client = generateCertificate();
    // Any client cert other than the one in PLUGIN_CLIENT_CERT is refused, but the
    // server still presents its certificate during the handshake.
    const presented = await new Promise<Buffer>((resolve, reject) => {
      const socket = tlsConnect({
        path: provider.handshake.address,
        servername: "localhost",
        rejectUnauthorized: false,
        ALPNProtocols: ["h2"],
        cert: client.certificatePem,
        key: client.privateKeyPem,
      });
      socket.once("secureConnect", () => {
        resolve(socket.getPeerCertificate().raw);
        socket.destroy();
      });
      socket.once("error", reject);
    });
    expect(presented.equals(provider.handshake.certificateDer!)).toBe(true);
  });

  it("collects stderr and keeps later stdout writes off the handshake channel", async () => {
    const provider = await start();
    await provider.stopProvider();
    await waitUntil(
      () => provider.stderrLines.includes("fixture: StopProvider handled"),
      "stderr shows the stop",
    );
    await waitUntil(
      () => provider.stderrLines.includes("fixture: console.log after the handshake"),
      "console.log lands on stderr",
    );
    expect(provider.stdoutLines).toEqual([]);
  });

  it("passes metadata to handlers and moves a 50 MiB message both ways", async () => {
    const provider = await start();
    const big = Buffer.alloc(50 * 1024 * 1024);
    for (let i = 0; i < big.length; i += 4096) big[i] = i % 251;
    const response = await provider.readDataSource(
      { typeName: "x", config: { msgpack: big } },
      { metadata: { traceparent: "00-0af7651916cd43dd8448eb211c80319c-b7ad6b7169203331-01" } },
    );
    expect(response.state?.msgpack.length).toBe(big.length);
    expect(Buffer.from(response.state!.msgpack).equals(big)).toBe(true);
    expect(response.diagnostics[0]?.summary).toBe(
      "traceparent=00-0af7651916cd43dd8448eb211c80319c-b7ad6b7169203331-01",
    );
  });

  it("maps a throwing handler to a gRPC error and keeps serving", async () => {
    const provider = await start();
    await expect(provider.validateProviderConfig({})).rejects.toThrow(/boom from the fixture handler/);
    await expect(provider.getMetadata()).rejects.toMatchObject({
      code: 13,
      details: expect.stringMatching(/invalid tfplugin6\.Provider\/GetMetadata response/),
    });
    await expect(provider.configureProvider({})).rejects.toMatchObject({ code: 12 });
    expect((await provider.getProviderSchema()).provider?.version).toBe(3);
  });

  it("streams stdout writes made after the handshake over GRPCStdio", async () => {
    const provider = await start();
    const stream = provider.streamStdio()[Symbol.asyncIterator]();
    await new Promise((resolve) => setTimeout(resolve, 200));
    await provider.getFunctions();
    const first = await stream.next();
    expect(first.value?.channel).toBe(1);
    expect(Buffer.from(first.value?.data ?? []).toString()).toBe("fixture: stdout during a call\n");
    await stream.return?.();
  });

  it("attaches to a provider started in debug mode, which SIGINT stops", async () => {
    const child = spawn(process.execPath, [...nodeArgs, "--debug"], {
      cwd: packageDir,
      stdio: ["ignore", "pipe", "pipe"],
    });
    let stdout = "";
    const reattach = await new Promise<Record<string, ReattachConfig>>((resolve, reject) => {
      child.stdout!.on("data", (chunk: Buffer) => {
        stdout += chunk.toString();
        const parsed = parseReattachLine(stdout);
        if (parsed) resolve(parsed);
      });
      child.once("exit", (code) => reject(new Error(`debug provider exited early with ${code}`)));
    });
    const exited = new Promise<number | null>((resolve) => child.once("exit", resolve));
    const config = reattach["registry.opentofu.org/pyvider/fixture"];
    expect(config?.Pid).toBe(child.pid);
    const client = attach(config!);
    expect((await client.getProviderSchema()).provider?.version).toBe(3);
    expect(await client.health()).toBe(health.HealthCheckResponse_ServingStatus.SERVING);
    client.close();
    child.kill("SIGINT");
    expect(await exited).toBe(0);
  });

  it("streams server and client streaming RPCs", async () => {
    const provider = await start();
    const names: string[] = [];
    for await (const event of provider.listResource({ typeName: "t", limit: 5 }))
      names.push(event.displayName);
    expect(names).toEqual(["item-0", "item-1", "item-2", "item-3", "item-4"]);
    const written = await provider.writeStateBytes([
      { meta: { typeName: "s", stateId: "default" }, bytes: Buffer.from("abc") },
      { bytes: Buffer.from("defgh") },
    ]);
    expect(written.diagnostics[0]?.summary).toBe("received 8 bytes");
  });

  it("exits with code 0 after GRPCController.Shutdown", async () => {
    const provider = await start();
    const exit = await provider.shutdown();
    expect(exit).toEqual({ code: 0, signal: null });
  });

  it("ignores SIGINT and exits cleanly on SIGTERM, removing its socket directory", async () => {
    const provider = await start();
    const socketDir = dirname(provider.handshake.address);
    provider.kill("SIGINT");
    await new Promise((resolve) => setTimeout(resolve, 300));
    expect(await provider.health()).toBe(health.HealthCheckResponse_ServingStatus.SERVING);
    provider.kill("SIGTERM");
    expect(await provider.exited).toEqual({ code: 0, signal: null });
    expect(() => statSync(socketDir)).toThrow();
  });

  it("serves TCP on 127.0.0.1 within the allowed port range when asked", async () => {
    const provider = await start({
      env: { PYVIDER_PLUGIN_TRANSPORT: "tcp" },
      minPort: 31_000,
      maxPort: 31_050,
    });
    expect(provider.handshake.network).toBe("tcp");
    const [host, port] = provider.handshake.address.split(":");
    expect(host).toBe("127.0.0.1");
    expect(Number(port)).toBeGreaterThanOrEqual(31_000);
    expect(Number(port)).toBeLessThanOrEqual(31_050);
    expect((await provider.getProviderSchema()).provider?.version).toBe(3);
  });

  it("reports a missing magic cookie with the provider's stderr and exit code 1", async () => {
    const error = await start({ env: { TF_PLUGIN_MAGIC_COOKIE: "wrong" } }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(HandshakeError);
    expect((error as HandshakeError).message).toMatch(/exited before the handshake \(code 1/);
    expect((error as HandshakeError).stderr).toMatch(/not meant to be run\s+directly/);
  });

  it("reports a failed version negotiation", async () => {
    const error = await start({ protocolVersions: "4,5" }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(HandshakeError);
    expect((error as HandshakeError).stderr).toMatch(/speaks plugin protocol version 6.*offered 4, 5/);
  });

  it("times out a provider that never handshakes, with a clear error", async () => {
    const error = await startProviderProcess({
      command: process.execPath,
      args: ["-e", "process.stderr.write('still thinking\\n'); setTimeout(() => {}, 60000)"],
      handshakeTimeoutMs: 3_000,
    }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(HandshakeError);
    expect((error as Error).message).toMatch(/no plugin handshake line within 3000 ms[\s\S]*still thinking/);
  });

  it("exits when its parent process dies", async () => {
    const client = generateCertificate();
    const parent = spawn(
      process.execPath,
      [join(here, "..", "__fixtures__", "spawn-parent.mjs"), process.execPath, ...nodeArgs],
      {
        cwd: packageDir,
        env: {
          ...process.env,
          TF_PLUGIN_MAGIC_COOKIE: "d602bf8f470bc67ca7faa0386276bbdd4330efaf76d1a219cb4d6991ca9872b2",
          PLUGIN_PROTOCOL_VERSIONS: "6",
          PLUGIN_CLIENT_CERT: client.certificatePem,
        },
        stdio: ["ignore", "pipe", "inherit"],
      },
    );
    const pid = await new Promise<number>((resolve, reject) => {
      parent.stdout!.once("data", (chunk: Buffer) => resolve(Number.parseInt(chunk.toString(), 10)));
      parent.once("error", reject);
    });
    expect(alive(pid)).toBe(true);
    parent.kill("SIGKILL");
    await waitUntil(() => !alive(pid), `plugin ${pid} exits after its parent died`);
  });
});
