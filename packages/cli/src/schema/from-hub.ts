/**
 * The schema straight from the provider's module, without starting it: the
 * module is imported (TypeScript through tsx's loader), the provider built by
 * @pyvider/hub's `buildProvider` (or discovered among the exports) is asked
 * for its components, and @pyvider/protocol's `schemaToWire`/`functionToWire`
 * (what a running provider answers GetProviderSchema with) turn each schema
 * into its tfplugin6 message, so the JSON is made by the same code as for a
 * running provider.
 */
import { existsSync } from "node:fs";
import { pathToFileURL } from "node:url";
import type { tfplugin6 } from "@pyvider/protocol";
import { CliError, messageOf } from "../cli/errors.js";
import { schemaDocumentFromProto } from "./from-proto.js";
import type { ProvidersSchemaJson } from "./json-types.js";

/** What this module needs of a hub provider definition. */
interface HubProvider {
  readonly schema: unknown;
  components(): Record<string, ReadonlyMap<string, { schema: unknown; identity?: unknown }>>;
}

function isHubProvider(v: unknown): v is HubProvider {
  return (
    typeof v === "object" &&
    v !== null &&
    "schema" in v &&
    typeof (v as HubProvider).components === "function"
  );
}

/** Builds the schema document from a hub provider definition (the result of `buildProvider`). */
export async function schemaDocumentFromHub(
  address: string,
  provider: HubProvider,
): Promise<ProvidersSchemaJson> {
  const { functionToWire, identitySchemaToWire, schemaToWire } = await import("@pyvider/protocol");
  const listing = provider.components();
  const schema = (s: unknown) => schemaToWire(s as never);
  const map = (key: string) =>
    Object.fromEntries([...(listing[key] ?? new Map()).entries()].map(([n, d]) => [n, schema(d.schema)]));
  const identities: tfplugin6.GetResourceIdentitySchemas_Response = { identitySchemas: {}, diagnostics: [] };
  for (const [name, d] of listing.resources ?? new Map()) {
    if (d.identity) identities.identitySchemas[name] = identitySchemaToWire(d.identity as never);
  }
  const response = {
    provider: schema(provider.schema),
    resourceSchemas: map("resources"),
    dataSourceSchemas: map("dataSources"),
    ephemeralResourceSchemas: map("ephemeralResources"),
    listResourceSchemas: map("listResources"),
    stateStoreSchemas: map("stateStores"),
    actionSchemas: Object.fromEntries(
      [...(listing.actions ?? new Map()).entries()].map(([n, d]) => [n, { schema: schema(d.schema) }]),
    ),
    functions: Object.fromEntries(
      [...(listing.functions ?? new Map()).entries()].map(([n, d]) => [n, functionToWire(d.schema as never)]),
    ),
    diagnostics: [],
    providerMeta: undefined,
    serverCapabilities: undefined,
  } satisfies tfplugin6.GetProviderSchema_Response;
  return schemaDocumentFromProto(address, response, identities);
}

/**
 * Imports `modulePath` (with tsx's loader for TypeScript, resolved by `resolveTsx`) and finds the
 * provider: an export made by `buildProvider`, else the provider and components discovered among
 * the exports by @pyvider/hub's `discoverProvider`.
 */
export async function loadHubProvider(modulePath: string, tsxApi: string | undefined): Promise<HubProvider> {
  if (!existsSync(modulePath)) throw new CliError(`the provider module ${modulePath} does not exist`);
  let unregister: (() => unknown) | undefined;
  if (/\.(c|m)?ts$/.test(modulePath)) {
    if (!tsxApi)
      throw new CliError("importing a TypeScript module needs tsx; add it to the project (npm i -D tsx)");
    const api = (await import(pathToFileURL(tsxApi).href)) as { register: () => () => unknown };
    unregister = api.register();
  }
  let mod: Record<string, unknown>;
  try {
    mod = (await import(pathToFileURL(modulePath).href)) as Record<string, unknown>;
  } catch (error) {
    throw new CliError(`cannot import ${modulePath}: ${messageOf(error)}`);
  } finally {
    await unregister?.();
  }
  const built = Object.values(mod).find(isHubProvider);
  if (built) return built;
  try {
    const { discoverProvider } = await import("@pyvider/hub");
    return discoverProvider([mod]) as unknown as HubProvider;
  } catch (error) {
    throw new CliError(`no provider in ${modulePath}: ${messageOf(error)}`, {
      details: [
        "export the result of buildProvider(...), or the defineProvider(...) definition and its components",
      ],
    });
  }
}
