/**
 * Compares two provider schema documents and classifies every difference as
 * breaking (configurations or state that worked may stop working) or not.
 */
import { friendlyName, typeEquals } from "./cty-type.js";
import type {
  AttributeJson,
  BlockJson,
  BlockTypeJson,
  FunctionJson,
  FunctionParameterJson,
  IdentitySchemaJson,
  NestedTypeJson,
  ProviderSchemaJson,
  ProvidersSchemaJson,
} from "./json-types.js";

/** One difference. */
export interface SchemaChange {
  /** Whether existing configurations or state may break. */
  breaking: boolean;
  /** A stable rule id, e.g. `attribute-removed`. */
  rule: string;
  /** Where, e.g. `resource kv_entry: attribute tags.key`. */
  path: string;
  /** What changed, for humans. */
  message: string;
}

/** The result of {@link diffSchemas}. */
export interface SchemaDiff {
  /** Breaking changes. */
  breaking: SchemaChange[];
  /** Compatible changes. */
  nonBreaking: SchemaChange[];
}

const CATEGORIES: Array<[keyof ProviderSchemaJson, string]> = [
  ["resource_schemas", "resource"],
  ["data_source_schemas", "data source"],
  ["ephemeral_resource_schemas", "ephemeral resource"],
  ["list_resource_schemas", "list resource"],
  ["action_schemas", "action"],
];

class Collector {
  readonly changes: SchemaChange[] = [];
  add(breaking: boolean, rule: string, path: string, message: string): void {
    this.changes.push({ breaking, rule, path, message });
  }
}

/** Diffs two `providers schema -json` documents. */
export function diffSchemas(oldDoc: ProvidersSchemaJson, newDoc: ProvidersSchemaJson): SchemaDiff {
  const c = new Collector();
  const oldProviders = providersOf(oldDoc, "old");
  const newProviders = providersOf(newDoc, "new");
  const oldKeys = Object.keys(oldProviders);
  const newKeys = Object.keys(newProviders);
  if (oldKeys.length === 1 && newKeys.length === 1) {
    const [o] = oldKeys as [string];
    const [n] = newKeys as [string];
    if (o !== n) c.add(false, "provider-address-changed", "provider", `address changed from ${o} to ${n}`);
    diffProvider(c, oldProviders[o] ?? {}, newProviders[n] ?? {});
  } else {
    for (const address of oldKeys) {
      const next = newProviders[address];
      if (!next) c.add(true, "provider-removed", `provider ${address}`, "provider removed");
      else diffProvider(c, oldProviders[address] ?? {}, next, `${address} `);
    }
    for (const address of newKeys) {
      if (!oldProviders[address]) c.add(false, "provider-added", `provider ${address}`, "provider added");
    }
  }
  return { breaking: c.changes.filter((x) => x.breaking), nonBreaking: c.changes.filter((x) => !x.breaking) };
}

function providersOf(doc: ProvidersSchemaJson, which: string): Record<string, ProviderSchemaJson> {
  if (!doc || typeof doc !== "object" || !doc.provider_schemas || typeof doc.provider_schemas !== "object") {
    throw new Error(`the ${which} document is not a provider schema document (no "provider_schemas")`);
  }
  return doc.provider_schemas;
}

function diffProvider(c: Collector, o: ProviderSchemaJson, n: ProviderSchemaJson, prefix = ""): void {
  diffVersioned(c, `${prefix}provider`, o.provider, n.provider);
  for (const [key, label] of CATEGORIES) {
    const os = (o[key] ?? {}) as Record<string, { block?: BlockJson; version?: number }>;
    const ns = (n[key] ?? {}) as Record<string, { block?: BlockJson; version?: number }>;
    for (const name of Object.keys(os).sort()) {
      const where = `${prefix}${label} ${name}`;
      if (!(name in ns)) c.add(true, `${key.replace(/_schemas$/, "")}-removed`, where, `${label} removed`);
      else diffVersioned(c, where, os[name], ns[name]);
    }
    for (const name of Object.keys(ns).sort()) {
      if (!(name in os))
        c.add(false, `${key.replace(/_schemas$/, "")}-added`, `${prefix}${label} ${name}`, `${label} added`);
    }
  }
  const oi = o.resource_identity_schemas ?? {};
  const ni = n.resource_identity_schemas ?? {};
  for (const name of Object.keys(oi).sort()) {
    diffIdentity(c, `${prefix}resource ${name} identity`, oi[name], ni[name]);
  }
  const of = o.functions ?? {};
  const nf = n.functions ?? {};
  for (const name of Object.keys(of).sort()) {
    const where = `${prefix}function ${name}`;
    const next = nf[name];
    const prev = of[name];
    if (!next) c.add(true, "function-removed", where, "function removed");
    else if (prev) diffFunction(c, where, prev, next);
  }
  for (const name of Object.keys(nf).sort()) {
    if (!(name in of)) c.add(false, "function-added", `${prefix}function ${name}`, "function added");
  }
}

