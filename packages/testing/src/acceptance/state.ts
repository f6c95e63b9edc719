/**
 * Typed, readable access to a state read with `tofu show -json`: resources by address,
 * attributes by path, outputs; each lookup that fails throws a {@link CheckError} naming the
 * address, the attribute path, the expected and the actual value.
 *
 * @module
 */
import { isDeepStrictEqual } from "node:util";
import type { InferState, Schema } from "@pyvider/schema";
import { allResources, type JsonOutput, type JsonResource, type JsonState } from "./tf-json.js";

/** A failed check: where, what was expected and what was found. */
export class CheckError extends Error {
  /**
   * @param message the explanation
   * @param details address, attribute path, expected and actual values
   */
  constructor(
    message: string,
    readonly details: {
      readonly address?: string;
      readonly path?: string;
      readonly expected?: unknown;
      readonly actual?: unknown;
    } = {},
  ) {
    super(message);
    this.name = "CheckError";
  }
}

/** Renders a value for a message (JSON, strings quoted, undefined as `<absent>`). */
export function show(value: unknown): string {
  if (value === undefined) return "<absent>";
  if (value instanceof RegExp) return String(value);
  return JSON.stringify(value);
}

/** Splits `a.b[0].c` or `a.b.0.c` or `tags["x.y"]` into steps. */
export function parseAttrPath(path: string): (string | number)[] {
  const out: (string | number)[] = [];
  const re = /([^.[\]]+)|\[(\d+)\]|\["((?:[^"\\]|\\.)*)"\]/g;
  for (const m of path.matchAll(re)) {
    if (m[1] !== undefined) out.push(/^\d+$/.test(m[1]) ? Number(m[1]) : m[1]);
    else if (m[2] !== undefined) out.push(Number(m[2]));
    else if (m[3] !== undefined) out.push(JSON.parse(`"${m[3]}"`) as string);
  }
  return out;
}

/** The value at `path` in a plain JSON value, or undefined when absent. */
export function valueAt(root: unknown, path: readonly (string | number)[]): unknown {
  let v: unknown = root;
  for (const step of path) {
    if (v === null || typeof v !== "object") return undefined;
    v = (v as Record<string | number, unknown>)[step];
  }
  return v;
}

/** What an expectation may be: an exact value, a regular expression for strings, or a predicate. */
export type Expected = unknown | RegExp | ((actual: unknown) => boolean);

/** True when `actual` meets `expected`. */
export function matches(actual: unknown, expected: Expected): boolean {
  if (expected instanceof RegExp) return typeof actual === "string" && expected.test(actual);
  if (typeof expected === "function") return (expected as (a: unknown) => boolean)(actual) === true;
  return isDeepStrictEqual(actual, expected);
}

/** One resource instance of a state. */
export class ResourceState<V = Record<string, unknown>> {
  /** @param raw the resource as `show -json` printed it */
  constructor(readonly raw: JsonResource) {}

  /** The address, e.g. `testkit_item.a` or `module.m.testkit_item.a[0]`. */
  get address(): string {
    return this.raw.address;
  }
  /** The attribute values. */
  get values(): V {
    return this.raw.values as V;
  }
  /** The identity, when the binary reports one (Terraform ≥ 1.12). */
  get identity(): Record<string, unknown> | undefined {
    return this.raw.identity;
  }

  /** The value at an attribute path (`a.b[0].c`); undefined when absent. */
  attr(path: string): unknown {
    return valueAt(this.raw.values, parseAttrPath(path));
  }

  /** Fails unless the attribute at `path` meets `expected` (value, RegExp or predicate). */
  expect(path: string, expected: Expected): this {
    const actual = this.attr(path);
    if (!matches(actual, expected)) {
      throw new CheckError(
        `${this.address}: attribute ${path}: expected ${show(expected)}, got ${show(actual)}`,
        { address: this.address, path, expected, actual },
      );
    }
    return this;
  }

  /** Fails unless the attribute at `path` is set (present and not null). */
  expectSet(path: string): this {
    const actual = this.attr(path);
    if (actual === undefined || actual === null) {
      throw new CheckError(`${this.address}: attribute ${path}: expected a value, got ${show(actual)}`, {
        address: this.address,
        path,
        actual,
      });
    }
    return this;
  }

  /** Fails unless the attribute at `path` is null or absent. */
  expectNull(path: string): this {
    const actual = this.attr(path);
    if (actual !== undefined && actual !== null) {
      throw new CheckError(`${this.address}: attribute ${path}: expected null, got ${show(actual)}`, {
        address: this.address,
        path,
        expected: null,
        actual,
      });
    }
    return this;
  }
}

