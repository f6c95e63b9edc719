// A throw-away Verdaccio for the third-party e2e: loopback only, storage in a temporary
// directory, no uplinks. Everything an install needs is published into it first.
import { spawn } from "node:child_process";
import { createHash } from "node:crypto";
import { writeFileSync } from "node:fs";
import { createServer } from "node:net";
import { join } from "node:path";
import { setTimeout as sleep } from "node:timers/promises";
import { gunzipSync } from "node:zlib";

/**
 * `fetch` that says why a request failed (undici's "fetch failed" hides the cause) and retries a
 * dropped connection twice.
 */
export async function request(url, init) {
  for (let attempt = 1; ; attempt++) {
    try {
      return await fetch(url, init);
    } catch (err) {
      const cause = err?.cause ? `: ${err.cause.code ?? ""} ${err.cause.message ?? err.cause}` : "";
      if (attempt >= 3) throw new Error(`${init?.method ?? "GET"} ${url} failed${cause}`);
      await sleep(500 * attempt);
    }
  }
}

/** A free TCP port on 127.0.0.1 (the OS picks it). */
export function freePort() {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.on("error", reject);
    server.listen(0, "127.0.0.1", () => {
      const { port } = server.address();
      server.close(() => resolve(port));
    });
  });
}

/** The Verdaccio config: no uplinks, so nothing can come from anywhere but this storage. */
function verdaccioConfig(dir) {
  return [
    `storage: ${JSON.stringify(join(dir, "storage"))}`,
    "auth:",
    "  htpasswd:",
    `    file: ${JSON.stringify(join(dir, "htpasswd"))}`,
    "    max_users: 10",
    "uplinks: {}",
    "packages:",
    "  '@pyvider/*':",
    "    access: $all",
    "    publish: $authenticated",
    "  '**':",
    "    access: $all",
    "    publish: $authenticated",
    "web:",
    "  enable: false",
    "max_body_size: 500mb",
    "log: { type: stdout, format: pretty, level: warn }",
    "",
  ].join("\n");
}

/**
 * Starts Verdaccio (the root devDependency) on a free loopback port and creates a user.
 * @returns {{ url: string, token: string, stop: () => void, log: () => string }}
 */
export async function startVerdaccio(bin, dir) {
  const config = join(dir, "config.yaml");
  writeFileSync(config, verdaccioConfig(dir));
  for (let attempt = 1; ; attempt++) {
    const port = await freePort();
    const url = `http://127.0.0.1:${port}/`;
    let out = "";
    const child = spawn(process.execPath, [bin, "--config", config, "--listen", `127.0.0.1:${port}`], {
      stdio: ["ignore", "pipe", "pipe"],
    });
    child.stdout.on("data", (d) => (out += d));
    child.stderr.on("data", (d) => (out += d));
    let exited = false;
    let stopping = false;
    child.on("exit", (code, signal) => {
      exited = true;
      if (!stopping && ready) {
        process.stderr.write(
          `[third-party] Verdaccio exited (${signal ?? `code ${code}`}):\n${out.slice(-4000)}\n`,
        );
      }
    });
    let ready = false;
    const stop = () => {
      stopping = true;
      if (!exited) child.kill("SIGTERM");
    };
    const deadline = Date.now() + 60_000;
    while (!exited && Date.now() < deadline) {
      try {
        const r = await fetch(`${url}-/ping`);
        if (r.ok) break;
      } catch {
        // not listening yet
      }
      await sleep(200);
    }
    if (exited || Date.now() >= deadline) {
      stop();
      if (attempt < 3 && /EADDRINUSE/.test(out)) continue;
      throw new Error(`Verdaccio did not answer on ${url}:\n${out}`);
    }
    ready = true;
    try {
      const user = await request(`${url}-/user/org.couchdb.user:e2e`, {
        method: "PUT",
        headers: { "content-type": "application/json" },
        body: JSON.stringify({ name: "e2e", password: "e2e-third-party" }),
      });
      const { token } = await user.json();
      if (!user.ok || !token) throw new Error(`creating a Verdaccio user failed (${user.status})`);
      return { url, token, stop, log: () => out, pid: child.pid };
    } catch (err) {
      stop();
      throw err;
    }
  }
}

/** The `package.json` inside an npm tarball (`<dir>/package.json`, usually `package/`). */
export function manifestOf(tgz) {
  const tar = gunzipSync(tgz);
  let longName = null;
  for (let off = 0; off + 512 <= tar.length; ) {
    const header = tar.subarray(off, off + 512);
    if (header.every((b) => b === 0)) break;
    const field = (start, len) =>
      header
        .subarray(start, start + len)
        .toString("utf8")
        .replace(/\0.*$/s, "");
    const size = Number.parseInt(field(124, 12).trim() || "0", 8);
    const type = field(156, 1);
    const body = tar.subarray(off + 512, off + 512 + size);
    off += 512 + Math.ceil(size / 512) * 512;
    if (type === "L") {
      longName = body.toString("utf8").replace(/\0.*$/s, "");
      continue;
    }
    if (type === "x") {
      const path = /\d+ path=([^\n]*)\n/.exec(body.toString("utf8"));
      if (path) longName = path[1];
      continue;
    }
    const prefix = field(345, 155);
    const name = longName ?? (prefix ? `${prefix}/${field(0, 100)}` : field(0, 100));
    longName = null;
    if (/^[^/]+\/package\.json$/.test(name)) return JSON.parse(body.toString("utf8"));
  }
  throw new Error("no package.json in the tarball");
}

/**
 * Publishes one tarball exactly as libnpmpublish does (`PUT /<name>` with the version's
 * manifest and the tarball as an attachment), without the npm client's per-process start-up.
 */
export async function publishTarball(registry, token, tgz, manifest = manifestOf(tgz)) {
  const { name, version } = manifest;
  const tarballName = `${name}-${version}.tgz`;
  const dist = {
    shasum: createHash("sha1").update(tgz).digest("hex"),
    integrity: `sha512-${createHash("sha512").update(tgz).digest("base64")}`,
    tarball: `${registry}${name}/-/${tarballName}`,
  };
  const { publishConfig: _ignored, ...pkg } = manifest;
  const body = {
    _id: name,
    name,
    description: manifest.description,
    "dist-tags": { latest: version },
    versions: { [version]: { ...pkg, _id: `${name}@${version}`, dist } },
    _attachments: {
      [tarballName]: {
        content_type: "application/octet-stream",
        data: tgz.toString("base64"),
        length: tgz.length,
      },
    },
  };
  const r = await request(`${registry}${name.replace("/", "%2f")}`, {
    method: "PUT",
    headers: { "content-type": "application/json", authorization: `Bearer ${token}` },
    body: JSON.stringify(body),
  });
  if (!r.ok) throw new Error(`publishing ${name}@${version} failed: ${r.status} ${await r.text()}`);
}
