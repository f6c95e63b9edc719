/**
 * The preference order unification uses to pick a result type among the given types
 * (go-cty's `compareTypes` and `sortTypes`). Internal.
 *
 * @module
 */

import type { CtyType } from "./types.js";
import { isPrimitiveType } from "./types.js";

/**
 * Compares two types for unification preference: negative if `a` is more general than `b`,
 * positive if `b` is, 0 if neither (or unknown). Optimistic: callers verify conversions exist.
 */
export function compareTypes(a: CtyType, b: CtyType): number {
  // dynamic is the least preferred: we hope the dynamics converge on their neighbours.
  if (a.kind === "dynamic" || b.kind === "dynamic") {
    if (a.kind !== "dynamic") return -1;
    if (b.kind !== "dynamic") return 1;
    return 0;
  }
  // string is the supertype of every primitive type.
  if (isPrimitiveType(a) && isPrimitiveType(b) && (a.kind === "string" || b.kind === "string")) {
    if (a.kind !== "string") return 1;
    if (b.kind !== "string") return -1;
    return 0;
  }
  if ((a.kind === "list" || a.kind === "set" || a.kind === "map") && a.kind === b.kind) {
    return compareTypes(a.element, (b as typeof a).element);
  }

  let swap = 1;
  if (
    (a.kind === "tuple" && b.kind === "list") ||
    (a.kind === "object" && b.kind === "map") ||
    (a.kind === "set" && (b.kind === "tuple" || b.kind === "list"))
  ) {
    [a, b] = [b, a];
    swap = -1;
  }
  if (b.kind === "set" && (a.kind === "tuple" || a.kind === "list")) return -1 * swap;
  if (a.kind === "list" && b.kind === "tuple") return -1 * swap;
  if (a.kind === "map" && b.kind === "object") return -1 * swap;

  if (a.kind === "object" && b.kind === "object") {
    if (a.names.length !== b.names.length) return 0;
    let aSuper = false;
    let bSuper = false;
    for (const k of a.names) {
      const bt = b.attributes[k];
      if (bt === undefined) return 0;
      const cmp = compareTypes(a.attributes[k]!, bt);
      if (cmp < 0) aSuper = true;
      else if (cmp > 0) bSuper = true;
    }
    return superResult(aSuper, bSuper, swap);
  }
  if (a.kind === "tuple" && b.kind === "tuple") {
    if (a.elements.length !== b.elements.length) return 0;
    let aSuper = false;
    let bSuper = false;
    a.elements.forEach((e, i) => {
      const cmp = compareTypes(e, b.elements[i]!);
      if (cmp < 0) aSuper = true;
      else if (cmp > 0) bSuper = true;
    });
    return superResult(aSuper, bSuper, swap);
  }
  return 0;
}

function superResult(aSuper: boolean, bSuper: boolean, swap: number): number {
  if (aSuper && bSuper) return 0;
  if (aSuper) return -1 * swap;
  if (bSuper) return 1 * swap;
  return 0;
}

/**
 * Indices of `types` ordered most general first: a topological sort of the "more general
 * than" graph, ties kept in input order (Kahn's algorithm, as go-cty).
 */
export function sortTypes(types: readonly CtyType[]): number[] {
  const l = types.length;
  const edges: number[][] = Array.from({ length: l }, () => []);
  for (let i = 0; i < l - 1; i++) {
    for (let j = i + 1; j < l; j++) {
      const cmp = compareTypes(types[i]!, types[j]!);
      if (cmp < 0) edges[i]!.push(j);
      else if (cmp > 0) edges[j]!.push(i);
    }
  }
  const inDegree = new Array<number>(l).fill(0);
  for (const outs of edges) for (const j of outs) inDegree[j]!++;
  // go-cty's result slice doubles as the queue; cyclic leftovers stay as zeros (index 0).
  const result = new Array<number>(l).fill(0);
  let head = 0;
  let tail = 0;
  inDegree.forEach((n, i) => {
    if (n === 0) result[tail++] = i;
  });
  while (head < tail) {
    const i = result[head++]!;
    for (const j of edges[i]!) {
      if (--inDegree[j]! === 0) result[tail++] = j;
    }
  }
  return result;
}
