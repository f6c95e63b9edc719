/**
 * Import steps: in a fresh directory (an empty state), by `terraform import`, an `import` block
 * with an ID, or an `import` block with an identity; then the verification against the state of
 * the earlier steps.
 *
 * @module
 */
import { checkFailure, commandFailure, type FailureContext, outputMatches } from "./errors.js";
import { actionOf } from "./plan-checks.js";
import { CheckError, diffValues, StateView } from "./state.js";
import { asList, init, must, plan, type RunState, runChecks, showJson, stepFiles } from "./steps.js";
import type { JsonState } from "./tf-json.js";
import type { TestStep } from "./types.js";
import type { CommandResult } from "./workdir.js";

function importId(step: TestStep, state: StateView | undefined, address: string): string {
  if (typeof step.importStateId === "string") return step.importStateId;
  if (typeof step.importStateId === "function") return step.importStateId(state);
  const id = state?.resource(address).attr("id");
  if (typeof id !== "string")
    throw new CheckError(`${address} has no string id attribute to import by: set importStateId`);
  return id;
}

function importIdentity(
  step: TestStep,
  state: StateView | undefined,
  address: string,
): Readonly<Record<string, unknown>> {
  if (typeof step.importStateIdentity === "function") return step.importStateIdentity(state);
  if (step.importStateIdentity !== undefined) return step.importStateIdentity;
  const identity = state?.resource(address).identity;
  if (identity === undefined)
    throw new CheckError(`${address} has no identity in the state to import by: set importStateIdentity`);
  return identity;
}

/** An import step, in a fresh directory (an empty state), then the verification against the previous state. */
export async function importStep(
  rs: RunState,
  ctx: FailureContext,
  step: TestStep,
  index: number,
): Promise<void> {
  const address = step.resourceName;
  if (address === undefined)
    throw checkFailure(ctx, "is invalid", new Error("an import step needs resourceName"));
  const files = stepFiles(rs, step) ?? rs.files;
  if (files === undefined)
    throw checkFailure(
      ctx,
      "is invalid",
      new Error("an import step needs a config or an earlier config step"),
    );
  const kind = step.importStateKind ?? "command";
  const dir = rs.work.subdir(`import-${index}`);
  let target: Record<string, unknown>;
  try {
    target =
      kind === "identity"
        ? { to: address, identity: importIdentity(step, rs.state, address) }
        : { to: address, id: importId(step, rs.state, address) };
  } catch (e) {
    throw checkFailure(ctx, "failed", e);
  }
  const all =
    kind === "command"
      ? files
      : { ...files, "_pyvider_import.tf.json": JSON.stringify({ import: [escapeTemplates(target)] }) };
  rs.work.writeConfig(all, dir);
  await init(rs, { ...ctx, dir }, dir);
  const c = { ...ctx, dir };
  let last: CommandResult;
  if (kind === "command") {
    const r = await rs.work.run(["import", "-no-color", "-input=false", address, String(target.id)], dir);
    if (r.code !== 0) {
      if (step.expectError !== undefined && outputMatches(r, step.expectError)) return;
      throw commandFailure(
        c,
        "failed: import",
        r,
        rs.providers.flatMap((p) => p.logs),
      );
    }
    last = r;
  } else {
    const planned = await plan(rs, c, dir, "tfplan", [], step.expectError);
    if (planned === undefined) return;
    const change = planned.view.change(address);
    if (change === undefined || change.change.importing === undefined) {
      throw checkFailure(
        c,
        "failed",
        new CheckError(
          `${address}: expected the plan to import it, got ${change === undefined ? "no change" : actionOf(change)}:\n${planned.view.summary()}`,
        ),
        planned.result,
      );
    }
    await runChecks(c, "pre-apply plan check", step.planChecks?.preApply, planned.view, planned.result);
    last = await must(
      rs,
      c,
      ["apply", "-no-color", "-input=false", "-auto-approve", "tfplan"],
      "failed: apply",
      dir,
    );
  }
  if (step.expectError !== undefined)
    throw checkFailure(
      c,
      "failed",
      new Error(`expected an error matching ${step.expectError}, but the import succeeded`),
      last,
    );
  const imported = new StateView(await showJson<JsonState>(rs, c, dir));
  await runChecks(c, "check", asList(step.check), imported, last);
  if (step.importStateVerify === true) {
    try {
      const want = rs.state?.resource(address);
      if (want === undefined)
        throw new CheckError("importStateVerify needs an earlier step that created the resource");
      const got = imported.resource(address);
      const diffs = diffValues(want.values, got.values, step.importStateVerifyIgnore ?? []);
      if (diffs.length > 0) {
        throw new CheckError(
          `${address}: the imported resource differs from the applied one (importStateVerify):\n${diffs.map((d) => `  ${d}`).join("\n")}`,
          {
            address,
          },
        );
      }
    } catch (e) {
      throw checkFailure(c, "failed: import verify", e, last);
    }
  }
}

/** Escapes `${` and `%{` in JSON-syntax strings (they would be templates). */
function escapeTemplates(v: unknown): unknown {
  if (typeof v === "string") return v.replace(/\$\{/g, "$${").replace(/%\{/g, "%%{");
  if (Array.isArray(v)) return v.map(escapeTemplates);
  if (v !== null && typeof v === "object")
    return Object.fromEntries(Object.entries(v).map(([k, x]) => [k, escapeTemplates(x)]));
  return v;
}
