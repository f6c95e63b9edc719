/**
 * TypeScript against Go, side by side in one run (`npm run bench:vs-go`): the example kv
 * provider's executable (providers/example-kv/dist/terraform-provider-kv) against a reference
 * provider built here with terraform-plugin-framework (bench/go-provider: the same `kv_entry`
 * schema and the same file work: lock file, atomic write with fsync, durable delete), driven by
 * a real Terraform or OpenTofu. Prints, with the ratio TS/Go:
 *
 * - start-up, spawn → handshake line, median of `--runs` (NODE_EXTRA_CA_CERTS unset, and set: to
 *   the inherited value, else the system CA bundle); beside it the Node floor (node-floor.ts) and
 *   the V8 startup snapshot candidate (snapshot.ts, measured and not shipped);
 * - the commands below run with NODE_EXTRA_CA_CERTS unset, as on most machines (Node 20 parses
 *   the file at every start, about 35 ms per provider process here); `--extra-ca inherit` runs
 *   them in the inherited environment instead;
 * - `providers schema -json`, and `apply` / `plan` (no changes) / `destroy` of N = 100 and
 *   N = 1000 entries: wall time (median of `--rounds`, TS and Go alternating) and the providers'
 *   CPU time (all provider processes of the command, all threads);
 * - the providers' peak RSS during the N = 100 apply (largest VmHWM of any provider process,
 *   polled from /proc every 5 ms while the command runs), beside a bare idle `node` process's;
 * - the cty codec ratio of bench/src/cty-codec.ts (TS / go-cty, 10k-element list).
 *
 *   npm run bench:vs-go -- [--client terraform|tofu|terraform-1.16|<path>] [--rounds 3] [--runs 20]
 *                          [--no-1000] [--no-codec] [--extra-ca unset|inherit]
 *
 * The Go provider is built once per content of bench/go-provider (Go module proxy) into
 * ~/.cache/pyvider-ts/. Linux only (/proc).
 */
