/**
 * The parts of `tofu show -json` output (state and saved plans) the acceptance framework reads.
 * Both OpenTofu and Terraform use this format (format_version 1.x).
 *
 * @module
 */

/** One resource instance in `values.root_module` of a state or plan. */
export interface JsonResource {
  readonly address: string;
  readonly mode: "managed" | "data";
  readonly type: string;
  readonly name: string;
  readonly index?: string | number;
  readonly provider_name: string;
  readonly schema_version?: number;
  readonly values: Record<string, unknown>;
  readonly sensitive_values?: Record<string, unknown>;
  /** Terraform ≥ 1.12: the resource identity. */
  readonly identity?: Record<string, unknown>;
}

/** A module in `values`. */
export interface JsonModule {
  readonly address?: string;
  readonly resources?: readonly JsonResource[];
  readonly child_modules?: readonly JsonModule[];
}

/** An output value. */
export interface JsonOutput {
  readonly value: unknown;
  readonly sensitive: boolean;
  readonly type?: unknown;
}

/** `show -json` of a state. */
export interface JsonState {
  readonly format_version?: string;
  readonly terraform_version?: string;
  readonly values?: { readonly outputs?: Record<string, JsonOutput>; readonly root_module?: JsonModule };
}

/** One entry of `resource_changes` in a plan. */
export interface JsonResourceChange {
  readonly address: string;
  readonly mode: "managed" | "data";
  readonly type: string;
  readonly name: string;
  readonly change: {
    readonly actions: readonly string[];
    readonly before: Record<string, unknown> | null;
    readonly after: Record<string, unknown> | null;
    readonly after_unknown?: Record<string, unknown>;
    readonly importing?: { readonly id?: string; readonly identity?: unknown };
    readonly replace_paths?: readonly (readonly (string | number)[])[];
  };
  readonly action_reason?: string;
}

/** `show -json <planfile>`. */
export interface JsonPlan {
  readonly format_version?: string;
  readonly terraform_version?: string;
  readonly resource_changes?: readonly JsonResourceChange[];
  readonly output_changes?: Record<string, { readonly actions: readonly string[] }>;
  readonly planned_values?: JsonState["values"];
  readonly errored?: boolean;
}

/** Every resource of a module tree, depth first. */
export function allResources(module: JsonModule | undefined): JsonResource[] {
  if (module === undefined) return [];
  return [...(module.resources ?? []), ...(module.child_modules ?? []).flatMap(allResources)];
}
