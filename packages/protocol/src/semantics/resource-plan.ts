/**
 * PlanResourceChange with terraform-plugin-framework's rules:
 *
 * - destroy (null proposal): the plan hook runs, the plan is null;
 * - defaults fill what the configuration leaves null;
 * - computed attributes the configuration leaves null become unknown only when something
 *   changed, so an unchanged resource plans no diff;
 * - attribute plan modifiers (use-state-for-unknown, requires-replace, ...) then the resource's
 *   plan hook; requires-replace paths are reported only for updates;
 * - write-only attributes are null in the plan;
 * - a deferred provider configuration defers the plan, only when the client allows it;
 * - the plan hook may defer (`ctx.defer(reason)`, honoured when the client allows it): the plan
 *   is then what the framework planned before the hook (the proposal with defaults, computed
 *   values unknown when something changes, plan modifiers applied), the prior private state and
 *   identity, and no replacement;
 * - computed blocks (tfplugin6 6.11): one the configuration leaves out keeps its prior value and
 *   becomes unknown when the resource changes, like a computed attribute; a client without the
 *   `computed_blocks_allowed` capability ignores the flag, so planning a create or update of a
 *   resource with computed blocks is then refused with an error naming the resource type and the
 *   blocks (destroy plans still run, so such resources can be removed);
 * - `planned_private` (6.11): the private state an earlier plan of this change returned reaches
 *   the plan hook as `ctx.plannedPrivate`; the response's planned private state is what the hook
 *   leaves in `ctx.private` (the prior private state without a hook).
 *
 * @module
 */
import { isDeepStrictEqual } from "node:util";
import { type CtyPath, type CtyValue, rawEquals } from "@pyvider/cty";
import {
  applyDefaults,
  computedBlockPaths,
  type Diagnostic,
  keepComputedBlocks,
  markComputedUnknown,
  runPlanModifiers,
  type Schema,
} from "@pyvider/schema";
import {
  Deferred_Reason,
  type PlanResourceChange_Request,
  type PlanResourceChange_Response,
} from "../gen/tfplugin6.js";
import type { CallContext } from "../server/handlers.js";
import { guard, type Semantics, stopOnError } from "./context.js";
import { wireDeferred } from "./deferral.js";
import { attributePath, errorAt, toWireDiagnostics } from "./diagnostics.js";
import { decodeDynamic, encodeDynamic, releaseRequestBuffer } from "./dynamic.js";
import { identityIn, identityOut } from "./identity.js";
import { clientCapabilities } from "./provider-rpcs.js";
import { fromPlain, toPlainObject } from "./values.js";
import { nullWriteOnly } from "./write-only.js";

function samePath(a: CtyPath, b: CtyPath): boolean {
  return JSON.stringify(attributePath(a)) === JSON.stringify(attributePath(b));
}

/**
 * The error for a create or update plan of a resource with computed blocks by a client that did not
 * announce `computed_blocks_allowed` (it would treat those blocks as plain optional blocks and
 * reject the provider's values for them). Undefined when there is nothing to refuse.
 */
export function computedBlocksRefusal(
  typeName: string,
  schema: Schema,
  computedBlocksAllowed: boolean,
): Diagnostic | undefined {
  if (computedBlocksAllowed) return undefined;
  const paths = computedBlockPaths(schema);
  if (paths.length === 0) return undefined;
  const list = paths.map((p) => `"${p}"`).join(", ");
  return errorAt(
    "Computed blocks not supported by this Terraform version",
    `The resource type "${typeName}" has computed ${paths.length === 1 ? "block" : "blocks"} ${list}, whose value the provider sets. This client did not announce support for computed blocks (the computed_blocks_allowed capability of plugin protocol 6.11), so it would mishandle them. Use Terraform 1.16 or later.`,
  );
}

