/**
 * ApplyResourceChange and ReadResource.
 *
 * Apply creates (null prior), updates or deletes (null plan). The new state is checked against
 * the plan before Terraform sees it: a known planned value that changed, or a value left unknown,
 * is an error naming the attribute. Write-only attributes are null in the new state. Read
 * returning null means the resource is gone; private state round-trips as opaque bytes. A read
 * that defers (`ctx.defer(reason)`, when the client allows it) answers with the current state,
 * private state and identity unchanged.
 *
 * @module
 */
import { type CtyValue, isWhollyKnown, nullVal } from "@pyvider/cty";
import type { ResourceRuntime } from "@pyvider/hub/internal";
import type { Diagnostic } from "@pyvider/schema";
import {
  type ApplyResourceChange_Request,
  type ApplyResourceChange_Response,
  Deferred_Reason,
  type DynamicValue,
  type ReadResource_Request,
  type ReadResource_Response,
} from "../gen/tfplugin6.js";
import type { CallContext } from "../server/handlers.js";
import { checkAgainstPlan, requireKnown } from "./consistency.js";
import { guard, type Semantics } from "./context.js";
import { wireDeferred } from "./deferral.js";
import { anyError, toWireDiagnostics } from "./diagnostics.js";
import { decodeDynamic, encodeDynamic, RequestError, releaseRequestBuffer } from "./dynamic.js";
import { identityIn, identityOut } from "./identity.js";
import { clientCapabilities } from "./provider-rpcs.js";
import { fromPlain, toPlainObject } from "./values.js";
import { nullWriteOnly } from "./write-only.js";

/**
 * The state a handler returned, converted and with write-only attributes null; numbers passed
 * through from `given` (the plan, the current state) keep their exact value.
 */
function resultState(
  s: Semantics,
  r: ResourceRuntime,
  state: unknown,
  where: string,
  given: CtyValue,
): CtyValue {
  const type = s.typeOf(r.definition.schema);
  return nullWriteOnly(r.definition.schema.block, fromPlain(state, type, where, given));
}

/** ApplyResourceChange. */
export function applyResourceChange(s: Semantics) {
  return (req: ApplyResourceChange_Request, context: CallContext): Promise<ApplyResourceChange_Response> => {
    // The prior state to answer with when the apply fails: the request's own bytes until they are
    // decoded and let go (see releaseRequestBuffer), then the decoded value encoded again.
    let priorState = (): DynamicValue | undefined => req.priorState;
    return guard<ApplyResourceChange_Response>(
      () => ({
        newState: priorState(),
        private: req.plannedPrivate,
        diagnostics: [],
        legacyTypeSystem: false,
        newIdentity: req.plannedIdentity,
      }),
      async () => {
        const r = s.need(s.provider.resource(req.typeName), "resource", req.typeName);
        const type = s.typeOf(r.definition.schema);
        const prior = decodeDynamic(req.priorState, type, "prior state");
        const planned = decodeDynamic(req.plannedState, type, "planned state");
        const config = decodeDynamic(req.config, type, "configuration");
        const identity = identityIn(s, r, req.plannedIdentity);
        // From here on nothing holds the request's buffer while the provider's code runs.
        priorState = () => encodeDynamic(prior, type);
        releaseRequestBuffer(req, ["priorState", "plannedState", "config", "providerMeta"]);
        const options = s.callOptions(context);
        const instance = { private: req.plannedPrivate, identity };

        if (planned.isNull) {
          const outcome = await r.delete({ prior: toPlainObject(prior) ?? {}, ...instance }, options);
          const ok = !anyError(outcome.diagnostics);
          return {
            newState: ok ? encodeDynamic(planned, type) : priorState(),
            private: ok ? new Uint8Array(0) : req.plannedPrivate,
            diagnostics: toWireDiagnostics(outcome.diagnostics),
            legacyTypeSystem: false,
            newIdentity: ok ? undefined : req.plannedIdentity,
          };
        }

        const op = prior.isNull ? "create" : "update";
        const where = `resource ${req.typeName} ${op}`;
        const plainConfig = toPlainObject(config) ?? {};
        const plainPlan = toPlainObject(planned) ?? {};
        const outcome = prior.isNull
          ? await r.create({ config: plainConfig, plan: plainPlan, ...instance }, options)
          : await r.update(
              { config: plainConfig, plan: plainPlan, prior: toPlainObject(prior) ?? {}, ...instance },
              options,
            );
        const diags: Diagnostic[] = [...outcome.diagnostics];
        if (
          outcome.value === undefined ||
          outcome.value.state === null ||
          outcome.value.state === undefined
        ) {
          if (!anyError(diags)) {
            diags.push({
              severity: "error",
              summary: `Provider returned no state from ${op}`,
              detail: `${where} returned nothing. It must return the new state of the resource. This is a bug in the provider.`,
            });
          }
          return {
            newState: priorState(),
            private: req.plannedPrivate,
            diagnostics: toWireDiagnostics(diags),
            legacyTypeSystem: false,
            newIdentity: req.plannedIdentity,
          };
        }
        const state = resultState(s, r, outcome.value.state, where, planned);
        diags.push(...checkAgainstPlan(planned, state, where));
        if (anyError(diags) && !outcome.ok) {
          // The handler reported an error but returned a state: keep it (Terraform taints a created object).
          return {
            newState: isWhollyKnown(state) ? encodeDynamic(state, type) : priorState(),
            private: outcome.value.private,
            diagnostics: toWireDiagnostics(diags),
            legacyTypeSystem: false,
            newIdentity: req.plannedIdentity,
          };
        }
        if (anyError(diags)) throw new RequestError(diags);
        return {
          newState: encodeDynamic(state, type),
          private: outcome.value.private,
          diagnostics: toWireDiagnostics(diags),
          legacyTypeSystem: false,
          newIdentity: identityOut(s, r, outcome.value.identity, identity, where),
        };
      },
    );
  };
}

