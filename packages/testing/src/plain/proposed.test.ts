import {
  CtyDynamic,
  CtyString,
  type CtyValue,
  elements,
  getAttr,
  nullVal,
  objectVal,
  rawEquals,
  refine,
  setVal,
  stringVal,
  toNative,
  tupleVal,
  Unknown,
  unknownVal,
} from "@pyvider/cty";
import { tfplugin6 } from "@pyvider/protocol";
import { describe, expect, it } from "vitest";
import { prepareComputedBlocks, proposedNewState } from "./proposed.js";
import { wireBlockType } from "./schema-types.js";
import { toValue } from "./values.js";

const N = tfplugin6.Schema_NestedBlock_NestingMode;
const O = tfplugin6.Schema_Object_NestingMode;
type Flags = { computed?: boolean; optional?: boolean; required?: boolean; writeOnly?: boolean };

const attr = (name: string, type: unknown, flags: Flags = { optional: true }) =>
  tfplugin6.Schema_Attribute.fromPartial({
    name,
    type: new TextEncoder().encode(JSON.stringify(type)),
    ...flags,
  });
const nested = (
  name: string,
  nesting: number,
  attributes: tfplugin6.Schema_Attribute[],
  flags: Flags = { optional: true },
) => tfplugin6.Schema_Attribute.fromPartial({ name, nestedType: { nesting, attributes }, ...flags });
const blk = (
  attributes: tfplugin6.Schema_Attribute[],
  blockTypes: tfplugin6.Schema_NestedBlock[] = [],
  computed = false,
): tfplugin6.Schema_Block => tfplugin6.Schema_Block.fromPartial({ attributes, blockTypes, computed });
const nb = (typeName: string, nesting: number, block: tfplugin6.Schema_Block) =>
  tfplugin6.Schema_NestedBlock.fromPartial({ typeName, nesting, block });

/** `a` optional, `c` computed: the shape of most nested objects below. */
const ac = () => [attr("a", "string"), attr("c", "string", { computed: true })];

const schema = blk(
  [
    attr("id", "string", { computed: true }),
    attr("name", "string", { required: true }),
    attr("tags", ["map", "string"], { optional: true, computed: true }),
    attr("secret", "string", { optional: true, writeOnly: true }),
    nested("single_attr", O.SINGLE, ac()),
    nested("list_attr", O.LIST, [...ac(), nested("deep", O.LIST, ac())]),
    nested("set_attr", O.SET, ac()),
    nested("map_attr", O.MAP, ac()),
    nested("oc_attr", O.SINGLE, ac(), { optional: true, computed: true }),
  ],
  [
    nb("single", N.SINGLE, blk(ac())),
    nb("group", N.GROUP, blk(ac())),
    nb(
      "list",
      N.LIST,
      blk(
        [...ac(), attr("token", "string", { optional: true, writeOnly: true })],
        [nb("inner", N.LIST, blk(ac()))],
      ),
    ),
    nb("set", N.SET, blk([...ac(), attr("oc", "string", { optional: true, computed: true })])),
    nb("map", N.MAP, blk(ac())),
  ],
);
const type = wireBlockType(schema);
const v = (js: unknown): CtyValue => toValue(js, type);

function same(got: CtyValue, want: CtyValue): void {
  expect(toNative(got)).toEqual(toNative(want));
  expect(rawEquals(got, want)).toBe(true);
}

