/**
 * `SchemaError`: a mistake in a schema definition, caught when the provider starts.
 *
 * It extends @pyvider/cty's `PyviderError`, the root of every pyvider error; the hub builds its
 * schema errors (`SchemaValidationError`, `SchemaRegistrationError`) on top of this class, so it
 * lives here, below the hub.
 *
 * @module
 */
import { type ErrorDiagnostic, PyviderError, type PyviderErrorOptions } from "@pyvider/cty";

/**
 * A schema definition mistake. It names the schema and the attribute, and converts to an error
 * diagnostic with {@link SchemaError.toDiagnostic}.
 */
export class SchemaError extends PyviderError {
  /** The schema's name (e.g. `"kv_item"`) or, before it is registered under a name, its kind (`"resource"`). */
  readonly schemaName: string;
  /** The attribute's dotted path inside the schema (e.g. `"rule.match"`), or `""` for the schema itself. */
  readonly attributePath: string;
  /** The rule that was broken, without the location. */
  readonly reason: string;

  /**
   * @param schemaName the schema's name or kind
   * @param attributePath the dotted attribute path, `""` for the schema itself
   * @param reason what is wrong
   * @param options detail, cty path and cause (used by subclasses)
   */
  constructor(schemaName: string, attributePath: string, reason: string, options: PyviderErrorOptions = {}) {
    const where =
      attributePath === ""
        ? `schema "${schemaName}"`
        : `schema "${schemaName}", attribute "${attributePath}"`;
    super(`${where}: ${reason}`, options);
    this.name = "SchemaError";
    this.schemaName = schemaName;
    this.attributePath = attributePath;
    this.reason = reason;
  }

  /** The error as an error diagnostic: "Invalid provider schema", the message as its detail. */
  override toDiagnostic(): ErrorDiagnostic {
    return { severity: "error", summary: "Invalid provider schema", detail: this.message };
  }
}

/** Thrown when a schema has several definition mistakes: each is listed in {@link SchemaErrors.errors}. */
export class SchemaErrors extends SchemaError {
  /** Every mistake found. */
  readonly errors: readonly SchemaError[];

  /** @param errors at least one error */
  constructor(errors: readonly SchemaError[]) {
    const first = errors[0]!;
    super(first.schemaName, first.attributePath, first.reason);
    this.name = "SchemaErrors";
    this.errors = errors;
    if (errors.length > 1) {
      this.message = `${errors.length} schema errors:\n${errors.map((e) => `  - ${e.message}`).join("\n")}`;
    }
  }
}
