// Small helpers of the third-party e2e: commands, environments, sizes.
import { spawnSync } from "node:child_process";
import { existsSync, lstatSync, readdirSync, readFileSync, writeFileSync } from "node:fs";
import { delimiter, join } from "node:path";

/** Throws unless `actual` and `expected` are the same JSON. */
export function expectEqual(actual, expected, what) {
  const a = JSON.stringify(actual);
  const e = JSON.stringify(expected);
  if (a !== e) throw new Error(`${what}: expected ${e}, got ${a}`);
}

/** Runs a command; throws with the tail of its output when it fails (unless its code is in `allow`). */
export function run(cmd, args, { cwd, env, allow = [0], timeout = 600_000, input } = {}) {
  const r = spawnSync(cmd, args, {
    cwd,
    env,
    encoding: "utf8",
    timeout,
    input,
    maxBuffer: 256 * 1024 * 1024,
  });
  const output = `${r.stdout ?? ""}${r.stderr ?? ""}`;
  if (r.error || !allow.includes(r.status)) {
    const tail = output.split("\n").slice(-60).join("\n");
    throw new Error(
      `\`${[cmd, ...args].join(" ")}\` in ${cwd} ${r.error ? `failed: ${r.error.message}` : `exited ${r.status}`}\n${tail}`,
    );
  }
  return { ...r, output };
}

/**
 * The environment of the stranger: npm and npx see only the registry at `url` (their own
 * user and global config in `dir`, their own cache), and none of the `npm_*` variables an
 * `npm run` passes down.
 */
export function strangerEnv(url, dir) {
  const env = Object.fromEntries(Object.entries(process.env).filter(([k]) => !/^npm_/i.test(k)));
  const npmrc = join(dir, "npmrc");
  writeFileSync(npmrc, `registry=${url}\naudit=false\nfund=false\nupdate-notifier=false\n`);
  writeFileSync(join(dir, "global-npmrc"), "");
  return {
    ...env,
    npm_config_userconfig: npmrc,
    npm_config_globalconfig: join(dir, "global-npmrc"),
    npm_config_registry: url,
    npm_config_cache: join(dir, "npm-cache"),
    npm_config_prefer_online: "true",
    NO_UPDATE_NOTIFIER: "1",
    CI: "true",
  };
}

/** The bytes of the files under `dir`. */
function bytesUnder(dir) {
  let bytes = 0;
  for (const e of readdirSync(dir, { withFileTypes: true })) {
    const p = join(dir, e.name);
    if (e.isDirectory()) bytes += bytesUnder(p);
    else if (e.isFile()) bytes += lstatSync(p).size;
  }
  return bytes;
}

/**
 * What an npm install in `dir` put into node_modules: the packages (from npm's hidden
 * lockfile), the bytes of their files, the disk blocks they take (`du`), and the bytes per
 * top-level package.
 */
export function installSize(dir) {
  const modules = join(dir, "node_modules");
  const lock = JSON.parse(readFileSync(join(modules, ".package-lock.json"), "utf8"));
  const packages = Object.keys(lock.packages).filter((k) => k.startsWith("node_modules/"));
  const perTop = new Map();
  for (const k of packages) {
    const [first, second] = k.slice("node_modules/".length).split("/");
    const top = first.startsWith("@") ? `${first}/${second}` : first;
    if (!perTop.has(top)) perTop.set(top, bytesUnder(join(modules, top)));
  }
  const du = spawnSync("du", ["-sk", modules], { encoding: "utf8" });
  const disk = du.status === 0 ? Number(du.stdout.split(/\s/)[0]) * 1024 : undefined;
  return { bytes: bytesUnder(modules), disk, count: packages.length, perTop };
}

/** Bytes as MB with one decimal. */
export const mb = (b) => `${(b / 1024 / 1024).toFixed(1)} MB`;

/** The tool binary on PATH, if any. */
export function onPath(name) {
  for (const d of (process.env.PATH ?? "").split(delimiter)) {
    const p = join(d, name);
    if (d && existsSync(p)) return p;
  }
  return undefined;
}
