/**
 * The common part of the plain-value protocol client: the provider's schemas and the encoding of
 * values, identities and states with them.
 *
 * @module
 */
import { type CtyType, type CtyValue, toNative } from "@pyvider/cty";
import type { tfplugin6 } from "@pyvider/protocol";
import type { RawProviderClient } from "../client/types.js";
import { identityType, schemaType } from "./schema-types.js";
import { decodePlain, decodeValue, encodeValue, type PlainDiagnostic } from "./values.js";

/**
 * Client capabilities sent with requests. The defaults are those of Terraform 1.16: everything but
 * deferral allowed.
 */
export interface Capabilities {
  deferralAllowed?: boolean;
  writeOnlyAttributesAllowed?: boolean;
  /** The client stores planned private state and sends it back when it plans again (6.11). */
  storePlannedPrivate?: boolean;
  /** The client handles computed blocks (6.11). */
  computedBlocksAllowed?: boolean;
}

/** The result of PlanResourceChange. */
export interface ClientPlanResult {
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
export interface ClientStateResult {
  readonly state: Record<string, unknown> | null;
  readonly stateValue: CtyValue;
  readonly private: Uint8Array;
  readonly identity: unknown;
  readonly diagnostics: PlainDiagnostic[];
}

export function caps(c: Capabilities | undefined): tfplugin6.ClientCapabilities {
  return {
    deferralAllowed: c?.deferralAllowed ?? false,
    writeOnlyAttributesAllowed: c?.writeOnlyAttributesAllowed ?? true,
    storePlannedPrivate: c?.storePlannedPrivate ?? true,
    computedBlocksAllowed: c?.computedBlocksAllowed ?? true,
  };
}
/** Schemas and value encoding shared by the client's methods. */
export class ClientBase {
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

  protected schemaOf(map: Record<string, tfplugin6.Schema>, kind: string, name: string): tfplugin6.Schema {
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
        return schemaType(this.schemaOf(s.resourceSchemas, "resource", name));
      case "dataSource":
        return schemaType(this.schemaOf(s.dataSourceSchemas, "data source", name));
      case "ephemeral":
        return schemaType(this.schemaOf(s.ephemeralResourceSchemas, "ephemeral resource", name));
      case "list":
        return schemaType(this.schemaOf(s.listResourceSchemas, "list resource", name));
      case "action":
        return schemaType(
          this.schemaOf(
            Object.fromEntries(Object.entries(s.actionSchemas).map(([k, v]) => [k, v.schema!])),
            "action",
            name,
          ),
        );
      case "stateStore":
        return schemaType(this.schemaOf(s.stateStoreSchemas, "state store", name));
    }
  }

  /** The identity type of a resource (undefined without one). */
  identityTypeOf(resource: string): CtyType | undefined {
    const s = this.identities.identitySchemas[resource];
    return s === undefined ? undefined : identityType(s);
  }

  protected identityIn(resource: string, identity: unknown): tfplugin6.ResourceIdentityData | undefined {
    const t = this.identityTypeOf(resource);
    return t === undefined || identity === undefined || identity === null
      ? undefined
      : { identityData: encodeValue(identity, t) };
  }

  protected identityOut(resource: string, data: tfplugin6.ResourceIdentityData | undefined): unknown {
    const t = this.identityTypeOf(resource);
    return t === undefined || data?.identityData === undefined
      ? undefined
      : decodePlain(data.identityData, t);
  }

  protected stateOf(resource: string, dv: tfplugin6.DynamicValue | undefined) {
    const v = decodeValue(dv, this.typeOf("resource", resource));
    return { state: toNative(v) as Record<string, unknown> | null, stateValue: v };
  }
}
