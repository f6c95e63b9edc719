/**
 * Value marks (e.g. `"sensitive"`), as go-cty's `Mark`, `Unmark`, `UnmarkDeepWithPaths` and
 * `MarkWithPaths`. Marks sit on individual values; a set cannot hold marked elements, so marks
 * applied inside a set move to the set itself (as go-cty's `SetVal` does).
 *
 * @module
 */
import { ObjectAttrs } from "./object-attrs.js";
import type { CtyPath, PathStep } from "./path.js";
import { CtyValue, type Mark, noMarks } from "./value.js";

/** Marks found at a path inside a value. */
export interface PathValueMarks {
  /** Where the marked value is. */
  readonly path: CtyPath;
  /** The marks on that value. */
  readonly marks: ReadonlySet<Mark>;
}

function withMarkSet(v: CtyValue, marks: Iterable<Mark>): CtyValue {
  const all = new Set<Mark>(v.marks);
  for (const m of marks) all.add(m);
  if (all.size === v.marks.size) return v;
  return new CtyValue(v.type, v.raw, all);
}

/** Returns the value with the given marks added. */
export function mark(v: CtyValue, ...marks: Mark[]): CtyValue {
  return withMarkSet(v, marks);
}

/** Removes the marks on the value itself (nested values keep theirs). */
export function unmark(v: CtyValue): [CtyValue, ReadonlySet<Mark>] {
  if (v.marks.size === 0) return [v, noMarks];
  return [new CtyValue(v.type, v.raw), v.marks];
}

/** True if the value or anything inside it is marked. */
export function containsMarked(v: CtyValue): boolean {
  if (v.marks.size > 0) return true;
  if (!v.isKnown || v.isNull) return false;
  switch (v.type.kind) {
    case "list":
    case "tuple":
    case "set":
      return (v.raw as readonly CtyValue[]).some(containsMarked);
    case "map":
    case "object":
      // Bare payloads in an object's slots are unmarked: only the attributes held as values need a look.
      if (v.raw instanceof ObjectAttrs) return v.raw.someValue(containsMarked);
      for (const c of (v.raw as ReadonlyMap<string, CtyValue>).values()) if (containsMarked(c)) return true;
      return false;
    default:
      return false;
  }
}

/** True if the value or anything inside it carries `mark`. */
export function hasMarkDeep(v: CtyValue, mark: Mark): boolean {
  if (v.marks.has(mark)) return true;
  return children(v).some(([, c]) => hasMarkDeep(c, mark));
}

/** All marks found anywhere in the value. */
export function marksDeep(v: CtyValue): Set<Mark> {
  const out = new Set<Mark>();
  const walk = (x: CtyValue): void => {
    for (const m of x.marks) out.add(m);
    for (const [, c] of children(x)) walk(c);
  };
  walk(v);
  return out;
}

/** Removes every mark at every depth, returning where each mark set was. */
export function unmarkDeep(v: CtyValue): [CtyValue, PathValueMarks[]] {
  const found: PathValueMarks[] = [];
  const walk = (x: CtyValue, path: PathStep[]): CtyValue => {
    if (x.marks.size > 0) found.push({ path: Object.freeze([...path]), marks: x.marks });
    if (!containsMarked(x)) return x;
    if (!x.isKnown || x.isNull) return new CtyValue(x.type, x.raw);
    const raw = mapChildren(x, (step, c) => {
      path.push(step);
      const r = walk(c, path);
      path.pop();
      return r;
    });
    return new CtyValue(x.type, raw);
  };
  return [walk(v, []), found];
}

/**
 * Applies marks at paths (the inverse of {@link unmarkDeep}). Paths that lead nowhere (through
 * null or unknown values, or to missing elements) are ignored; a path into a set marks the set.
 */
export function markWithPaths(v: CtyValue, pvms: readonly PathValueMarks[]): CtyValue {
  let out = v;
  for (const pvm of pvms) out = markAt(out, pvm.path, 0, pvm.marks);
  return out;
}

function markAt(v: CtyValue, path: CtyPath, i: number, marks: ReadonlySet<Mark>): CtyValue {
  if (i === path.length) return withMarkSet(v, marks);
  if (!v.isKnown || v.isNull) return v;
  const step = path[i]!;
  if (v.type.kind === "set") return step.kind === "element" ? withMarkSet(v, marks) : v;
  let hit = false;
  const raw = mapChildren(v, (s, c) => {
    if (!stepMatches(s, step)) return c;
    hit = true;
    return markAt(c, path, i + 1, marks);
  });
  return hit ? new CtyValue(v.type, raw, v.marks) : v;
}

function stepMatches(a: PathStep, b: PathStep): boolean {
  switch (a.kind) {
    case "attr":
      return b.kind === "attr" && a.name === b.name;
    case "key":
      return b.kind === "key" && a.key === b.key;
    case "index":
      return b.kind === "index" && a.index === b.index;
    case "element":
      return false;
  }
}

/** The direct children of a known container value with their path steps (none for other values). */
export function children(v: CtyValue): [PathStep, CtyValue][] {
  if (!v.isKnown || v.isNull) return [];
  switch (v.type.kind) {
    case "list":
    case "tuple":
      return (v.raw as readonly CtyValue[]).map((c, index) => [{ kind: "index", index }, c]);
    case "set":
      return (v.raw as readonly CtyValue[]).map((c) => [{ kind: "element", value: c }, c]);
    case "map":
      return [...(v.raw as ReadonlyMap<string, CtyValue>)].map(([key, c]) => [{ kind: "key", key }, c]);
    case "object":
      return [...(v.raw as ReadonlyMap<string, CtyValue>)].map(([name, c]) => [{ kind: "attr", name }, c]);
    default:
      return [];
  }
}

/** Rebuilds a known container's payload with each child replaced by `fn` (same type, no re-validation). */
export function mapChildren(v: CtyValue, fn: (step: PathStep, child: CtyValue) => CtyValue): unknown {
  switch (v.type.kind) {
    case "list":
    case "tuple":
      return Object.freeze((v.raw as readonly CtyValue[]).map((c, index) => fn({ kind: "index", index }, c)));
    case "set":
      return Object.freeze((v.raw as readonly CtyValue[]).map((c) => fn({ kind: "element", value: c }, c)));
    case "map":
      return new Map(
        [...(v.raw as ReadonlyMap<string, CtyValue>)].map(([key, c]) => [key, fn({ kind: "key", key }, c)]),
      );
    case "object":
      return ObjectAttrs.of(
        v.type,
        [...(v.raw as ReadonlyMap<string, CtyValue>)].map(([name, c]) => fn({ kind: "attr", name }, c)),
      );
    default:
      return v.raw;
  }
}
