/**
 * Author-raised deferral on the wire: the hub's reason (`ctx.defer(reason)`) as tfplugin6's
 * `Deferred`. Whether the client allows deferral is checked by the hub, which answers a deferral
 * the client did not allow with an error diagnostic; an outcome with `deferred` set is honoured.
 *
 * @module
 */
import type { DeferralReason } from "@pyvider/hub";
import { type Deferred, Deferred_Reason } from "../gen/tfplugin6.js";

const WIRE: Record<DeferralReason, Deferred_Reason> = {
  unknown: Deferred_Reason.UNKNOWN,
  "resource-config-unknown": Deferred_Reason.RESOURCE_CONFIG_UNKNOWN,
  "provider-config-unknown": Deferred_Reason.PROVIDER_CONFIG_UNKNOWN,
  "absent-prerequisite": Deferred_Reason.ABSENT_PREREQ,
};

/** The wire `Deferred` of a hub deferral reason. */
export function wireDeferred(reason: DeferralReason): Deferred {
  return { reason: WIRE[reason] };
}