function diffVersioned(
  c: Collector,
  where: string,
  o: { block?: BlockJson; version?: number } | undefined,
  n: { block?: BlockJson; version?: number } | undefined,
): void {
  if ((o?.version ?? 0) !== (n?.version ?? 0)) {
    c.add(false, "schema-version-changed", where, `schema version ${o?.version ?? 0} → ${n?.version ?? 0}`);
  }
  diffBlock(c, where, [], o?.block ?? {}, n?.block ?? {});
}

function at(where: string, path: string[], what: string): string {
  return `${where}: ${what} ${path.join(".")}`;
}

function diffBlock(c: Collector, where: string, path: string[], o: BlockJson, n: BlockJson): void {
  diffAttributes(c, where, path, o.attributes ?? {}, n.attributes ?? {});
  const ob = o.block_types ?? {};
  const nb = n.block_types ?? {};
  for (const name of Object.keys(ob).sort()) {
    const p = [...path, name];
    const prev = ob[name];
    const next = nb[name];
    if (!next || !prev) {
      c.add(true, "block-removed", at(where, p, "block"), "block removed");
      continue;
    }
    diffBlockType(c, where, p, prev, next);
  }
  for (const name of Object.keys(nb).sort()) {
    if (name in ob) continue;
    const p = [...path, name];
    const next = nb[name];
    if ((next?.min_items ?? 0) > 0) {
      c.add(
        true,
        "required-block-added",
        at(where, p, "block"),
        `new required block (min_items ${next?.min_items})`,
      );
    } else c.add(false, "block-added", at(where, p, "block"), "optional block added");
  }
  if (!o.deprecated && n.deprecated && path.length === 0) {
    c.add(false, "deprecated", where, "marked deprecated");
  }
}

function diffItems(
  c: Collector,
  label: string,
  o: { min_items?: number; max_items?: number; nesting_mode?: string },
  n: { min_items?: number; max_items?: number; nesting_mode?: string },
): boolean {
  const om = o.nesting_mode ?? "single";
  const nm = n.nesting_mode ?? "single";
  if (om !== nm) {
    c.add(true, "nesting-mode-changed", label, `nesting mode changed from ${om} to ${nm}`);
    return false;
  }
  const oMin = o.min_items ?? 0;
  const nMin = n.min_items ?? 0;
  if (nMin > oMin) c.add(true, "min-items-raised", label, `min_items raised from ${oMin} to ${nMin}`);
  else if (nMin < oMin) c.add(false, "min-items-lowered", label, `min_items lowered from ${oMin} to ${nMin}`);
  const oMax = o.max_items ?? 0;
  const nMax = n.max_items ?? 0;
  if (nMax !== oMax) {
    const lowered = nMax > 0 && (oMax === 0 || nMax < oMax);
    const show = (x: number) => (x === 0 ? "unlimited" : String(x));
    c.add(
      lowered,
      lowered ? "max-items-lowered" : "max-items-raised",
      label,
      `max_items ${lowered ? "lowered" : "raised"} from ${show(oMax)} to ${show(nMax)}`,
    );
  }
  return true;
}

function diffBlockType(c: Collector, where: string, p: string[], o: BlockTypeJson, n: BlockTypeJson): void {
  if (diffItems(c, at(where, p, "block"), o, n)) diffBlock(c, where, p, o.block ?? {}, n.block ?? {});
}

function diffAttributes(
  c: Collector,
  where: string,
  path: string[],
  oa: Record<string, AttributeJson>,
  na: Record<string, AttributeJson>,
): void {
  for (const name of Object.keys(oa).sort()) {
    const p = [...path, name];
    const prev = oa[name];
    const next = na[name];
    if (!prev) continue;
    if (!next) c.add(true, "attribute-removed", at(where, p, "attribute"), "attribute removed");
    else diffAttribute(c, where, p, prev, next);
  }
  for (const name of Object.keys(na).sort()) {
    if (name in oa) continue;
    const p = [...path, name];
    if (na[name]?.required)
      c.add(true, "required-attribute-added", at(where, p, "attribute"), "new required attribute");
    else c.add(false, "attribute-added", at(where, p, "attribute"), "attribute added");
  }
}

function describeType(a: AttributeJson): string {
  if (a.nested_type) return `nested attributes (${a.nested_type.nesting_mode ?? "single"})`;
  return a.type === undefined ? "no type" : friendlyName(a.type);
}