import { execFileSync, spawn, spawnSync } from "node:child_process";
import { createHash } from "node:crypto";
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
import { homedir, loadavg, tmpdir } from "node:os";
import { basename, dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { parseArgs } from "node:util";
import { measureStartup } from "@pyvider/cli";
import { captureSchemaResponse, writeNodeFloorProvider } from "./node-floor.js";
import { writeSnapshotProvider } from "./snapshot.js";

const root = join(dirname(fileURLToPath(import.meta.url)), "../..");
const cacheDir = join(process.env.XDG_CACHE_HOME ?? join(homedir(), ".cache"), "pyvider-ts");

/** Builds (once per source hash) the Go reference provider; returns its path. */
export function buildGoProvider(): string {
  const source = join(root, "bench/go-provider");
  const hash = createHash("sha256");
  for (const f of ["main.go", "go.mod", "go.sum"]) hash.update(readFileSync(join(source, f)));
  const dir = join(cacheDir, `bench-kvgo-${hash.digest("hex").slice(0, 16)}`);
  const binary = join(dir, "terraform-provider-kvgo");
  if (!existsSync(binary)) {
    mkdirSync(dir, { recursive: true });
    execFileSync("go", ["build", "-trimpath", "-o", binary, "."], { cwd: source, stdio: "inherit" });
  }
  return binary;
}

/** The client binary for `--client`. */
function findClient(client: string): string {
  const pinned = (tool: string) => {
    const r = spawnSync(process.execPath, [join(root, "scripts/tofu.mjs"), "--ensure"], {
      encoding: "utf8",
      env: { ...process.env, PYVIDER_TOOL: tool },
    });
    const path = r.stdout.trim().split("\n").at(-1);
    if (r.status !== 0 || !path)
      throw new Error(`no pinned ${tool}: run \`PYVIDER_TOOL=${tool} npm run tofu\``);
    return path;
  };
  if (client === "tofu") return pinned("tofu");
  if (client === "terraform-1.16") return pinned("terraform");
  if (client === "terraform") {
    const r = spawnSync("sh", ["-c", "command -v terraform"], { encoding: "utf8" });
    if (r.status !== 0) throw new Error("no terraform on PATH");
    return r.stdout.trim();
  }
  return client;
}

/** One provider under test. */
interface Subject {
  name: "TS" | "Go" | "floor";
  executable: string;
  /** Provider source address (dev_overrides key) and the executable name Terraform looks for. */
  source: string;
  binaryName: string;
}

/** A working directory: CLI config with dev_overrides to the provider, a store, N entries. */
function workspace(base: string, subject: Subject, n: number): { dir: string; env: NodeJS.ProcessEnv } {
  const dir = join(base, `${subject.name}-${n}`);
  const bin = join(dir, "bin");
  const store = join(dir, "store");
  mkdirSync(bin, { recursive: true });
  mkdirSync(store, { recursive: true });
  // a symlink keeps the executable's own directory (the TS bundle's package.json and sidecar)
  execFileSync("ln", ["-s", subject.executable, join(bin, subject.binaryName)]);
  const cli = join(dir, "cli.tfrc");
  writeFileSync(
    cli,
    `provider_installation {\n  dev_overrides {\n    ${JSON.stringify(subject.source)} = ${JSON.stringify(bin)}\n  }\n  direct {}\n}\n`,
  );
  writeFileSync(
    join(dir, "main.tf"),
    `terraform {\n  required_providers {\n    kv = { source = ${JSON.stringify(subject.source)} }\n  }\n}\n` +
      `provider "kv" {\n  path = ${JSON.stringify(store)}\n}\n` +
      `resource "kv_entry" "e" {\n  count = ${n}\n  key   = "key-\${count.index}"\n  value = "value \${count.index}"\n  tags  = { n = tostring(count.index) }\n}\n`,
  );
  const env: NodeJS.ProcessEnv = {
    ...process.env,
    TF_CLI_CONFIG_FILE: cli,
    TF_IN_AUTOMATION: "1",
    CHECKPOINT_DISABLE: "1",
  };
  delete env.TF_LOG;
  delete env.TF_LOG_PROVIDER;
  return { dir, env };
}

/** What one command cost. */
interface Run {
  wallMs: number;
  providerCpuMs: number;
  providerPeakRssMiB: number;
  providerStarts: number;
}

/** Descendant pids of `pid` (via /proc/<pid>/task/<tid>/children). */
function descendants(pid: number, out: number[] = []): number[] {
  let tasks: string[] = [];
  try {
    tasks = readdirSync(`/proc/${pid}/task`);
  } catch {
    return out;
  }
  for (const tid of tasks) {
    let children = "";
    try {
      children = readFileSync(`/proc/${pid}/task/${tid}/children`, "utf8");
    } catch {
      continue;
    }
    for (const c of children.trim().split(/\s+/)) {
      if (c === "") continue;
      out.push(Number(c));
      descendants(Number(c), out);
    }
  }
  return out;
}

function isProvider(pid: number, binaryName: string): boolean {
  try {
    return readFileSync(`/proc/${pid}/cmdline`, "utf8").includes(binaryName);
  } catch {
    return false;
  }
}

function cpuMs(pid: number): number {
  let ns = 0;
  try {
    for (const tid of readdirSync(`/proc/${pid}/task`))
      ns += Number(readFileSync(`/proc/${pid}/task/${tid}/schedstat`, "utf8").split(" ")[0]);
  } catch {
    // gone
  }
  return ns / 1e6;
}

function peakRssMiB(pid: number): number {
  try {
    const m = /VmHWM:\s+(\d+) kB/.exec(readFileSync(`/proc/${pid}/status`, "utf8"));
    return m ? Number(m[1]) / 1024 : 0;
  } catch {
    return 0;
  }
}

/** Runs the client with `args` in the workspace, polling its provider processes. */
function run(client: string, args: string[], ws: { dir: string; env: NodeJS.ProcessEnv }, subject: Subject) {
  return new Promise<Run>((resolve, reject) => {
    const started = process.hrtime.bigint();
    const child = spawn(client, args, { cwd: ws.dir, env: ws.env, stdio: ["ignore", "pipe", "pipe"] });
    let output = "";
    child.stdout.on("data", (d) => {
      output += d;
    });
    child.stderr.on("data", (d) => {
      output += d;
    });
    const seen = new Map<number, { cpu: number; rss: number }>();
    const poll = () => {
      for (const pid of descendants(child.pid!)) {
        if (!seen.has(pid) && !isProvider(pid, subject.binaryName)) continue;
        const s = seen.get(pid) ?? { cpu: 0, rss: 0 };
        s.cpu = Math.max(s.cpu, cpuMs(pid));
        s.rss = Math.max(s.rss, peakRssMiB(pid));
        seen.set(pid, s);
      }
    };
    const timer = setInterval(poll, 5);
    child.once("exit", (code) => {
      clearInterval(timer);
      const wallMs = Number(process.hrtime.bigint() - started) / 1e6;
      if (code !== 0) {
        reject(new Error(`${client} ${args.join(" ")} failed (${code}):\n${output.slice(-3000)}`));
        return;
      }
      let providerCpuMs = 0;
      let providerPeakRssMiB = 0;
      for (const s of seen.values()) {
        providerCpuMs += s.cpu;
        providerPeakRssMiB = Math.max(providerPeakRssMiB, s.rss);
      }
      resolve({ wallMs, providerCpuMs, providerPeakRssMiB, providerStarts: seen.size });
    });
  });
}

/** The resident size of a `node` process that loads nothing, and the file-backed part (the binary). */
async function bareNodeRss(): Promise<{ rssMiB: number; fileMiB: number }> {
  const child = spawn(
    process.execPath,
    ["-e", "process.stdout.write('ready\\n'); setTimeout(() => {}, 10000)"],
    {
      stdio: ["ignore", "pipe", "ignore"],
    },
  );
  await new Promise((resolve) => child.stdout.once("data", resolve));
  await new Promise((resolve) => setTimeout(resolve, 200));
  const status = readFileSync(`/proc/${child.pid}/status`, "utf8");
  child.kill();
  const kib = (field: string) => Number(new RegExp(`${field}:\\s+(\\d+) kB`).exec(status)?.[1] ?? Number.NaN);
  return { rssMiB: kib("VmHWM") / 1024, fileMiB: kib("RssFile") / 1024 };
}

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)] ?? Number.NaN;

