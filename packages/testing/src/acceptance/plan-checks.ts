/**
 * Plan checks: assertions on a saved plan (`tofu show -json <planfile>`): an empty plan, a
 * non-empty plan, the action planned for a resource, known and unknown planned values.
 *
 * @module
 */
import { CheckError, type Expected, matches, parseAttrPath, show, valueAt } from "./state.js";
import type { JsonPlan, JsonResourceChange } from "./tf-json.js";

/** A resource action as tests name it. */
export type ResourceAction = "create" | "update" | "replace" | "destroy" | "no-op" | "read" | "import";

/** A saved plan with helpers. */
export class PlanView {
  /** @param raw the parsed `show -json` output of the plan file */
  constructor(readonly raw: JsonPlan) {}

  /** The resource changes. */
  get changes(): readonly JsonResourceChange[] {
    return this.raw.resource_changes ?? [];
  }

  /** The change of `address`, or undefined. */
  change(address: string): JsonResourceChange | undefined {
    return this.changes.find((c) => c.address === address);
  }

  /** The changes that do something (not no-op, not a read of a data source). */
  get effective(): JsonResourceChange[] {
    return this.changes.filter((c) => {
      const a = actionOf(c);
      return a !== "no-op" && !(a === "read" && c.mode === "data");
    });
  }

  /** Output changes that do something. */
  get effectiveOutputs(): string[] {
    return Object.entries(this.raw.output_changes ?? {})
      .filter(([, c]) => !(c.actions.length === 1 && c.actions[0] === "no-op"))
      .map(([k]) => k);
  }

  /** True when the plan changes nothing. */
  get empty(): boolean {
    return this.effective.length === 0 && this.effectiveOutputs.length === 0;
  }

  /** A human summary of what the plan does, one line per change. */
  summary(): string {
    const lines = this.effective.map((c) => `  ${c.address}: ${actionOf(c)}${describeDiff(c)}`);
    for (const o of this.effectiveOutputs)
      lines.push(`  output.${o}: ${this.raw.output_changes?.[o]?.actions.join("/")}`);
    return lines.length === 0 ? "  (no changes)" : lines.join("\n");
  }
}

/** The action of a change, as tests name it. */
export function actionOf(change: JsonResourceChange): ResourceAction {
  const a = change.change.actions;
  if (a.length === 2 && a.includes("delete") && a.includes("create")) return "replace";
  const first = a[0];
  if (first === "delete") return "destroy";
  if (first === "create") return "create";
  if (first === "update") return "update";
  if (first === "read") return "read";
  if (first === "no-op" && change.change.importing !== undefined) return "import";
  return "no-op";
}

function describeDiff(c: JsonResourceChange): string {
  const before = c.change.before;
  const after = c.change.after ?? {};
  const unknown = c.change.after_unknown ?? {};
  const parts: string[] = [];
  if (before === null) {
    for (const k of Object.keys({ ...after, ...unknown }).sort()) {
      if (unknown[k] === true) parts.push(`${k} = (known after apply)`);
      else if (after[k] !== null && after[k] !== undefined) parts.push(`${k} = ${show(after[k])}`);
    }
    return parts.length === 0 ? "" : ` (${parts.join("; ")})`;
  }
  const keys = [...new Set([...Object.keys(before), ...Object.keys(after)])].sort();
  for (const k of keys) {
    if (unknown[k] === true) {
      parts.push(`${k}: ${show(before[k])} -> (known after apply)`);
      continue;
    }
    if (JSON.stringify(before[k] ?? null) !== JSON.stringify(after[k] ?? null))
      parts.push(`${k}: ${show(before[k])} -> ${show(after[k])}`);
  }
  return parts.length === 0 ? "" : ` (${parts.join("; ")})`;
}

/** A check on a plan: throws {@link CheckError} on failure. */
export type PlanCheck = (plan: PlanView) => unknown;

/** The plan must change nothing. */
export function expectEmptyPlan(): PlanCheck {
  return (plan) => {
    if (!plan.empty) throw new CheckError(`expected an empty plan, but it has changes:\n${plan.summary()}`);
  };
}

/** The plan must change something. */
export function expectNonEmptyPlan(): PlanCheck {
  return (plan) => {
    if (plan.empty) throw new CheckError("expected a non-empty plan, but it changes nothing");
  };
}

/** The resource at `address` must be planned for `action` (`no-op` also passes when absent from the plan). */
export function expectResourceAction(address: string, action: ResourceAction): PlanCheck {
  return (plan) => {
    const c = plan.change(address);
    const actual = c === undefined ? undefined : actionOf(c);
    if (actual === action) return;
    const importing = c?.change.importing !== undefined;
    if (action === "import" && importing) return;
    throw new CheckError(
      `${address}: expected planned action ${action}, got ${actual ?? "no change planned (not in the plan)"}${
        c === undefined ? `\nthe plan:\n${plan.summary()}` : describeDiff(c)
      }`,
      { address, expected: action, actual },
    );
  };
}

/** The planned value of `path` in `address` must meet `expected` (and be known). */
export function expectPlannedValue(address: string, path: string, expected: Expected): PlanCheck {
  return (plan) => {
    const c = plan.change(address);
    if (c === undefined) throw new CheckError(`${address}: not in the plan`, { address });
    const steps = parseAttrPath(path);
    if (valueAt(c.change.after_unknown, steps) === true) {
      throw new CheckError(
        `${address}: attribute ${path}: expected ${show(expected)}, got (known after apply)`,
        {
          address,
          path,
          expected,
          actual: "(known after apply)",
        },
      );
    }
    const actual = valueAt(c.change.after, steps);
    if (!matches(actual, expected)) {
      throw new CheckError(
        `${address}: attribute ${path}: expected planned ${show(expected)}, got ${show(actual)}`,
        {
          address,
          path,
          expected,
          actual,
        },
      );
    }
  };
}

/** The planned value of `path` in `address` must be unknown (known after apply). */
export function expectUnknownValue(address: string, path: string): PlanCheck {
  return (plan) => {
    const c = plan.change(address);
    if (c === undefined) throw new CheckError(`${address}: not in the plan`, { address });
    const steps = parseAttrPath(path);
    if (valueAt(c.change.after_unknown, steps) !== true) {
      const actual = valueAt(c.change.after, steps);
      throw new CheckError(
        `${address}: attribute ${path}: expected (known after apply), got ${show(actual)}`,
        {
          address,
          path,
          expected: "(known after apply)",
          actual,
        },
      );
    }
  };
}