describe("proposedNewState", () => {
  it("proposes computed attributes null on create, at every depth, and takes the rest from config", () => {
    const config = v({
      name: "n",
      secret: "s3cret",
      single_attr: { a: "1" },
      list: [{ a: "x", token: "t", inner: [{ a: "i" }] }],
      set: [{ a: "s" }],
      map: { k: { a: "m" } },
      group: { a: "g" },
    });
    const got = proposedNewState(schema, nullVal(type), config);
    // Terraform proposes null (the provider marks it unknown), never unknown, on create.
    same(got, config);
    // A destroy proposes null.
    expect(proposedNewState(schema, got, nullVal(type)).isNull).toBe(true);
    expect(toNative(got)).toMatchObject({ id: null, list: [{ c: null, token: "t", inner: [{ c: null }] }] });
  });

  it("keeps prior computed values in nested single, group, list (by index, at depth) and map (by key) blocks", () => {
    const prior = v({
      id: "i-1",
      name: "old",
      tags: { from: "provider" },
      single: { a: "1", c: "c-single" },
      group: { a: "g", c: "c-group" },
      list: [{ a: "x", c: "c-0", inner: [{ a: "i", c: "c-inner" }] }],
      map: { k: { a: "m", c: "c-k" }, gone: { a: "z", c: "c-gone" } },
    });
    const config = v({
      name: "new",
      single: { a: "2" },
      group: { a: "g2" },
      list: [
        { a: "y", token: "t", inner: [{ a: "j" }, { a: "extra" }] },
        { a: "added", inner: [{ a: "i2" }] },
      ],
      map: { k: { a: "m2" }, fresh: { a: "f" } },
    });
    const got = proposedNewState(schema, prior, config);
    same(
      got,
      v({
        id: "i-1",
        name: "new",
        tags: { from: "provider" },
        single: { a: "2", c: "c-single" },
        group: { a: "g2", c: "c-group" },
        list: [
          { a: "y", c: "c-0", token: "t", inner: [{ a: "j", c: "c-inner" }, { a: "extra" }] },
          // No prior element: taken as written (its computed attribute stays null).
          { a: "added", inner: [{ a: "i2" }] },
        ],
        map: { k: { a: "m2", c: "c-k" }, fresh: { a: "f" } },
      }),
    );
  });

  it("matches set block elements with prior elements that differ only at null computed attributes", () => {
    const prior = v({
      name: "n",
      set: [
        { a: "x", c: "c-x", oc: "oc-x" },
        { a: "y", c: "c-y", oc: "oc-y" },
      ],
    });
    const config = v({
      name: "n",
      set: [
        { a: "y" }, // matches y: c and oc from the prior
        { a: "x", oc: "mine" }, // oc configured differently: no match
        { a: "z" },
      ],
    });
    same(
      proposedNewState(schema, prior, config),
      v({
        name: "n",
        set: [{ a: "y", c: "c-y", oc: "oc-y" }, { a: "x", oc: "mine" }, { a: "z" }],
      }),
    );
  });

  it("takes the first unused prior set element in prior order when several could match", () => {
    const prior = v({
      name: "n",
      set: [
        { a: "x", c: "c-1", oc: "oc-1" },
        { a: "x", c: "c-2", oc: "oc-2" },
        { a: "y", c: "c-3", oc: "oc-3" },
      ],
    });
    const priorSet = elements(getAttr(prior, "set"));
    const firstX = priorSet.find((e) => toNative(getAttr(e, "a")) === "x")!;
    const got = proposedNewState(schema, prior, v({ name: "n", set: [{ a: "x" }] }));
    same(getAttr(got, "set"), setVal([firstX]));
    // Two configured x elements use both prior x elements, one each.
    const both = proposedNewState(schema, prior, v({ name: "n", set: [{ a: "x" }, { a: "x", oc: "oc-2" }] }));
    const cs = elements(getAttr(both, "set")).map((e) => toNative(getAttr(e, "c")));
    expect(cs.sort()).toEqual(["c-1", "c-2"]);
  });

  it("matches a configured set element with a null prior element when no other fits", () => {
    const s = blk([nested("set_attr", O.SET, ac())]);
    const elem = (a: string, c: CtyValue) => objectVal({ a: stringVal(a), c });
    const objType = elem("x", nullVal(CtyString)).type;
    const prior = objectVal({ set_attr: setVal([elem("x", stringVal("c-x")), nullVal(objType)]) });
    const matched = proposedNewState(
      s,
      prior,
      objectVal({ set_attr: setVal([elem("x", nullVal(CtyString)), elem("q", nullVal(CtyString))]) }),
    );
    const byA = new Map(
      elements(getAttr(matched, "set_attr")).map((e) => [
        toNative(getAttr(e, "a")),
        toNative(getAttr(e, "c")),
      ]),
    );
    expect(byA).toEqual(
      new Map([
        ["x", "c-x"],
        ["q", null],
      ]),
    );
  });

  it("does not match a set element whose configuration is partly unknown", () => {
    const prior = v({
      name: "n",
      set: [
        { a: "x", c: "c-x" },
        { a: "y", c: "c-y" },
      ],
    });
    const config = v({ name: "n", set: [{ a: Unknown }, { a: "y" }] });
    same(
      proposedNewState(schema, prior, config),
      v({ name: "n", set: [{ a: Unknown }, { a: "y", c: "c-y" }] }),
    );
  });

  it("ignores refinements when matching set elements", () => {
    const s = blk([], [nb("set", N.SET, blk(ac()))]);
    const refined = refine(unknownVal(CtyString)).notNull().stringPrefix("ab").newValue();
    const elem = (a: CtyValue, c: CtyValue) => objectVal({ a, c });
    const prior = objectVal({ set: setVal([elem(unknownVal(CtyString), stringVal("c-1"))]) });
    const config = objectVal({ set: setVal([elem(refined, nullVal(CtyString))]) });
    same(proposedNewState(s, prior, config), objectVal({ set: setVal([elem(refined, stringVal("c-1"))]) }));
  });

  it("merges nested attribute types in every nesting mode, computed children keeping prior values", () => {
    const prior = v({
      name: "n",
      single_attr: { a: "1", c: "c-s" },
      list_attr: [{ a: "l", c: "c-l", deep: [{ a: "d", c: "c-d" }] }],
      set_attr: [
        { a: "p", c: "c-p" },
        { a: "q", c: "c-q" },
      ],
      map_attr: { k: { a: "m", c: "c-m" } },
    });
    const config = v({
      name: "n",
      single_attr: { a: "2" },
      list_attr: [{ a: "l2", deep: [{ a: "d2" }] }, { a: "new" }],
      set_attr: [{ a: "q" }, { a: "r" }],
      map_attr: { k: { a: "m2" }, j: { a: "j" } },
    });
    same(
      proposedNewState(schema, prior, config),
      v({
        name: "n",
        single_attr: { a: "2", c: "c-s" },
        list_attr: [{ a: "l2", c: "c-l", deep: [{ a: "d2", c: "c-d" }] }, { a: "new" }],
        set_attr: [{ a: "q", c: "c-q" }, { a: "r" }],
        map_attr: { k: { a: "m2", c: "c-m" }, j: { a: "j" } },
      }),
    );
  });

  it("keeps a null optional+computed nested attribute null when its prior value was configured", () => {
    const configured = v({ name: "n", oc_attr: { a: "was set", c: "c" } });
    const computedOnly = v({ name: "n", oc_attr: { c: "from provider" } });
    const config = v({ name: "n" });
    expect(toNative(proposedNewState(schema, configured, config))).toMatchObject({ oc_attr: null });
    expect(toNative(proposedNewState(schema, computedOnly, config))).toMatchObject({
      oc_attr: { a: null, c: "from provider" },
    });
    // Set in config: merged like any nested attribute.
    expect(
      toNative(proposedNewState(schema, computedOnly, v({ name: "n", oc_attr: { a: "now" } }))),
    ).toMatchObject({
      oc_attr: { a: "now", c: "from provider" },
    });
  });

  it("passes write-only values through from config at depth while computed siblings keep prior values", () => {
    const prior = v({ name: "n", list: [{ a: "x", c: "c-0", token: null }] });
    const config = v({ name: "n", secret: "s", list: [{ a: "x", token: "tok" }] });
    expect(toNative(proposedNewState(schema, prior, config))).toMatchObject({
      secret: "s",
      list: [{ a: "x", c: "c-0", token: "tok" }],
    });
  });

  it("keeps unknown configuration values at nested levels", () => {
    const prior = v({
      name: "n",
      list: [{ a: "x", c: "c-0", inner: [{ a: "i", c: "c-i" }] }],
      list_attr: [{ a: "l", c: "c-l" }],
    });
    const config = v({
      name: "n",
      list: [{ a: Unknown, inner: Unknown }],
      list_attr: Unknown,
      map_attr: { k: Unknown },
    });
    expect(toNative(proposedNewState(schema, prior, config))).toMatchObject({
      list: [{ a: Unknown, c: "c-0", inner: Unknown }],
      list_attr: Unknown,
      // Terraform merges an unknown element of a nested attribute type attribute by attribute.
      map_attr: { k: { a: Unknown, c: Unknown } },
    });
  });

  it("takes null nested configuration as written (single block, nested attribute)", () => {
    const prior = v({
      name: "n",
      single: { a: "1", c: "c" },
      single_attr: { a: "1", c: "c" },
      group: { a: "g", c: "c-g" },
    });
    const config = v({ name: "n", list: [], set: [], map: {}, group: { a: "g" } });
    const got = toNative(proposedNewState(schema, prior, config));
    expect(got).toMatchObject({
      single: null,
      single_attr: null,
      list: [],
      set: [],
      map: {},
      group: { a: "g", c: "c-g" },
    });
  });

  it("keeps tuple-typed list blocks (dynamic attributes) tuples", () => {
    const s = blk(
      [],
      [nb("d", N.LIST, blk([attr("v", "dynamic"), attr("c", "string", { computed: true })]))],
    );
    const obj = (val: CtyValue, c: CtyValue) => objectVal({ c, v: val });
    const prior = objectVal({ d: tupleVal([obj(stringVal("a"), stringVal("c-0"))]) });
    const config = objectVal({
      d: tupleVal([obj(stringVal("b"), nullVal(CtyString)), obj(nullVal(CtyDynamic), nullVal(CtyString))]),
    });
    const got = proposedNewState(s, prior, config);
    same(
      got,
      objectVal({
        d: tupleVal([obj(stringVal("b"), stringVal("c-0")), obj(nullVal(CtyDynamic), nullVal(CtyString))]),
      }),
    );
    expect(got.type).toEqual(
      objectVal({
        d: tupleVal([obj(stringVal("b"), stringVal("c-0")), obj(nullVal(CtyDynamic), nullVal(CtyString))]),
      }).type,
    );
  });
});

