/**
 * Memory bench: the peak resident set (VmHWM) of the example provider's executable while it serves
 * one large PlanResourceChange / ApplyResourceChange of a `kv_entry` with a big `value` (the apply
 * measured after the plan in the same process, against the resting size before the plan), and a
 * ReadResource of the resulting state in a fresh process, as a ratio to the request's size (the
 * target is at most 4x), and four concurrent 64 MiB applies in
 * a provider started with `--max-old-space-size=2048` (each must succeed or be refused with
 * RESOURCE_EXHAUSTED; the process must live). Linux only (/proc).
 *
 *   pnpm --filter @pyvider/bench run bench:memory [-- --sizes 64,240]
 */
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { parseArgs } from "node:util";
import { ProviderClient, startProviderProcess } from "@pyvider/testing";

const root = join(dirname(fileURLToPath(import.meta.url)), "../..");
const MiB = 2 ** 20;

function kib(pid: number, field: "VmHWM" | "VmRSS"): number {
  const m = new RegExp(`^${field}:\\s+(\\d+) kB`, "m").exec(readFileSync(`/proc/${pid}/status`, "utf8"));
  if (!m) throw new Error(`no ${field} for ${pid}`);
  return Number(m[1]);
}

/** Resets the process's VmHWM to its current RSS (Linux: clear_refs 5). */
function resetPeak(pid: number): void {
  writeFileSync(`/proc/${pid}/clear_refs`, "5");
}

interface Row {
  readonly label: string;
  readonly messageBytes: number;
  readonly baselineKiB: number;
  readonly peakKiB: number;
  readonly note: string;
}

async function withProvider<T>(
  exe: string,
  nodeOptions: string | undefined,
  run: (client: ProviderClient, pid: number, store: string) => Promise<T>,
  existingStore?: string,
): Promise<T> {
  const store = existingStore ?? mkdtempSync(join(tmpdir(), "pyvider-mem-"));
  const proc = await startProviderProcess({
    command: exe,
    env: { NODE_OPTIONS: nodeOptions, TF_LOG: undefined, TF_LOG_PROVIDER: undefined },
  });
  try {
    const client = await ProviderClient.connect(proc);
    const diags = await client.configureProvider({ path: store, namespace: "bench" });
    if (diags.some((d) => d.severity === "error")) throw new Error(JSON.stringify(diags));
    return await run(client, proc.pid, store);
  } finally {
    await proc.dispose();
    if (existingStore === undefined) rmSync(store, { recursive: true, force: true });
  }
}

/**
 * One plan and one apply of a `kv_entry` whose value makes each request `sizeMiB` large, then a
 * refresh (ReadResource) of the entry's state in a fresh provider process on the same store.
 */
async function single(exe: string, sizeMiB: number): Promise<Row[]> {
  const store = mkdtempSync(join(tmpdir(), "pyvider-mem-"));
  try {
    const { rows, state } = await planAndApply(exe, sizeMiB, store);
    rows.push(await refresh(exe, sizeMiB, store, state));
    return rows;
  } finally {
    rmSync(store, { recursive: true, force: true });
  }
}

type Applied = Awaited<ReturnType<ProviderClient["applyResourceChange"]>>;

/** A refresh of the applied entry; its request carries the state (the value once). */
async function refresh(exe: string, sizeMiB: number, store: string, state: Applied): Promise<Row> {
  return withProvider(
    exe,
    undefined,
    async (client, pid) => {
      const baselineKiB = kib(pid, "VmRSS");
      resetPeak(pid);
      const read = await client.readResource("kv_entry", {
        state: state.state,
        private: state.private,
        identity: state.identity,
      });
      if (read.diagnostics.length > 0) throw new Error(JSON.stringify(read.diagnostics));
      return {
        label: `read  ${sizeMiB / 2} MiB (fresh process)`,
        messageBytes: (sizeMiB / 2) * MiB,
        baselineKiB,
        peakKiB: kib(pid, "VmHWM"),
        note: "",
      };
    },
    store,
  );
}

