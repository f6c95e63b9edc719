/**
 * The error hierarchy provider authors throw, and the framework converts to diagnostics.
 *
 * ```
 * PyviderError
 * ├── CapabilityError
 * ├── ResourceError
 * │   ├── ResourceNotFoundError
 * │   └── ResourceOperationError
 * ├── SchemaError            (the class of @pyvider/schema, re-exported)
 * │   ├── SchemaValidationError
 * │   └── SchemaRegistrationError
 * └── FunctionError
 * ```
 *
 * `PyviderError` is defined in @pyvider/cty (the lowest package that throws) and `SchemaError` in
 * @pyvider/schema, which extends it; the hub re-exports both, so one `instanceof PyviderError`
 * check covers the errors of every package.
 *
 * @module
 */
import { type CtyPath, PyviderError, type PyviderErrorOptions } from "@pyvider/cty";
import { type Diagnostic, SchemaError } from "@pyvider/schema";

export { PyviderError, type PyviderErrorOptions };

/** Builds a diagnostic, leaving out absent optional fields. */
export function makeDiagnostic(
  severity: Diagnostic["severity"],
  summary: string,
  detail?: string,
  path?: CtyPath,
): Diagnostic {
  const d: { severity: Diagnostic["severity"]; summary: string; detail?: string; path?: CtyPath } = {
    severity,
    summary,
  };
  if (detail !== undefined && detail !== "") d.detail = detail;
  if (path !== undefined) d.path = path;
  return d;
}

/** A component needs a capability that the provider does not declare. Raised at start. */
export class CapabilityError extends PyviderError {
  /** The missing capability. */
  readonly capability: string;
  /** The component that needs it (e.g. `resource kv_entry`). */
  readonly component: string;

  /**
   * @param component the component needing the capability
   * @param capability the capability's name
   * @param options detail and cause
   */
  constructor(component: string, capability: string, options: PyviderErrorOptions = {}) {
    super(`${component} requires capability "${capability}", which the provider does not declare`, options);
    this.component = component;
    this.capability = capability;
  }
}

/** Something went wrong with a resource. */
export class ResourceError extends PyviderError {}

/**
 * The resource does not exist (any more). Thrown from `read`, it means "gone" (like returning
 * null): the framework removes it from state instead of reporting an error.
 */
export class ResourceNotFoundError extends ResourceError {}

/** A resource operation (create, read, update, delete, import, ...) failed. */
export class ResourceOperationError extends ResourceError {
  /** The operation, e.g. `"create"`. */
  readonly operation: string | undefined;

  /**
   * @param message the diagnostic's summary
   * @param options detail, path, cause and the operation's name
   */
  constructor(message: string, options: PyviderErrorOptions & { readonly operation?: string } = {}) {
    super(message, options);
    this.operation = options.operation;
  }
}

export { SchemaError };

/** Options of the hub's schema errors. */
export interface HubSchemaErrorOptions extends PyviderErrorOptions {
  /** The schema's or component's name. */
  readonly schemaName?: string;
  /** The dotted attribute path inside the schema, `""` for the schema itself. */
  readonly attributePath?: string;
}

/** A value does not conform to its schema. */
export class SchemaValidationError extends SchemaError {
  /**
   * @param reason what is wrong
   * @param options schema name, attribute path, cty path, detail and cause
   */
  constructor(reason: string, options: HubSchemaErrorOptions = {}) {
    super(options.schemaName ?? "value", options.attributePath ?? "", reason, options);
    this.name = "SchemaValidationError";
    this.message = reason;
  }
}

/** A component cannot be registered: bad name, duplicate, inconsistent definition. Raised at start. */
export class SchemaRegistrationError extends SchemaError {
  /**
   * @param reason what is wrong
   * @param options component name and detail
   */
  constructor(reason: string, options: HubSchemaErrorOptions = {}) {
    // No path: registration errors are not about an attribute value.
    super(options.schemaName ?? "provider", options.attributePath ?? "", reason, { detail: options.detail });
    this.name = "SchemaRegistrationError";
    this.message = reason;
  }
}

/**
 * A provider function failed. `argument` is the zero-based index of the offending argument
 * (Terraform then points at it), or undefined when the failure is not about one argument.
 */
export class FunctionError extends PyviderError {
  /** Zero-based index of the failing argument. */
  readonly argument: number | undefined;

  /**
   * @param message the error text shown to the user
   * @param options the failing argument's index, detail and cause
   */
  constructor(message: string, options: PyviderErrorOptions & { readonly argument?: number } = {}) {
    super(message, options);
    this.argument = options.argument;
  }
}
