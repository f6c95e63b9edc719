/**
 * `ProviderClient`: the protocol client with plain values. It reads the provider's schemas once
 * (GetProviderSchema, GetResourceIdentitySchemas) and encodes and decodes every `DynamicValue`
 * with them, so tests pass and get plain JS objects (or cty values) instead of msgpack bytes.
 *
 * @module
 */
import { CtyDynamic, type CtyType, type CtyValue, nullVal, toNative, typeFromJSON } from "@pyvider/cty";
import type { tfplugin6 } from "@pyvider/protocol";
import type { RawProviderClient, RpcOptions } from "../client/types.js";
import { type Capabilities, caps } from "./client-base.js";
import { ResourceClient } from "./resource-client.js";
import { decodePlain, decodeValue, encodeValue, type PlainDiagnostic, plainDiagnostics } from "./values.js";

export type { Capabilities, ClientPlanResult, ClientStateResult } from "./client-base.js";

/** A type from its JSON bytes; `dynamic` when there are none. */
function typeOrDynamic(bytes: Uint8Array | undefined): CtyType {
  return bytes === undefined ? CtyDynamic : typeFromJSON(bytes);
}

/** A protocol client speaking in plain values. Create it with {@link ProviderClient.connect}. */
export class ProviderClient extends ResourceClient {
  /** Reads the provider's schemas and wraps the raw client. */
  static async connect(raw: RawProviderClient): Promise<ProviderClient> {
    const schema = await raw.getProviderSchema({});
    const identities = await raw.getResourceIdentitySchemas({});
    return new ProviderClient(raw, schema, identities);
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

  /** OpenEphemeralResource (`options.capabilities`: the client capabilities sent). */
  async openEphemeralResource(
    typeName: string,
    config: unknown,
    options?: RpcOptions & { capabilities?: Capabilities },
  ) {
    const type = this.typeOf("ephemeral", typeName);
    const r = await this.raw.openEphemeralResource(
      { typeName, config: encodeValue(config, type), clientCapabilities: caps(options?.capabilities) },
      options,
    );
    return {
      result: decodePlain(r.result, type) as Record<string, unknown> | null,
      private: r.private,
      renewAt: r.renewAt,
      deferred: r.deferred,
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
      typeOrDynamic((i < fn.parameters.length ? fn.parameters[i] : fn.variadicParameter)?.type),
    );
    const r = await this.raw.callFunction(
      { name, arguments: args.map((a, i) => encodeValue(a, types[i]!)) },
      options,
    );
    const rt = typeOrDynamic(fn.return?.type);
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
        identity: this.identityOut(typeName, e.identity),
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
