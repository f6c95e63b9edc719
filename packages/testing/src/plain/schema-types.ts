/**
 * The cty types of the schemas a provider announces in GetProviderSchema, as Terraform derives
 * them (attributes, nested attributes by nesting mode, blocks by nesting mode).
 *
 * @module
 */
import {
  CtyList,
  CtyMap,
  CtyObject,
  type CtyObjectType,
  CtySet,
  type CtyType,
  typeFromJSON,
} from "@pyvider/cty";
import { tfplugin6 } from "@pyvider/protocol";

type WireAttribute = tfplugin6.Schema_Attribute;
type WireBlock = tfplugin6.Schema_Block;

function wrap(nesting: number, obj: CtyObjectType): CtyType {
  switch (nesting) {
    case tfplugin6.Schema_Object_NestingMode.LIST:
      return CtyList(obj);
    case tfplugin6.Schema_Object_NestingMode.SET:
      return CtySet(obj);
    case tfplugin6.Schema_Object_NestingMode.MAP:
      return CtyMap(obj);
    default:
      return obj;
  }
}

/** The type of one attribute. */
export function wireAttributeType(a: WireAttribute): CtyType {
  if (a.nestedType !== undefined) {
    const attrs: Record<string, CtyType> = {};
    for (const n of a.nestedType.attributes) attrs[n.name] = wireAttributeType(n);
    return wrap(a.nestedType.nesting, CtyObject(attrs));
  }
  return typeFromJSON(a.type);
}

/** The object type of a block. */
export function wireBlockType(block: WireBlock | undefined): CtyObjectType {
  const attrs: Record<string, CtyType> = {};
  for (const a of block?.attributes ?? []) attrs[a.name] = wireAttributeType(a);
  for (const b of block?.blockTypes ?? []) {
    const inner = wireBlockType(b.block);
    switch (b.nesting) {
      case tfplugin6.Schema_NestedBlock_NestingMode.LIST:
        attrs[b.typeName] = CtyList(inner);
        break;
      case tfplugin6.Schema_NestedBlock_NestingMode.SET:
        attrs[b.typeName] = CtySet(inner);
        break;
      case tfplugin6.Schema_NestedBlock_NestingMode.MAP:
        attrs[b.typeName] = CtyMap(inner);
        break;
      default:
        attrs[b.typeName] = inner;
    }
  }
  return CtyObject(attrs);
}

/** The object type of a schema message (an empty object for a missing one). */
export function schemaType(schema: tfplugin6.Schema | undefined): CtyObjectType {
  return wireBlockType(schema?.block);
}

/** The object type of an identity schema. */
export function identityType(schema: tfplugin6.ResourceIdentitySchema): CtyObjectType {
  const attrs: Record<string, CtyType> = {};
  for (const a of schema.identityAttributes) attrs[a.name] = typeFromJSON(a.type);
  return CtyObject(attrs);
}
