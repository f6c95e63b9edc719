#!/usr/bin/env node
// `npm run demo`: the main job. Builds the packages and the example provider's executable,
// prepares OpenTofu, and runs the example configuration (providers/example-kv/examples/demo)
// against the provider through `dev_overrides`, with its store in a temporary directory:
//
//   1. build       turbo builds the packages and providers/example-kv/dist/terraform-provider-kv
//   2. opentofu    the pinned OpenTofu (scripts/tofu.mjs; built once per machine)
//   3. workspace   a temp directory: CLI config with dev_overrides, a copy of the example, the store
//   4. init        tofu init
//   5. apply       tofu apply -auto-approve
//   6. outputs     tofu output (entries, bundle keys, data sources, function results)
//   7. plan        tofu plan -detailed-exitcode: must show no changes
//   8. store       where the store lives, and its files
//
// Each stage prints one progress line; a failure names the stage and why, and exits 1.
// `node scripts/demo.mjs --skip-build` reuses the executable already built.
import { spawnSync } from "node:child_process";
import {
  accessSync,
  chmodSync,
  constants,
  copyFileSync,
  cpSync,
  mkdirSync,
  mkdtempSync,
  readdirSync,
  statSync,
  writeFileSync,
} from "node:fs";
import { arch, platform, tmpdir } from "node:os";
import { dirname, join, relative } from "node:path";
import { fileURLToPath } from "node:url";
import { pnpmCommand } from "./bootstrap.mjs";
import { ensure } from "./tofu.mjs";

const root = join(dirname(fileURLToPath(import.meta.url)), "..");
const providerDir = join(root, "providers", "example-kv");
const executable = join(providerDir, "dist", "terraform-provider-kv");
const example = join(providerDir, "examples", "demo");
const ADDRESS = "registry.opentofu.org/pyvider/kv";
/** The version the local mirror offers to `tofu init` (0.0.0 would count as "unspecified"). */
const MIRROR_VERSION = "0.1.0";
const STAGES = 8;

/** Go's name for this machine's architecture. */
const goArch = () => ({ x64: "amd64", arm64: "arm64", ia32: "386", arm: "arm" })[arch()] ?? arch();
let stageNo = 0;
let stageName = "";
let stageStart = 0;

class StageError extends Error {}

function stage(name, what) {
  if (stageNo > 0) done();
  stageNo += 1;
  stageName = name;
  stageStart = Date.now();
  process.stdout.write(`\n[demo] ${stageNo}/${STAGES} ${name}: ${what}\n`);
}

function done() {
  process.stdout.write(
    `[demo]      ${stageName} done in ${((Date.now() - stageStart) / 1000).toFixed(1)}s\n`,
  );
}

function fail(why) {
  throw new StageError(why);
}

/** Runs a command; returns its output, or fails the stage with the command, its exit and its output's tail. */
function run(cmd, args, { cwd = root, env = process.env, echo = true, okCodes = [0] } = {}) {
  const r = spawnSync(cmd, args, { cwd, env, encoding: "utf8", maxBuffer: 64 * 1024 * 1024 });
  const output = `${r.stdout ?? ""}${r.stderr ?? ""}`;
  if (r.error) fail(`${cmd} ${args.join(" ")} could not start: ${r.error.message}`);
  if (!okCodes.includes(r.status)) {
    const tail = output.trimEnd().split("\n").slice(-40).join("\n");
    fail(`\`${[cmd, ...args].join(" ")}\` exited with ${r.status ?? r.signal}:\n${tail}`);
  }
  if (echo && output.trim() !== "") process.stdout.write(indent(output));
  return { status: r.status, output };
}

const indent = (text) =>
  `${text
    .trimEnd()
    .split("\n")
    .map((l) => `    ${l}`)
    .join("\n")}\n`;

function listFiles(dir, base = dir, out = []) {
  for (const name of readdirSync(dir).sort()) {
    const p = join(dir, name);
    const st = statSync(p);
    if (st.isDirectory()) listFiles(p, base, out);
    else out.push(`${relative(base, p)} (${st.size} bytes)`);
  }
  return out;
}

