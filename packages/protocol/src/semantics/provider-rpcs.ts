/**
 * The provider-wide RPCs: GetProviderSchema (built and encoded once), GetMetadata,
 * GetResourceIdentitySchemas, GetFunctions, ValidateProviderConfig, ConfigureProvider and
 * StopProvider.
 *
 * @module
 */
import { isWhollyKnown } from "@pyvider/cty";
import type { ClientCapabilities } from "@pyvider/hub";
import { validateConfig } from "@pyvider/schema";
import {
  type ConfigureProvider_Request,
  type ConfigureProvider_Response,
  type FunctionMessage,
  type GetMetadata_Response,
  GetProviderSchema_Response,
  type GetResourceIdentitySchemas_Response,
  type ResourceIdentitySchema,
  type ServerCapabilities,
  type ValidateProviderConfig_Request,
  type ValidateProviderConfig_Response,
  type ClientCapabilities as WireClientCapabilities,
  type Schema as WireSchema,
} from "../gen/tfplugin6.js";
import type { CallContext } from "../server/handlers.js";
import { PreEncoded } from "../wire/pre-encoded.js";
import { guard, type Semantics } from "./context.js";
import { toWireDiagnostics } from "./diagnostics.js";
import { decodeDynamic } from "./dynamic.js";
import { functionToWire, identitySchemaToWire, schemaToWire } from "./schema-wire.js";
import { toPlainObject } from "./values.js";

/** The capabilities this server announces. */
export const SERVER_CAPABILITIES: ServerCapabilities = {
  planDestroy: true,
  getProviderSchemaOptional: true,
  moveResourceState: true,
  generateResourceConfig: true,
};

/** The hub's view of a request's client capabilities (absent ones are false). */
export function clientCapabilities(c: WireClientCapabilities | undefined): ClientCapabilities {
  return {
    deferralAllowed: c?.deferralAllowed ?? false,
    writeOnlyAttributesAllowed: c?.writeOnlyAttributesAllowed ?? false,
    storePlannedPrivate: c?.storePlannedPrivate ?? false,
    computedBlocksAllowed: c?.computedBlocksAllowed ?? false,
  };
}

function byName<D, W>(map: ReadonlyMap<string, D>, fn: (d: D) => W): Record<string, W> {
  return Object.fromEntries([...map].map(([name, d]) => [name, fn(d)]));
}

/** The provider-wide RPC handlers. */
export class ProviderRpcs {
  #schema: GetProviderSchema_Response | undefined;
  #schemaBytes: Uint8Array | undefined;

  /** @param s shared state */
  constructor(private readonly s: Semantics) {}

