/**
 * Converts a tfplugin6 `GetProviderSchema` response (as decoded by
 * @pyvider/protocol) into the JSON of `providers schema -json`, with the same
 * key order and omit-empty rules as Terraform's `jsonprovider` package.
 */
import type { tfplugin6 } from "@pyvider/protocol";
import type {
  AttributeJson,
  BlockJson,
  BlockTypeJson,
  CtyTypeJson,
  FunctionJson,
  FunctionParameterJson,
  IdentitySchemaJson,
  ProviderSchemaJson,
  ProvidersSchemaJson,
  SchemaJson,
} from "./json-types.js";

type Response = tfplugin6.GetProviderSchema_Response;
type IdentityResponse = tfplugin6.GetResourceIdentitySchemas_Response;

const NESTING = ["invalid", "single", "list", "set", "map", "group"];

// Go's encoding/json writes map keys sorted bytewise; so do we.
const compare = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);
const byName = <T extends { name: string }>(items: readonly T[]): T[] =>
  [...items].sort((x, y) => compare(x.name, y.name));

function typeJson(bytes: Uint8Array | undefined, where: string): CtyTypeJson {
  if (!bytes || bytes.length === 0) throw new Error(`${where}: missing type`);
  try {
    return JSON.parse(Buffer.from(bytes).toString("utf8")) as CtyTypeJson;
  } catch {
    throw new Error(`${where}: type is not JSON`);
  }
}

const kind = (k: number | undefined) => (k === 1 ? "markdown" : "plain");

function attribute(a: tfplugin6.Schema_Attribute, where: string): AttributeJson {
  const out: AttributeJson = {};
  if (a.nestedType) {
    const attributes: Record<string, AttributeJson> = {};
    for (const child of byName(a.nestedType.attributes))
      attributes[child.name] = attribute(child, `${where}.${child.name}`);
    out.nested_type = { attributes, nesting_mode: NESTING[a.nestedType.nesting] ?? "invalid" };
  } else {
    out.type = typeJson(a.type, where);
  }
  if (a.description) out.description = a.description;
  out.description_kind = kind(a.descriptionKind);
  if (a.deprecated) out.deprecated = true;
  if (a.deprecationMessage) out.deprecation_message = a.deprecationMessage;
  if (a.required) out.required = true;
  if (a.optional) out.optional = true;
  if (a.computed) out.computed = true;
  if (a.sensitive) out.sensitive = true;
  if (a.writeOnly) out.write_only = true;
  return out;
}

function block(b: tfplugin6.Schema_Block | undefined, where: string): BlockJson {
  const out: BlockJson = {};
  if (!b) return { description_kind: "plain" };
  if (b.attributes.length > 0) {
    out.attributes = {};
    for (const a of byName(b.attributes)) out.attributes[a.name] = attribute(a, `${where}.${a.name}`);
  }
  if (b.blockTypes.length > 0) {
    out.block_types = {};
    for (const nb of [...b.blockTypes].sort((x, y) => compare(x.typeName, y.typeName))) {
      const bt: BlockTypeJson = {
        nesting_mode: NESTING[nb.nesting] ?? "invalid",
        block: block(nb.block, `${where}.${nb.typeName}`),
      };
      if (nb.minItems) bt.min_items = Number(nb.minItems);
      if (nb.maxItems) bt.max_items = Number(nb.maxItems);
      out.block_types[nb.typeName] = bt;
    }
  }
  if (b.description) out.description = b.description;
  out.description_kind = kind(b.descriptionKind);
  if (b.deprecated) out.deprecated = true;
  if (b.deprecationMessage) out.deprecation_message = b.deprecationMessage;
  return out;
}

function schema(s: tfplugin6.Schema | undefined, where: string): SchemaJson {
  return { version: Number(s?.version ?? 0), block: block(s?.block, where) };
}

function schemas(map: Record<string, tfplugin6.Schema> | undefined): Record<string, SchemaJson> | undefined {
  const names = Object.keys(map ?? {}).sort(compare);
  if (names.length === 0) return undefined;
  const out: Record<string, SchemaJson> = {};
  for (const n of names) out[n] = schema(map?.[n], n);
  return out;
}

function parameter(p: tfplugin6.Function_Parameter, where: string): FunctionParameterJson {
  // as Terraform and OpenTofu write it: description always, is_nullable only when true
  const out: FunctionParameterJson = {
    name: p.name,
    description: p.description,
    type: typeJson(p.type, where),
  };
  if (p.allowNullValue) out.is_nullable = true;
  return out;
}

function fn(f: tfplugin6.FunctionMessage, name: string): FunctionJson {
  const out: Partial<FunctionJson> = {};
  if (f.description) out.description = f.description;
  if (f.summary) out.summary = f.summary;
  if (f.deprecationMessage) out.deprecation_message = f.deprecationMessage;
  out.return_type = typeJson(f.return?.type, `function ${name} return`);
  if (f.parameters.length > 0)
    out.parameters = f.parameters.map((p) => parameter(p, `function ${name} ${p.name}`));
  if (f.variadicParameter)
    out.variadic_parameter = parameter(f.variadicParameter, `function ${name} variadic`);
  return out as FunctionJson;
}

/** Builds the `providers schema -json` document for one provider. */
export function schemaDocumentFromProto(
  address: string,
  response: Response,
  identities?: IdentityResponse,
): ProvidersSchemaJson {
  const provider: ProviderSchemaJson = { provider: schema(response.provider, "provider") };
  const put = <K extends keyof ProviderSchemaJson>(key: K, value: ProviderSchemaJson[K] | undefined) => {
    if (value !== undefined) provider[key] = value;
  };
  put("resource_schemas", schemas(response.resourceSchemas));
  put("data_source_schemas", schemas(response.dataSourceSchemas));
  put("ephemeral_resource_schemas", schemas(response.ephemeralResourceSchemas));
  put("list_resource_schemas", schemas(response.listResourceSchemas));
  const fnNames = Object.keys(response.functions ?? {}).sort(compare);
  if (fnNames.length > 0) {
    const functions: Record<string, FunctionJson> = {};
    for (const n of fnNames) {
      const f = response.functions[n];
      if (f) functions[n] = fn(f, n);
    }
    provider.functions = functions;
  }
  const idNames = Object.keys(identities?.identitySchemas ?? {}).sort(compare);
  if (idNames.length > 0) {
    const out: Record<string, IdentitySchemaJson> = {};
    for (const n of idNames) {
      const s = identities?.identitySchemas[n];
      if (!s) continue;
      const attributes: IdentitySchemaJson["attributes"] = {};
      for (const a of byName(s.identityAttributes)) {
        attributes[a.name] = {
          type: typeJson(a.type, `identity ${n}.${a.name}`),
          ...(a.description ? { description: a.description } : {}),
          ...(a.requiredForImport ? { required_for_import: true } : {}),
          ...(a.optionalForImport ? { optional_for_import: true } : {}),
        };
      }
      out[n] = { version: Number(s.version), attributes };
    }
    provider.resource_identity_schemas = out;
  }
  const actionNames = Object.keys(response.actionSchemas ?? {}).sort(compare);
  if (actionNames.length > 0) {
    provider.action_schemas = {};
    for (const n of actionNames) {
      provider.action_schemas[n] = { block: block(response.actionSchemas[n]?.schema?.block, n) };
    }
  }
  return { format_version: "1.0", provider_schemas: { [address]: provider } };
}