/** PlanResourceChange. */
export function planResourceChange(s: Semantics) {
  return (req: PlanResourceChange_Request, context: CallContext): Promise<PlanResourceChange_Response> =>
    guard<PlanResourceChange_Response>(
      () => ({
        plannedState: undefined,
        requiresReplace: [],
        plannedPrivate: req.priorPrivate,
        diagnostics: [],
        legacyTypeSystem: false,
        deferred: undefined,
        plannedIdentity: req.priorIdentity,
      }),
      async () => {
        const r = s.need(s.provider.resource(req.typeName), "resource", req.typeName);
        const schema = r.definition.schema;
        const type = s.typeOf(schema);
        const prior = decodeDynamic(req.priorState, type, "prior state");
        const proposed = decodeDynamic(req.proposedNewState, type, "proposed new state");
        const config = decodeDynamic(req.config, type, "configuration");
        // From here on nothing holds the request's buffer while the plan runs.
        releaseRequestBuffer(req, ["priorState", "proposedNewState", "config", "providerMeta"]);
        const where = `resource ${req.typeName} plan`;
        const diags: Diagnostic[] = [];

        if (!proposed.isNull) {
          const refusal = computedBlocksRefusal(
            req.typeName,
            schema,
            req.clientCapabilities?.computedBlocksAllowed === true,
          );
          if (refusal !== undefined) diags.push(refusal);
          stopOnError(diags);
        }

        if (s.providerDeferred && req.clientCapabilities?.deferralAllowed === true) {
          const planned = proposed.isNull ? proposed : markComputedUnknown(schema, config, proposed);
          return {
            plannedState: encodeDynamic(nullWriteOnly(schema.block, planned), type),
            requiresReplace: [],
            plannedPrivate: req.priorPrivate,
            diagnostics: [],
            legacyTypeSystem: false,
            deferred: { reason: Deferred_Reason.PROVIDER_CONFIG_UNKNOWN },
            plannedIdentity: req.priorIdentity,
          };
        }

        let plan: CtyValue = proposed;
        let replace: CtyPath[] = [];
        if (!proposed.isNull) {
          // Left-out computed blocks arrive null: they keep the prior value unless something changes.
          const base = keepComputedBlocks(schema, config, proposed, prior);
          const withDefaults = applyDefaults(schema, config, base);
          diags.push(...withDefaults.diagnostics);
          // Write-only values never reach the state, so they don't count as a change.
          const changed = prior.isNull || !rawEquals(nullWriteOnly(schema.block, withDefaults.value), prior);
          plan = changed
            ? applyDefaults(schema, config, markComputedUnknown(schema, config, base)).value
            : withDefaults.value;
          const modified = await runPlanModifiers(schema, { config, plan, priorState: prior });
          diags.push(...modified.diagnostics);
          stopOnError(diags);
          plan = modified.plan;
          replace = modified.requiresReplace;
        }

        const priorIdentity = identityIn(s, r, req.priorIdentity);
        let plannedPrivate = req.priorPrivate;
        let identity: unknown = priorIdentity;
        const hasHook = (r.definition.handlers as { plan?: unknown }).plan !== undefined;
        if (hasHook) {
          const proposedPlain = toPlainObject(plan);
          const outcome = await r.plan(
            {
              config: proposed.isNull ? null : toPlainObject(config),
              prior: toPlainObject(prior),
              proposed: proposedPlain,
              private: req.priorPrivate,
              plannedPrivate: req.plannedPrivate,
              identity: priorIdentity,
              clientCapabilities: clientCapabilities(req.clientCapabilities),
            },
            s.callOptions(context),
          );
          diags.push(...outcome.diagnostics);
          stopOnError(diags);
          if (outcome.deferred !== undefined) {
            return {
              plannedState: encodeDynamic(proposed.isNull ? plan : nullWriteOnly(schema.block, plan), type),
              requiresReplace: [],
              plannedPrivate: req.priorPrivate,
              diagnostics: toWireDiagnostics(diags),
              legacyTypeSystem: false,
              deferred: wireDeferred(outcome.deferred),
              plannedIdentity: req.priorIdentity,
            };
          }
          const result = outcome.value!;
          // Convert back only what the hook changed: the cty plan keeps exact numbers and refinements.
          if (!proposed.isNull && !isDeepStrictEqual(result.planned, toPlainObject(plan)))
            plan = fromPlain(result.planned, type, where, plan);
          for (const p of result.requiresReplace) if (!replace.some((q) => samePath(p, q))) replace.push(p);
          plannedPrivate = result.private;
          identity = result.identity;
        }
        if (!proposed.isNull) plan = nullWriteOnly(schema.block, plan);

        return {
          plannedState: encodeDynamic(plan, type),
          requiresReplace: prior.isNull || proposed.isNull ? [] : replace.map(attributePath),
          plannedPrivate,
          diagnostics: toWireDiagnostics(diags),
          legacyTypeSystem: false,
          deferred: undefined,
          plannedIdentity: proposed.isNull
            ? undefined
            : identityOut(s, r, identity, priorIdentity, where, false),
        };
      },
    );
}
