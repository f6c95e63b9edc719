/**
 * Every tfplugin6 RPC handler for a hub provider, assembled from the semantics modules.
 *
 * @module
 */
import type { ProviderDefinition } from "@pyvider/hub";
import type { GetProviderSchema_Response } from "../gen/tfplugin6.js";
import type { ProviderServiceHandlers } from "../server/handlers.js";
import { Semantics, type SemanticsOptions } from "./context.js";
import { DataEphemeralRpcs } from "./data-ephemeral.js";
import { callFunction } from "./functions.js";
import { ProviderRpcs } from "./provider-rpcs.js";
import { applyResourceChange, readResource } from "./resource-apply.js";
import { planResourceChange } from "./resource-plan.js";
import { ResourceStateRpcs } from "./resource-state.js";
import { StateStoreRpcs } from "./state-store.js";
import { invokeAction, listResource, planAction } from "./streams.js";
import { ValidateRpcs } from "./validate-rpcs.js";

/** The handler object and the schema response size (for start-up logging). */
export interface ProviderHandlers {
  /**
   * Every RPC. `getProviderSchema` answers bytes encoded once (the server started by
   * `startPluginServer` sends them as they are); read the message itself from `schema`.
   */
  readonly handlers: ProviderServiceHandlers;
  /** The GetProviderSchema response message. */
  readonly schema: GetProviderSchema_Response;
  /** The encoded GetProviderSchema response size in bytes (the schema is built up front). */
  readonly schemaBytes: number;
}

/**
 * Builds the handler of every tfplugin6 RPC for a hub provider. The schema response is built and
 * encoded here, once, so that a schema that cannot be served fails before the handshake.
 */
export function createProviderHandlers(
  provider: ProviderDefinition,
  options: SemanticsOptions = {},
): ProviderHandlers {
  const s = new Semantics(provider, options);
  const p = new ProviderRpcs(s);
  const v = new ValidateRpcs(s);
  const rs = new ResourceStateRpcs(s);
  const de = new DataEphemeralRpcs(s);
  const st = new StateStoreRpcs(s);
  const schemaBytes = p.schemaSize;
  const handlers: ProviderServiceHandlers = {
    getMetadata: p.getMetadata,
    getProviderSchema: p.getProviderSchema,
    getResourceIdentitySchemas: p.getResourceIdentitySchemas,
    getFunctions: p.getFunctions,
    validateProviderConfig: p.validateProviderConfig,
    configureProvider: p.configureProvider,
    stopProvider: p.stopProvider,
    validateResourceConfig: v.validateResourceConfig,
    validateDataResourceConfig: v.validateDataResourceConfig,
    validateEphemeralResourceConfig: v.validateEphemeralResourceConfig,
    validateListResourceConfig: v.validateListResourceConfig,
    validateActionConfig: v.validateActionConfig,
    validateStateStoreConfig: v.validateStateStoreConfig,
    upgradeResourceState: rs.upgradeResourceState,
    upgradeResourceIdentity: rs.upgradeResourceIdentity,
    importResourceState: rs.importResourceState,
    moveResourceState: rs.moveResourceState,
    generateResourceConfig: rs.generateResourceConfig,
    readResource: readResource(s),
    planResourceChange: planResourceChange(s),
    applyResourceChange: applyResourceChange(s),
    readDataSource: de.readDataSource,
    openEphemeralResource: de.openEphemeralResource,
    renewEphemeralResource: de.renewEphemeralResource,
    closeEphemeralResource: de.closeEphemeralResource,
    callFunction: callFunction(s),
    listResource: listResource(s),
    planAction: planAction(s),
    invokeAction: invokeAction(s),
    configureStateStore: st.configureStateStore,
    getStates: st.getStates,
    deleteState: st.deleteState,
    lockState: st.lockState,
    unlockState: st.unlockState,
    readStateBytes: st.readStateBytes,
    writeStateBytes: st.writeStateBytes,
  };
  return { handlers, schema: p.schemaResponse(), schemaBytes };
}
