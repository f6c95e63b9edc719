/**
 * The `## Schema` section of a docs page, laid out exactly as
 * terraform-plugin-docs (tfplugindocs) writes it: Required / Optional /
 * Read-Only groups, sorted names, `(Type, Sensitive, ...)` labels and nested
 * schema sections with `nestedatt--` / `nestedblock--` / `nestedobjatt--`
 * anchors.
 */
import { docTypeLabel, elementType, isCollection, objectAttributes, typeKind } from "../schema/cty-type.js";
import type {
  AttributeJson,
  BlockJson,
  BlockTypeJson,
  CtyTypeJson,
  IdentitySchemaJson,
  NestedTypeJson,
} from "../schema/json-types.js";

interface Group {
  top: string;
  nested: string;
  attribute: (a: AttributeJson) => boolean;
  block: (b: BlockTypeJson) => boolean;
}

const isRequired = (a: AttributeJson) => a.required === true;
const isOptional = (a: AttributeJson) => a.optional === true;
const isReadOnly = (a: AttributeJson) => a.computed === true && !a.optional && !a.required;

function blockRequired(b: BlockTypeJson): boolean {
  return (b.min_items ?? 0) > 0;
}

function blockOptional(b: BlockTypeJson): boolean {
  if ((b.min_items ?? 0) > 0) return false;
  const inner = b.block ?? {};
  const blocks = Object.values(inner.block_types ?? {});
  const attrs = Object.values(inner.attributes ?? {});
  if (blocks.length === 0 && attrs.length === 0) return true;
  return (
    blocks.some((c) => blockRequired(c) || blockOptional(c)) ||
    attrs.some((a) => isRequired(a) || isOptional(a))
  );
}

function blockReadOnly(b: BlockTypeJson): boolean {
  if ((b.min_items ?? 0) !== 0 || (b.max_items ?? 0) !== 0) return false;
  const inner = b.block ?? {};
  return (
    Object.values(inner.block_types ?? {}).every(blockReadOnly) &&
    Object.values(inner.attributes ?? {}).every(isReadOnly)
  );
}

function blockHasWriteOnly(b: BlockTypeJson): boolean {
  const inner = b.block ?? {};
  return (
    Object.values(inner.block_types ?? {}).some(blockHasWriteOnly) ||
    Object.values(inner.attributes ?? {}).some((a) => a.write_only === true)
  );
}

const GROUPS: Group[] = [
  { top: "### Required", nested: "Required:", attribute: isRequired, block: blockRequired },
  { top: "### Optional", nested: "Optional:", attribute: isOptional, block: blockOptional },
  { top: "### Read-Only", nested: "Read-Only:", attribute: isReadOnly, block: blockReadOnly },
];

const WRITE_ONLY_NOTE =
  "> **NOTE**: [Write-only arguments](https://developer.hashicorp.com/terraform/language/resources/ephemeral#write-only-arguments) are supported in Terraform 1.11 and later.\n\n";
const WRITE_ONLY_LABEL =
  ", [Write-only](https://developer.hashicorp.com/terraform/language/resources/ephemeral#write-only-arguments)";

type Nested =
  | { anchor: string; title: string; path: string[]; kind: "block"; block: BlockJson }
  | { anchor: string; title: string; path: string[]; kind: "object"; type: CtyTypeJson; group: Group }
  | { anchor: string; title: string; path: string[]; kind: "attrs"; nested: NestedTypeJson; group: Group };

/** Renders `## Schema` and everything under it for a root block. Throws on a schema tfplugindocs rejects. */
export function renderSchemaMarkdown(block: BlockJson): string {
  const out: string[] = ["## Schema\n\n"];
  writeBlockChildren(out, [], block, true);
  return out.join("");
}