  /** The GetProviderSchema response (built once). */
  schemaResponse(): GetProviderSchema_Response {
    if (this.#schema === undefined) {
      const p = this.s.provider;
      const c = p.components();
      this.#schema = {
        provider: schemaToWire(p.schema),
        providerMeta: p.metaSchema === undefined ? undefined : schemaToWire(p.metaSchema),
        resourceSchemas: byName(c.resources, (d) => schemaToWire(d.schema)),
        dataSourceSchemas: byName(c.dataSources, (d) => schemaToWire(d.schema)),
        functions: byName(c.functions, (d): FunctionMessage => functionToWire(d.schema)),
        ephemeralResourceSchemas: byName(c.ephemeralResources, (d) => schemaToWire(d.schema)),
        listResourceSchemas: byName(c.listResources, (d) => schemaToWire(d.schema)),
        stateStoreSchemas: byName(c.stateStores, (d) => schemaToWire(d.schema)),
        actionSchemas: byName(c.actions, (d) => ({ schema: schemaToWire(d.schema) as WireSchema })),
        diagnostics: [],
        serverCapabilities: SERVER_CAPABILITIES,
      };
      // Encode once now, so a schema that cannot be encoded fails at start-up, not mid-run.
      this.#schemaBytes = GetProviderSchema_Response.encode(this.#schema).finish();
    }
    return this.#schema;
  }

  /** The encoded size of the schema response, in bytes (built on first use). */
  get schemaSize(): number {
    this.schemaResponse();
    return this.#schemaBytes?.length ?? 0;
  }

  /** GetProviderSchema: the bytes encoded once, sent as they are. */
  getProviderSchema = (): GetProviderSchema_Response => {
    this.schemaResponse();
    // The server passes PreEncoded bytes through its serializer untouched.
    return new PreEncoded(this.#schemaBytes!) as unknown as GetProviderSchema_Response;
  };

  /** GetMetadata: every component's name, and the server capabilities. */
  getMetadata = (): GetMetadata_Response => {
    const c = this.s.provider.components();
    const names = (m: ReadonlyMap<string, unknown>) => [...m.keys()].map((typeName) => ({ typeName }));
    return {
      serverCapabilities: SERVER_CAPABILITIES,
      diagnostics: [],
      dataSources: names(c.dataSources),
      resources: names(c.resources),
      functions: [...c.functions.keys()].map((name) => ({ name })),
      ephemeralResources: names(c.ephemeralResources),
      listResources: names(c.listResources),
      stateStores: names(c.stateStores),
      actions: names(c.actions),
    };
  };

  /** GetResourceIdentitySchemas. */
  getResourceIdentitySchemas = (): GetResourceIdentitySchemas_Response => {
    const identitySchemas: Record<string, ResourceIdentitySchema> = {};
    for (const [name, d] of this.s.provider.components().resources) {
      if (d.identity !== undefined) identitySchemas[name] = identitySchemaToWire(d.identity);
    }
    return { identitySchemas, diagnostics: [] };
  };

  /** GetFunctions. */
  getFunctions = () => ({ functions: this.schemaResponse().functions, diagnostics: [] });

  /** ValidateProviderConfig: schema checks, then the provider's `validate`. */
  validateProviderConfig = (
    req: ValidateProviderConfig_Request,
    context: CallContext,
  ): Promise<ValidateProviderConfig_Response> =>
    guard<ValidateProviderConfig_Response>(
      () => ({ diagnostics: [] }),
      async () => {
        const p = this.s.provider;
        const config = decodeDynamic(req.config, this.s.typeOf(p.schema), "provider configuration");
        const diags = await validateConfig(p.schema, config);
        const outcome = await p.validateConfig(
          { config: toPlainObject(config) ?? {} },
          this.s.callOptions(context),
        );
        return { diagnostics: toWireDiagnostics([...diags, ...outcome.diagnostics]) };
      },
    );

  /**
   * ConfigureProvider: runs `configure` with the client capabilities. With unknown values in the
   * configuration and a client that allows deferral, configuration is deferred instead.
   */
  configureProvider = (
    req: ConfigureProvider_Request,
    context: CallContext,
  ): Promise<ConfigureProvider_Response> =>
    guard<ConfigureProvider_Response>(
      () => ({ diagnostics: [] }),
      async () => {
        const p = this.s.provider;
        const config = decodeDynamic(req.config, this.s.typeOf(p.schema), "provider configuration");
        const caps = clientCapabilities(req.clientCapabilities);
        if (
          caps.deferralAllowed &&
          this.s.options.deferUnknownProviderConfig !== false &&
          !isWhollyKnown(config)
        ) {
          this.s.providerDeferred = true;
          p.logger.debug("provider configuration has unknown values: deferring", { action: "configure" });
          return { diagnostics: [] };
        }
        this.s.providerDeferred = false;
        const outcome = await p.configure(
          {
            config: toPlainObject(config) ?? {},
            terraformVersion: req.terraformVersion,
            clientCapabilities: caps,
          },
          this.s.callOptions(context),
        );
        return { diagnostics: toWireDiagnostics(outcome.diagnostics) };
      },
    );

  /**
   * StopProvider: fires every in-flight handler's signal and answers at once. The calls in flight
   * are answered when their handlers settle, with what they really did (the hub waits for up to
   * the provider's stop grace period), as Terraform waits for them after a Ctrl-C.
   */
  stopProvider = () => {
    this.s.provider.stop("Terraform asked the provider to stop (StopProvider)");
    return { Error: "" };
  };
}
