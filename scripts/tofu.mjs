#!/usr/bin/env node
// Provides the pinned OpenTofu (or Terraform) binary, built from the Go module proxy.
//
//   node scripts/tofu.mjs --ensure            build if needed, print the binary path
//   node scripts/tofu.mjs [args...]           run `tofu args...`
//   PYVIDER_TOOL=terraform node scripts/tofu.mjs --ensure
//
// The binary is cached outside the clone, keyed by version:
//   ${PYVIDER_CACHE_DIR:-${XDG_CACHE_HOME:-~/.cache}/pyvider-ts}/<tool>/<version>/<tool>
// A `tofu` on PATH that reports the pinned version is used as is.
import { execFileSync, spawnSync } from "node:child_process";
import {
  chmodSync,
  cpSync,
  existsSync,
  mkdirSync,
  readFileSync,
  renameSync,
  rmSync,
  writeFileSync,
} from "node:fs";
import { homedir } from "node:os";
import { delimiter, join } from "node:path";

/** Pinned versions: the newest releases the Go module proxy serves that build here. */
export const TOOLS = {
  tofu: {
    module: "github.com/opentofu/opentofu",
    version: "v1.12.6",
    pkg: "./cmd/tofu",
    // a release build reports "v1.12.6", not "v1.12.6-dev"
    ldflags: ["-X", "github.com/opentofu/opentofu/version.dev=no"],
  },
  terraform: {
    module: "github.com/hashicorp/terraform",
    version: "v1.16.4",
    pkg: ".",
    // experiments (state stores) are only enabled in builds linked with this flag
    ldflags: ["-X", "main.experimentsAllowed=yes", "-X", "github.com/hashicorp/terraform/version.dev=no"],
    // The module zip lacks the nested modules that go.mod's replace directives point at (the
    // remote-state backends for cloud services). We build a copy without those backends.
    patch: dropNestedBackends,
  },
};

/** Removes the imports and registrations of remote-state backends whose nested modules are missing. */
function dropNestedBackends(srcDir) {
  const initGo = join(srcDir, "internal/backend/init/init.go");
  const missing = ["azure", "consul", "cos", "gcs", "kubernetes", "oci", "oss", "pg", "s3"].filter(
    (b) => !existsSync(join(srcDir, "internal/backend/remote-state", b)),
  );
  const aliases = {
    azure: "backendAzure",
    consul: "backendConsul",
    cos: "backendCos",
    gcs: "backendGCS",
    kubernetes: "backendKubernetes",
    oci: "backendOCI",
    oss: "backendOSS",
    pg: "backendPg",
    s3: "backendS3",
  };
  let text = readFileSync(initGo, "utf8");
  for (const b of missing) {
    const alias = aliases[b];
    text = text
      .split("\n")
      .filter((line) => !line.includes(`${alias} "`) && !line.includes(`${alias}.New`))
      .join("\n");
  }
  writeFileSync(initGo, text);
  return missing;
}

const log = (msg) => process.stderr.write(`[tofu-tool] ${msg}\n`);

export function cacheRoot() {
  if (process.env.PYVIDER_CACHE_DIR) return process.env.PYVIDER_CACHE_DIR;
  const base = process.env.XDG_CACHE_HOME || join(homedir(), ".cache");
  return join(base, "pyvider-ts");
}

function onPath(name, version) {
  for (const dir of (process.env.PATH || "").split(delimiter)) {
    const candidate = join(dir, name);
    if (!dir || !existsSync(candidate)) continue;
    const out = spawnSync(candidate, ["version"], { encoding: "utf8" });
    if (out.status === 0 && out.stdout.includes(version.replace(/^v/, "v"))) return candidate;
  }
  return undefined;
}

/**
 * The environment variable that carries why a tool could not be built in this run
 * (`npm test` sets it after a failed build, so the tests that need the tool fail with the
 * reason at once instead of building again; the others do not need it).
 */
export function unavailableVar(tool) {
  return `PYVIDER_${tool === "tofu" ? "TOFU" : tool.toUpperCase()}_UNAVAILABLE`;
}

/**
 * The lines of `go` output that say what went wrong: compiler errors (`file.go:12:3: ...`), the
 * go command's own (`go: ...`), the package headers above them (`# pkg`), linker and signal
 * failures. At most `max` lines.
 */
export function goErrorLines(output, max = 20) {
  const lines = String(output)
    .split("\n")
    .map((l) => l.trimEnd())
    .filter(
      (l) =>
        /^\S+\.go:\d+(:\d+)?: /.test(l) ||
        /^go: /.test(l) ||
        /^# \S/.test(l) ||
        /^\S*(link|compile|asm): /.test(l) ||
        /(signal: killed|out of memory|cannot allocate memory|no space left on device)/i.test(l),
    )
    .filter((l) => !/^go: downloading /.test(l));
  return lines.length > max ? [...lines.slice(0, max), `... and ${lines.length - max} more`] : lines;
}

