/**
 * Running the steps of an acceptance test: config steps (plan, apply, checks, the plan after
 * apply), refresh steps and the final destroy, and the command helpers every step uses (import
 * steps are in `import-step.ts`).
 *
 * @module
 */
import type { TfBinary } from "./binary.js";
import { checkFailure, commandFailure, type FailureContext, outputMatches } from "./errors.js";
import { type PlanCheck, PlanView } from "./plan-checks.js";
import type { PreparedProvider } from "./provider-source.js";
import { CheckError, StateView } from "./state.js";
import type { JsonPlan, JsonState } from "./tf-json.js";
import type { StateCheck, TestStep } from "./types.js";
import type { CommandResult, WorkDir } from "./workdir.js";

/** What the steps share. */
export interface RunState {
  readonly work: WorkDir;
  readonly binary: TfBinary;
  readonly providers: readonly PreparedProvider[];
  /** The configuration files of the last config step. */
  files: Record<string, string> | undefined;
  /** The state after the last step. */
  state: StateView | undefined;
  /** The configuration files of the last successful apply (used to destroy). */
  appliedFiles: Record<string, string> | undefined;
  /** Directories already initialised. */
  readonly initialized: Set<string>;
}

/** The configuration files of a step (config, files, variables, the provider requirements). */
export function stepFiles(rs: RunState, step: TestStep): Record<string, string> | undefined {
  if (step.config === undefined && step.files === undefined) return undefined;
  const files: Record<string, string> = { ...(step.files ?? {}) };
  if (step.config !== undefined) files["main.tf"] = step.config;
  if (step.variables !== undefined) files["terraform.tfvars.json"] = JSON.stringify(step.variables);
  const text = Object.values(files).join("\n");
  if (!/required_providers/.test(text) && rs.providers.length > 0) {
    const lines = rs.providers.map(
      (p) => `    ${p.address.split("/").pop()} = { source = ${JSON.stringify(p.shortSource)} }`,
    );
    files["_pyvider_providers.tf"] = `terraform {\n  required_providers {\n${lines.join("\n")}\n  }\n}\n`;
  }
  return files;
}

/** Runs a command; a failure (unless expected) throws with the step, command and output. */
export async function must(
  rs: RunState,
  ctx: FailureContext,
  args: string[],
  what: string,
  dir?: string,
): Promise<CommandResult> {
  const r = await rs.work.run(args, dir);
  if (r.code !== 0)
    throw commandFailure(
      ctx,
      what,
      r,
      rs.providers.flatMap((p) => p.logs),
    );
  return r;
}

/** Runs `init` in `dir` once (never when every provider is a dev_overrides executable). */
export async function init(rs: RunState, ctx: FailureContext, dir: string): Promise<void> {
  if (rs.initialized.has(dir)) return;
  // dev_overrides providers must not be installed: skip init when every provider is one.
  if (rs.providers.length > 0 && rs.providers.every((p) => p.mode === "executable")) {
    rs.initialized.add(dir);
    return;
  }
  await must(rs, ctx, ["init", "-no-color", "-input=false"], "failed: init", dir);
  rs.initialized.add(dir);
}

/** `show -json` of the state in `dir`, or of `planFile`, parsed. */
export async function showJson<T>(
  rs: RunState,
  ctx: FailureContext,
  dir: string,
  planFile?: string,
): Promise<T> {
  const r = await must(
    rs,
    ctx,
    ["show", "-json", "-no-color", ...(planFile === undefined ? [] : [planFile])],
    "failed: show",
    dir,
  );
  try {
    return JSON.parse(r.stdout) as T;
  } catch (e) {
    throw checkFailure(ctx, "failed: show -json printed no JSON", e, r);
  }
}

/** Runs each check on `value`; the first failure throws naming `what`. */
export async function runChecks<T>(
  ctx: FailureContext,
  what: string,
  checks: readonly ((x: T) => unknown)[] | undefined,
  value: T,
  after?: CommandResult,
): Promise<void> {
  for (const check of checks ?? []) {
    try {
      await check(value);
    } catch (e) {
      throw checkFailure(ctx, `failed: ${what}`, e, after);
    }
  }
}

/** A step's state checks as a list. */
export const asList = (c: StateCheck | readonly StateCheck[] | undefined): readonly StateCheck[] =>
  c === undefined ? [] : typeof c === "function" ? [c] : c;

/** Plans into `file`; returns the plan, or undefined when it failed as expected. */
export async function plan(
  rs: RunState,
  ctx: FailureContext,
  dir: string,
  file: string,
  extra: string[],
  expectError: RegExp | undefined,
) {
  const r = await rs.work.run(["plan", "-no-color", "-input=false", `-out=${file}`, ...extra], dir);
  if (r.code !== 0) {
    if (expectError !== undefined && outputMatches(r, expectError)) return undefined;
    throw commandFailure(
      ctx,
      expectError === undefined ? "failed: plan" : `failed: plan (with an error not matching ${expectError})`,
      r,
      rs.providers.flatMap((p) => p.logs),
    );
  }
  return { view: new PlanView(await showJson<JsonPlan>(rs, ctx, dir, file)), result: r };
}

