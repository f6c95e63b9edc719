/**
 * The Validate*Config RPCs of components: the configuration is checked against the schema
 * (types, required attributes, validators, with attribute paths), then the component's own
 * `validate` runs with the plain configuration (unknown values as the `Unknown` marker).
 *
 * @module
 */
import type { CtyValue } from "@pyvider/cty";
import type { PlainObject } from "@pyvider/hub";
import type { InvocationOutcome } from "@pyvider/hub/internal";
import { type Diagnostic, type Schema, validateConfig } from "@pyvider/schema";
import type {
  ClientCapabilities,
  DynamicValue,
  ValidateActionConfig_Request,
  ValidateDataResourceConfig_Request,
  ValidateEphemeralResourceConfig_Request,
  ValidateListResourceConfig_Request,
  ValidateResourceConfig_Request,
  ValidateStateStore_Request,
  Diagnostic as WireDiagnostic,
} from "../gen/tfplugin6.js";
import type { CallContext } from "../server/handlers.js";
import { guard, type Semantics } from "./context.js";
import { errorAt, toWireDiagnostics } from "./diagnostics.js";
import { decodeDynamic } from "./dynamic.js";
import { toPlainObject } from "./values.js";
import { writeOnlyPaths } from "./write-only.js";

type Validator = (
  req: { config: PlainObject },
  options: { signal: AbortSignal },
) => Promise<InvocationOutcome<void>>;

/** The Validate*Config handlers. */
export class ValidateRpcs {
  /** @param s shared state */
  constructor(private readonly s: Semantics) {}

  async #validate(
    schema: Schema,
    dv: DynamicValue | undefined,
    validate: Validator,
    context: CallContext,
    caps?: ClientCapabilities,
  ): Promise<{ diagnostics: WireDiagnostic[] }> {
    const config: CtyValue = decodeDynamic(dv, this.s.typeOf(schema), "configuration");
    const diags: Diagnostic[] = await validateConfig(schema, config);
    if (caps !== undefined && !caps.writeOnlyAttributesAllowed) {
      for (const path of writeOnlyPaths(schema.block, config)) {
        diags.push(
          errorAt(
            "Write-only attribute not supported",
            "This attribute is write-only, and the Terraform version in use does not support write-only attributes. Upgrade Terraform (1.11 or later) or OpenTofu, or remove the attribute.",
            path,
          ),
        );
      }
    }
    const outcome = await validate({ config: toPlainObject(config) ?? {} }, this.s.callOptions(context));
    return { diagnostics: toWireDiagnostics([...diags, ...outcome.diagnostics]) };
  }

  /** ValidateResourceConfig. */
  validateResourceConfig = (req: ValidateResourceConfig_Request, context: CallContext) =>
    guard(
      () => ({ diagnostics: [] }),
      () => {
        const r = this.s.need(this.s.provider.resource(req.typeName), "resource", req.typeName);
        return this.#validate(
          r.definition.schema,
          req.config,
          (q, o) => r.validate(q, o),
          context,
          req.clientCapabilities,
        );
      },
    );

  /** ValidateDataResourceConfig. */
  validateDataResourceConfig = (req: ValidateDataResourceConfig_Request, context: CallContext) =>
    guard(
      () => ({ diagnostics: [] }),
      () => {
        const d = this.s.need(this.s.provider.dataSource(req.typeName), "data source", req.typeName);
        return this.#validate(d.definition.schema, req.config, (q, o) => d.validate(q, o), context);
      },
    );

  /** ValidateEphemeralResourceConfig. */
  validateEphemeralResourceConfig = (req: ValidateEphemeralResourceConfig_Request, context: CallContext) =>
    guard(
      () => ({ diagnostics: [] }),
      () => {
        const e = this.s.need(
          this.s.provider.ephemeralResource(req.typeName),
          "ephemeral resource",
          req.typeName,
        );
        return this.#validate(e.definition.schema, req.config, (q, o) => e.validate(q, o), context);
      },
    );

  /** ValidateListResourceConfig. */
  validateListResourceConfig = (req: ValidateListResourceConfig_Request, context: CallContext) =>
    guard(
      () => ({ diagnostics: [] }),
      () => {
        const l = this.s.need(this.s.provider.listResource(req.typeName), "list resource", req.typeName);
        return this.#validate(l.definition.schema, req.config, (q, o) => l.validate(q, o), context);
      },
    );

  /** ValidateActionConfig. */
  validateActionConfig = (req: ValidateActionConfig_Request, context: CallContext) =>
    guard(
      () => ({ diagnostics: [] }),
      () => {
        const a = this.s.need(this.s.provider.action(req.typeName), "action", req.typeName);
        return this.#validate(a.definition.schema, req.config, (q, o) => a.validate(q, o), context);
      },
    );

  /** ValidateStateStoreConfig. */
  validateStateStoreConfig = (req: ValidateStateStore_Request, context: CallContext) =>
    guard(
      () => ({ diagnostics: [] }),
      () => {
        const st = this.s.need(this.s.provider.stateStore(req.typeName), "state store", req.typeName);
        return this.#validate(st.definition.schema, req.config, (q, o) => st.validate(q, o), context);
      },
    );
}
