/**
 * Built-in plan modifiers: requires-replace, requires-replace-if, use-state-for-unknown, custom.
 *
 * @module
 */
import { rawEquals } from "@pyvider/cty";
import type { PlanModifier, PlanModifierRequest, PlanModifierResponse } from "./model.js";

/**
 * True when the resource exists and stays (not being created or destroyed). A new element of a
 * nested collection counts as a change of its attributes, as in terraform-plugin-framework.
 */
function updating(req: PlanModifierRequest): boolean {
  return !req.stateRoot.isNull && !req.planRoot.isNull;
}

/** Changing the attribute's value replaces the resource (nothing happens on create or destroy). */
export function requiresReplace(): PlanModifier {
  return {
    kind: "requiresReplace",
    description: "If the value of this attribute changes, Terraform will destroy and recreate the resource.",
    modify(req) {
      if (!updating(req) || rawEquals(req.plan, req.state)) return undefined;
      return { requiresReplace: true };
    },
  };
}

/**
 * Like {@link requiresReplace}, but only when `condition` says so (it sees the request and may be async).
 */
export function requiresReplaceIf(
  condition: (req: PlanModifierRequest) => boolean | Promise<boolean>,
  description = "If the value of this attribute changes under a condition, Terraform will destroy and recreate the resource.",
): PlanModifier {
  return {
    kind: "requiresReplaceIf",
    description,
    modify(req) {
      if (!updating(req) || rawEquals(req.plan, req.state)) return undefined;
      const r = condition(req);
      if (r instanceof Promise) return r.then((yes) => (yes ? { requiresReplace: true } : undefined));
      return r ? { requiresReplace: true } : undefined;
    },
  };
}

/**
 * Keeps the prior state value when the planned value is unknown (e.g. a computed ID that does not
 * change on update). A null prior value stays null. Does nothing on create or when the
 * configuration itself is unknown.
 */
export function useStateForUnknown(): PlanModifier {
  return {
    kind: "useStateForUnknown",
    description: "Once set, the value of this attribute in state will not change.",
    modify(req) {
      if (req.stateRoot.isNull || req.planRoot.isNull || !req.stateObjectExists) return undefined;
      if (req.plan.isKnown || !req.config.isKnown) return undefined;
      return { plan: req.state };
    },
  };
}

/** A plan modifier from a function (sync or async). */
export function planModifier(
  description: string,
  modify: (
    req: PlanModifierRequest,
  ) => PlanModifierResponse | undefined | Promise<PlanModifierResponse | undefined>,
): PlanModifier {
  return { description, modify };
}

/** Plan modifiers, grouped. */
export const pm = Object.freeze({
  requiresReplace,
  requiresReplaceIf,
  useStateForUnknown,
  custom: planModifier,
});
