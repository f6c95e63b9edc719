/**
 * The shape of an acceptance test: a test case with steps, modelled on terraform-plugin-testing's
 * `TestCase` and `TestStep`.
 *
 * @module
 */
import type { TfBinary } from "./binary.js";
import type { PlanCheck } from "./plan-checks.js";
import type { ProviderUnderTest } from "./provider-source.js";
import type { StateView } from "./state.js";

/** A check on the state after a step. Throw (a {@link CheckError}, or use `expect`) to fail. */
export type StateCheck = (state: StateView) => unknown;

/** Plan checks by the moment they run. */
export interface PlanChecks {
  /** On the step's plan, before apply. */
  readonly preApply?: readonly PlanCheck[];
  /** On a plan made right after apply, without refreshing. */
  readonly postApplyPreRefresh?: readonly PlanCheck[];
  /** On the plan made after apply, with refresh (the one that must be empty). */
  readonly postApplyPostRefresh?: readonly PlanCheck[];
}

/** How an import step imports. */
export type ImportKind = "command" | "block" | "identity";

/** One step of a test case. Which kind it is follows from its fields: import, refresh, or config (plan and apply). */
export interface TestStep {
  /** A name for failure messages (default: the step's kind). */
  readonly name?: string;
  /** The configuration (HCL). For import and refresh steps, default: the previous step's. */
  readonly config?: string;
  /** Configuration files by name (`main.tf`, `vars.tf.json`, ...), instead of or besides `config`. */
  readonly files?: Readonly<Record<string, string>>;
  /** Values for the configuration's `variable` blocks (written as `terraform.tfvars.json`). */
  readonly variables?: Readonly<Record<string, unknown>>;
  /** Runs before the step, e.g. to change the world out of band (drift). */
  readonly preConfig?: () => void | Promise<void>;
  /** Checks on the state after the step. */
  readonly check?: StateCheck | readonly StateCheck[];
  /** Checks on plans. */
  readonly planChecks?: PlanChecks;
  /**
   * The step must fail with an error matching this (checked against the command's output, also
   * with line wrapping and the diagnostic box removed).
   */
  readonly expectError?: RegExp;
  /** Only plan (no apply); fails on a non-empty plan unless `expectNonEmptyPlan`. */
  readonly planOnly?: boolean;
  /** Allows a non-empty plan after apply (or in a plan-only step). */
  readonly expectNonEmptyPlan?: boolean;
  /** A refresh step: `apply -refresh-only`, then the checks. */
  readonly refreshState?: boolean;
  /** An import step. */
  readonly importState?: boolean;
  /** How to import (default `command`: `tofu import ADDR ID`). */
  readonly importStateKind?: ImportKind;
  /** The resource address to import into, e.g. `testkit_item.a`. */
  readonly resourceName?: string;
  /** The import ID (or computed from the previous state); default: the resource's `id` attribute. */
  readonly importStateId?: string | ((state: StateView | undefined) => string);
  /** The identity for `importStateKind: "identity"` (or computed from the previous state; default: its identity). */
  readonly importStateIdentity?:
    | Readonly<Record<string, unknown>>
    | ((state: StateView | undefined) => Readonly<Record<string, unknown>>);
  /** Compare the imported resource's attributes with the same resource in the previous state. */
  readonly importStateVerify?: boolean;
  /** Attribute paths (or prefixes) left out of the comparison. */
  readonly importStateVerifyIgnore?: readonly string[];
}

/** What the runner does when no binary is available. */
export interface SkipContext {
  /** Skips the running test (vitest's `ctx.skip(note)`). */
  skip(note?: string): void;
}

/** A test case: the provider, the steps, and the destroy check. */
export interface TestCase {
  /** The provider under test (in-process, executable or reattach). */
  readonly provider?: ProviderUnderTest;
  /** Several providers. */
  readonly providers?: readonly ProviderUnderTest[];
  /** The steps, in order. */
  readonly steps: readonly TestStep[];
  /**
   * Runs after the final destroy with the last state before it (to look up IDs and check that
   * the remote objects are gone).
   */
  readonly checkDestroy?: StateCheck;
  /** The binary: a path, an identified binary, or found (see `findBinary`). */
  readonly binary?: string | TfBinary;
  /** Return a reason to skip the test for this binary (e.g. a feature it lacks). */
  readonly skipFor?: (binary: TfBinary) => string | undefined;
  /** Longest a single command may run (default 5 minutes). */
  readonly commandTimeoutMs?: number;
  /** Keep the working directory (default `PYVIDER_ACC_KEEP=1`). */
  readonly keepWorkDir?: boolean;
}

/** What a finished run reports. */
export interface AcceptanceReport {
  /** Whether the test was skipped (no binary, `skipFor`), and why. */
  readonly skipped: string | undefined;
  /** The binary used. */
  readonly binary: TfBinary | undefined;
  /** Every command run, in order. */
  readonly commands: readonly string[];
  /** The state after the last step (before destroy). */
  readonly lastState: StateView | undefined;
}
