/**
 * State stores (Terraform's pluggable state storage): configure, list, delete, lock and unlock
 * states, and read and write their bytes as streams.
 *
 * @module
 */
import type { InferConfig, Schema } from "@pyvider/schema";
import { brand, type ComponentDefinitionBase, type ComponentSpecBase } from "../component.js";
import type {
  Awaitable,
  HandlerContext,
  PartlyUnknown,
  RegisteredProviderData,
  UnconfiguredContext,
} from "../context.js";

/** A state store schema. */
export type StateStoreSchema = Schema<"stateStore">;

/** A stream of bytes: what `readState` returns and `writeState` receives. */
export type ByteStream = AsyncIterable<Uint8Array>;

/** Fields of every state store handler context. */
export interface StateStoreContext<PD> extends HandlerContext<PD> {
  /** The state store type name. */
  readonly typeName: string;
}

/**
 * Context of a state store's `validate`. The provider may not be configured yet (`ctx.provider`
 * may be undefined).
 */
export interface StateStoreValidateContext<S, PD = RegisteredProviderData> extends UnconfiguredContext<PD> {
  /** The state store type name. */
  readonly typeName: string;
  readonly config: PartlyUnknown<InferConfig<S>>;
}

/** Context of `configure`. */
export interface StateStoreConfigContext<S, PD = RegisteredProviderData> extends StateStoreContext<PD> {
  readonly config: PartlyUnknown<InferConfig<S>>;
}

/** Context of operations on one state. */
export interface StateContext<PD = RegisteredProviderData> extends StateStoreContext<PD> {
  /** The state's ID (the workspace name; `default` for the default workspace). */
  readonly stateId: string;
}

/** Information about a lock, as Terraform describes it. */
export interface LockInfo {
  /** The operation taking the lock (`OperationTypePlan`, `OperationTypeApply`, ...). */
  readonly operation: string;
}

/** Context of `lock`. */
export interface LockContext<PD = RegisteredProviderData> extends StateContext<PD> {
  readonly info: LockInfo;
}

/** Context of `unlock`. */
export interface UnlockContext<PD = RegisteredProviderData> extends StateContext<PD> {
  /** The lock ID that `lock` returned. */
  readonly lockId: string;
}

/** Context of `writeState`. */
export interface WriteStateContext<PD = RegisteredProviderData> extends StateContext<PD> {
  /** The state's bytes, in chunks. */
  readonly data: ByteStream;
}

/** Handlers and metadata of a state store. */
export interface StateStoreSpec<S extends StateStoreSchema, PD = RegisteredProviderData>
  extends ComponentSpecBase {
  /** The schema (`s.stateStore({...})`). */
  readonly schema: S;
  /** Checks the configuration. */
  validate?(ctx: StateStoreValidateContext<S, PD>): Awaitable<void>;
  /** Prepares the store from its configuration. */
  configure?(ctx: StateStoreConfigContext<S, PD>): Awaitable<void>;
  /** The IDs of the stored states. */
  listStates(ctx: StateStoreContext<PD>): Awaitable<readonly string[]>;
  /** Deletes a state. */
  deleteState(ctx: StateContext<PD>): Awaitable<void>;
  /** Locks a state and returns the lock's ID; throw (or add an error) if it is already locked. */
  lock?(ctx: LockContext<PD>): Awaitable<string>;
  /** Releases a lock. */
  unlock?(ctx: UnlockContext<PD>): Awaitable<void>;
  /** The state's bytes (null or empty when the state does not exist yet). */
  readState(ctx: StateContext<PD>): Awaitable<ByteStream | Uint8Array | null>;
  /** Stores the state's bytes. */
  writeState(ctx: WriteStateContext<PD>): Awaitable<void>;
}

/** A state store definition. */
export interface StateStoreDefinition<S extends StateStoreSchema = StateStoreSchema, PD = unknown>
  extends ComponentDefinitionBase<"stateStore", StateStoreSpec<S, PD>> {
  readonly schema: S;
}

/** Defines a state store. */
export function defineStateStore<S extends StateStoreSchema, PD = RegisteredProviderData>(
  spec: StateStoreSpec<S, PD>,
): StateStoreDefinition<S, PD> {
  return brand("stateStore", spec, { schema: spec.schema });
}

/** Every state store handler context by handler name, for annotating class methods. */
export interface StateStoreContexts<S, PD = RegisteredProviderData> {
  readonly validate: StateStoreValidateContext<S, PD>;
  readonly configure: StateStoreConfigContext<S, PD>;
  readonly listStates: StateStoreContext<PD>;
  readonly deleteState: StateContext<PD>;
  readonly lock: LockContext<PD>;
  readonly unlock: UnlockContext<PD>;
  readonly readState: StateContext<PD>;
  readonly writeState: WriteStateContext<PD>;
}

/** Any state store definition, whatever its schema and provider data types. */
export type AnyStateStoreDefinition = StateStoreDefinition<any, any>;
