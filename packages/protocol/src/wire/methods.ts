/**
 * The request and response message codecs of every tfplugin6 `Provider` RPC,
 * keyed like {@link ProviderService} (lower camel case).
 */
import * as pb from "../gen/tfplugin6.js";

/** The static functions ts-proto generates for each message. */
export interface MessageCodec<T> {
  /** Encodes a complete message. */
  encode(message: T): { finish(): Uint8Array };
  /** Decodes bytes into a message with every field present. */
  decode(input: Uint8Array): T;
  /** Builds a complete message from a partial one (missing fields get their defaults). */
  fromPartial(object: any): T;
}

type Codecs<D> = D extends {
  requestDeserialize: (bytes: Buffer) => infer Req;
  responseDeserialize: (bytes: Buffer) => infer Res;
}
  ? { request: MessageCodec<Req>; response: MessageCodec<Res> }
  : never;

/** The codecs of each RPC's request and response (or stream element) messages. */
export const providerMessageCodecs: {
  [K in keyof typeof pb.ProviderService]: Codecs<(typeof pb.ProviderService)[K]>;
} = {
  getMetadata: { request: pb.GetMetadata_Request, response: pb.GetMetadata_Response },
  getProviderSchema: { request: pb.GetProviderSchema_Request, response: pb.GetProviderSchema_Response },
  validateProviderConfig: {
    request: pb.ValidateProviderConfig_Request,
    response: pb.ValidateProviderConfig_Response,
  },
  validateResourceConfig: {
    request: pb.ValidateResourceConfig_Request,
    response: pb.ValidateResourceConfig_Response,
  },
  validateDataResourceConfig: {
    request: pb.ValidateDataResourceConfig_Request,
    response: pb.ValidateDataResourceConfig_Response,
  },
  upgradeResourceState: {
    request: pb.UpgradeResourceState_Request,
    response: pb.UpgradeResourceState_Response,
  },
  getResourceIdentitySchemas: {
    request: pb.GetResourceIdentitySchemas_Request,
    response: pb.GetResourceIdentitySchemas_Response,
  },
  upgradeResourceIdentity: {
    request: pb.UpgradeResourceIdentity_Request,
    response: pb.UpgradeResourceIdentity_Response,
  },
  configureProvider: { request: pb.ConfigureProvider_Request, response: pb.ConfigureProvider_Response },
  readResource: { request: pb.ReadResource_Request, response: pb.ReadResource_Response },
  planResourceChange: { request: pb.PlanResourceChange_Request, response: pb.PlanResourceChange_Response },
  applyResourceChange: { request: pb.ApplyResourceChange_Request, response: pb.ApplyResourceChange_Response },
  importResourceState: { request: pb.ImportResourceState_Request, response: pb.ImportResourceState_Response },
  moveResourceState: { request: pb.MoveResourceState_Request, response: pb.MoveResourceState_Response },
  readDataSource: { request: pb.ReadDataSource_Request, response: pb.ReadDataSource_Response },
  generateResourceConfig: {
    request: pb.GenerateResourceConfig_Request,
    response: pb.GenerateResourceConfig_Response,
  },
  validateEphemeralResourceConfig: {
    request: pb.ValidateEphemeralResourceConfig_Request,
    response: pb.ValidateEphemeralResourceConfig_Response,
  },
  openEphemeralResource: {
    request: pb.OpenEphemeralResource_Request,
    response: pb.OpenEphemeralResource_Response,
  },
  renewEphemeralResource: {
    request: pb.RenewEphemeralResource_Request,
    response: pb.RenewEphemeralResource_Response,
  },
  closeEphemeralResource: {
    request: pb.CloseEphemeralResource_Request,
    response: pb.CloseEphemeralResource_Response,
  },
  listResource: { request: pb.ListResource_Request, response: pb.ListResource_Event },
  validateListResourceConfig: {
    request: pb.ValidateListResourceConfig_Request,
    response: pb.ValidateListResourceConfig_Response,
  },
  getFunctions: { request: pb.GetFunctions_Request, response: pb.GetFunctions_Response },
  callFunction: { request: pb.CallFunction_Request, response: pb.CallFunction_Response },
  validateStateStoreConfig: {
    request: pb.ValidateStateStore_Request,
    response: pb.ValidateStateStore_Response,
  },
  configureStateStore: { request: pb.ConfigureStateStore_Request, response: pb.ConfigureStateStore_Response },
  readStateBytes: { request: pb.ReadStateBytes_Request, response: pb.ReadStateBytes_Response },
  writeStateBytes: { request: pb.WriteStateBytes_RequestChunk, response: pb.WriteStateBytes_Response },
  lockState: { request: pb.LockState_Request, response: pb.LockState_Response },
  unlockState: { request: pb.UnlockState_Request, response: pb.UnlockState_Response },
  getStates: { request: pb.GetStates_Request, response: pb.GetStates_Response },
  deleteState: { request: pb.DeleteState_Request, response: pb.DeleteState_Response },
  planAction: { request: pb.PlanAction_Request, response: pb.PlanAction_Response },
  invokeAction: { request: pb.InvokeAction_Request, response: pb.InvokeAction_Event },
  validateActionConfig: {
    request: pb.ValidateActionConfig_Request,
    response: pb.ValidateActionConfig_Response,
  },
  stopProvider: { request: pb.StopProvider_Request, response: pb.StopProvider_Response },
};
