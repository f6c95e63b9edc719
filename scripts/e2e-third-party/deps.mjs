// The third-party packages (effect, typescript, vitest, ... and everything they pull in) that
// the e2e's installs need. The registry under test has no uplinks, so these are resolved once
// with npm against the ordinary registry, packed with `npm pack` (npm's own cache and
// registry), cached by what was asked for, and published into the e2e's Verdaccio.
import { spawnSync } from "node:child_process";
import { createHash } from "node:crypto";
import { existsSync, mkdirSync, mkdtempSync, readFileSync, renameSync, rmSync, writeFileSync } from "node:fs";
import { arch, platform, tmpdir } from "node:os";
import { join } from "node:path";

/** Does a lockfile entry's `os`/`cpu` list admit this machine? */
function admits(list, value) {
  if (!list || list.length === 0) return true;
  const allowed = list.filter((v) => !v.startsWith("!"));
  if (list.includes(`!${value}`)) return false;
  return allowed.length === 0 || allowed.includes(value);
}

/** glibc or musl (the `libc` field of platform packages). */
function libc() {
  const report = process.report?.getReport?.();
  return report?.header?.glibcVersionRuntime ? "glibc" : "musl";
}

/** The name of the package a `packages` key of a lockfile installs. */
function nameOf(key, entry) {
  if (entry.name) return entry.name;
  const i = key.lastIndexOf("node_modules/");
  return key.slice(i + "node_modules/".length);
}

function run(cmd, args, opts) {
  const r = spawnSync(cmd, args, { encoding: "utf8", maxBuffer: 64 * 1024 * 1024, ...opts });
  if (r.status !== 0) {
    throw new Error(
      `${cmd} ${args.slice(0, 4).join(" ")} ... failed (exit ${r.status}):\n${r.stderr || r.stdout}`,
    );
  }
  return r.stdout;
}

/**
 * Every package (name@version) that installing `wants` ({ name: [range, ...] }) can need on
 * this machine, with its tarball in `cacheDir`. Platform packages of other machines are left
 * out (npm skips an optional dependency it cannot fetch).
 * @returns {{ key: string, packages: { name: string, version: string, file: string }[] }}
 */
export function thirdPartyTarballs(wants, cacheDir, env, log) {
  const deps = {};
  let alias = 0;
  for (const [name, ranges] of Object.entries(wants).sort(([a], [b]) => (a < b ? -1 : 1))) {
    const [first, ...more] = [...new Set(ranges)].sort();
    deps[name] = first;
    for (const range of more) deps[`e2e-alias-${alias++}`] = `npm:${name}@${range}`;
  }
  const key = createHash("sha256")
    .update(JSON.stringify({ deps, platform: platform(), arch: arch() }))
    .digest("hex")
    .slice(0, 16);
  const lockFile = join(cacheDir, "locks", `${key}.json`);
  const tarballs = join(cacheDir, "tarballs");
  mkdirSync(join(cacheDir, "locks"), { recursive: true });
  mkdirSync(tarballs, { recursive: true });
  if (!existsSync(lockFile)) {
    log(`resolving ${Object.keys(deps).length} third-party dependencies with npm (cached as ${key})`);
    const scratch = mkdtempSync(join(tmpdir(), "pyvider-e2e-resolve-"));
    try {
      writeFileSync(
        join(scratch, "package.json"),
        JSON.stringify({ name: "e2e-resolve", private: true, dependencies: deps }),
      );
      run("npm", ["install", "--package-lock-only", "--ignore-scripts", "--no-audit", "--no-fund"], {
        cwd: scratch,
        env,
      });
      writeFileSync(lockFile, readFileSync(join(scratch, "package-lock.json")));
    } finally {
      rmSync(scratch, { recursive: true, force: true });
    }
  }
  const lock = JSON.parse(readFileSync(lockFile, "utf8"));
  const here = { os: platform(), cpu: arch(), libc: libc() };
  const wanted = new Map();
  for (const [path, entry] of Object.entries(lock.packages)) {
    if (path === "" || entry.link || !entry.version) continue;
    if (!admits(entry.os, here.os) || !admits(entry.cpu, here.cpu) || !admits(entry.libc, here.libc))
      continue;
    const name = nameOf(path, entry);
    const file = join(tarballs, `${name.replace("/", "+")}-${entry.version}.tgz`);
    wanted.set(`${name}@${entry.version}`, {
      name,
      version: entry.version,
      file,
      integrity: entry.integrity,
    });
  }
  const missing = [...wanted.values()].filter((p) => !existsSync(p.file));
  if (missing.length > 0) {
    log(`packing ${missing.length} third-party tarballs with npm pack (cached in ${tarballs})`);
    const out = mkdtempSync(join(tmpdir(), "pyvider-e2e-pack-"));
    try {
      for (let i = 0; i < missing.length; i += 40) {
        const chunk = missing.slice(i, i + 40);
        const packed = JSON.parse(
          run(
            "npm",
            ["pack", "--json", "--pack-destination", out, ...chunk.map((p) => `${p.name}@${p.version}`)],
            {
              cwd: out,
              env,
            },
          ),
        );
        const byId = new Map(packed.map((e) => [`${e.name}@${e.version}`, e.filename]));
        for (const p of chunk) {
          const filename = byId.get(`${p.name}@${p.version}`);
          if (!filename) throw new Error(`npm pack did not produce ${p.name}@${p.version}`);
          const tgz = readFileSync(join(out, filename));
          const [algo, digest] = (p.integrity ?? "").split("-");
          if (algo && createHash(algo).update(tgz).digest("base64") !== digest) {
            throw new Error(
              `${p.name}@${p.version}: the packed tarball does not match the lockfile's integrity`,
            );
          }
          renameSync(join(out, filename), p.file);
        }
      }
    } finally {
      rmSync(out, { recursive: true, force: true });
    }
  }
  return { key, packages: [...wanted.values()] };
}
