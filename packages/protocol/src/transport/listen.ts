/**
 * Where the plugin listens: a unix socket in a private directory, or TCP on
 * 127.0.0.1 inside the port range the client allows.
 * @internal
 */
import { chmodSync, mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import type { GrpcServer } from "../grpc/server.js";
import type { PluginAddress } from "../handshake/line.js";

/** A bound listener. */
export interface Listener extends PluginAddress {
  /** Removes what binding created (the socket directory). Idempotent. */
  cleanup(): void;
}

/** The longest unix socket path that works everywhere (macOS allows 104 bytes). */
const MAX_SOCKET_PATH = 103;

/**
 * Binds a unix socket `plugin.sock` inside a fresh directory (mode 0700)
 * under `baseDir`; the socket itself gets mode 0600.
 */
export async function listenUnix(server: GrpcServer, baseDir = tmpdir()): Promise<Listener> {
  const dir = mkdtempSync(join(baseDir, "pyvider-plugin-"));
  chmodSync(dir, 0o700);
  const cleanup = () => rmSync(dir, { recursive: true, force: true });
  const path = join(dir, "plugin.sock");
  if (Buffer.byteLength(path) > MAX_SOCKET_PATH) {
    cleanup();
    throw new Error(
      `unix socket path ${path} is longer than ${MAX_SOCKET_PATH} bytes; set PLUGIN_UNIX_SOCKET_DIR to a shorter directory`,
    );
  }
  try {
    await server.listen({ path });
    chmodSync(path, 0o600);
  } catch (error) {
    cleanup();
    throw error;
  }
  return { network: "unix", address: path, cleanup };
}

/** Parses a port bound from the environment, or the default. */
function port(value: string | undefined, fallback: number, name: string): number {
  if (value === undefined || value.trim() === "") return fallback;
  const parsed = Number(value);
  if (!Number.isInteger(parsed) || parsed < 1 || parsed > 65535) {
    throw new Error(`${name}=${JSON.stringify(value)} is not a TCP port number`);
  }
  return parsed;
}

/**
 * Binds TCP on 127.0.0.1 at the first free port of `PLUGIN_MIN_PORT` ..
 * `PLUGIN_MAX_PORT` (default 10000..25000), trying from a random offset.
 */
export async function listenTcp(
  server: GrpcServer,
  env: Readonly<Record<string, string | undefined>>,
): Promise<Listener> {
  const min = port(env.PLUGIN_MIN_PORT, 10_000, "PLUGIN_MIN_PORT");
  const max = port(env.PLUGIN_MAX_PORT, 25_000, "PLUGIN_MAX_PORT");
  if (min > max) throw new Error(`PLUGIN_MIN_PORT (${min}) is greater than PLUGIN_MAX_PORT (${max})`);
  const count = max - min + 1;
  const offset = Math.floor(Math.random() * count);
  let lastError: unknown;
  for (let i = 0; i < count; i++) {
    const candidate = min + ((offset + i) % count);
    try {
      const bound = await server.listen({ host: "127.0.0.1", port: candidate });
      return { network: "tcp", address: `127.0.0.1:${bound}`, cleanup: () => {} };
    } catch (error) {
      lastError = error;
    }
  }
  throw new Error(
    `no free TCP port on 127.0.0.1 between ${min} and ${max}: ${lastError instanceof Error ? lastError.message : String(lastError)}`,
  );
}
