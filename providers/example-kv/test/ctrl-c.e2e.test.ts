/**
 * Fault test: Ctrl-C during a large apply. The client (the pinned OpenTofu, and the Terraform on
 * PATH, else the one built here) applies a few hundred `kv_entry` changes (creates, updates and
 * deletes at `-parallelism=64`) against the built provider executable (dev_overrides, a fresh
 * provider process per command, as for users), and gets SIGINT or SIGTERM at a random point.
 * The client then sends StopProvider and waits for the calls in flight; the provider waits for
 * its handlers and reports what they really did. After every interrupt:
 *
 * - the store and the state hold exactly the same entries, at the same versions (no write the
 *   state does not know about, none it believes in that did not happen);
 * - the next, uninterrupted apply succeeds (no "Entry already exists", no version conflict) and
 *   leaves store and state equal to the configuration.
 *
 * Figures are printed. `PYVIDER_CTRLC_RUNS` sets the number of interrupted runs (default 20,
 * split between the clients), `PYVIDER_CTRLC_ENTRIES` the size of the apply (default 200),
 * `PYVIDER_CTRLC_SEED` the random seed, `PYVIDER_CTRLC_PROVIDER_DIR` a directory holding another
 * `terraform-provider-kv` to test instead of the built one (e.g. a build with a stop grace period
 * of 0, which answers "cancelled" at once as the framework used to: the test must then fail).
 */
