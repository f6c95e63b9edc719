/**
 * Author-raised deferral: a handler that cannot do its work yet (a prerequisite is absent, the
 * configuration is not known) tells Terraform to skip the resource in this plan and try again
 * in a later round, with `ctx.defer(reason)`.
 *
 * Only some operations may defer (a resource's plan hook, `read` and `importState`, a data
 * source's `read` and an ephemeral resource's `open`), and only when the client announced that
 * it supports deferred actions (`ctx.clientCapabilities.deferralAllowed`: Terraform 1.9 or later
 * with the deferral experiment enabled, e.g. `terraform plan -allow-deferral`; OpenTofu never
 * does). Otherwise the deferral becomes an error diagnostic naming the operation.
 *
 * @module
 */
import type { Diagnostic } from "@pyvider/schema";
import type { ClientCapabilities } from "./context.js";

/**
 * Why an operation is deferred (tfplugin6's `Deferred.Reason`):
 * - `"resource-config-unknown"`: the resource's configuration has values not known yet;
 * - `"provider-config-unknown"`: the provider's configuration has values not known yet;
 * - `"absent-prerequisite"`: something the operation needs does not exist yet;
 * - `"unknown"`: none of the above.
 */
export type DeferralReason =
  | "unknown"
  | "resource-config-unknown"
  | "provider-config-unknown"
  | "absent-prerequisite";

/** Every {@link DeferralReason}, in the order of tfplugin6's enum values (0..3). */
export const DEFERRAL_REASONS: readonly DeferralReason[] = Object.freeze([
  "unknown",
  "resource-config-unknown",
  "provider-config-unknown",
  "absent-prerequisite",
]);

const BRAND = Symbol.for("@pyvider/hub.Deferral");

/**
 * What `ctx.defer(reason)` throws to end the handler. The framework catches it and answers
 * Terraform with a deferred response. `throw new Deferral(reason)` from a helper the handler
 * calls does the same; prefer `ctx.defer`, whose context is the one that may defer.
 */
export class Deferral extends Error {
  /** The reason Terraform is told. */
  readonly reason: DeferralReason;

  /** @param reason why (default `"unknown"`) */
  constructor(reason: DeferralReason = "unknown") {
    if (!DEFERRAL_REASONS.includes(reason)) {
      throw new TypeError(
        `Unknown deferral reason ${JSON.stringify(reason)}: use one of ${DEFERRAL_REASONS.map((r) => `"${r}"`).join(", ")}`,
      );
    }
    super(`deferred: ${reason}`);
    this.name = "Deferral";
    this.reason = reason;
    Object.defineProperty(this, BRAND, { value: true });
  }
}

/** True for a {@link Deferral} (also one from another copy of this package). */
export function isDeferral(e: unknown): e is Deferral {
  return (
    e instanceof Deferral ||
    (typeof e === "object" && e !== null && (e as { [BRAND]?: unknown })[BRAND] === true)
  );
}

/** The fields of a context whose handler may defer. */
export interface DeferrableContext {
  /** What the client said it can handle; `deferralAllowed` says whether {@link defer} is honoured. */
  readonly clientCapabilities: ClientCapabilities;
  /**
   * Ends the handler and tells Terraform to defer this resource to a later plan-and-apply round.
   * Honoured only when `clientCapabilities.deferralAllowed` is true (Terraform 1.9+ with the
   * deferral experiment, e.g. `terraform plan -allow-deferral`; never OpenTofu); otherwise the
   * operation fails with an error saying so, so check the capability first and fall back (e.g. to
   * an error of your own) when it is false.
   *
   * @param reason why (default `"unknown"`)
   */
  defer(reason?: DeferralReason): never;
}

/** Capabilities of a client that announced nothing. */
export const NO_CLIENT_CAPABILITIES: ClientCapabilities = Object.freeze({
  deferralAllowed: false,
  writeOnlyAttributesAllowed: false,
  storePlannedPrivate: false,
  computedBlocksAllowed: false,
});

/** The {@link DeferrableContext} fields for a handler called with these capabilities. */
export function deferrableFields(capabilities: ClientCapabilities | undefined): DeferrableContext {
  return {
    clientCapabilities: capabilities ?? NO_CLIENT_CAPABILITIES,
    defer: (reason?: DeferralReason): never => {
      throw new Deferral(reason);
    },
  };
}

const REASON_TEXT: Record<DeferralReason, string> = {
  unknown: "unknown",
  "resource-config-unknown": "resource configuration unknown",
  "provider-config-unknown": "provider configuration unknown",
  "absent-prerequisite": "absent prerequisite",
};

/**
 * The error of a deferral the operation cannot honour: the client did not allow deferral
 * (`allowed` false), or the operation is not one that may defer (`allowed` undefined).
 * @param where the operation, e.g. `resource kv_entry plan`
 * @param reason the deferral's reason
 * @param allowed whether the client allows deferral; undefined when the operation cannot defer
 */
export function deferralRefused(
  where: string,
  reason: DeferralReason,
  allowed: boolean | undefined,
): Diagnostic {
  if (allowed === undefined) {
    return {
      severity: "error",
      summary: "Deferral not possible here",
      detail: `${where} asked to defer (reason: ${REASON_TEXT[reason]}), but only a resource's plan, read and import, a data source's read and an ephemeral resource's open can be deferred. This is a bug in the provider.`,
    };
  }
  return {
    severity: "error",
    summary: "Deferral not allowed by the client",
    detail: `${where} asked to defer (reason: ${REASON_TEXT[reason]}), but this client did not announce support for deferred actions. Deferral needs Terraform 1.9 or later with the deferral experiment enabled (e.g. \`terraform plan -allow-deferral\`); OpenTofu does not support it. The provider should check ctx.clientCapabilities.deferralAllowed before calling ctx.defer.`,
  };
}
