/**
 * `ProviderClient`: the protocol client with plain values. It reads the provider's schemas once
 * (GetProviderSchema, GetResourceIdentitySchemas) and encodes and decodes every `DynamicValue`
 * with them, so tests pass and get plain JS objects (or cty values) instead of msgpack bytes.
 *
 * @module
 */
import { type CtyType, type CtyValue, formatPath, nullVal, toNative } from "@pyvider/cty";
import type { tfplugin6 } from "@pyvider/protocol";
import type { RawProviderClient, RpcOptions } from "../client/types.js";
import { proposedNewState } from "./proposed.js";
import { identityType, schemaType } from "./schema-types.js";
import {
  decodePlain,
  decodeValue,
  encodeValue,
  type PlainDiagnostic,
  plainDiagnostics,
  toValue,
  typeOfBytes,
  wirePath,
} from "./values.js";

/** Client capabilities sent with requests (default: both allowed). */
export interface Capabilities {
  deferralAllowed?: boolean;
  writeOnlyAttributesAllowed?: boolean;
}

/** The result of PlanResourceChange. */
export interface PlanResult {
  /** The planned state, plain (`Unknown` where unknown). */
  readonly planned: Record<string, unknown> | null;
  /** The planned state as a cty value (pass it to apply). */
  readonly plannedValue: CtyValue;
  /** Paths requiring replacement, formatted. */
  readonly requiresReplace: string[];
  readonly plannedPrivate: Uint8Array;
  readonly plannedIdentity: unknown;
  readonly deferred: tfplugin6.Deferred | undefined;
  readonly diagnostics: PlainDiagnostic[];
}

/** The result of operations returning a resource state. */
export interface StateResult {
  readonly state: Record<string, unknown> | null;
  readonly stateValue: CtyValue;
  readonly private: Uint8Array;
  readonly identity: unknown;
  readonly diagnostics: PlainDiagnostic[];
}

function caps(c: Capabilities | undefined): tfplugin6.ClientCapabilities {
  return {
    deferralAllowed: c?.deferralAllowed ?? false,
    writeOnlyAttributesAllowed: c?.writeOnlyAttributesAllowed ?? true,
  };
}

/** A protocol client speaking in plain values. Create it with {@link ProviderClient.connect}. */
export class ProviderClient {
  /**
   * @param raw the raw client
   * @param schema the GetProviderSchema response
   * @param identities the GetResourceIdentitySchemas response
   */
  constructor(
    readonly raw: RawProviderClient,
    readonly schema: tfplugin6.GetProviderSchema_Response,
    readonly identities: tfplugin6.GetResourceIdentitySchemas_Response,
  ) {}

  /** Reads the provider's schemas and wraps the raw client. */
  static async connect(raw: RawProviderClient): Promise<ProviderClient> {
    const schema = await raw.getProviderSchema({});
    const identities = await raw.getResourceIdentitySchemas({});
    return new ProviderClient(raw, schema, identities);
  }

