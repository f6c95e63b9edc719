/**
 * The resource RPCs of the plain-value protocol client.
 *
 * @module
 */
import { formatPath, nullVal, toNative } from "@pyvider/cty";
import type { tfplugin6 } from "@pyvider/protocol";
import type { RpcOptions } from "../client/types.js";
import {
  type Capabilities,
  ClientBase,
  type ClientPlanResult,
  type ClientStateResult,
  caps,
} from "./client-base.js";
import { prepareComputedBlocks, proposedNewState } from "./proposed.js";
import {
  decodePlain,
  decodeValue,
  encodeValue,
  type PlainDiagnostic,
  plainDiagnostics,
  toValue,
  wirePath,
} from "./values.js";

/** The resource RPCs with plain values. */
export class ResourceClient extends ClientBase {
  /**
   * PlanResourceChange. `proposed` defaults to the proposed new state Terraform 1.16 computes
   * from `prior` and `config` (see `proposedNewState`); `config: null` plans a destroy.
   */
  async planResourceChange(
    typeName: string,
    req: {
      prior?: unknown;
      config: unknown;
      proposed?: unknown;
      priorPrivate?: Uint8Array;
      /** The planned private state of an earlier plan of this change (what Terraform 1.16 sends when it plans again). */
      plannedPrivate?: Uint8Array;
      priorIdentity?: unknown;
      capabilities?: Capabilities;
    },
    options?: RpcOptions,
  ): Promise<ClientPlanResult> {
    const type = this.typeOf("resource", typeName);
    const prior = toValue(req.prior ?? null, type);
    const given = toValue(req.config, type);
    const block = this.schema.resourceSchemas[typeName]?.block;
    const config =
      req.capabilities?.computedBlocksAllowed === false ? given : prepareComputedBlocks(block, given);
    const proposed =
      req.proposed !== undefined ? toValue(req.proposed, type) : proposedNewState(block, prior, config);
    const r = await this.raw.planResourceChange(
      {
        typeName,
        priorState: encodeValue(prior, type),
        proposedNewState: encodeValue(proposed, type),
        config: encodeValue(config, type),
        priorPrivate: req.priorPrivate ?? new Uint8Array(0),
        clientCapabilities: caps(req.capabilities),
        priorIdentity: this.identityIn(typeName, req.priorIdentity),
        plannedPrivate: req.plannedPrivate ?? new Uint8Array(0),
      },
      options,
    );
    const plannedValue = r.plannedState === undefined ? nullVal(type) : decodeValue(r.plannedState, type);
    return {
      planned: toNative(plannedValue) as Record<string, unknown> | null,
      plannedValue,
      requiresReplace: r.requiresReplace.map((p) => formatPath(wirePath(p))),
      plannedPrivate: r.plannedPrivate,
      plannedIdentity: this.identityOut(typeName, r.plannedIdentity),
      deferred: r.deferred,
      diagnostics: plainDiagnostics(r.diagnostics),
    };
  }

  /** ApplyResourceChange (`planned: null` destroys). */
  async applyResourceChange(
    typeName: string,
    req: {
      prior?: unknown;
      planned: unknown;
      config: unknown;
      plannedPrivate?: Uint8Array;
      plannedIdentity?: unknown;
    },
    options?: RpcOptions,
  ): Promise<ClientStateResult> {
    const type = this.typeOf("resource", typeName);
    const r = await this.raw.applyResourceChange(
      {
        typeName,
        priorState: encodeValue(req.prior ?? null, type),
        plannedState: encodeValue(req.planned, type),
        config: encodeValue(req.config, type),
        plannedPrivate: req.plannedPrivate ?? new Uint8Array(0),
        plannedIdentity: this.identityIn(typeName, req.plannedIdentity),
      },
      options,
    );
    return {
      ...this.stateOf(typeName, r.newState),
      private: r.private,
      identity: this.identityOut(typeName, r.newIdentity),
      diagnostics: plainDiagnostics(r.diagnostics),
    };
  }

  /** Plans and applies a create or update in one go (fails the test on plan errors). */
  async planAndApply(
    typeName: string,
    req: { prior?: unknown; config: unknown; priorPrivate?: Uint8Array; priorIdentity?: unknown },
  ): Promise<{ plan: ClientPlanResult; apply: ClientStateResult }> {
    const plan = await this.planResourceChange(typeName, req);
    if (plan.diagnostics.some((d) => d.severity === "error"))
      throw new Error(`plan failed: ${JSON.stringify(plan.diagnostics)}`);
    const apply = await this.applyResourceChange(typeName, {
      prior: req.prior ?? null,
      planned: plan.plannedValue,
      config: req.config,
      plannedPrivate: plan.plannedPrivate,
      plannedIdentity: plan.plannedIdentity,
    });
    return { plan, apply };
  }

