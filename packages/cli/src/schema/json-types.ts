/**
 * The JSON shape of `tofu providers schema -json` / `terraform providers
 * schema -json` (format_version "1.0"), which `pyvider schema` prints and
 * `pyvider docs` and `pyvider schema diff` read.
 */

/** A cty type in type JSON: `"string"`, `["list","string"]`, `["object",{...},[...]]`, ... */
export type CtyTypeJson = string | [string, ...unknown[]];

/** The whole document. */
export interface ProvidersSchemaJson {
  /** Always "1.0". */
  format_version: string;
  /** Schemas by provider source address (`registry.terraform.io/ns/type`). */
  provider_schemas?: Record<string, ProviderSchemaJson>;
}

/** One provider's schemas. */
export interface ProviderSchemaJson {
  /** The provider configuration schema. */
  provider?: SchemaJson;
  /** Managed resource types. */
  resource_schemas?: Record<string, SchemaJson>;
  /** Data sources. */
  data_source_schemas?: Record<string, SchemaJson>;
  /** Ephemeral resources. */
  ephemeral_resource_schemas?: Record<string, SchemaJson>;
  /** List resources. */
  list_resource_schemas?: Record<string, SchemaJson>;
  /** Actions. */
  action_schemas?: Record<string, { block?: BlockJson; version?: number }>;
  /** Provider functions. */
  functions?: Record<string, FunctionJson>;
  /** Resource identity schemas, by resource type. */
  resource_identity_schemas?: Record<string, IdentitySchemaJson>;
}

/** A versioned schema. */
export interface SchemaJson {
  /** Schema version. */
  version?: number;
  /** Root block. */
  block?: BlockJson;
}

/** A block. */
export interface BlockJson {
  /** Attributes by name. */
  attributes?: Record<string, AttributeJson>;
  /** Nested blocks by type name. */
  block_types?: Record<string, BlockTypeJson>;
  /** Description. */
  description?: string;
  /** "plain" or "markdown". */
  description_kind?: string;
  /** Deprecated. */
  deprecated?: boolean;
  /** Why it is deprecated (Terraform 1.16+ output). */
  deprecation_message?: string;
}

/** An attribute. */
export interface AttributeJson {
  /** Its type (absent for nested attributes). */
  type?: CtyTypeJson;
  /** Nested attributes (absent for typed attributes). */
  nested_type?: NestedTypeJson;
  /** Description. */
  description?: string;
  /** "plain" or "markdown". */
  description_kind?: string;
  /** Deprecated. */
  deprecated?: boolean;
  /** Why it is deprecated (Terraform 1.16+ output). */
  deprecation_message?: string;
  /** Required. */
  required?: boolean;
  /** Optional. */
  optional?: boolean;
  /** Computed. */
  computed?: boolean;
  /** Sensitive. */
  sensitive?: boolean;
  /** Write-only. */
  write_only?: boolean;
  /** Changes force replacement (only if a producer includes it; Terraform's output does not). */
  requires_replace?: boolean;
}

/** Nested attributes of an attribute. */
export interface NestedTypeJson {
  /** Attributes by name. */
  attributes?: Record<string, AttributeJson>;
  /** "single", "list", "set" or "map". */
  nesting_mode?: string;
  /** Minimum items. */
  min_items?: number;
  /** Maximum items. */
  max_items?: number;
}

/** A nested block type. */
export interface BlockTypeJson {
  /** "single", "group", "list", "set" or "map". */
  nesting_mode?: string;
  /** The block's content. */
  block?: BlockJson;
  /** Minimum items. */
  min_items?: number;
  /** Maximum items. */
  max_items?: number;
}

/** A function signature. */
export interface FunctionJson {
  /** Description. */
  description?: string;
  /** Summary. */
  summary?: string;
  /** Deprecation message. */
  deprecation_message?: string;
  /** Return type. */
  return_type: CtyTypeJson;
  /** Positional parameters. */
  parameters?: FunctionParameterJson[];
  /** The variadic parameter. */
  variadic_parameter?: FunctionParameterJson;
}

/** A function parameter. */
export interface FunctionParameterJson {
  /** Name. */
  name: string;
  /** Description. */
  description?: string;
  /** Accepts null. */
  is_nullable?: boolean;
  /** Type. */
  type: CtyTypeJson;
}

/** A resource identity schema. */
export interface IdentitySchemaJson {
  /** Version. */
  version?: number;
  /** Attributes by name. */
  attributes?: Record<string, IdentityAttributeJson>;
}

/** A resource identity attribute. */
export interface IdentityAttributeJson {
  /** Type. */
  type: CtyTypeJson;
  /** Description. */
  description?: string;
  /** Required in an import block's identity. */
  required_for_import?: boolean;
  /** Optional in an import block's identity. */
  optional_for_import?: boolean;
}