/** ReadResource. */
export function readResource(s: Semantics) {
  return (req: ReadResource_Request, context: CallContext): Promise<ReadResource_Response> => {
    // The state to answer with when the read changes nothing or fails: the request's own bytes
    // until they are let go (see releaseRequestBuffer), then the decoded value encoded again.
    let currentState = (): DynamicValue | undefined => req.currentState;
    return guard<ReadResource_Response>(
      () => ({
        newState: currentState(),
        diagnostics: [],
        private: req.private,
        deferred: undefined,
        newIdentity: req.currentIdentity,
      }),
      async () => {
        const r = s.need(s.provider.resource(req.typeName), "resource", req.typeName);
        const type = s.typeOf(r.definition.schema);
        const current = decodeDynamic(req.currentState, type, "current state");
        if (s.providerDeferred && req.clientCapabilities?.deferralAllowed === true) {
          return {
            newState: req.currentState,
            diagnostics: [],
            private: req.private,
            deferred: { reason: Deferred_Reason.PROVIDER_CONFIG_UNKNOWN },
            newIdentity: req.currentIdentity,
          };
        }
        if (current.isNull) {
          return {
            newState: req.currentState,
            diagnostics: [],
            private: req.private,
            deferred: undefined,
            newIdentity: req.currentIdentity,
          };
        }
        const where = `resource ${req.typeName} read`;
        const identity = identityIn(s, r, req.currentIdentity);
        // From here on nothing holds the request's buffer while the provider's code runs.
        currentState = () => encodeDynamic(current, type);
        releaseRequestBuffer(req, ["currentState", "providerMeta"]);
        const outcome = await r.read(
          {
            state: toPlainObject(current) ?? {},
            private: req.private,
            identity,
            clientCapabilities: clientCapabilities(req.clientCapabilities),
          },
          s.callOptions(context),
        );
        const diags: Diagnostic[] = [...outcome.diagnostics];
        if (outcome.ok && outcome.deferred !== undefined) {
          return {
            newState: currentState(),
            diagnostics: toWireDiagnostics(diags),
            private: req.private,
            deferred: wireDeferred(outcome.deferred),
            newIdentity: req.currentIdentity,
          };
        }
        if (!outcome.ok || outcome.value === undefined) {
          return {
            newState: currentState(),
            diagnostics: toWireDiagnostics(diags),
            private: req.private,
            deferred: undefined,
            newIdentity: req.currentIdentity,
          };
        }
        if (outcome.value.state === null || outcome.value.state === undefined) {
          return {
            newState: encodeDynamic(nullVal(type), type),
            diagnostics: toWireDiagnostics(diags),
            private: new Uint8Array(0),
            deferred: undefined,
            newIdentity: undefined,
          };
        }
        const state = requireKnown(resultState(s, r, outcome.value.state, where, current), where, diags);
        return {
          newState: encodeDynamic(state, type),
          diagnostics: toWireDiagnostics(diags),
          private: outcome.value.private,
          deferred: undefined,
          newIdentity: identityOut(s, r, outcome.value.identity, identity, where),
        };
      },
    );
  };
}
