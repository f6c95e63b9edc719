/**
 * The schema straight from the provider's module, without starting it: the
 * module is imported (TypeScript through tsx's loader), the provider built by
 * @pyvider/hub's `buildProvider` (or discovered among the exports) is asked
 * for its components, and @pyvider/schema describes each schema. The
 * descriptions are mapped to the shape of the tfplugin6 messages so that the
 * JSON is made by the same code as for a running provider.
 */
import { existsSync } from "node:fs";
import { pathToFileURL } from "node:url";
import type { tfplugin6 } from "@pyvider/protocol";
import type {
  AttributeDescription,
  BlockDescription,
  FunctionDescription,
  SchemaDescription,
} from "@pyvider/schema";
import { CliError, messageOf } from "../cli/errors.js";
import { schemaDocumentFromProto } from "./from-proto.js";
import type { ProvidersSchemaJson } from "./json-types.js";

const NESTING: Record<string, number> = { single: 1, list: 2, set: 3, map: 4, group: 5 };
const bytes = (json: unknown) => new Uint8Array(Buffer.from(JSON.stringify(json)));
const kind = (k: string) => (k === "markdown" ? 1 : 0);

function attribute(a: AttributeDescription): tfplugin6.Schema_Attribute {
  return {
    name: a.name,
    type: a.type === undefined ? new Uint8Array() : bytes(a.type),
    nestedType: a.nestedType && {
      attributes: a.nestedType.attributes.map(attribute),
      nesting: NESTING[a.nestedType.nesting] ?? 0,
      minItems: a.nestedType.minItems,
      maxItems: a.nestedType.maxItems,
    },
    description: a.description,
    descriptionKind: kind(a.descriptionKind),
    required: a.required,
    optional: a.optional,
    computed: a.computed,
    sensitive: a.sensitive,
    deprecated: a.deprecated,
    deprecationMessage: a.deprecationMessage ?? "",
    writeOnly: a.writeOnly,
  };
}

function block(b: BlockDescription, computed = false): tfplugin6.Schema_Block {
  return {
    version: 0,
    attributes: b.attributes.map(attribute),
    blockTypes: b.blockTypes.map((nb) => ({
      typeName: nb.typeName,
      block: block(nb.block, nb.computed),
      nesting: NESTING[nb.nesting] ?? 0,
      minItems: nb.minItems,
      maxItems: nb.maxItems,
    })),
    description: b.description,
    descriptionKind: kind(b.descriptionKind),
    deprecated: b.deprecated,
    deprecationMessage: b.deprecationMessage ?? "",
    computed,
  };
}

function schema(s: SchemaDescription): tfplugin6.Schema {
  return { version: s.version, block: block(s.block) };
}

function fn(f: FunctionDescription): tfplugin6.FunctionMessage {
  const param = (p: FunctionDescription["parameters"][number]): tfplugin6.Function_Parameter => ({
    name: p.name,
    type: bytes(p.type),
    allowNullValue: p.allowNullValue,
    allowUnknownValues: p.allowUnknownValues,
    description: p.description,
    descriptionKind: kind(p.descriptionKind),
  });
  return {
    parameters: f.parameters.map(param),
    variadicParameter: f.variadicParameter && param(f.variadicParameter),
    return: { type: bytes(f.returnType) },
    summary: f.summary,
    description: f.description,
    descriptionKind: kind(f.descriptionKind),
    deprecationMessage: f.deprecationMessage,
  };
}

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
  const { describeFunction, describeSchema } = await import("@pyvider/schema");
  const listing = provider.components();
  const map = (key: string) =>
    Object.fromEntries(
      [...(listing[key] ?? new Map()).entries()].map(([n, d]) => [
        n,
        schema(describeSchema(d.schema as never)),
      ]),
    );
  const identities: tfplugin6.GetResourceIdentitySchemas_Response = { identitySchemas: {}, diagnostics: [] };
  for (const [name, d] of listing.resources ?? new Map()) {
    if (!d.identity) continue;
    const described = describeSchema(d.identity as never);
    identities.identitySchemas[name] = {
      version: described.version,
      identityAttributes: described.block.attributes.map((a) => ({
        name: a.name,
        type: bytes(a.type),
        requiredForImport: a.required,
        optionalForImport: !a.required,
        description: a.description,
      })),
    };
  }
  const response = {
    provider: schema(describeSchema(provider.schema as never)),
    resourceSchemas: map("resources"),
    dataSourceSchemas: map("dataSources"),
    ephemeralResourceSchemas: map("ephemeralResources"),
    listResourceSchemas: map("listResources"),
    stateStoreSchemas: map("stateStores"),
    actionSchemas: Object.fromEntries(
      [...(listing.actions ?? new Map()).entries()].map(([n, d]) => [
        n,
        { schema: schema(describeSchema(d.schema as never)) },
      ]),
    ),
    functions: Object.fromEntries(
      [...(listing.functions ?? new Map()).entries()].map(([n, d]) => [
        n,
        fn(describeFunction(d.schema as never)),
      ]),
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