function diffAttribute(c: Collector, where: string, p: string[], o: AttributeJson, n: AttributeJson): void {
  const label = at(where, p, "attribute");
  if (o.nested_type && n.nested_type) {
    diffNested(c, where, p, o.nested_type, n.nested_type);
  } else if (o.nested_type || n.nested_type || !typeEquals(o.type, n.type)) {
    c.add(true, "type-changed", label, `type changed from ${describeType(o)} to ${describeType(n)}`);
  }
  if (!o.required && n.required) {
    c.add(
      true,
      o.optional ? "optional-to-required" : "became-required",
      label,
      `${o.optional ? "optional" : "computed"} attribute became required`,
    );
  } else if (o.required && !n.required) {
    c.add(
      false,
      "required-to-optional",
      label,
      `required attribute became ${n.optional ? "optional" : "computed"}`,
    );
  }
  if (o.optional && o.computed && n.optional && !n.computed) {
    c.add(true, "computed-removed", label, "optional+computed attribute is no longer computed");
  }
  if ((o.optional || o.required) && !n.optional && !n.required && n.computed) {
    c.add(true, "became-read-only", label, "argument became read-only (computed)");
  }
  if (!o.optional && !o.required && o.computed && n.optional && !n.required) {
    c.add(false, "read-only-to-optional", label, "read-only attribute became optional");
  }
  if (!o.requires_replace && n.requires_replace) {
    c.add(true, "forces-replacement", label, "changes now force replacement");
  } else if (o.requires_replace && !n.requires_replace) {
    c.add(false, "no-longer-forces-replacement", label, "changes no longer force replacement");
  }
  if (!o.write_only && n.write_only) c.add(true, "became-write-only", label, "attribute became write-only");
  else if (o.write_only && !n.write_only)
    c.add(false, "no-longer-write-only", label, "attribute is no longer write-only");
  if (!!o.sensitive !== !!n.sensitive) {
    c.add(false, "sensitive-changed", label, n.sensitive ? "now sensitive" : "no longer sensitive");
  }
  if (!o.deprecated && n.deprecated) c.add(false, "deprecated", label, "marked deprecated");
}

function diffNested(c: Collector, where: string, p: string[], o: NestedTypeJson, n: NestedTypeJson): void {
  if (diffItems(c, at(where, p, "attribute"), o, n)) {
    diffAttributes(c, where, p, o.attributes ?? {}, n.attributes ?? {});
  }
}

function paramLabel(p: FunctionParameterJson): string {
  return `${p.name} ${friendlyName(p.type)}`;
}

function diffFunction(c: Collector, where: string, o: FunctionJson, n: FunctionJson): void {
  const op = o.parameters ?? [];
  const np = n.parameters ?? [];
  const sig = (f: FunctionJson) =>
    `(${[...(f.parameters ?? []).map(paramLabel), ...(f.variadic_parameter ? [`${paramLabel(f.variadic_parameter)}...`] : [])].join(", ")}) ${friendlyName(f.return_type)}`;
  const changed: string[] = [];
  if (op.length !== np.length) changed.push(`parameter count ${op.length} → ${np.length}`);
  op.forEach((prev, i) => {
    const next = np[i];
    if (!next) return;
    if (!typeEquals(prev.type, next.type))
      changed.push(`parameter ${i + 1} type ${friendlyName(prev.type)} → ${friendlyName(next.type)}`);
    if (prev.is_nullable && !next.is_nullable) changed.push(`parameter ${i + 1} no longer accepts null`);
    if (prev.name !== next.name)
      c.add(
        false,
        "function-parameter-renamed",
        where,
        `parameter ${i + 1} renamed ${prev.name} → ${next.name}`,
      );
  });
  const ov = o.variadic_parameter;
  const nv = n.variadic_parameter;
  if (ov && !nv) changed.push("variadic parameter removed");
  else if (!ov && nv) changed.push("variadic parameter added");
  else if (ov && nv && !typeEquals(ov.type, nv.type))
    changed.push(`variadic type ${friendlyName(ov.type)} → ${friendlyName(nv.type)}`);
  else if (ov?.is_nullable && nv && !nv.is_nullable)
    changed.push("variadic parameter no longer accepts null");
  if (!typeEquals(o.return_type, n.return_type))
    changed.push(`return type ${friendlyName(o.return_type)} → ${friendlyName(n.return_type)}`);
  if (changed.length > 0) {
    c.add(
      true,
      "function-signature-changed",
      where,
      `signature changed from ${sig(o)} to ${sig(n)}: ${changed.join("; ")}`,
    );
  }
  if (!o.deprecation_message && n.deprecation_message) c.add(false, "deprecated", where, "marked deprecated");
}

function diffIdentity(
  c: Collector,
  where: string,
  o: IdentitySchemaJson | undefined,
  n: IdentitySchemaJson | undefined,
): void {
  const oa = o?.attributes ?? {};
  const na = n?.attributes ?? {};
  for (const name of Object.keys(oa).sort()) {
    const prev = oa[name];
    const next = na[name];
    if (!prev) continue;
    if (!next) c.add(true, "identity-attribute-removed", `${where} ${name}`, "identity attribute removed");
    else if (!typeEquals(prev.type, next.type)) {
      c.add(
        true,
        "identity-type-changed",
        `${where} ${name}`,
        `type changed from ${friendlyName(prev.type)} to ${friendlyName(next.type)}`,
      );
    } else if (!prev.required_for_import && next.required_for_import) {
      c.add(true, "identity-became-required", `${where} ${name}`, "now required for import");
    }
  }
  for (const name of Object.keys(na).sort()) {
    if (name in oa) continue;
    const required = na[name]?.required_for_import === true;
    c.add(
      required,
      required ? "identity-required-attribute-added" : "identity-attribute-added",
      `${where} ${name}`,
      required ? "new identity attribute required for import" : "identity attribute added",
    );
  }
}