/** The state values of a component definition (`{ schema }`). */
export type StateOf<D> = D extends { readonly schema: infer S } ? InferState<S> : never;

/** A state as read by `show -json`. */
export class StateView {
  /** @param raw the parsed `show -json` output */
  constructor(readonly raw: JsonState) {}

  /** Every resource instance (managed and data), all modules. */
  get resources(): ResourceState[] {
    return allResources(this.raw.values?.root_module).map((r) => new ResourceState(r));
  }

  /** The managed resource addresses, sorted. */
  get addresses(): string[] {
    return this.resources
      .filter((r) => r.raw.mode === "managed")
      .map((r) => r.address)
      .sort();
  }

  /** The resource at `address` or undefined. */
  find(address: string): ResourceState | undefined {
    return this.resources.find((r) => r.address === address);
  }

  /**
   * The resource at `address`; pass its definition (or schema) to type the values.
   * @throws CheckError when there is no such resource (the message lists those there are)
   */
  resource<D extends { readonly schema: Schema }>(address: string, definition: D): ResourceState<StateOf<D>>;
  resource(address: string): ResourceState;
  resource(address: string, _definition?: unknown): ResourceState {
    const r = this.find(address);
    if (r === undefined) {
      const there = this.resources.map((x) => x.address);
      throw new CheckError(
        `no resource ${address} in the state (it has ${there.length === 0 ? "no resources" : there.join(", ")})`,
        { address, expected: "present", actual: "absent" },
      );
    }
    return r;
  }

  /** Fails when a resource at `address` exists. */
  expectNoResource(address: string): void {
    if (this.find(address) !== undefined) {
      throw new CheckError(`resource ${address} is in the state, expected it gone`, {
        address,
        expected: "absent",
        actual: "present",
      });
    }
  }

  /** The outputs. */
  get outputs(): Record<string, JsonOutput> {
    return this.raw.values?.outputs ?? {};
  }

  /**
   * The value of output `name`.
   * @throws CheckError when there is no such output
   */
  output(name: string): unknown {
    const o = this.outputs[name];
    if (o === undefined) {
      throw new CheckError(`no output ${name} (outputs: ${Object.keys(this.outputs).join(", ") || "none"})`, {
        path: `output.${name}`,
        actual: undefined,
      });
    }
    return o.value;
  }

  /** Fails unless output `name` meets `expected`. */
  expectOutput(name: string, expected: Expected): void {
    const actual = this.output(name);
    if (!matches(actual, expected)) {
      throw new CheckError(`output ${name}: expected ${show(expected)}, got ${show(actual)}`, {
        path: `output.${name}`,
        expected,
        actual,
      });
    }
  }
}

/**
 * Flattens values into `path → leaf` (lists by index, objects by key); used to compare an
 * imported resource with the applied one.
 */
export function flatten(value: unknown, prefix = "", out = new Map<string, unknown>()): Map<string, unknown> {
  if (Array.isArray(value)) {
    if (value.length === 0 && prefix !== "") out.set(prefix, []);
    for (const [i, v] of value.entries()) flatten(v, `${prefix}[${i}]`, out);
  } else if (value !== null && typeof value === "object") {
    const entries = Object.entries(value);
    if (entries.length === 0 && prefix !== "") out.set(prefix, {});
    for (const [k, v] of entries) flatten(v, prefix === "" ? k : `${prefix}.${k}`, out);
  } else if (prefix !== "") {
    out.set(prefix, value);
  }
  return out;
}

/**
 * Differences between two resources' values, ignoring attributes under any of `ignore` (dotted
 * path prefixes). Each line: `path: expected X, got Y`.
 */
export function diffValues(expected: unknown, actual: unknown, ignore: readonly string[] = []): string[] {
  const a = flatten(expected);
  const b = flatten(actual);
  const ignored = (p: string) =>
    ignore.some((i) => p === i || p.startsWith(`${i}.`) || p.startsWith(`${i}[`));
  const keys = [...new Set([...a.keys(), ...b.keys()])].sort();
  const out: string[] = [];
  for (const k of keys) {
    if (ignored(k)) continue;
    const x = a.get(k) ?? null;
    const y = b.get(k) ?? null;
    if (!isDeepStrictEqual(x, y)) out.push(`${k}: expected ${show(x)}, got ${show(y)}`);
  }
  return out;
}
