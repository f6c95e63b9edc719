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
 * `SchemaError` is defined below the hub, in @pyvider/schema; the hub's subclasses extend it, and
 * `x instanceof PyviderError` is true for every `SchemaError` too, so one `instanceof` check
 * works across both packages.
 *
 * @module
 */
import type { CtyPath } from "@pyvider/cty";
import { type Diagnostic, SchemaError } from "@pyvider/schema";
import { type PathInput, toPath } from "./path.js";

/** Options shared by every {@link PyviderError}. */
export interface PyviderErrorOptions {
  /** A longer explanation, shown as the diagnostic's detail. */
  readonly detail?: string;
  /** The attribute the error is about (`"name"`, `["tags", "env"]`, or cty path steps). */
  readonly path?: PathInput;
  /** The underlying error. */
  readonly cause?: unknown;
}

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

/**
 * The base of every framework error. It carries an optional detail and attribute path and
 * converts to an error diagnostic with {@link PyviderError.toDiagnostic}.
 */
export class PyviderError extends Error {
  /** A longer explanation. */
  readonly detail: string | undefined;
  /** The attribute the error is about. */
  readonly path: CtyPath | undefined;

  /**
   * @param message the diagnostic's summary
   * @param options detail, path and cause
   */
  constructor(message: string, options: PyviderErrorOptions = {}) {
    super(message, options.cause === undefined ? undefined : { cause: options.cause });
    this.name = new.target.name;
    this.detail = options.detail;
    this.path = options.path === undefined ? undefined : toPath(options.path);
  }

  /** The error as an error diagnostic. */
  toDiagnostic(): Diagnostic {
    return makeDiagnostic("error", this.message, this.detail, this.path);
  }

  /**
   * `instanceof PyviderError` also accepts @pyvider/schema's `SchemaError`, which the hub's
   * hierarchy places under `PyviderError` but which cannot extend it (schema sits below the hub).
   */
  static override [Symbol.hasInstance](value: unknown): boolean {
    // `this` is the class `instanceof` was asked about (a subclass inherits this method).
    // biome-ignore lint/complexity/noThisInStatic: the receiver is the subclass being tested
    if (Function.prototype[Symbol.hasInstance].call(this, value)) return true;
    // biome-ignore lint/complexity/noThisInStatic: only the base class admits schema errors
    return this === PyviderError && value instanceof SchemaError;
  }
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
  /** A longer explanation. */
  readonly detail: string | undefined;
  /** The attribute the error is about. */
  readonly path: CtyPath | undefined;

  /**
   * @param reason what is wrong
   * @param options schema name, attribute path, cty path, detail and cause
   */
  constructor(reason: string, options: HubSchemaErrorOptions = {}) {
    super(options.schemaName ?? "value", options.attributePath ?? "", reason);
    this.name = "SchemaValidationError";
    if (options.cause !== undefined) (this as { cause?: unknown }).cause = options.cause;
    this.message = reason;
    this.detail = options.detail;
    this.path = options.path === undefined ? undefined : toPath(options.path);
  }
}

/** A component cannot be registered: bad name, duplicate, inconsistent definition. Raised at start. */
export class SchemaRegistrationError extends SchemaError {
  /** A longer explanation. */
  readonly detail: string | undefined;
  /** Always undefined: registration errors are not about an attribute value. */
  readonly path: CtyPath | undefined = undefined;

  /**
   * @param reason what is wrong
   * @param options component name and detail
   */
  constructor(reason: string, options: HubSchemaErrorOptions = {}) {
    super(options.schemaName ?? "provider", options.attributePath ?? "", reason);
    this.name = "SchemaRegistrationError";
    this.message = reason;
    this.detail = options.detail;
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