async function planAndApply(
  exe: string,
  sizeMiB: number,
  store: string,
): Promise<{ rows: Row[]; state: Applied }> {
  return withProvider(
    exe,
    undefined,
    async (client, pid) => {
      // config and proposed/planned state each carry the value: the request is twice its size
      const value = "v".repeat((sizeMiB * MiB) / 2);
      const config = { key: "big", value };
      const rows: Row[] = [];
      resetPeak(pid);
      // the apply's peak is also measured against the resting size before the plan (the plan's
      // garbage is not handed back to the system in between)
      const baselineKiB = kib(pid, "VmRSS");
      const plan = await client.planResourceChange("kv_entry", { config });
      if (plan.diagnostics.length > 0) throw new Error(JSON.stringify(plan.diagnostics));
      rows.push({
        label: `plan  ${sizeMiB} MiB`,
        messageBytes: sizeMiB * MiB,
        baselineKiB,
        peakKiB: kib(pid, "VmHWM"),
        note: "",
      });
      resetPeak(pid);
      const apply = await client.applyResourceChange("kv_entry", {
        planned: plan.plannedValue,
        config,
        plannedPrivate: plan.plannedPrivate,
        plannedIdentity: plan.plannedIdentity,
      });
      if (apply.diagnostics.length > 0) throw new Error(JSON.stringify(apply.diagnostics));
      rows.push({
        label: `apply ${sizeMiB} MiB`,
        messageBytes: sizeMiB * MiB,
        baselineKiB,
        peakKiB: kib(pid, "VmHWM"),
        note: "",
      });
      return { rows, state: apply };
    },
    store,
  );
}

/** Four applies of 64 MiB at once, in a provider with a 2 GiB heap limit. */
async function concurrent(exe: string): Promise<Row> {
  return withProvider(exe, "--max-old-space-size=2048", async (client, pid) => {
    const value = "c".repeat(32 * MiB);
    const baselineKiB = kib(pid, "VmRSS");
    const outcomes = await Promise.all(
      [0, 1, 2, 3].map(async (i) => {
        const config = { key: `c${i}`, value };
        try {
          const plan = await client.planResourceChange("kv_entry", { config });
          const apply = await client.applyResourceChange("kv_entry", {
            planned: plan.plannedValue,
            config,
            plannedPrivate: plan.plannedPrivate,
            plannedIdentity: plan.plannedIdentity,
          });
          return apply.diagnostics.length === 0 ? "ok" : apply.diagnostics[0]!.summary;
        } catch (e) {
          return `refused: ${(e as Error).message.slice(0, 60)}`;
        }
      }),
    );
    return {
      label: "4 x apply 64 MiB, --max-old-space-size=2048",
      messageBytes: 4 * 64 * MiB,
      baselineKiB,
      peakKiB: kib(pid, "VmHWM"),
      note: outcomes.join(", "),
    };
  });
}

export async function runMemoryBench(argv = process.argv.slice(2)): Promise<void> {
  if (!existsSync("/proc/self/status")) {
    console.log("memory: skipped (needs Linux /proc)");
    return;
  }
  const { values } = parseArgs({
    args: argv[0] === "--" ? argv.slice(1) : argv,
    options: {
      sizes: { type: "string", default: "64,240" },
      provider: { type: "string", default: join(root, "providers/example-kv/dist/terraform-provider-kv") },
    },
  });
  const exe = values.provider!;
  if (!existsSync(exe))
    throw new Error(`no provider at ${exe}: build it first (npx pnpm exec turbo run build)`);
  const rows: Row[] = [];
  for (const size of values.sizes!.split(",").map(Number)) rows.push(...(await single(exe, size)));
  rows.push(await concurrent(exe));
  const mib = (k: number) => `${(k / 1024).toFixed(0)} MiB`;
  console.log("memory (peak RSS of the provider per request; target: (peak - resting) / request <= 4)");
  for (const r of rows) {
    const ratio = ((r.peakKiB - r.baselineKiB) * 1024) / r.messageBytes;
    console.log(
      `  ${r.label.padEnd(44)} resting ${mib(r.baselineKiB).padStart(8)}  peak ${mib(r.peakKiB).padStart(9)}  ${ratio.toFixed(2)}x the request  (${((r.peakKiB * 1024) / r.messageBytes).toFixed(2)}x with the resting size)${r.note ? `  [${r.note}]` : ""}`,
    );
  }
}

if (import.meta.url === `file://${process.argv[1]}`) await runMemoryBench();
