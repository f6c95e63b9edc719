/**
 * ReadDataSource and the ephemeral resource RPCs (Open, Renew, Close). Ephemeral private data
 * round-trips as opaque bytes between open, renew and close.
 *
 * A data source read that defers (`ctx.defer(reason)`, when the client allows it) answers with
 * its configuration, computed attributes unknown; an ephemeral open that defers, with an unknown
 * result.
 *
 * @module
 */
import { unknownVal } from "@pyvider/cty";
import { type Diagnostic, markComputedUnknown } from "@pyvider/schema";
import {
  type CloseEphemeralResource_Request,
  type CloseEphemeralResource_Response,
  Deferred_Reason,
  type OpenEphemeralResource_Request,
  type OpenEphemeralResource_Response,
  type ReadDataSource_Request,
  type ReadDataSource_Response,
  type RenewEphemeralResource_Request,
  type RenewEphemeralResource_Response,
} from "../gen/tfplugin6.js";
import type { CallContext } from "../server/handlers.js";
import { requireKnown } from "./consistency.js";
import { guard, type Semantics, stopOnError } from "./context.js";
import { wireDeferred } from "./deferral.js";
import { toWireDiagnostics } from "./diagnostics.js";
import { decodeDynamic, encodeDynamic } from "./dynamic.js";
import { clientCapabilities } from "./provider-rpcs.js";
import { fromPlain, toPlainObject } from "./values.js";

const PROVIDER_UNKNOWN = { reason: Deferred_Reason.PROVIDER_CONFIG_UNKNOWN };

/** Data source and ephemeral resource handlers. */
export class DataEphemeralRpcs {
  /** @param s shared state */
  constructor(private readonly s: Semantics) {}

  private ephemeral(typeName: string) {
    return this.s.need(this.s.provider.ephemeralResource(typeName), "ephemeral resource", typeName);
  }

  /** ReadDataSource: the state must be wholly known. */
  readDataSource = (req: ReadDataSource_Request, context: CallContext): Promise<ReadDataSource_Response> =>
    guard<ReadDataSource_Response>(
      () => ({ state: undefined, diagnostics: [], deferred: undefined }),
      async () => {
        const d = this.s.need(this.s.provider.dataSource(req.typeName), "data source", req.typeName);
        const type = this.s.typeOf(d.definition.schema);
        const config = decodeDynamic(req.config, type, "configuration");
        if (this.s.providerDeferred && req.clientCapabilities?.deferralAllowed === true) {
          return { state: undefined, diagnostics: [], deferred: PROVIDER_UNKNOWN };
        }
        const where = `data source ${req.typeName} read`;
        const outcome = await d.read(
          {
            config: toPlainObject(config) ?? {},
            clientCapabilities: clientCapabilities(req.clientCapabilities),
          },
          this.s.callOptions(context),
        );
        const diags: Diagnostic[] = [...outcome.diagnostics];
        stopOnError(diags);
        if (outcome.deferred !== undefined) {
          return {
            state: encodeDynamic(markComputedUnknown(d.definition.schema, config, config), type),
            diagnostics: toWireDiagnostics(diags),
            deferred: wireDeferred(outcome.deferred),
          };
        }
        const state = requireKnown(fromPlain(outcome.value, type, where), where, diags);
        return {
          state: encodeDynamic(state, type),
          diagnostics: toWireDiagnostics(diags),
          deferred: undefined,
        };
      },
    );

  /** OpenEphemeralResource. */
  openEphemeralResource = (
    req: OpenEphemeralResource_Request,
    context: CallContext,
  ): Promise<OpenEphemeralResource_Response> =>
    guard<OpenEphemeralResource_Response>(
      () => ({ diagnostics: [], result: undefined, deferred: undefined }),
      async () => {
        const e = this.ephemeral(req.typeName);
        const type = this.s.typeOf(e.definition.schema);
        const config = decodeDynamic(req.config, type, "configuration");
        if (this.s.providerDeferred && req.clientCapabilities?.deferralAllowed === true) {
          return { diagnostics: [], result: undefined, deferred: PROVIDER_UNKNOWN };
        }
        const where = `ephemeral resource ${req.typeName} open`;
        const outcome = await e.open(
          {
            config: toPlainObject(config) ?? {},
            clientCapabilities: clientCapabilities(req.clientCapabilities),
          },
          this.s.callOptions(context),
        );
        const diags: Diagnostic[] = [...outcome.diagnostics];
        stopOnError(diags);
        if (outcome.deferred !== undefined) {
          return {
            diagnostics: toWireDiagnostics(diags),
            result: encodeDynamic(unknownVal(type), type),
            deferred: wireDeferred(outcome.deferred),
          };
        }
        const opened = outcome.value!;
        const result = requireKnown(fromPlain(opened.result, type, where), where, diags);
        return {
          diagnostics: toWireDiagnostics(diags),
          result: encodeDynamic(result, type),
          private: opened.private,
          ...(opened.renewAt === undefined ? {} : { renewAt: opened.renewAt }),
          deferred: undefined,
        };
      },
    );

  /** RenewEphemeralResource. */
  renewEphemeralResource = (
    req: RenewEphemeralResource_Request,
    context: CallContext,
  ): Promise<RenewEphemeralResource_Response> =>
    guard<RenewEphemeralResource_Response>(
      () => ({ diagnostics: [] }),
      async () => {
        const e = this.ephemeral(req.typeName);
        const outcome = await e.renew({ private: req.private ?? null }, this.s.callOptions(context));
        const diags: Diagnostic[] = [...outcome.diagnostics];
        stopOnError(diags);
        const renewed = outcome.value!;
        return {
          diagnostics: toWireDiagnostics(diags),
          private: renewed.private,
          ...(renewed.renewAt === undefined ? {} : { renewAt: renewed.renewAt }),
        };
      },
    );

  /** CloseEphemeralResource. */
  closeEphemeralResource = (
    req: CloseEphemeralResource_Request,
    context: CallContext,
  ): Promise<CloseEphemeralResource_Response> =>
    guard<CloseEphemeralResource_Response>(
      () => ({ diagnostics: [] }),
      async () => {
        const e = this.ephemeral(req.typeName);
        const outcome = await e.close({ private: req.private ?? null }, this.s.callOptions(context));
        return { diagnostics: toWireDiagnostics(outcome.diagnostics) };
      },
    );
}