/** Renders `### Identity Schema` for a resource identity. */
export function renderIdentityMarkdown(identity: IdentitySchemaJson): string {
  const attrs = identity.attributes ?? {};
  const names = Object.keys(attrs).sort();
  const required = names.filter((n) => attrs[n]?.required_for_import);
  const optional = names.filter((n) => !attrs[n]?.required_for_import && attrs[n]?.optional_for_import);
  const out: string[] = ["### Identity Schema\n\n"];
  const line = (n: string) => {
    const a = attrs[n];
    if (!a) return;
    const desc = (a.description ?? "").trim();
    out.push(`- \`${n}\` (${docTypeLabel(a.type)})${desc ? ` ${desc}` : ""}\n`);
  };
  if (required.length) {
    out.push("#### Required\n\n");
    required.forEach(line);
    out.push("\n");
  }
  if (optional.length) {
    out.push("#### Optional\n\n");
    optional.forEach(line);
  }
  return out.join("");
}

function description(text: string | undefined): string {
  const desc = (text ?? "").trim().replace(/\n\n+/g, "  \n");
  return desc ? ` ${desc}` : "";
}

function modeLabel(mode: string | undefined, what: string): string {
  switch (mode ?? "single") {
    case "single":
    case "group":
      return "";
    case "list":
      return " List";
    case "set":
      return " Set";
    case "map":
      return " Map";
    default:
      throw new Error(`unexpected nesting mode for ${what}: ${mode}`);
  }
}

function attributeLabel(att: AttributeJson): string {
  let s = "(";
  if (att.nested_type) {
    const nt = att.nested_type;
    s += `Attributes${modeLabel(nt.nesting_mode, "attributes")}`;
    const single = (nt.nesting_mode ?? "single") === "single";
    if (!single && (nt.min_items ?? 0) > 0) s += `, Min: ${nt.min_items}`;
    if ((nt.max_items ?? 0) > 0) s += `, Max: ${nt.max_items}`;
  } else {
    if (att.type === undefined) throw new Error("attribute has neither type nor nested_type");
    s += docTypeLabel(att.type);
  }
  if (att.sensitive) s += ", Sensitive";
  if (att.deprecated) s += ", Deprecated";
  if (att.write_only) s += WRITE_ONLY_LABEL;
  return `${s})${description(att.description)}`;
}

function blockLabel(b: BlockTypeJson): string {
  let s = `(Block${modeLabel(b.nesting_mode, "block")}`;
  const single = (b.nesting_mode ?? "single") === "single" || b.nesting_mode === "group";
  if (single) {
    if (blockRequired(b)) s += ", Required";
    else if (blockOptional(b)) s += ", Optional";
    else if (blockReadOnly(b)) s += ", Read-only";
    else throw new Error("block does not match any filter states");
  } else if ((b.min_items ?? 0) > 0) s += `, Min: ${b.min_items}`;
  if ((b.max_items ?? 0) > 0) s += `, Max: ${b.max_items}`;
  if (b.block?.deprecated) s += ", Deprecated";
  return `${s})${description(b.block?.description)}`;
}

const seeBelow = (anchor: string) => ` (see [below for nested schema](#${anchor}))`;

function writeAttribute(out: string[], path: string[], att: AttributeJson, group: Group): Nested[] {
  const name = path[path.length - 1];
  const anchor = `nestedatt--${path.join("--")}`;
  const title = path.join(".");
  let line = `- \`${name}\` ${attributeLabel(att)}`;
  const nested: Nested[] = [];
  if (att.nested_type) {
    line += seeBelow(anchor);
    nested.push({ anchor, title, path, kind: "attrs", nested: att.nested_type, group });
  } else if (att.type !== undefined) {
    const kind = typeKind(att.type);
    if (kind === "object") {
      line += seeBelow(anchor);
      nested.push({ anchor, title, path, kind: "object", type: att.type, group });
    } else if (isCollection(att.type) && typeKind(elementType(att.type)) === "object") {
      line += seeBelow(anchor);
      nested.push({ anchor, title, path, kind: "object", type: elementType(att.type), group });
    }
  }
  out.push(`${line}\n`);
  return nested;
}

