/**
 * Resource identities on the wire (`ResourceIdentityData`), decoded with the resource's identity
 * schema and encoded back.
 *
 * @module
 */
import type { CtyValue } from "@pyvider/cty";
import type { ResourceRuntime } from "@pyvider/hub/internal";
import type { ResourceIdentityData } from "../gen/tfplugin6.js";
import { unknownErrors } from "./consistency.js";
import type { Semantics } from "./context.js";
import { decodeDynamic, encodeDynamic, RequestError } from "./dynamic.js";
import { fromPlain, toPlain } from "./values.js";

/** The identity Terraform sent, as a plain value (undefined when none or when the resource has no identity). */
export function identityIn(
  s: Semantics,
  r: ResourceRuntime,
  data: ResourceIdentityData | undefined,
): unknown {
  const schema = r.definition.identity;
  if (schema === undefined || data?.identityData === undefined) return undefined;
  const v: CtyValue = decodeDynamic(data.identityData, s.typeOf(schema), "resource identity");
  return v.isNull ? undefined : toPlain(v);
}

/**
 * The identity to send back: what the handler set, else `fallback` (the prior identity).
 * Undefined when the resource has no identity schema or there is none.
 * @param known require a wholly known identity (after apply, read and import)
 */
export function identityOut(
  s: Semantics,
  r: ResourceRuntime,
  value: unknown,
  fallback: unknown,
  where: string,
  known = true,
): ResourceIdentityData | undefined {
  const schema = r.definition.identity;
  const chosen = value === undefined ? fallback : value;
  if (schema === undefined || chosen === undefined || chosen === null) return undefined;
  const type = s.typeOf(schema);
  const v = fromPlain(chosen, type, `${where} (identity)`);
  if (known) {
    const errs = unknownErrors(v, `${where} (identity)`);
    if (errs.length > 0) throw new RequestError(errs);
  }
  return { identityData: encodeDynamic(v, type) };
}