  /** ReadResource. */
  async readResource(
    typeName: string,
    req: { state: unknown; private?: Uint8Array; identity?: unknown; capabilities?: Capabilities },
    options?: RpcOptions,
  ): Promise<ClientStateResult & { deferred: tfplugin6.Deferred | undefined }> {
    const type = this.typeOf("resource", typeName);
    const r = await this.raw.readResource(
      {
        typeName,
        currentState: encodeValue(req.state, type),
        private: req.private ?? new Uint8Array(0),
        clientCapabilities: caps(req.capabilities),
        currentIdentity: this.identityIn(typeName, req.identity),
      },
      options,
    );
    return {
      ...this.stateOf(typeName, r.newState),
      private: r.private,
      identity: this.identityOut(typeName, r.newIdentity),
      deferred: r.deferred,
      diagnostics: plainDiagnostics(r.diagnostics),
    };
  }

  /** ImportResourceState by ID or by identity (`by.capabilities`: the client capabilities sent). */
  async importResourceState(
    typeName: string,
    by: ({ id: string } | { identity: unknown }) & { capabilities?: Capabilities },
    options?: RpcOptions,
  ): Promise<{
    imported: ClientStateResult[];
    deferred: tfplugin6.Deferred | undefined;
    diagnostics: PlainDiagnostic[];
  }> {
    const r = await this.raw.importResourceState(
      {
        typeName,
        id: "id" in by ? by.id : "",
        identity: "identity" in by ? this.identityIn(typeName, by.identity) : undefined,
        clientCapabilities: caps(by.capabilities),
      },
      options,
    );
    return {
      imported: r.importedResources.map((i) => ({
        ...this.stateOf(typeName, i.state),
        private: i.private,
        identity: this.identityOut(typeName, i.identity),
        diagnostics: [],
      })),
      deferred: r.deferred,
      diagnostics: plainDiagnostics(r.diagnostics),
    };
  }

  /** UpgradeResourceState from stored JSON (object or text) or a flatmap. */
  async upgradeResourceState(
    typeName: string,
    req: { version: number; json?: unknown; flatmap?: Record<string, string> },
    options?: RpcOptions,
  ) {
    const json =
      req.json === undefined
        ? new Uint8Array(0)
        : new TextEncoder().encode(typeof req.json === "string" ? req.json : JSON.stringify(req.json));
    const r = await this.raw.upgradeResourceState(
      { typeName, version: req.version, rawState: { json, flatmap: req.flatmap ?? {} } },
      options,
    );
    return { ...this.stateOf(typeName, r.upgradedState), diagnostics: plainDiagnostics(r.diagnostics) };
  }

  /** UpgradeResourceIdentity from stored JSON. */
  async upgradeResourceIdentity(
    typeName: string,
    req: { version: number; json: unknown },
    options?: RpcOptions,
  ) {
    const json = new TextEncoder().encode(typeof req.json === "string" ? req.json : JSON.stringify(req.json));
    const r = await this.raw.upgradeResourceIdentity(
      { typeName, version: req.version, rawIdentity: { json, flatmap: {} } },
      options,
    );
    return {
      identity: this.identityOut(typeName, r.upgradedIdentity),
      diagnostics: plainDiagnostics(r.diagnostics),
    };
  }

  /** MoveResourceState. */
  async moveResourceState(
    targetTypeName: string,
    req: {
      sourceTypeName: string;
      sourceSchemaVersion?: number;
      sourceState: unknown;
      sourceProviderAddress?: string;
      sourcePrivate?: Uint8Array;
    },
    options?: RpcOptions,
  ) {
    const r = await this.raw.moveResourceState(
      {
        targetTypeName,
        sourceTypeName: req.sourceTypeName,
        sourceSchemaVersion: req.sourceSchemaVersion ?? 0,
        sourceProviderAddress: req.sourceProviderAddress ?? "registry.terraform.io/pyvider/fixture",
        sourceState: { json: new TextEncoder().encode(JSON.stringify(req.sourceState)), flatmap: {} },
        sourcePrivate: req.sourcePrivate ?? new Uint8Array(0),
      },
      options,
    );
    return {
      ...this.stateOf(targetTypeName, r.targetState),
      private: r.targetPrivate,
      identity: this.identityOut(targetTypeName, r.targetIdentity),
      diagnostics: plainDiagnostics(r.diagnostics),
    };
  }

  /** GenerateResourceConfig. */
  async generateResourceConfig(typeName: string, state: unknown, options?: RpcOptions) {
    const type = this.typeOf("resource", typeName);
    const r = await this.raw.generateResourceConfig({ typeName, state: encodeValue(state, type) }, options);
    return {
      config: decodePlain(r.config, type) as Record<string, unknown> | null,
      diagnostics: plainDiagnostics(r.diagnostics),
    };
  }
}