  #schemaOf(map: Record<string, tfplugin6.Schema>, kind: string, name: string): tfplugin6.Schema {
    const s = map[name];
    if (s === undefined) throw new Error(`the provider announces no ${kind} named ${JSON.stringify(name)}`);
    return s;
  }

  /** The cty type of a component's schema. */
  typeOf(
    kind: "provider" | "resource" | "dataSource" | "ephemeral" | "list" | "action" | "stateStore",
    name = "",
  ): CtyType {
    const s = this.schema;
    switch (kind) {
      case "provider":
        return schemaType(s.provider);
      case "resource":
        return schemaType(this.#schemaOf(s.resourceSchemas, "resource", name));
      case "dataSource":
        return schemaType(this.#schemaOf(s.dataSourceSchemas, "data source", name));
      case "ephemeral":
        return schemaType(this.#schemaOf(s.ephemeralResourceSchemas, "ephemeral resource", name));
      case "list":
        return schemaType(this.#schemaOf(s.listResourceSchemas, "list resource", name));
      case "action":
        return schemaType(
          this.#schemaOf(
            Object.fromEntries(Object.entries(s.actionSchemas).map(([k, v]) => [k, v.schema!])),
            "action",
            name,
          ),
        );
      case "stateStore":
        return schemaType(this.#schemaOf(s.stateStoreSchemas, "state store", name));
    }
  }

  /** The identity type of a resource (undefined without one). */
  identityTypeOf(resource: string): CtyType | undefined {
    const s = this.identities.identitySchemas[resource];
    return s === undefined ? undefined : identityType(s);
  }

  #identityIn(resource: string, identity: unknown): tfplugin6.ResourceIdentityData | undefined {
    const t = this.identityTypeOf(resource);
    return t === undefined || identity === undefined || identity === null
      ? undefined
      : { identityData: encodeValue(identity, t) };
  }

  #identityOut(resource: string, data: tfplugin6.ResourceIdentityData | undefined): unknown {
    const t = this.identityTypeOf(resource);
    return t === undefined || data?.identityData === undefined
      ? undefined
      : decodePlain(data.identityData, t);
  }

  #state(resource: string, dv: tfplugin6.DynamicValue | undefined) {
    const v = decodeValue(dv, this.typeOf("resource", resource));
    return { state: toNative(v) as Record<string, unknown> | null, stateValue: v };
  }

  /** ValidateProviderConfig. */
  async validateProviderConfig(config: unknown, options?: RpcOptions): Promise<PlainDiagnostic[]> {
    const r = await this.raw.validateProviderConfig(
      { config: encodeValue(config, this.typeOf("provider")) },
      options,
    );
    return plainDiagnostics(r.diagnostics);
  }

  /** ConfigureProvider. */
  async configureProvider(
    config: unknown,
    o: { terraformVersion?: string; capabilities?: Capabilities } = {},
    options?: RpcOptions,
  ): Promise<PlainDiagnostic[]> {
    const r = await this.raw.configureProvider(
      {
        terraformVersion: o.terraformVersion ?? "1.12.0",
        config: encodeValue(config, this.typeOf("provider")),
        clientCapabilities: caps(o.capabilities),
      },
      options,
    );
    return plainDiagnostics(r.diagnostics);
  }

  /** Validate*Config of any component kind. */
  async validate(
    kind: "resource" | "dataSource" | "ephemeral" | "list" | "action" | "stateStore",
    typeName: string,
    config: unknown,
    options?: RpcOptions,
  ): Promise<PlainDiagnostic[]> {
    const dv = encodeValue(config, this.typeOf(kind, typeName));
    const raw = this.raw;
    const r =
      kind === "resource"
        ? await raw.validateResourceConfig(
            { typeName, config: dv, clientCapabilities: caps(undefined) },
            options,
          )
        : kind === "dataSource"
          ? await raw.validateDataResourceConfig({ typeName, config: dv }, options)
          : kind === "ephemeral"
            ? await raw.validateEphemeralResourceConfig({ typeName, config: dv }, options)
            : kind === "list"
              ? await raw.validateListResourceConfig({ typeName, config: dv }, options)
              : kind === "action"
                ? await raw.validateActionConfig({ typeName, config: dv }, options)
                : await raw.validateStateStoreConfig({ typeName, config: dv }, options);
    return plainDiagnostics(r.diagnostics);
  }

  /**
   * PlanResourceChange. `proposed` defaults to a simplified proposed new state computed from
   * `prior` and `config` (see `proposedNewState`); `config: null` plans a destroy.
   */
  async planResourceChange(
    typeName: string,
    req: {
      prior?: unknown;
      config: unknown;
      proposed?: unknown;
      priorPrivate?: Uint8Array;
      priorIdentity?: unknown;
      capabilities?: Capabilities;
    },
    options?: RpcOptions,
  ): Promise<PlanResult> {
    const type = this.typeOf("resource", typeName);
    const prior = toValue(req.prior ?? null, type);
    const config = toValue(req.config, type);
    const proposed =
      req.proposed !== undefined
        ? toValue(req.proposed, type)
        : proposedNewState(this.schema.resourceSchemas[typeName]?.block, prior, config);
    const r = await this.raw.planResourceChange(
      {
        typeName,
        priorState: encodeValue(prior, type),
        proposedNewState: encodeValue(proposed, type),
        config: encodeValue(config, type),
        priorPrivate: req.priorPrivate ?? new Uint8Array(0),
        clientCapabilities: caps(req.capabilities),
        priorIdentity: this.#identityIn(typeName, req.priorIdentity),
      },
      options,
    );
    const plannedValue = r.plannedState === undefined ? nullVal(type) : decodeValue(r.plannedState, type);
    return {
      planned: toNative(plannedValue) as Record<string, unknown> | null,
      plannedValue,
      requiresReplace: r.requiresReplace.map((p) => formatPath(wirePath(p))),
      plannedPrivate: r.plannedPrivate,
      plannedIdentity: this.#identityOut(typeName, r.plannedIdentity),
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
  ): Promise<StateResult> {
    const type = this.typeOf("resource", typeName);
    const r = await this.raw.applyResourceChange(
      {
        typeName,
        priorState: encodeValue(req.prior ?? null, type),
        plannedState: encodeValue(req.planned, type),
        config: encodeValue(req.config, type),
        plannedPrivate: req.plannedPrivate ?? new Uint8Array(0),
        plannedIdentity: this.#identityIn(typeName, req.plannedIdentity),
      },
      options,
    );
    return {
      ...this.#state(typeName, r.newState),
      private: r.private,
      identity: this.#identityOut(typeName, r.newIdentity),
      diagnostics: plainDiagnostics(r.diagnostics),
    };
  }

  /** Plans and applies a create or update in one go (fails the test on plan errors). */
  async planAndApply(
    typeName: string,
    req: { prior?: unknown; config: unknown; priorPrivate?: Uint8Array; priorIdentity?: unknown },
  ): Promise<{ plan: PlanResult; apply: StateResult }> {
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
  ): Promise<StateResult & { deferred: tfplugin6.Deferred | undefined }> {
    const type = this.typeOf("resource", typeName);
    const r = await this.raw.readResource(
      {
        typeName,
        currentState: encodeValue(req.state, type),
        private: req.private ?? new Uint8Array(0),
        clientCapabilities: caps(req.capabilities),
        currentIdentity: this.#identityIn(typeName, req.identity),
      },
      options,
    );
    return {
      ...this.#state(typeName, r.newState),
      private: r.private,
      identity: this.#identityOut(typeName, r.newIdentity),
      deferred: r.deferred,
      diagnostics: plainDiagnostics(r.diagnostics),
    };
  }

  /** ImportResourceState by ID or by identity. */
  async importResourceState(
    typeName: string,
    by: { id: string } | { identity: unknown },
    options?: RpcOptions,
  ): Promise<{ imported: StateResult[]; diagnostics: PlainDiagnostic[] }> {
    const r = await this.raw.importResourceState(
      {
        typeName,
        id: "id" in by ? by.id : "",
        identity: "identity" in by ? this.#identityIn(typeName, by.identity) : undefined,
        clientCapabilities: caps(undefined),
      },
      options,
    );
    return {
      imported: r.importedResources.map((i) => ({
        ...this.#state(typeName, i.state),
        private: i.private,
        identity: this.#identityOut(typeName, i.identity),
        diagnostics: [],
      })),
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
    return { ...this.#state(typeName, r.upgradedState), diagnostics: plainDiagnostics(r.diagnostics) };
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
      identity: this.#identityOut(typeName, r.upgradedIdentity),
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
      ...this.#state(targetTypeName, r.targetState),
      private: r.targetPrivate,
      identity: this.#identityOut(targetTypeName, r.targetIdentity),
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

  /** ReadDataSource. */
  async readDataSource(
    typeName: string,
    config: unknown,
    o: { capabilities?: Capabilities } = {},
    options?: RpcOptions,
  ) {
    const type = this.typeOf("dataSource", typeName);
    const r = await this.raw.readDataSource(
      { typeName, config: encodeValue(config, type), clientCapabilities: caps(o.capabilities) },
      options,
    );
    return {
      state: decodePlain(r.state, type) as Record<string, unknown> | null,
      deferred: r.deferred,
      diagnostics: plainDiagnostics(r.diagnostics),
    };
  }

  /** OpenEphemeralResource. */
  async openEphemeralResource(typeName: string, config: unknown, options?: RpcOptions) {
    const type = this.typeOf("ephemeral", typeName);
    const r = await this.raw.openEphemeralResource(
      { typeName, config: encodeValue(config, type), clientCapabilities: caps(undefined) },
      options,
    );
    return {
      result: decodePlain(r.result, type) as Record<string, unknown> | null,
      private: r.private,
      renewAt: r.renewAt,
      diagnostics: plainDiagnostics(r.diagnostics),
    };
  }

  /** RenewEphemeralResource. */
  async renewEphemeralResource(typeName: string, priv: Uint8Array | undefined, options?: RpcOptions) {
    const r = await this.raw.renewEphemeralResource(
      { typeName, ...(priv === undefined ? {} : { private: priv }) },
      options,
    );
    return { private: r.private, renewAt: r.renewAt, diagnostics: plainDiagnostics(r.diagnostics) };
  }

  /** CloseEphemeralResource. */
  async closeEphemeralResource(typeName: string, priv: Uint8Array | undefined, options?: RpcOptions) {
    const r = await this.raw.closeEphemeralResource(
      { typeName, ...(priv === undefined ? {} : { private: priv }) },
      options,
    );
    return plainDiagnostics(r.diagnostics);
  }

  /** CallFunction with plain arguments (encoded with the parameter types). */
  async callFunction(
    name: string,
    args: readonly unknown[],
    options?: RpcOptions,
  ): Promise<{
    result: unknown;
    resultValue: CtyValue | undefined;
    error: tfplugin6.FunctionError | undefined;
  }> {
    const fn = this.schema.functions[name];
    if (fn === undefined) throw new Error(`the provider announces no function named ${JSON.stringify(name)}`);
    const types = args.map((_, i) =>
      typeOfBytes(
        (i < fn.parameters.length ? fn.parameters[i] : fn.variadicParameter)?.type ??
          new TextEncoder().encode('"dynamic"'),
      ),
    );
    const r = await this.raw.callFunction(
      { name, arguments: args.map((a, i) => encodeValue(a, types[i]!)) },
      options,
    );
    const rt = typeOfBytes(fn.return?.type ?? new TextEncoder().encode('"dynamic"'));
    const resultValue = r.result === undefined ? undefined : decodeValue(r.result, rt);
    return {
      result: resultValue === undefined ? undefined : toNative(resultValue),
      resultValue,
      error: r.error,
    };
  }

  /** ListResource, collected. */
  async listResource(
    typeName: string,
    config: unknown,
    o: { includeResource?: boolean; limit?: number } = {},
    options?: RpcOptions,
  ) {
    const type = this.typeOf("list", typeName);
    const out: {
      identity: unknown;
      displayName: string;
      resource: unknown;
      diagnostics: PlainDiagnostic[];
    }[] = [];
    for await (const e of this.raw.listResource(
      {
        typeName,
        config: encodeValue(config, type),
        includeResourceObject: o.includeResource ?? false,
        limit: o.limit ?? 0,
      },
      options,
    )) {
      out.push({
        identity: this.#identityOut(typeName, e.identity),
        displayName: e.displayName,
        resource:
          e.resourceObject === undefined
            ? undefined
            : decodePlain(e.resourceObject, this.typeOf("resource", typeName)),
        diagnostics: plainDiagnostics(e.diagnostic),
      });
    }
    return out;
  }

  /** PlanAction. */
  async planAction(actionType: string, config: unknown, options?: RpcOptions) {
    const r = await this.raw.planAction(
      {
        actionType,
        config: encodeValue(config, this.typeOf("action", actionType)),
        clientCapabilities: caps(undefined),
      },
      options,
    );
    return plainDiagnostics(r.diagnostics);
  }

  /** InvokeAction, collected: progress messages then the completion diagnostics. */
  async invokeAction(actionType: string, config: unknown, options?: RpcOptions) {
    const progress: string[] = [];
    let completed: PlainDiagnostic[] | undefined;
    for await (const e of this.raw.invokeAction(
      {
        actionType,
        config: encodeValue(config, this.typeOf("action", actionType)),
        clientCapabilities: caps(undefined),
      },
      options,
    )) {
      if (e.type?.$case === "progress") progress.push(e.type.value.message);
      else if (e.type?.$case === "completed") completed = plainDiagnostics(e.type.value.diagnostics);
    }
    return { progress, completed };
  }

  /** ConfigureStateStore; resolves to the agreed chunk size and diagnostics. */
  async configureStateStore(typeName: string, config: unknown, chunkSize = 0, options?: RpcOptions) {
    const r = await this.raw.configureStateStore(
      {
        typeName,
        config: encodeValue(config, this.typeOf("stateStore", typeName)),
        capabilities: { chunkSize },
      },
      options,
    );
    return { chunkSize: r.capabilities?.chunkSize ?? 0, diagnostics: plainDiagnostics(r.diagnostics) };
  }

  /** ReadStateBytes, reassembled; checks the ranges and total like Terraform. */
  async readStateBytes(typeName: string, stateId: string, options?: RpcOptions) {
    const parts: Uint8Array[] = [];
    const chunks: { start: number; end: number; length: number }[] = [];
    const diagnostics: PlainDiagnostic[] = [];
    let total = 0;
    for await (const c of this.raw.readStateBytes({ typeName, stateId }, options)) {
      diagnostics.push(...plainDiagnostics(c.diagnostics));
      if (c.bytes.length === 0) continue;
      total = c.totalLength;
      chunks.push({ start: c.range?.start ?? -1, end: c.range?.end ?? -1, length: c.bytes.length });
      parts.push(c.bytes);
    }
    const bytes = Buffer.concat(parts);
    return { bytes: new Uint8Array(bytes), totalLength: total, chunks, diagnostics };
  }

  /** WriteStateBytes in chunks of `chunkSize` (as Terraform sends them). */
  async writeStateBytes(
    typeName: string,
    stateId: string,
    data: Uint8Array,
    chunkSize: number,
    options?: RpcOptions,
  ) {
    const chunks: Partial<tfplugin6.WriteStateBytes_RequestChunk>[] = [];
    for (let start = 0; start < data.length; start += chunkSize) {
      const bytes = data.subarray(start, Math.min(start + chunkSize, data.length));
      chunks.push({
        ...(start === 0 ? { meta: { typeName, stateId } } : {}),
        bytes,
        totalLength: data.length,
        range: { start, end: start + bytes.length - 1 },
      });
    }
    const r = await this.raw.writeStateBytes(chunks, options);
    return plainDiagnostics(r.diagnostics);
  }

  /** GetStates. */
  async getStates(typeName: string, options?: RpcOptions) {
    const r = await this.raw.getStates({ typeName }, options);
    return { states: r.stateId, diagnostics: plainDiagnostics(r.diagnostics) };
  }

  /** DeleteState. */
  async deleteState(typeName: string, stateId: string, options?: RpcOptions) {
    return plainDiagnostics((await this.raw.deleteState({ typeName, stateId }, options)).diagnostics);
  }

  /** LockState. */
  async lockState(typeName: string, stateId: string, operation: string, options?: RpcOptions) {
    const r = await this.raw.lockState({ typeName, stateId, operation }, options);
    return { lockId: r.lockId, diagnostics: plainDiagnostics(r.diagnostics) };
  }

  /** UnlockState. */
  async unlockState(typeName: string, stateId: string, lockId: string, options?: RpcOptions) {
    return plainDiagnostics((await this.raw.unlockState({ typeName, stateId, lockId }, options)).diagnostics);
  }

  /** A null value of a resource's type (handy for `prior`). */
  nullState(typeName: string): CtyValue {
    return nullVal(this.typeOf("resource", typeName));
  }
}
