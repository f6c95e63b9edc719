/**
 * The stored-state RPCs of resources: UpgradeResourceState (JSON or flatmap, version upgraders,
 * attributes removed from the schema dropped), UpgradeResourceIdentity, ImportResourceState (by
 * ID or identity), MoveResourceState and GenerateResourceConfig.
 *
 * @module
 */
import { type CtyType, type CtyValue, unknownVal } from "@pyvider/cty";
import type { InvocationOutcome } from "@pyvider/hub/internal";
import type { AnyAttribute, Diagnostic } from "@pyvider/schema";
import {
  Deferred_Reason,
  type GenerateResourceConfig_Request,
  type GenerateResourceConfig_Response,
  type ImportResourceState_Request,
  type ImportResourceState_Response,
  type MoveResourceState_Request,
  type MoveResourceState_Response,
  type UpgradeResourceIdentity_Request,
  type UpgradeResourceIdentity_Response,
  type UpgradeResourceState_Request,
  type UpgradeResourceState_Response,
} from "../gen/tfplugin6.js";
import type { CallContext } from "../server/handlers.js";
import { requireKnown } from "./consistency.js";
import { guard, type Semantics, stopOnError } from "./context.js";
import { wireDeferred } from "./deferral.js";
import { toWireDiagnostics } from "./diagnostics.js";
import { decodeDynamic, encodeDynamic, RequestError } from "./dynamic.js";
import { identityOut } from "./identity.js";
import { clientCapabilities } from "./provider-rpcs.js";
import { jsonToValue, rawStateJson } from "./raw-state.js";
import { fromPlain, toPlain, toPlainObject } from "./values.js";
import { nullWriteOnly } from "./write-only.js";

const decoder = new TextDecoder();

/**
 * Stored state or identity (`raw`, JSON) as a value of `type`: read as it is when written at the
 * current schema version, else through the component's upgrader (whose errors stop the request).
 */
async function upgraded(
  raw: string,
  version: number,
  current: number,
  type: CtyType,
  what: string,
  upgrade: (raw: string) => Promise<InvocationOutcome<unknown>>,
): Promise<{ value: CtyValue; diagnostics: readonly Diagnostic[] }> {
  if (version === current) return { value: jsonToValue(raw, type, what), diagnostics: [] };
  const outcome = await upgrade(raw);
  stopOnError(outcome.diagnostics);
  return { value: jsonToValue(outcome.value as object, type, what), diagnostics: outcome.diagnostics };
}

/** The stored-state RPC handlers of resources. */
export class ResourceStateRpcs {
  /** @param s shared state */
  constructor(private readonly s: Semantics) {}

  private resource(typeName: string) {
    return this.s.need(this.s.provider.resource(typeName), "resource", typeName);
  }

  /** UpgradeResourceState. */
  upgradeResourceState = (
    req: UpgradeResourceState_Request,
    context: CallContext,
  ): Promise<UpgradeResourceState_Response> =>
    guard<UpgradeResourceState_Response>(
      () => ({ upgradedState: undefined, diagnostics: [] }),
      async () => {
        const r = this.resource(req.typeName);
        const schema = r.definition.schema;
        const type = this.s.typeOf(schema);
        const { value, diagnostics } = await upgraded(
          rawStateJson(req.rawState, type, "state"),
          req.version,
          schema.version,
          type,
          "state",
          (raw) => r.upgradeState({ version: req.version, raw }, this.s.callOptions(context)),
        );
        return {
          upgradedState: encodeDynamic(nullWriteOnly(schema.block, value), type),
          diagnostics: toWireDiagnostics(diagnostics),
        };
      },
    );

  /** UpgradeResourceIdentity. */
  upgradeResourceIdentity = (
    req: UpgradeResourceIdentity_Request,
    context: CallContext,
  ): Promise<UpgradeResourceIdentity_Response> =>
    guard<UpgradeResourceIdentity_Response>(
      () => ({ upgradedIdentity: undefined, diagnostics: [] }),
      async () => {
        const r = this.resource(req.typeName);
        const schema = r.definition.identity;
        if (schema === undefined) {
          throw new RequestError([
            {
              severity: "error",
              summary: "Resource has no identity",
              detail: `Resource ${req.typeName} has no identity schema.`,
            },
          ]);
        }
        const type = this.s.typeOf(schema);
        const { value, diagnostics } = await upgraded(
          rawStateJson(req.rawIdentity, type, "identity"),
          req.version,
          schema.version,
          type,
          "identity",
          (raw) => r.upgradeIdentity({ version: req.version, raw }, this.s.callOptions(context)),
        );
        return {
          upgradedIdentity: { identityData: encodeDynamic(value, type) },
          diagnostics: toWireDiagnostics(diagnostics),
        };
      },
    );