function main() {
  stage("build", "turbo builds the packages and the provider executable");
  const [pnpm, ...pre] = pnpmCommand();
  if (process.argv.includes("--skip-build")) process.stdout.write("    skipped (--skip-build)\n");
  else
    run(
      pnpm,
      [...pre, "exec", "turbo", "run", "build", "--filter=example-kv...", "--output-logs=errors-only"],
      {
        echo: false,
      },
    );
  try {
    accessSync(executable, constants.X_OK);
  } catch {
    fail(`the build did not produce an executable ${relative(root, executable)}`);
  }
  // the executable, and next to it what it loads on demand (the OpenTelemetry SDK sidecar)
  const built = readdirSync(dirname(executable))
    .map((name) => {
      const bytes = statSync(join(dirname(executable), name)).size;
      return `${name} (${bytes < 1e4 ? `${bytes} B` : `${(bytes / 1e6).toFixed(2)} MB`})`;
    })
    .join(", ");
  process.stdout.write(`    ${relative(root, dirname(executable))}/: ${built}\n`);

  stage("opentofu", "the pinned OpenTofu (built from the Go module proxy once per machine)");
  let tofu;
  try {
    tofu = ensure("tofu");
  } catch (err) {
    fail(`OpenTofu is not available: ${err.message}`);
  }
  const version = run(tofu, ["version"], { echo: false })
    .output.split("\n")
    .find((l) => l.startsWith("OpenTofu"));
  process.stdout.write(`    ${version} at ${tofu}\n`);

  stage("workspace", "a temporary directory with a CLI config (dev_overrides), the example and the store");
  const tmp = mkdtempSync(join(tmpdir(), "pyvider-kv-demo-"));
  const work = join(tmp, "work");
  const store = join(tmp, "store");
  const cliConfig = join(tmp, "cli.tfrc");
  mkdirSync(work);
  cpSync(example, work, { recursive: true, filter: (src) => !/\.terraform|tfstate/.test(src) });
  // dev_overrides runs the freshly built executable. `tofu init` still wants to install the
  // provider (the registry does not know pyvider/kv), so a local mirror offers it a copy.
  const mirror = join(tmp, "mirror");
  const mirrored = join(mirror, ADDRESS, MIRROR_VERSION, `${platform()}_${goArch()}`);
  mkdirSync(mirrored, { recursive: true });
  copyFileSync(executable, join(mirrored, "terraform-provider-kv"));
  chmodSync(join(mirrored, "terraform-provider-kv"), 0o755);
  writeFileSync(
    cliConfig,
    [
      "provider_installation {",
      "  dev_overrides {",
      `    ${JSON.stringify(ADDRESS)} = ${JSON.stringify(dirname(executable))}`,
      "  }",
      "  filesystem_mirror {",
      `    path    = ${JSON.stringify(mirror)}`,
      `    include = [${JSON.stringify(ADDRESS)}]`,
      "  }",
      "  direct {",
      `    exclude = [${JSON.stringify(ADDRESS)}]`,
      "  }",
      "}",
      "",
    ].join("\n"),
  );
  process.stdout.write(
    `    CLI config   ${cliConfig} (dev_overrides for ${ADDRESS})\n    working dir  ${work} (a copy of ${relative(root, example)})\n`,
  );
  const env = {
    ...process.env,
    TF_CLI_CONFIG_FILE: cliConfig,
    KV_STORE_PATH: store,
    CHECKPOINT_DISABLE: "1",
    TF_IN_AUTOMATION: "1",
  };
  const tf = (args, opts = {}) => run(tofu, [...args, "-no-color"], { cwd: work, env, ...opts });

  stage("init", "tofu init");
  tf(["init", "-input=false"], { echo: false });
  process.stdout.write(
    "    initialized offline (tofu runs the kv provider from dev_overrides; nothing is downloaded)\n",
  );

  stage("apply", "tofu apply -auto-approve");
  const applied = tf(["apply", "-auto-approve", "-input=false"], { echo: false }).output;
  const changes = applied
    .split("\n")
    .filter((l) => /(Creation complete|Read complete|Apply complete)/.test(l));
  process.stdout.write(indent(changes.join("\n")));

  stage("outputs", "tofu output (function results included)");
  tf(["output"]);

  stage("plan", "a second plan must show no changes (tofu plan -detailed-exitcode)");
  const plan = tf(["plan", "-detailed-exitcode", "-input=false"], { echo: false, okCodes: [0, 2] });
  if (plan.status === 2) fail(`the second plan is not empty:\n${plan.output}`);
  const summary = plan.output.split("\n").find((l) => l.startsWith("No changes."));
  process.stdout.write(`    exit code 0: ${summary ?? "no changes"}\n`);

  stage("store", "where the store lives");
  process.stdout.write(`    ${store}\n`);
  process.stdout.write(indent(listFiles(store).join("\n")));
  process.stdout.write(
    `    (human-readable JSON files; edit one and run \`tofu plan\` in ${work} with\n` +
      `     TF_CLI_CONFIG_FILE=${cliConfig} KV_STORE_PATH=${store} to see the drift)\n`,
  );
  done();
  process.stdout.write("\n[demo] all stages passed\n");
}

try {
  main();
} catch (err) {
  const why = err instanceof StageError ? err.message : (err?.stack ?? String(err));
  process.stderr.write(`\n[demo] stage ${stageNo}/${STAGES} "${stageName}" failed: ${why}\n`);
  process.exit(1);
}