/**
 * Runs `attempt` (which returns `{ status, output }`) and, if it fails, once more; throws an
 * error naming the Go error lines of the last failure (or its last output lines when none look
 * like errors).
 */
export function withRetry(what, attempt) {
  let last;
  for (let i = 1; i <= 2; i++) {
    last = attempt(i);
    if (last.status === 0) return last;
    const lines = goErrorLines(last.output);
    log(`${what} failed (attempt ${i} of 2, exit ${last.status})${i === 1 ? "; retrying once" : ""}`);
    for (const l of lines) log(`  ${l}`);
  }
  let lines = goErrorLines(last.output);
  if (lines.length === 0) lines = String(last.output).trim().split("\n").slice(-10);
  throw new Error(`${what} failed twice (exit ${last.status}):\n${lines.map((l) => `  ${l}`).join("\n")}`);
}

export function ensure(tool = "tofu") {
  const spec = TOOLS[tool];
  if (!spec) throw new Error(`unknown tool ${tool}`);
  const known = process.env[unavailableVar(tool)];
  if (known) throw new Error(known);
  const found = onPath(tool, spec.version);
  if (found) return found;
  const dir = join(cacheRoot(), tool, spec.version);
  const bin = join(dir, tool);
  if (existsSync(bin)) return bin;
  mkdirSync(dir, { recursive: true });
  const started = Date.now();
  log(`building ${tool} ${spec.version} from the Go module proxy (once per machine; takes a few minutes)`);
  log(`step 1/2: go mod download ${spec.module}@${spec.version}`);
  const gopath = execFileSync("go", ["env", "GOMODCACHE"], { encoding: "utf8" }).trim();
  let dl;
  withRetry(`go mod download ${spec.module}@${spec.version}`, () => {
    dl = spawnSync("go", ["mod", "download", "-json", `${spec.module}@${spec.version}`], {
      encoding: "utf8",
      env: { ...process.env, GOFLAGS: "-mod=mod" },
    });
    // -json reports the module's own error in its Error field
    let jsonError = "";
    try {
      jsonError = JSON.parse(dl.stdout).Error ?? "";
    } catch {}
    return { status: dl.status ?? 1, output: `${dl.stderr}\n${jsonError ? `go: ${jsonError}` : ""}` };
  });
  let srcDir = JSON.parse(dl.stdout).Dir;
  if (!srcDir || !existsSync(srcDir))
    throw new Error(`go mod download gave no source dir (GOMODCACHE=${gopath})`);
  if (spec.patch) {
    const copy = join(dir, "src");
    rmSync(copy, { recursive: true, force: true });
    cpSync(srcDir, copy, { recursive: true });
    spawnSync("chmod", ["-R", "u+w", copy]);
    const dropped = spec.patch(copy);
    log(`patched a copy of the source: left out nested modules ${dropped.join(", ") || "(none)"}`);
    srcDir = copy;
  }
  log(`step 2/2: go build ${spec.pkg} in ${srcDir}`);
  const tmp = `${bin}.tmp-${process.pid}`;
  const ldflags = ["-s -w", ...(spec.ldflags.length ? [spec.ldflags.join(" ")] : [])].join(" ");
  try {
    withRetry(`go build of ${tool} ${spec.version}`, (attempt) => {
      if (attempt > 1) log(`step 2/2 again: go build ${spec.pkg}`);
      const build = spawnSync("go", ["build", "-trimpath", "-ldflags", ldflags, "-o", tmp, spec.pkg], {
        cwd: srcDir,
        encoding: "utf8",
        maxBuffer: 64 * 1024 * 1024,
        stdio: ["ignore", "pipe", "pipe"],
        env: { ...process.env, CGO_ENABLED: "0", GOFLAGS: "-mod=mod", GOWORK: "off" },
      });
      if (build.status !== 0) rmSync(tmp, { force: true });
      const output = `${build.stdout ?? ""}\n${build.stderr ?? ""}${build.error ? `\ngo: ${build.error.message}` : ""}`;
      return { status: build.status ?? 1, output };
    });
    chmodSync(tmp, 0o755);
    renameSync(tmp, bin);
  } finally {
    // the patched copy of the source is only needed for the build
    if (spec.patch) rmSync(join(dir, "src"), { recursive: true, force: true });
  }
  log(`built ${bin} in ${Math.round((Date.now() - started) / 1000)}s`);
  return bin;
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const tool = process.env.PYVIDER_TOOL || "tofu";
  const args = process.argv.slice(2);
  let bin;
  try {
    bin = ensure(tool);
  } catch (err) {
    log(String(err.message || err));
    process.exit(1);
  }
  if (args[0] === "--ensure") {
    process.stdout.write(`${bin}\n`);
  } else {
    const r = spawnSync(bin, args, { stdio: "inherit" });
    process.exit(r.status ?? 1);
  }
}
