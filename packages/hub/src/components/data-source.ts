/**
 * Data sources: read (and optionally validate) a configuration into a state.
 *
 * @module
 */
import type { InferConfig, InferState, Schema } from "@pyvider/schema";
import { brand, type ComponentDefinitionBase, type ComponentSpecBase } from "../component.js";
import type {
  Awaitable,
  HandlerContext,
  PartlyUnknown,
  RegisteredProviderData,
  UnconfiguredContext,
} from "../context.js";
import type { DeferrableContext } from "../deferral.js";

/** A data source schema. */
export type DataSourceSchema = Schema<"dataSource">;

/** Fields of every data source handler context. */
export interface DataSourceContext<PD> extends HandlerContext<PD> {
  /** The data source type name, e.g. `kv_lookup`. */
  readonly typeName: string;
}

/** Context of a data source's `validate`. The provider may not be configured yet (`ctx.provider` may be undefined). */
export interface DataSourceValidateContext<S, PD = RegisteredProviderData> extends UnconfiguredContext<PD> {
  /** The data source type name, e.g. `kv_lookup`. */
  readonly typeName: string;
  readonly config: PartlyUnknown<InferConfig<S>>;
}

/**
 * Context of a data source's `read`. `ctx.defer(reason)` defers the read (when
 * `ctx.clientCapabilities.deferralAllowed`): the data source's computed values stay unknown.
 */
export interface DataSourceReadContext<S, PD = RegisteredProviderData>
  extends DataSourceContext<PD>,
    DeferrableContext {
  readonly config: InferConfig<S>;
}

/** Handlers and metadata of a data source. */
export interface DataSourceSpec<S extends DataSourceSchema, PD = RegisteredProviderData, St = InferState<S>>
  extends ComponentSpecBase {
  /** The data source's schema (`s.dataSource({...})`). */
  readonly schema: S;
  /** Checks the configuration beyond what the schema says. */
  validate?(ctx: DataSourceValidateContext<S, PD>): Awaitable<void>;
  /** Reads the data: returns the full state (configured and computed attributes). */
  read(ctx: DataSourceReadContext<S, PD>): Awaitable<NoInfer<St>>;
}

/** A data source definition. */
export interface DataSourceDefinition<S extends DataSourceSchema = DataSourceSchema, PD = unknown>
  extends ComponentDefinitionBase<"dataSource", DataSourceSpec<S, PD>> {
  readonly schema: S;
}

/** Defines a data source; `read`'s context is typed from `schema`. */
export function defineDataSource<S extends DataSourceSchema, PD = RegisteredProviderData, St = InferState<S>>(
  spec: DataSourceSpec<S, PD, St>,
): DataSourceDefinition<S, PD> {
  return brand("dataSource", spec as DataSourceSpec<S, PD>, { schema: spec.schema });
}

/** Every data source handler context by handler name, for annotating class methods. */
export interface DataSourceContexts<S, PD = RegisteredProviderData> {
  readonly validate: DataSourceValidateContext<S, PD>;
  readonly read: DataSourceReadContext<S, PD>;
}

/** Any data source definition, whatever its schema and provider data types. */
export type AnyDataSourceDefinition = DataSourceDefinition<any, any>;