describe("prepareComputedBlocks", () => {
  const cs = blk(
    [attr("id", "string", { computed: true })],
    [
      nb("top", N.LIST, blk(ac(), [], true)),
      nb("plain", N.LIST, blk(ac())),
      nb(
        "outer",
        N.LIST,
        blk(ac(), [
          nb("inner_list", N.LIST, blk(ac(), [], true)),
          nb("inner_set", N.SET, blk(ac(), [], true)),
          nb("inner_map", N.MAP, blk(ac(), [], true)),
          nb("inner_single", N.SINGLE, blk(ac(), [], true)),
          nb("inner_plain", N.LIST, blk(ac())),
        ]),
      ),
    ],
  );
  const ct = wireBlockType(cs);
  const cv = (js: unknown) => toValue(js, ct);

  it("nulls empty computed list, set and map blocks at depth, nothing else", () => {
    const config = cv({
      top: [],
      plain: [],
      outer: [{ a: "o", inner_list: [], inner_set: [], inner_map: {}, inner_plain: [] }],
    });
    expect(toNative(prepareComputedBlocks(cs, config))).toEqual({
      id: null,
      top: null,
      plain: [],
      outer: [
        {
          a: "o",
          c: null,
          inner_list: null,
          inner_set: null,
          inner_map: null,
          inner_single: null,
          inner_plain: [],
        },
      ],
    });
  });

  it("leaves written computed blocks and unknown values alone, nulling an empty one beside them", () => {
    const config = cv({
      top: [{ a: "t" }],
      outer: [
        { inner_list: [{ a: "x" }], inner_set: Unknown, inner_map: { k: { a: "m" } } },
        { inner_list: [] },
      ],
    });
    const got = prepareComputedBlocks(cs, config);
    expect(toNative(got)).toMatchObject({
      top: [{ a: "t" }],
      outer: [
        { inner_list: [{ a: "x" }], inner_set: Unknown, inner_map: { k: { a: "m" } } },
        { inner_list: null, inner_set: null, inner_map: null },
      ],
    });
    expect(prepareComputedBlocks(undefined, config)).toBe(config);
  });

  it("gives a proposed new state with the prepared blocks null (the provider may set them)", () => {
    const prior = cv({
      id: "x",
      top: [{ a: "t", c: "c" }],
      outer: [{ a: "o", inner_list: [{ a: "p", c: "c" }] }],
    });
    const prepared = prepareComputedBlocks(cs, cv({ top: [], outer: [{ a: "o", inner_list: [] }] }));
    expect(toNative(proposedNewState(cs, prior, prepared))).toMatchObject({
      id: "x",
      top: null,
      outer: [{ a: "o", inner_list: null }],
    });
  });
});