  /**
   * ImportResourceState: by ID, or by identity when Terraform sends one. An import that defers
   * (`ctx.defer(reason)`, when the client allows it) answers with one imported resource whose
   * state is unknown, as terraform-plugin-framework does.
   */
  importResourceState = (
    req: ImportResourceState_Request,
    context: CallContext,
  ): Promise<ImportResourceState_Response> =>
    guard<ImportResourceState_Response>(
      () => ({ importedResources: [], diagnostics: [], deferred: undefined }),
      async () => {
        const r = this.resource(req.typeName);
        if (this.s.providerDeferred && req.clientCapabilities?.deferralAllowed === true) {
          return {
            importedResources: [],
            diagnostics: [],
            deferred: { reason: Deferred_Reason.PROVIDER_CONFIG_UNKNOWN },
          };
        }
        const type = this.s.typeOf(r.definition.schema);
        const where = `resource ${req.typeName} import`;
        let request: { id: string } | { identity: unknown } = { id: req.id };
        if (req.identity?.identityData !== undefined && r.definition.identity !== undefined) {
          const v = decodeDynamic(
            req.identity.identityData,
            this.s.typeOf(r.definition.identity),
            "resource identity",
          );
          if (!v.isNull) request = { identity: toPlain(v) };
        }
        const outcome = await r.importState(
          { ...request, clientCapabilities: clientCapabilities(req.clientCapabilities) },
          this.s.callOptions(context),
        );
        const diags: Diagnostic[] = [...outcome.diagnostics];
        stopOnError(diags);
        if (outcome.deferred !== undefined) {
          return {
            importedResources: [
              {
                typeName: req.typeName,
                state: encodeDynamic(unknownVal(type), type),
                private: new Uint8Array(0),
                identity: "identity" in request ? req.identity : undefined,
              },
            ],
            diagnostics: toWireDiagnostics(diags),
            deferred: wireDeferred(outcome.deferred),
          };
        }
        const result = outcome.value!;
        const state = requireKnown(
          nullWriteOnly(r.definition.schema.block, fromPlain(result.state, type, where)),
          where,
          diags,
        );
        const fallback = "identity" in request ? request.identity : undefined;
        return {
          importedResources: [
            {
              typeName: req.typeName,
              state: encodeDynamic(state, type),
              private: result.private,
              identity: identityOut(this.s, r, result.identity, fallback, where),
            },
          ],
          diagnostics: toWireDiagnostics(diags),
          deferred: undefined,
        };
      },
    );

  /** MoveResourceState: the target resource's movers take the source state over. */
  moveResourceState = (
    req: MoveResourceState_Request,
    context: CallContext,
  ): Promise<MoveResourceState_Response> =>
    guard<MoveResourceState_Response>(
      () => ({
        targetState: undefined,
        diagnostics: [],
        targetPrivate: new Uint8Array(0),
        targetIdentity: undefined,
      }),
      async () => {
        const r = this.resource(req.targetTypeName);
        const type = this.s.typeOf(r.definition.schema);
        const where = `resource ${req.targetTypeName} move`;
        const json = (raw: typeof req.sourceState) =>
          raw === undefined
            ? undefined
            : raw.json.length > 0
              ? decoder.decode(raw.json)
              : JSON.stringify(raw.flatmap);
        const sourceState = json(req.sourceState);
        if (sourceState === undefined) {
          throw new RequestError([
            {
              severity: "error",
              summary: "Missing source state",
              detail: "Terraform sent no source state to move.",
            },
          ]);
        }
        const sourceIdentity = json(req.sourceIdentity);
        const outcome = await r.moveState(
          {
            sourceProviderAddress: req.sourceProviderAddress,
            sourceTypeName: req.sourceTypeName,
            sourceSchemaVersion: req.sourceSchemaVersion,
            sourceState,
            ...(sourceIdentity === undefined || sourceIdentity === "" ? {} : { sourceIdentity }),
            sourcePrivate: req.sourcePrivate,
          },
          this.s.callOptions(context),
        );
        const diags: Diagnostic[] = [...outcome.diagnostics];
        stopOnError(diags);
        const result = outcome.value!;
        const state = requireKnown(
          nullWriteOnly(r.definition.schema.block, fromPlain(result.state, type, where)),
          where,
          diags,
        );
        return {
          targetState: encodeDynamic(state, type),
          diagnostics: toWireDiagnostics(diags),
          targetPrivate: result.private,
          targetIdentity: identityOut(this.s, r, result.identity, undefined, where),
        };
      },
    );

  /** GenerateResourceConfig: configuration for an imported resource (computed-only attributes null). */
  generateResourceConfig = (
    req: GenerateResourceConfig_Request,
    context: CallContext,
  ): Promise<GenerateResourceConfig_Response> =>
    guard<GenerateResourceConfig_Response>(
      () => ({ config: undefined, diagnostics: [] }),
      async () => {
        const r = this.resource(req.typeName);
        const schema = r.definition.schema;
        const type = this.s.typeOf(schema);
        const state = decodeDynamic(req.state, type, "state");
        const outcome = await r.generateConfig(
          { state: toPlainObject(state) ?? {} },
          this.s.callOptions(context),
        );
        const diags: Diagnostic[] = [...outcome.diagnostics];
        stopOnError(diags);
        const plain = { ...outcome.value } as Record<string, unknown>;
        for (const [name, a] of Object.entries(schema.block.attributes) as [string, AnyAttribute][]) {
          if (a.computed && !a.optional && !a.required) delete plain[name];
        }
        const config = fromPlain(plain, type, `resource ${req.typeName} generateConfig`);
        return { config: encodeDynamic(config, type), diagnostics: toWireDiagnostics(diags) };
      },
    );
}
