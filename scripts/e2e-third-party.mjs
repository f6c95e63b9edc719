#!/usr/bin/env node
import {
  cpSync,
  existsSync,
  mkdirSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  rmSync,
  writeFileSync,
} from "node:fs";
import { createRequire } from "node:module";
import { tmpdir } from "node:os";
import { delimiter, dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { thirdPartyTarballs } from "./e2e-third-party/deps.mjs";
import { publishTarball, request, startVerdaccio } from "./e2e-third-party/registry.mjs";
import { expectEqual, installSize, mb, onPath, run, strangerEnv } from "./e2e-third-party/tools.mjs";
import { cacheRoot, ensure } from "./tofu.mjs";

const REPO = join(dirname(fileURLToPath(import.meta.url)), "..");
const PNPM_VERSION = "10.34.8";
/** `--head`: release what is committed (HEAD) instead of the working tree. */
const FROM_HEAD = process.argv.includes("--head");
const PACKAGES = ["cty", "schema", "telemetry", "hub", "protocol", "testing", "cli"];
const started = Date.now();
const elapsed = () => `${((Date.now() - started) / 1000).toFixed(1)}s`;
const stage = (msg) => process.stderr.write(`[third-party ${elapsed()}] ${msg}\n`);

// --- cleanup: Verdaccio and the temporary directory go at exit, also on Ctrl-C -------------
const tmp = mkdtempSync(join(process.env.PYVIDER_E2E_TMPDIR || tmpdir(), "pyvider-e2e-third-party-"));
let registry;
function cleanup() {
  registry?.stop();
  registry = undefined;
  if (process.env.PYVIDER_E2E_KEEP === "1") stage(`kept ${tmp}`);
  else {
    stage(`removing ${tmp}`);
    rmSync(tmp, { recursive: true, force: true });
  }
}
process.on("exit", cleanup);
for (const signal of ["SIGINT", "SIGTERM"]) {
  process.on(signal, () => {
    stage(`${signal}: stopping`);
    process.exit(130);
  });
}

// --- checks -------------------------------------------------------------------------------
let passed = 0;
const failed = [];
/** Ends the run after failures: names each failed step; exit 1. */
function finishFailed() {
  const names = failed.map((f) => `"${f}"`).join(", ");
  process.stdout.write(`third-party: FAILED ${names} (${passed} checks passed, ${failed.length} failed)\n`);
  process.exit(1);
}
/**
 * One check: `fn` returns nothing or throws the reason. A failed check names itself and the
 * reason; a fatal one (what later steps build on) ends the run, the others let it go on.
 */
async function check(step, fn, { fatal = true } = {}) {
  try {
    await fn();
  } catch (err) {
    const reason = err instanceof Error ? err.message : String(err);
    process.stderr.write(`\n[third-party ${elapsed()}] FAILED: ${step}\n${reason.trimEnd()}\n\n`);
    failed.push(step);
    if (fatal) finishFailed();
    return false;
  }
  passed++;
  stage(`ok: ${step}`);
  return true;
}
/** The environment of the repo's own tools (npm's ordinary registry, the user's config). */
const ambientEnv = { ...process.env };

// --- 1. the registry -----------------------------------------------------------------------
const require = createRequire(join(REPO, "package.json"));
const verdaccioPkg = require.resolve("verdaccio/package.json");
const verdaccioManifest = JSON.parse(readFileSync(verdaccioPkg, "utf8"));
const verdaccioBin = join(
  dirname(verdaccioPkg),
  typeof verdaccioManifest.bin === "string" ? verdaccioManifest.bin : verdaccioManifest.bin.verdaccio,
);
stage(`starting Verdaccio ${verdaccioManifest.version} (storage in ${tmp})`);
await check("Verdaccio starts on a loopback port, no uplinks", async () => {
  mkdirSync(join(tmp, "verdaccio"));
  registry = await startVerdaccio(verdaccioBin, join(tmp, "verdaccio"));
  stage(`registry ${registry.url} (pid ${registry.pid})`);
  const r = await request(`${registry.url}left-pad`);
  if (r.status !== 404)
    throw new Error(`an unpublished package answered ${r.status}: the registry has an uplink`);
});

// --- 2. the release -------------------------------------------------------------------------
const pnpmBin = run("npx", ["-y", "-p", `pnpm@${PNPM_VERSION}`, "-c", "command -v pnpm"], {
  cwd: tmp,
  env: ambientEnv,
}).stdout.trim();
const copy = join(tmp, "repo");
// turbo looks for the package manager on PATH
const pnpmEnv = { ...ambientEnv, PATH: `${dirname(pnpmBin)}${delimiter}${ambientEnv.PATH}` };
const pnpm = (args, opts = {}) => run(pnpmBin, args, { cwd: copy, env: pnpmEnv, ...opts });
let version;
await check("release: a copy of the working tree, versioned with changesets (snapshot)", () => {
  let files;
  if (FROM_HEAD) {
    stage("copying the committed tree (git archive HEAD)");
    mkdirSync(copy);
    run("sh", ["-c", `git archive --format=tar HEAD | tar -x -C '${copy}'`], { cwd: REPO });
    files = run("git", ["ls-files"], { cwd: REPO }).stdout.split("\n").filter(Boolean);
  } else {
    stage("copying the working tree (git ls-files: tracked and unignored files, as they are now)");
    files = run("git", ["ls-files", "-z", "--cached", "--others", "--exclude-standard"], { cwd: REPO })
      .stdout.split("\0")
      .filter((f) => f && existsSync(join(REPO, f)));
    for (const f of files) cpSync(join(REPO, f), join(copy, f), { recursive: true });
  }
  stage(`installing the copy's workspace (pnpm --offline, ${files.length} files copied)`);
  const install = ["install", "--frozen-lockfile", "--reporter=silent", "--config.confirmModulesPurge=false"];
  try {
    pnpm([...install, "--offline"]);
  } catch {
    pnpm([...install, "--prefer-offline"]);
  }
  // all seven packages, whatever is pending; a stable snapshot tag keeps turbo's cache useful
  writeFileSync(
    join(copy, ".changeset/e2e-third-party-release.md"),
    `---\n${PACKAGES.map((p) => `"@pyvider/${p}": patch`).join("\n")}\n---\n\nThe third-party e2e's snapshot release.\n`,
  );
  const configFile = join(copy, ".changeset/config.json");
  const config = JSON.parse(readFileSync(configFile, "utf8"));
  config.snapshot = { useCalculatedVersion: true, prereleaseTemplate: "{tag}" };
  writeFileSync(configFile, JSON.stringify(config, null, 2));
  stage("changeset version --snapshot e2e");
  pnpm(["exec", "changeset", "version", "--snapshot", "e2e"]);
  const versions = PACKAGES.map(
    (p) => JSON.parse(readFileSync(join(copy, "packages", p, "package.json"), "utf8")).version,
  );
  version = versions[0];
  if (!/-e2e$/.test(version) || versions.some((v) => v !== version)) {
    throw new Error(`expected one snapshot version for all seven packages, got ${versions.join(", ")}`);
  }
  stage(`version ${version}`);
});

await check("release: build (turbo) and publish (pnpm -r publish) all seven packages", async () => {
  stage("building the seven packages (turbo; cache in ~/.cache/pyvider-ts/e2e-third-party/turbo)");
  const turboCache = join(cacheRoot(), "e2e-third-party", "turbo");
  pnpm([
    "exec",
    "turbo",
    "run",
    "build",
    "--filter",
    "./packages/*",
    "--output-logs=errors-only",
    `--cache-dir=${turboCache}`,
  ]);
  const host = registry.url.replace(/^http:/, "");
  writeFileSync(join(copy, ".npmrc"), `registry=${registry.url}\n${host}:_authToken=${registry.token}\n`);
  stage(`publishing to ${registry.url}`);
  pnpm(["-r", "--filter", "./packages/*", "publish", "--no-git-checks", "--registry", registry.url]);
  for (const p of PACKAGES) {
    const r = await request(`${registry.url}@pyvider%2f${p}`);
    const doc = r.ok ? await r.json() : {};
    expectEqual(doc["dist-tags"]?.latest, version, `@pyvider/${p}'s latest tag`);
    const manifest = doc.versions[version];
    const ranges = Object.values({ ...manifest.dependencies, ...manifest.peerDependencies });
    if (ranges.some((r) => String(r).startsWith("workspace:")))
      throw new Error(`@pyvider/${p} was published with workspace: ranges`);
  }
});

// the published manifests and the scaffold name every third-party package the installs need
const wants = { typescript: ["5.9.3"] };
await check("third-party dependencies published into the registry (no uplinks)", async () => {
  const add = (deps = {}) => {
    for (const [name, range] of Object.entries(deps)) {
      if (!name.startsWith("@pyvider/")) wants[name] = [...(wants[name] ?? []), range];
    }
  };
  for (const p of PACKAGES) {
    const m = JSON.parse(readFileSync(join(copy, "packages", p, "package.json"), "utf8"));
    add(m.dependencies);
    add(m.optionalDependencies);
    add(
      Object.fromEntries(
        Object.entries(m.peerDependencies ?? {}).filter(([n]) => !m.peerDependenciesMeta?.[n]?.optional),
      ),
    );
  }
  const probe = join(tmp, "scaffold-probe");
  run(process.execPath, [join(copy, "packages/cli/dist/bin.js"), "new", probe], { cwd: tmp });
  const scaffolded = JSON.parse(readFileSync(join(probe, "package.json"), "utf8"));
  add(scaffolded.dependencies);
  add(scaffolded.devDependencies);
  const cache = join(cacheRoot(), "e2e-third-party");
  const { key, packages: list } = thirdPartyTarballs(wants, cache, ambientEnv, stage);
  // Published once per set of packages; later runs copy Verdaccio's storage of that publish
  // (package folders only: the storage's own secret and database stay this registry's).
  const storage = join(tmp, "verdaccio", "storage");
  const seeded = join(cache, "storage", key);
  if (existsSync(join(seeded, ".complete"))) {
    stage(
      `loading ${list.length} third-party packages into the registry's storage (published in an earlier run)`,
    );
    for (const e of readdirSync(seeded))
      if (e !== ".complete") cpSync(join(seeded, e), join(storage, e), { recursive: true });
    for (const p of list) {
      const r = await request(`${registry.url}${p.name.replace("/", "%2f")}`);
      if (!r.ok || !(await r.json()).versions?.[p.version])
        throw new Error(`${p.name}@${p.version} is not served`);
    }
    return;
  }
  stage(`publishing ${list.length} third-party tarballs into the registry`);
  const byName = new Map();
  for (const p of list) byName.set(p.name, [...(byName.get(p.name) ?? []), p]);
  // oldest first, so that `latest` ends on the newest version, as on the ordinary registry
  for (const group of byName.values())
    group.sort((a, b) => a.version.localeCompare(b.version, "en", { numeric: true }));
  const queue = [...byName.values()];
  await Promise.all(
    Array.from({ length: 6 }, async () => {
      for (let group = queue.shift(); group; group = queue.shift()) {
        for (const p of group) await publishTarball(registry.url, registry.token, readFileSync(p.file));
      }
    }),
  );
  rmSync(seeded, { recursive: true, force: true });
  for (const e of readdirSync(storage)) {
    if (e !== "@pyvider" && !e.startsWith("."))
      cpSync(join(storage, e), join(seeded, e), { recursive: true });
  }
  writeFileSync(join(seeded, ".complete"), "");
});

const env = strangerEnv(registry.url, tmp);
const npm = (args, cwd, opts = {}) => run("npm", args, { cwd, env, ...opts });

// --- 3a. cty alone --------------------------------------------------------------------------
const ctyDir = join(tmp, "cty-alone");
mkdirSync(ctyDir);
await check("cty alone: `npm install @pyvider/cty` installs cty and nothing else", () => {
  npm(["init", "-y"], ctyDir);
  npm(["install", "@pyvider/cty"], ctyDir);
  const lock = JSON.parse(readFileSync(join(ctyDir, "node_modules/.package-lock.json"), "utf8"));
  expectEqual(Object.keys(lock.packages), ["node_modules/@pyvider/cty"], "installed packages");
  expectEqual(lock.packages["node_modules/@pyvider/cty"].version, version, "installed version");
});

const ctyProgram = (load) => `${load}
const hex = (v, t) => Buffer.from(cty.encodeMsgpack(v, t)).toString("hex");
console.log(JSON.stringify([
  cty.VERSION,
  hex(cty.unknownVal(cty.CtyString), cty.CtyString),
  hex(cty.numberVal(2 ** 40), cty.CtyNumber),
  cty.typeToJSON(cty.CtyList(cty.CtyString)),
]));`;
const ctyExpected = () => [version, "d40000", "cf0000010000000000", '["list","string"]'];
await check(
  "cty alone: ESM import",
  () => {
    writeFileSync(join(ctyDir, "esm.mjs"), ctyProgram('import * as cty from "@pyvider/cty";'));
    expectEqual(
      JSON.parse(run(process.execPath, ["esm.mjs"], { cwd: ctyDir, env }).stdout),
      ctyExpected(),
      "ESM",
    );
  },
  { fatal: false },
);
await check(
  "cty alone: CJS require",
  () => {
    writeFileSync(join(ctyDir, "cjs.cjs"), ctyProgram('const cty = require("@pyvider/cty");'));
    expectEqual(
      JSON.parse(run(process.execPath, ["cjs.cjs"], { cwd: ctyDir, env }).stdout),
      ctyExpected(),
      "CJS",
    );
  },
  { fatal: false },
);

const tsSource = `import { type CtyValue, CtyString, encodeMsgpack, stringVal } from "@pyvider/cty";
const value: CtyValue = stringVal("hello");
export const bytes: Uint8Array = encodeMsgpack(value, CtyString);
// @ts-expect-error a number is not a string
export const wrong = stringVal(42);
`;
for (const [label, options] of [
  ["node16", { module: "node16", moduleResolution: "node16" }],
  ["bundler", { module: "esnext", moduleResolution: "bundler" }],
]) {
  await check(
    `cty alone: TypeScript 5.9 type checks with moduleResolution ${label}`,
    () => {
      if (!existsSync(join(ctyDir, "node_modules/typescript")))
        npm(["install", "-D", "typescript@5.9.3"], ctyDir);
      const dir = join(ctyDir, `ts-${label}`);
      mkdirSync(dir);
      // node16: a default `npm init` project (CommonJS) importing cty from .ts, plus an ES module (.mts)
      writeFileSync(join(dir, "index.ts"), tsSource);
      writeFileSync(join(dir, "index.mts"), tsSource);
      writeFileSync(
        join(dir, "tsconfig.json"),
        JSON.stringify({
          compilerOptions: {
            ...options,
            target: "es2022",
            lib: ["es2022"],
            strict: true,
            noEmit: true,
            types: [],
          },
          include: ["*.ts", "*.mts"],
        }),
      );
      run(process.execPath, [join(ctyDir, "node_modules/typescript/bin/tsc"), "-p", dir], { cwd: dir, env });
    },
    { fatal: false },
  );
}

// --- 3b. scaffold to a running provider ----------------------------------------------------
const work = join(tmp, "scaffold");
mkdirSync(work);
const project = join(work, "terraform-provider-e2e");
await check("scaffold: `npx @pyvider/cli new` (the published CLI) writes registry ranges", () => {
  const r = run("npx", ["--yes", "@pyvider/cli", "new", "terraform-provider-e2e", "--namespace", "e2e"], {
    cwd: work,
    env,
  });
  const pkg = JSON.parse(readFileSync(join(project, "package.json"), "utf8"));
  for (const [name, range] of Object.entries({ ...pkg.dependencies, ...pkg.devDependencies })) {
    if (name.startsWith("@pyvider/")) expectEqual(range, `^${version}`, `${name}'s range`);
  }
  for (const line of [
    "npm install",
    "npm test",
    "npx pyvider build && npx pyvider install",
    "cd examples/quickstart",
  ]) {
    if (!r.stdout.includes(line)) throw new Error(`the "Next:" text lacks \`${line}\`:\n${r.stdout}`);
  }
});
await check("scaffold: `npm install`", () => {
  stage("npm install in the scaffolded project");
  npm(["install"], project);
});
await check("scaffold: `npm test` is green", () => {
  stage("npm test in the scaffolded project");
  const r = npm(["test"], project);
  // biome-ignore lint/suspicious/noControlCharactersInRegex: ANSI colour codes
  if (!/Tests\s+\d+ passed/.test(r.output.replace(/\u001b\[[0-9;]*m/g, "")))
    throw new Error(`no passing tests in:\n${r.output}`);
});
await check("scaffold: `npx pyvider build` and `npx pyvider install --mode dev` (dev_overrides)", () => {
  stage("pyvider build");
  npm(["exec", "--", "pyvider", "build", "--runs", "1"], project);
  if (!existsSync(join(project, "build/terraform-provider-e2e_v0.1.0")))
    throw new Error("no executable in build/");
  npm(["exec", "--", "pyvider", "install", "--mode", "dev"], project);
  const tfrc = readFileSync(join(project, ".pyvider/dev.tfrc"), "utf8");
  if (!tfrc.includes("dev_overrides")) throw new Error(`.pyvider/dev.tfrc has no dev_overrides:\n${tfrc}`);
});

const clients = [];
stage("providing the pinned OpenTofu");
await check("the pinned OpenTofu is available", () => {
  clients.push(["OpenTofu", process.env.PYVIDER_TOFU_PATH || ensure("tofu")]);
});
const terraform = onPath("terraform");
if (terraform) clients.push(["Terraform on PATH", terraform]);
else stage("no terraform on PATH: OpenTofu only");

for (const [label, bin] of clients) {
  const dir = join(tmp, `run-${label.split(" ")[0].toLowerCase()}`);
  cpSync(join(project, "examples/quickstart"), dir, { recursive: true });
  const tfEnv = { ...env, TF_CLI_CONFIG_FILE: join(project, ".pyvider/dev.tfrc"), TF_IN_AUTOMATION: "1" };
  delete tfEnv.TF_LOG;
  const tf = (args, allow) =>
    run(bin, [...args, "-no-color", "-input=false"], { cwd: dir, env: tfEnv, allow, timeout: 180_000 });
  const version = run(bin, ["version"], { cwd: dir, env: tfEnv }).stdout.split("\n")[0];
  stage(`${label}: ${version}`);
  const steps = [
    [
      `${label}: first plan of examples/quickstart`,
      () => {
        const r = tf(["plan"]);
        if (!r.stdout.includes("Plan: 1 to add")) throw new Error(`unexpected plan:\n${r.output}`);
      },
    ],
    [
      `${label}: apply`,
      () => {
        const r = tf(["apply", "-auto-approve"]);
        if (!r.stdout.includes('read_back = "Hello, big-world"'))
          throw new Error(`unexpected apply output:\n${r.output}`);
        expectEqual(readFileSync(join(dir, "out/hello.txt"), "utf8"), "Hello, big-world", "out/hello.txt");
      },
    ],
    [
      `${label}: second plan shows no changes (-detailed-exitcode 0)`,
      () => {
        tf(["plan", "-detailed-exitcode"]);
      },
    ],
    [
      `${label}: destroy`,
      () => {
        tf(["destroy", "-auto-approve"]);
        if (existsSync(join(dir, "out/hello.txt"))) throw new Error("out/hello.txt still exists");
      },
    ],
  ];
  for (const [step, fn] of steps) {
    if (!(await check(step, fn, { fatal: false }))) break; // the next steps build on this one
  }
}

// --- 4. what a provider costs at run time --------------------------------------------------
await check("runtime install of a provider (`npm install --omit=dev`)", () => {
  const dir = join(tmp, "runtime");
  mkdirSync(dir);
  const pkg = JSON.parse(readFileSync(join(project, "package.json"), "utf8"));
  writeFileSync(join(dir, "package.json"), JSON.stringify({ ...pkg, devDependencies: {} }));
  npm(["install", "--omit=dev"], dir);
  const { bytes, disk, count, perTop } = installSize(dir);
  const size = `${mb(bytes)} of files${disk ? `, ${mb(disk)} on disk` : ""}`;
  const top = [...perTop.entries()].sort((a, b) => b[1] - a[1]).slice(0, 6);
  stage(
    `runtime install of a provider (${Object.keys(pkg.dependencies).join(", ")}): ${count} packages, ${size}; ` +
      `largest: ${top.map(([n, b]) => `${n} ${mb(b)}`).join(", ")}`,
  );
  process.stdout.write(`runtime install of a provider: ${count} packages, ${size}\n`);
});

if (failed.length > 0) finishFailed();
process.stdout.write(`third-party: ${passed} checks passed\n`);
process.exit(0); // Verdaccio's pipes would keep the event loop alive; `exit` stops it