/** A config step: plan, checks, apply, state checks, then the plan that must be empty. */
export async function configStep(rs: RunState, ctx: FailureContext, step: TestStep): Promise<void> {
  const files = stepFiles(rs, step) ?? rs.files;
  if (files === undefined)
    throw checkFailure(ctx, "is invalid", new Error("the first step needs a config (config or files)"));
  rs.work.writeConfig(files);
  rs.files = files;
  const dir = rs.work.dir;
  await init(rs, ctx, dir);
  const planned = await plan(rs, ctx, dir, "tfplan", [], step.expectError);
  if (planned === undefined) return;
  await runChecks(ctx, "pre-apply plan check", step.planChecks?.preApply, planned.view, planned.result);
  if (step.planOnly === true) {
    if (!planned.view.empty && step.expectNonEmptyPlan !== true) {
      throw checkFailure(
        ctx,
        "failed",
        new CheckError(`the plan-only step planned changes:\n${planned.view.summary()}`),
        planned.result,
      );
    }
    if (step.expectError !== undefined)
      throw checkFailure(
        ctx,
        "failed",
        new Error(`expected an error matching ${step.expectError}, but the plan succeeded`),
        planned.result,
      );
    return;
  }
  const applied = await rs.work.run(["apply", "-no-color", "-input=false", "-auto-approve", "tfplan"], dir);
  if (applied.code !== 0) {
    rs.state = new StateView(await showJson<JsonState>(rs, ctx, dir));
    if (step.expectError !== undefined && outputMatches(applied, step.expectError)) return;
    throw commandFailure(
      ctx,
      step.expectError === undefined
        ? "failed: apply"
        : `failed: apply (with an error not matching ${step.expectError})`,
      applied,
      rs.providers.flatMap((p) => p.logs),
    );
  }
  if (step.expectError !== undefined) {
    throw checkFailure(
      ctx,
      "failed",
      new Error(`expected an error matching ${step.expectError}, but plan and apply succeeded`),
      applied,
    );
  }
  rs.state = new StateView(await showJson<JsonState>(rs, ctx, dir));
  rs.appliedFiles = files;
  await runChecks(ctx, "check", asList(step.check), rs.state, applied);
  if (step.planChecks?.postApplyPreRefresh !== undefined) {
    const pre = await plan(rs, ctx, dir, "tfplan-pre", ["-refresh=false"], undefined);
    await runChecks(
      ctx,
      "post-apply (pre-refresh) plan check",
      step.planChecks.postApplyPreRefresh,
      pre!.view,
      pre!.result,
    );
  }
  await afterApplyPlan(rs, ctx, dir, step, step.planChecks?.postApplyPostRefresh);
}

async function afterApplyPlan(
  rs: RunState,
  ctx: FailureContext,
  dir: string,
  step: TestStep,
  checks: readonly PlanCheck[] | undefined,
): Promise<void> {
  const post = await plan(rs, ctx, dir, "tfplan-post", [], undefined);
  await runChecks(ctx, "post-apply plan check", checks, post!.view, post!.result);
  if (!post!.view.empty && step.expectNonEmptyPlan !== true) {
    throw checkFailure(
      ctx,
      "failed",
      new CheckError(
        `after applying, the plan was not empty (set expectNonEmptyPlan if that is expected):\n${post!.view.summary()}`,
      ),
      post!.result,
    );
  }
}

/** A refresh step: `apply -refresh-only`, checks, and optionally the plan checks. */
export async function refreshStep(rs: RunState, ctx: FailureContext, step: TestStep): Promise<void> {
  const files = stepFiles(rs, step) ?? rs.files;
  if (files === undefined)
    throw checkFailure(ctx, "is invalid", new Error("a refresh step needs an earlier config step"));
  rs.work.writeConfig(files);
  const r = await rs.work.run(
    ["apply", "-refresh-only", "-no-color", "-input=false", "-auto-approve"],
    rs.work.dir,
  );
  if (r.code !== 0) {
    if (step.expectError !== undefined && outputMatches(r, step.expectError)) return;
    throw commandFailure(
      ctx,
      "failed: refresh",
      r,
      rs.providers.flatMap((p) => p.logs),
    );
  }
  rs.state = new StateView(await showJson<JsonState>(rs, ctx, rs.work.dir));
  await runChecks(ctx, "check", asList(step.check), rs.state, r);
  if (step.planChecks?.postApplyPostRefresh !== undefined || step.expectNonEmptyPlan === false) {
    await afterApplyPlan(rs, ctx, rs.work.dir, step, step.planChecks?.postApplyPostRefresh);
  }
}

/** The final destroy, then the destroy check. */
export async function destroyAll(
  rs: RunState,
  ctx: FailureContext,
  checkDestroy: StateCheck | undefined,
): Promise<void> {
  const files = rs.appliedFiles ?? rs.files;
  const before = rs.state;
  if (files === undefined || before === undefined || before.addresses.length === 0) {
    if (checkDestroy !== undefined && before !== undefined)
      await runChecks(ctx, "destroy check", [checkDestroy], before);
    return;
  }
  rs.work.writeConfig(files);
  await must(
    rs,
    ctx,
    ["destroy", "-no-color", "-input=false", "-auto-approve"],
    "failed: destroy",
    rs.work.dir,
  );
  const after = new StateView(await showJson<JsonState>(rs, ctx, rs.work.dir));
  const left = after.addresses;
  if (left.length > 0)
    throw checkFailure(
      ctx,
      "failed",
      new CheckError(`resources left in the state after destroy: ${left.join(", ")}`),
    );
  if (checkDestroy !== undefined) {
    try {
      await checkDestroy(before ?? after);
    } catch (e) {
      throw checkFailure(ctx, "failed: destroy check", e);
    }
  }
}

/** The label of a step for messages. */
export function stepLabel(step: TestStep): string {
  if (step.name !== undefined) return step.name;
  if (step.importState === true)
    return `import ${step.resourceName ?? "?"} by ${step.importStateKind ?? "command"}`;
  if (step.refreshState === true) return "refresh";
  return step.planOnly === true ? "plan" : "apply";
}