/** One row of the table. */
interface Row {
  what: string;
  ts: number;
  go: number;
  unit: string;
  target?: number;
}

function printTable(rows: Row[]): void {
  const f = (x: number) => (Number.isFinite(x) ? x.toFixed(x >= 100 ? 0 : 1) : "-").padStart(9);
  const w = Math.max(...rows.map((r) => r.what.length));
  console.log(`  ${"what".padEnd(w)} ${"TS".padStart(9)} ${"Go".padStart(9)}      TS/Go   target`);
  for (const r of rows) {
    const ratio = r.ts / r.go;
    const mark =
      r.target === undefined ? "" : ratio <= r.target ? `<= ${r.target}  ok` : `<= ${r.target}  ABOVE`;
    console.log(
      `  ${r.what.padEnd(w)} ${f(r.ts)} ${f(r.go)} ${r.unit.padEnd(4)} ${ratio.toFixed(2).padStart(5)}x   ${mark}`,
    );
  }
}

/** Runs the comparison and prints the table. */
export async function runVsGo(argv = process.argv.slice(2)): Promise<void> {
  const { values } = parseArgs({
    args: argv[0] === "--" ? argv.slice(1) : argv,
    options: {
      client: { type: "string", default: "terraform" },
      rounds: { type: "string", default: "3" },
      runs: { type: "string", default: "20" },
      "no-1000": { type: "boolean", default: false },
      "no-codec": { type: "boolean", default: false },
      "extra-ca": { type: "string", default: "unset" },
      ts: { type: "string", default: join(root, "providers/example-kv/dist/terraform-provider-kv") },
    },
  });
  const rounds = Number(values.rounds);
  const client = findClient(values.client!);
  if (!existsSync(values.ts!))
    throw new Error(
      `no TS provider at ${values.ts}: build it (npx -y pnpm@10.34.8 --filter example-kv run build)`,
    );
  const goProvider = buildGoProvider();
  // a private copy of the TS executable's directory (package.json, sidecar): a rebuild of the
  // example during the run cannot pull it away
  const tsCopy = mkdtempSync(join(tmpdir(), "pyvider-vs-go-ts-"));
  cpSync(dirname(values.ts!), tsCopy, { recursive: true });
  const tsExecutable = join(tsCopy, basename(values.ts!));
  const clientVersion =
    execFileSync(client, ["version"], { encoding: "utf8" })
      .split("\n")
      .find((l) => / v\d/.test(l)) ?? "unknown version";
  const goVersion = execFileSync("go", ["version"], { encoding: "utf8" }).trim();
  const subjects: Subject[] = [
    { name: "TS", executable: tsExecutable, source: "pyvider/kv", binaryName: "terraform-provider-kv" },
    { name: "Go", executable: goProvider, source: "pyvider/kvgo", binaryName: "terraform-provider-kvgo" },
  ];
  console.log(
    `TS vs Go: ${clientVersion} (${client}); Node ${process.version}; ${goVersion}; terraform-plugin-framework v1.19.0; load ${loadavg()
      .map((l) => l.toFixed(2))
      .join(" ")}`,
  );
  const rows: Row[] = [];

  // start-up
  const runs = Number(values.runs);
  const inheritedCa = process.env.NODE_EXTRA_CA_CERTS;
  let goStartupMs = 0;
  const extraCa = inheritedCa ?? "/etc/ssl/certs/ca-certificates.crt";
  for (const [label, ca] of [
    ["unset", undefined],
    ["set", extraCa],
  ] as const) {
    if (ca === undefined) delete process.env.NODE_EXTRA_CA_CERTS;
    else process.env.NODE_EXTRA_CA_CERTS = ca;
    const ts = await measureStartup(subjects[0]!.executable, [], runs);
    const go = await measureStartup(subjects[1]!.executable, [], runs);
    if (label === "unset") goStartupMs = go.medianMs;
    rows.push({
      what: `start-up, NODE_EXTRA_CA_CERTS ${label} (bare node ${ts.baselineMedianMs.toFixed(1)})`,
      ts: ts.medianMs,
      go: go.medianMs,
      unit: "ms",
      target: label === "unset" ? 2.0 : undefined,
    });
  }
  // the Node floor (node-floor.ts): no framework, the example's schema replayed
  delete process.env.NODE_EXTRA_CA_CERTS;
  const floor: Subject = {
    name: "floor",
    executable: writeNodeFloorProvider(join(tsCopy, "floor"), await captureSchemaResponse(tsExecutable)),
    source: "pyvider/kv",
    binaryName: "terraform-provider-kv",
  };
  const floorStartup = (await measureStartup(floor.executable, [], runs)).medianMs;
  rows.push({ what: "start-up, Node floor (no framework)", ts: floorStartup, go: goStartupMs, unit: "ms" });
  // the V8 startup snapshot candidate (snapshot.ts; measured, not shipped)
  const snapshot = await writeSnapshotProvider(join(tsCopy, "snapshot"), join(root, "providers/example-kv"));
  rows.push({
    what: "start-up, V8 startup snapshot (not shipped)",
    ts: (await measureStartup(snapshot, [], runs)).medianMs,
    go: goStartupMs,
    unit: "ms",
  });
  // the commands below: NODE_EXTRA_CA_CERTS unset, or as inherited with --extra-ca inherit
  if (values["extra-ca"] !== "inherit" || inheritedCa === undefined) delete process.env.NODE_EXTRA_CA_CERTS;
  else process.env.NODE_EXTRA_CA_CERTS = inheritedCa;
  console.log(
    `commands run with NODE_EXTRA_CA_CERTS ${process.env.NODE_EXTRA_CA_CERTS === undefined ? "unset" : `=${process.env.NODE_EXTRA_CA_CERTS}`}`,
  );

  const base = mkdtempSync(join(tmpdir(), "pyvider-vs-go-"));
  try {
    const sizes = values["no-1000"] ? [100] : [100, 1000];
    for (const n of sizes) {
      const results = new Map<string, Run[]>();
      const add = (key: string, r: Run) => results.set(key, [...(results.get(key) ?? []), r]);
      for (let round = 0; round < (n === 1000 ? Math.min(rounds, 1) : rounds); round++) {
        if (n === sizes[0]) {
          rmSync(join(base, `floor-${n}`), { recursive: true, force: true });
          add(
            "floor schema",
            await run(client, ["providers", "schema", "-json"], workspace(base, floor, n), floor),
          );
        }
        for (const subject of subjects) {
          rmSync(join(base, `${subject.name}-${n}`), { recursive: true, force: true });
          const ws = workspace(base, subject, n);
          if (n === sizes[0])
            add(`${subject.name} schema`, await run(client, ["providers", "schema", "-json"], ws, subject));
          const flags = ["-input=false", "-no-color", "-lock=false"];
          add(`${subject.name} apply`, await run(client, ["apply", "-auto-approve", ...flags], ws, subject));
          add(
            `${subject.name} plan`,
            await run(client, ["plan", "-detailed-exitcode", ...flags], ws, subject),
          );
          add(
            `${subject.name} destroy`,
            await run(client, ["destroy", "-auto-approve", ...flags], ws, subject),
          );
        }
      }
      const m = (key: string, f: (r: Run) => number) => median((results.get(key) ?? []).map(f));
      if (n === sizes[0])
        rows.push({
          what: "providers schema -json, wall",
          ts: m("TS schema", (r) => r.wallMs),
          go: m("Go schema", (r) => r.wallMs),
          unit: "ms",
          target: 1.3,
        });
      if (n === sizes[0]) {
        const floorWall = m("floor schema", (r) => r.wallMs);
        rows.push({
          what: "  the same, Node floor (no framework)",
          ts: floorWall,
          go: m("Go schema", (r) => r.wallMs),
          unit: "ms",
        });
        for (const [name, key] of [
          ["TS", "TS schema"],
          ["Node floor", "floor schema"],
        ] as const)
          rows.push({
            what: `provider peak RSS, providers schema -json, ${name}`,
            ts: m(key, (r) => r.providerPeakRssMiB),
            go: m("Go schema", (r) => r.providerPeakRssMiB),
            unit: "MiB",
          });
      }
      for (const op of ["apply", "plan", "destroy"]) {
        rows.push({
          what: `${op} N=${n}, wall`,
          ts: m(`TS ${op}`, (r) => r.wallMs),
          go: m(`Go ${op}`, (r) => r.wallMs),
          unit: "ms",
          target: op === "apply" && n === 100 ? 1.15 : undefined,
        });
        rows.push({
          what: `${op} N=${n}, provider CPU (${m(`TS ${op}`, (r) => r.providerStarts)} / ${m(`Go ${op}`, (r) => r.providerStarts)} starts)`,
          ts: m(`TS ${op}`, (r) => r.providerCpuMs),
          go: m(`Go ${op}`, (r) => r.providerCpuMs),
          unit: "ms",
        });
      }
      if (n === 100) {
        const goPeak = m("Go apply", (r) => r.providerPeakRssMiB);
        const bare = await bareNodeRss();
        rows.push(
          {
            what: "provider peak RSS, apply N=100",
            ts: m("TS apply", (r) => r.providerPeakRssMiB),
            go: goPeak,
            unit: "MiB",
            target: 1.5,
          },
          {
            what: `  the same, bare node, idle (${bare.fileMiB.toFixed(1)} MiB of it file-backed)`,
            ts: bare.rssMiB,
            go: goPeak,
            unit: "MiB",
          },
        );
      }
    }
  } finally {
    rmSync(base, { recursive: true, force: true });
    rmSync(tsCopy, { recursive: true, force: true });
  }
  if (!values["no-codec"]) {
    const { runCtyCodecBench } = await import("./cty-codec.js");
    const ratio = await runCtyCodecBench();
    rows.push({
      what: "cty msgpack encode+decode, 10k list (TS/go-cty)",
      ts: ratio,
      go: 1,
      unit: "",
      target: 0.25,
    });
  }
  console.log(`\nTS vs Go (${rounds} rounds of N=100${values["no-1000"] ? "" : ", 1 of N=1000"}; medians):`);
  printTable(rows);
  console.log(
    `load at the end: ${loadavg()
      .map((l) => l.toFixed(2))
      .join(" ")}`,
  );
}

if (import.meta.url === `file://${process.argv[1]}`) await runVsGo();
