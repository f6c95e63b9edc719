/**
 * `acceptanceTest`: runs a test case against a real `tofu` / `terraform` binary inside a vitest
 * test: its own working directory and CLI config, the provider in-process or as an executable,
 * every step, then destroy and the destroy check.
 *
 * @module
 */
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { BinaryNotFoundError, findBinary, identifyBinary, type TfBinary } from "./binary.js";
import { AcceptanceError, checkFailure, type FailureContext } from "./errors.js";
import { importStep } from "./import-step.js";
import { type PreparedProvider, prepareProvider } from "./provider-source.js";
import { configStep, destroyAll, type RunState, refreshStep, stepLabel } from "./steps.js";
import type { AcceptanceReport, SkipContext, TestCase } from "./types.js";
import { WorkDir } from "./workdir.js";

/** True when running in CI (`CI` set to anything but `false`/`0`/empty). */
export function inCI(env: NodeJS.ProcessEnv = process.env): boolean {
  const v = env.CI;
  return v !== undefined && v !== "" && v !== "false" && v !== "0";
}

async function resolveBinary(tc: TestCase): Promise<TfBinary> {
  if (tc.binary === undefined) return findBinary();
  if (typeof tc.binary === "string") return identifyBinary(tc.binary, "TestCase.binary");
  return tc.binary;
}

function flavorName(b: TfBinary): string {
  return `${b.flavor === "opentofu" ? "OpenTofu" : "Terraform"} ${b.version} (${b.path}, from ${b.source})`;
}

function skipWith(ctx: SkipContext | undefined, reason: string): AcceptanceReport {
  const report = { skipped: reason, binary: undefined, commands: [], lastState: undefined };
  if (ctx !== undefined) ctx.skip(reason);
  else process.stderr.write(`[pyvider/testing] acceptance test skipped: ${reason}\n`);
  return report;
}

/**
 * Runs an acceptance test case. Call it inside a vitest test and pass the test context so the
 * test can be skipped when no binary is found (outside CI; under `CI=true` that fails instead).
 *
 * @example
 * ```ts
 * it("creates and updates an item", (ctx) =>
 *   acceptanceTest({
 *     provider: { name: "kv", definition: () => buildProvider(kv, [entry]) },
 *     steps: [
 *       { config: `resource "kv_entry" "a" { key = "a" value = "1" }`,
 *         check: (s) => s.resource("kv_entry.a", entry).expect("value", "1") },
 *       { config: `resource "kv_entry" "a" { key = "a" value = "2" }`,
 *         planChecks: { preApply: [expectResourceAction("kv_entry.a", "update")] } },
 *     ],
 *   }, ctx), 120_000);
 * ```
 * @throws AcceptanceError with the step, the command, its output and the failed check
 */
export async function acceptanceTest(tc: TestCase, ctx?: SkipContext): Promise<AcceptanceReport> {
  let binary: TfBinary;
  try {
    binary = await resolveBinary(tc);
  } catch (e) {
    if (!(e instanceof BinaryNotFoundError)) throw e;
    if (inCI())
      throw new AcceptanceError(
        `acceptance tests must run in CI (CI=true), but ${e.message}`,
        undefined,
        undefined,
        { cause: e },
      );
    return skipWith(ctx, e.message);
  }
  const reason = tc.skipFor?.(binary);
  if (reason !== undefined) return skipWith(ctx, `${reason} (${flavorName(binary)})`);

  const wanted = [...(tc.provider === undefined ? [] : [tc.provider]), ...(tc.providers ?? [])];
  const prepared: PreparedProvider[] = [];
  let work: WorkDir | undefined;
  let binRoot: string | undefined;
  const steps = tc.steps;
  const base = (i: number): FailureContext => ({
    step: i + 1,
    of: steps.length,
    label: i < steps.length ? stepLabel(steps[i]!) : "destroy",
    dir: work?.dir ?? "",
    binary: flavorName(binary),
  });
  try {
    binRoot = mkdtempSync(join(tmpdir(), "pyvider-acc-bin-"));
    for (const p of wanted) prepared.push(await prepareProvider(p, binary, join(binRoot, p.name)));
    work = WorkDir.create({
      binary,
      devOverrides: Object.assign({}, ...prepared.map((p) => p.devOverrides)),
      env: Object.assign({}, ...prepared.map((p) => p.env)),
      ...(tc.commandTimeoutMs === undefined ? {} : { commandTimeoutMs: tc.commandTimeoutMs }),
      ...(tc.keepWorkDir === undefined ? {} : { keep: tc.keepWorkDir }),
    });
    const rs: RunState = {
      work,
      binary,
      providers: prepared,
      files: undefined,
      state: undefined,
      appliedFiles: undefined,
      initialized: new Set(),
    };
    let failure: unknown;
    for (let i = 0; i < steps.length && failure === undefined; i++) {
      const step = steps[i]!;
      const c = base(i);
      try {
        if (step.preConfig !== undefined) {
          try {
            await step.preConfig();
          } catch (e) {
            throw checkFailure(c, "failed: preConfig", e);
          }
        }
        if (step.importState === true) await importStep(rs, c, step, i + 1);
        else if (step.refreshState === true) await refreshStep(rs, c, step);
        else await configStep(rs, c, step);
      } catch (e) {
        failure = e;
      }
    }
    try {
      await destroyAll(
        rs,
        { ...base(steps.length), step: steps.length, label: "destroy" },
        failure === undefined ? tc.checkDestroy : undefined,
      );
    } catch (e) {
      if (failure === undefined) failure = e;
    }
    if (failure !== undefined) throw failure;
    return { skipped: undefined, binary, commands: work.history.map((h) => h.command), lastState: rs.state };
  } finally {
    for (const p of prepared) await p.close().catch(() => {});
    work?.dispose();
    if (binRoot !== undefined && work?.kept !== true) rmSync(binRoot, { recursive: true, force: true });
  }
}
