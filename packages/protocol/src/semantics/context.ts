/**
 * What every RPC of the request semantics shares: the provider, the cty types of its schemas
 * (computed once), whether the provider configuration was deferred, and `guard`, which turns
 * anything thrown into diagnostics so that no request can crash the server.
 *
 * @module
 */
import type { CtyObjectType } from "@pyvider/cty";
import { errorToDiagnostic, type ProviderDefinition } from "@pyvider/hub";
import { type Diagnostic, type Schema, schemaImpliedType } from "@pyvider/schema";
import type { Diagnostic as WireDiagnostic } from "../gen/tfplugin6.js";
import type { CallContext } from "../server/handlers.js";
import { errorAt, toWireDiagnostics } from "./diagnostics.js";
import { RequestError } from "./dynamic.js";

/** Options of the request semantics. */
export interface SemanticsOptions {
  /**
   * When the provider configuration has unknown values and Terraform allows deferred actions,
   * skip `configure` and defer every plan, read and import until the configuration is known
   * (terraform-plugin-framework's `ProviderConfigUnknown`). Default true.
   */
  readonly deferUnknownProviderConfig?: boolean;
}

/** Shared state of one provider's request handlers. */
export class Semantics {
  readonly #types = new WeakMap<Schema, CtyObjectType>();
  /** Set when ConfigureProvider was deferred because its configuration was not known yet. */
  providerDeferred = false;

  /**
   * @param provider the hub provider
   * @param options behaviour switches
   */
  constructor(
    readonly provider: ProviderDefinition,
    readonly options: SemanticsOptions = {},
  ) {}

  /** The value type of a schema (no optional markers), computed once per schema. */
  typeOf(schema: Schema): CtyObjectType {
    let t = this.#types.get(schema);
    if (t === undefined) {
      t = schemaImpliedType(schema, { markOptional: false });
      this.#types.set(schema, t);
    }
    return t;
  }

  /** Call options for the hub: the gRPC call's own signal. */
  callOptions(context: CallContext): { signal: AbortSignal } {
    return { signal: context.signal };
  }

  /** Looks a component up, or throws a {@link RequestError} naming the unknown type. */
  need<T>(found: T | undefined, kind: string, name: string): T {
    if (found === undefined) {
      throw new RequestError([
        errorAt(`Unknown ${kind} type`, `The provider ${this.provider.name} has no ${kind} named "${name}".`),
      ]);
    }
    return found;
  }
}

/**
 * Runs an RPC body; a {@link RequestError} or any other exception becomes the response's
 * diagnostics (merged into `fallback`).
 */
export async function guard<R extends { diagnostics?: WireDiagnostic[] }>(
  fallback: () => NoInfer<R>,
  body: () => Promise<R> | R,
): Promise<R> {
  try {
    return await body();
  } catch (e) {
    const diagnostics: Diagnostic[] =
      e instanceof RequestError ? [...e.diagnostics] : [errorToDiagnostic(e, "the provider framework")];
    const out = fallback();
    return { ...out, diagnostics: [...(out.diagnostics ?? []), ...toWireDiagnostics(diagnostics)] };
  }
}

/** Throws a {@link RequestError} if the diagnostics hold an error (callers stop there). */
export function stopOnError(diagnostics: readonly Diagnostic[]): void {
  if (diagnostics.some((d) => d.severity === "error")) throw new RequestError(diagnostics);
}