function writeBlockChildren(out: string[], parents: string[], block: BlockJson, root: boolean): void {
  const attrs = block.attributes ?? {};
  const blocks = block.block_types ?? {};
  const groups: string[][] = GROUPS.map(() => []);
  const overrides = new Map<string, AttributeJson>();
  for (const name of [...Object.keys(attrs), ...Object.keys(blocks)]) {
    const childBlock = blocks[name];
    const childAtt = attrs[name];
    let index = -1;
    if (childBlock) {
      index = GROUPS.findIndex((g) => g.block(childBlock));
    } else if (childAtt) {
      if (name.toLowerCase() === "id" && parents.length === 0 && !childAtt.description) {
        // tfplugindocs lists an undocumented root `id` as read-only, with a stock description.
        overrides.set(name, { ...childAtt, description: "The ID of this resource." });
        index = 2;
      } else {
        index = GROUPS.findIndex((g) => g.attribute(childAtt));
      }
    }
    if (index < 0) {
      throw new Error(
        `no match for "${[...parents, name].join(".")}": an attribute must be required, optional or computed, and an optional block whose children are all computed must itself be computed`,
      );
    }
    groups[index]?.push(name);
  }
  const nested: Nested[] = [];
  GROUPS.forEach((group, i) => {
    const names = (groups[i] ?? []).sort(compareStrings);
    if (names.length === 0) return;
    out.push(`${root ? group.top : group.nested}\n\n`);
    const hasWriteOnly = names.some((n) => {
      const b = blocks[n];
      return b ? blockHasWriteOnly(b) : attrs[n]?.write_only === true;
    });
    if (hasWriteOnly) out.push(WRITE_ONLY_NOTE);
    for (const name of names) {
      const path = [...parents, name];
      const childBlock = blocks[name];
      if (childBlock) {
        const anchor = `nestedblock--${path.join("--")}`;
        out.push(`- \`${name}\` ${blockLabel(childBlock)}${seeBelow(anchor)}\n`);
        nested.push({ anchor, title: path.join("."), path, kind: "block", block: childBlock.block ?? {} });
      } else {
        const att = overrides.get(name) ?? attrs[name];
        if (att) nested.push(...writeAttribute(out, path, att, group));
      }
    }
    out.push("\n");
  });
  writeNested(out, nested);
}

function writeNested(out: string[], nested: Nested[]): void {
  for (const n of nested) {
    out.push(`<a id="${n.anchor}"></a>\n`);
    out.push(`### Nested Schema for \`${n.title}\`\n\n`);
    if (n.kind === "block") writeBlockChildren(out, n.path, n.block, false);
    else if (n.kind === "object") writeObjectChildren(out, n.path, n.type, n.group);
    else writeNestedAttributeChildren(out, n.path, n.nested, n.group);
    out.push("\n");
  }
}

function writeObjectChildren(out: string[], parents: string[], type: CtyTypeJson, group: Group): void {
  out.push(`${group.nested}\n\n`);
  const attrs = objectAttributes(type);
  const nested: Nested[] = [];
  for (const name of Object.keys(attrs).sort(compareStrings)) {
    const t = attrs[name] as CtyTypeJson;
    const path = [...parents, name];
    const anchor = `nestedobjatt--${path.join("--")}`;
    let line = `- \`${name}\` (${docTypeLabel(t)})`;
    if (typeKind(t) === "object") {
      line += seeBelow(anchor);
      nested.push({ anchor, title: path.join("."), path, kind: "object", type: t, group });
    } else if (isCollection(t) && typeKind(elementType(t)) === "object") {
      line += seeBelow(anchor);
      nested.push({ anchor, title: path.join("."), path, kind: "object", type: elementType(t), group });
    }
    out.push(`${line}\n`);
  }
  out.push("\n");
  writeNested(out, nested);
}

function writeNestedAttributeChildren(
  out: string[],
  parents: string[],
  nt: NestedTypeJson,
  group: Group,
): void {
  const attrs = nt.attributes ?? {};
  const names = Object.keys(attrs).sort(compareStrings);
  const nested: Nested[] = [];
  for (const g of GROUPS) {
    const members = names.filter((n) => {
      const a = attrs[n];
      return a !== undefined && g.attribute(a);
    });
    if (members.length === 0) continue;
    out.push(`${g.nested}\n\n`);
    for (const name of members) {
      const att = attrs[name];
      if (att) nested.push(...writeAttribute(out, [...parents, name], att, group));
    }
    out.push("\n");
  }
  writeNested(out, nested);
}

/** Bytewise string order, like Go's sort.Strings. */
export function compareStrings(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