import { type ChildProcess, spawn, spawnSync } from "node:child_process";
import { cpSync, existsSync, readFileSync, writeFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { openStore } from "../src/store/index.js";
import { providerBlock, tofuBinary } from "./support/kv.js";
import { ensureExecutable, TfDir, terraformPath } from "./support/tf.js";

const RUNS = Math.max(2, Number(process.env.PYVIDER_CTRLC_RUNS ?? 20));
const ENTRIES = Math.max(10, Number(process.env.PYVIDER_CTRLC_ENTRIES ?? 200));
const SEED = Number(process.env.PYVIDER_CTRLC_SEED ?? Date.now() % 100_000);

/** A small seeded generator (mulberry32), so a failing run can be replayed with its seed. */
function random(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** `terraform` on PATH, else the experiments-enabled build of this repository. */
function terraformBinary(): string | undefined {
  const r = spawnSync("sh", ["-c", "command -v terraform"], { encoding: "utf8" });
  const onPath = r.stdout.trim();
  return r.status === 0 && onPath !== "" ? onPath : terraformPath();
}

interface Client {
  readonly name: string;
  readonly flavor: "opentofu" | "terraform";
  readonly binary: string | undefined;
}

const clients: Client[] = [
  { name: "OpenTofu", flavor: "opentofu", binary: tofuBinary() },
  { name: "Terraform", flavor: "terraform", binary: terraformBinary() },
];

const dirs: TfDir[] = [];
afterAll(async () => {
  for (const d of dirs) await d.dispose();
});

const config = (tf: TfDir, count: number, generation: number) => `terraform {
  required_providers {
    kv = { source = "pyvider/kv" }
  }
}
${providerBlock(tf.store)}
resource "kv_entry" "e" {
  count = ${count}
  key   = "ctrl-c/\${count.index}"
  value = "generation ${generation} of entry \${count.index}"
  tags  = { generation = "${generation}" }
}
`;

/**
 * Points the directory's dev_overrides at a private copy of the built executable: other test
 * files may rebuild `dist/` while this long test runs.
 */
function usePrivateExecutable(tf: TfDir, flavor: Client["flavor"]): void {
  const bin = join(tf.root, "bin");
  for (let attempt = 0; ; attempt++) {
    const from = process.env.PYVIDER_CTRLC_PROVIDER_DIR || dirname(ensureExecutable());
    cpSync(from, bin, { recursive: true });
    if (existsSync(join(bin, "terraform-provider-kv")) || attempt === 5) break;
  }
  const address = `${flavor === "opentofu" ? "registry.opentofu.org" : "registry.terraform.io"}/pyvider/kv`;
  writeFileSync(
    join(tf.root, "cli.tfrc"),
    `provider_installation {\n  dev_overrides {\n    ${JSON.stringify(address)} = ${JSON.stringify(bin)}\n  }\n  direct {}\n}\n`,
  );
}

/** The environment TfDir gives its commands (its CLI config with the dev_overrides). */
function clientEnv(tf: TfDir): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = {};
  for (const [k, v] of Object.entries(process.env)) {
    if (
      !/^TF_(REATTACH_PROVIDERS|CLI_CONFIG_FILE|LOG|LOG_PATH|LOG_PROVIDER|DATA_DIR|WORKSPACE|CLI_ARGS)$/.test(
        k,
      )
    )
      env[k] = v;
  }
  const rc = join(tf.root, "cli.tfrc");
  return {
    ...env,
    TF_CLI_CONFIG_FILE: rc,
    TOFU_CLI_CONFIG_FILE: rc,
    TF_IN_AUTOMATION: "1",
    TF_INPUT: "0",
    CHECKPOINT_DISABLE: "1",
  };
}

interface Exit {
  readonly code: number | null;
  readonly signal: NodeJS.Signals | null;
  readonly output: string;
}

function apply(tf: TfDir, binary: string): { child: ChildProcess; done: Promise<Exit> } {
  // No refresh: an update the state missed would otherwise be read back and hidden.
  const args = ["apply", "-auto-approve", "-no-color", "-input=false", "-parallelism=64", "-refresh=false"];
  const child = spawn(binary, args, {
    cwd: tf.dir,
    env: clientEnv(tf),
    stdio: ["ignore", "pipe", "pipe"],
  });
  let output = "";
  child.stdout?.setEncoding("utf8").on("data", (d: string) => (output += d));
  child.stderr?.setEncoding("utf8").on("data", (d: string) => (output += d));
  const done = new Promise<Exit>((resolve) =>
    child.on("close", (code, signal) => resolve({ code, signal, output })),
  );
  return { child, done };
}

/** The kv_entry instances of the local state file: key -> version. */
function stateEntries(tf: TfDir): Map<string, number> {
  const state = JSON.parse(readFileSync(join(tf.dir, "terraform.tfstate"), "utf8")) as {
    resources?: { type: string; instances: { attributes: { key: string; version: number } }[] }[];
  };
  const out = new Map<string, number>();
  for (const r of state.resources ?? []) {
    if (r.type !== "kv_entry") continue;
    for (const i of r.instances) out.set(i.attributes.key, i.attributes.version);
  }
  return out;
}

/** The store's entries: key -> version. */
async function storeEntries(tf: TfDir): Promise<Map<string, number>> {
  const store = await openStore({ path: tf.store, namespace: "acc" });
  return new Map((await store.list()).map((e) => [e.key, e.version]));
}

/** What differs between store and state: keys in one only, and versions that differ. */
function differences(store: Map<string, number>, state: Map<string, number>): string[] {
  const out: string[] = [];
  for (const [k, v] of store) {
    if (!state.has(k)) out.push(`${k}: in the store (version ${v}), not in the state`);
    else if (state.get(k) !== v) out.push(`${k}: version ${v} in the store, ${state.get(k)} in the state`);
  }
  for (const k of state.keys()) if (!store.has(k)) out.push(`${k}: in the state, not in the store`);
  return out;
}

describe.concurrent("Ctrl-C during a large apply", () => {
  for (const client of clients) {
    it(`${client.name}: SIGINT and SIGTERM at random points lose no write, and the next apply succeeds`, async (ctx) => {
      if (client.binary === undefined) {
        ctx.skip(`${client.name} is not available`);
        return;
      }
      const binary = client.binary;
      const version =
        /v\d+\.\d+\.\d+\S*/.exec(spawnSync(binary, ["version"], { encoding: "utf8" }).stdout)?.[0] ?? "?";
      const runs = Math.ceil(RUNS / 2);
      const seed = SEED + (client.flavor === "opentofu" ? 0 : 1);
      const rand = random(seed);
      const tf = await TfDir.create({ binary, flavor: client.flavor, mode: "executable" });
      dirs.push(tf);
      usePrivateExecutable(tf, client.flavor);

      // A clean apply first: the baseline, and a measure of how long an apply takes.
      tf.write({ "main.tf": config(tf, ENTRIES, 0) });
      const started = Date.now();
      const first = await apply(tf, binary).done;
      expect(first.code, first.output).toBe(0);
      const applyMs = Date.now() - started;

      const figures = {
        runs: 0,
        SIGINT: 0,
        SIGTERM: 0,
        interruptedInFlight: 0,
        partial: 0,
        mismatches: 0,
        nextApplyOk: 0,
        nextApplyFailed: 0,
      };
      const problems: string[] = [];
      for (let run = 1; run <= runs; run++) {
        const signal: NodeJS.Signals = run % 2 === 1 ? "SIGINT" : "SIGTERM";
        // Creates, updates and deletes: a different size and value every run.
        const count = Math.round(ENTRIES * (0.5 + rand() / 2));
        tf.write({ "main.tf": config(tf, count, run) });
        const { child, done } = apply(tf, binary);
        // Somewhere in the plan or the apply (later runs change fewer entries than the first).
        const delay = 100 + rand() * applyMs * 0.75;
        const timer = setTimeout(() => {
          if (child.exitCode === null && child.signalCode === null) {
            child.kill(signal);
            figures.interruptedInFlight++;
          }
        }, delay);
        const interrupted = await done;
        clearTimeout(timer);
        figures.runs++;
        figures[signal]++;
        if (existsSync(join(tf.dir, "errored.tfstate")))
          problems.push(`run ${run}: the client wrote errored.tfstate`);
        const state = stateEntries(tf);
        const store = await storeEntries(tf);
        const target = new Set(Array.from({ length: count }, (_, i) => `ctrl-c/${i}`));
        const done1 = state.size === target.size && [...state.keys()].every((k) => target.has(k));
        if (!done1 || interrupted.code !== 0) figures.partial++;
        const diff = differences(store, state);
        if (diff.length > 0) {
          figures.mismatches += diff.length;
          problems.push(
            `run ${run} (${signal} after ${Math.round(delay)} ms, exit ${interrupted.code}): ${diff.length} mismatches, e.g. ${diff.slice(0, 3).join("; ")}`,
          );
        }
        // The next apply, uninterrupted, must succeed and leave everything as configured.
        const next = await apply(tf, binary).done;
        if (next.code === 0) figures.nextApplyOk++;
        else {
          figures.nextApplyFailed++;
          problems.push(
            `run ${run}: the next apply failed (exit ${next.code}):\n${next.output.slice(-2000)}`,
          );
        }
        const after = differences(await storeEntries(tf), stateEntries(tf));
        const afterState = stateEntries(tf);
        if (after.length > 0 || afterState.size !== target.size) {
          problems.push(
            `run ${run}: after the next apply, ${after.length} mismatches and ${afterState.size}/${target.size} entries: ${after.slice(0, 3).join("; ")}`,
          );
        }
      }
      console.log(
        `[ctrl-c] ${client.name} (${version}), ${ENTRIES} entries max, seed ${seed}, baseline apply ${applyMs} ms: ` +
          `${figures.runs} runs (${figures.SIGINT} SIGINT, ${figures.SIGTERM} SIGTERM), ` +
          `${figures.interruptedInFlight} signals sent while the apply ran, ${figures.partial} applies left partial, ` +
          `${figures.mismatches} store/state mismatches, next apply ok ${figures.nextApplyOk}/${figures.runs}`,
      );
      expect(problems).toEqual([]);
      expect(figures.mismatches).toBe(0);
      expect(figures.nextApplyOk).toBe(runs);
      // The interrupts did hit applies in progress (else this tested nothing).
      expect(figures.partial).toBeGreaterThan(0);
    }, 600_000);
  }
});
