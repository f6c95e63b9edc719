/**
 * Internal helpers of the resource runtime: the identity holder, plain-value copies and the
 * untyped view of the author's handlers.
 *
 * @module
 */

/** Holds the identity an operation returns; handlers set it through `ctx.setIdentity`. */
export class IdentityBox {
  constructor(public identity: unknown) {}
  /** The context fields: the prior identity and a setter for the result's identity. */
  access(): { identity: unknown; setIdentity(value: unknown): void } {
    return {
      identity: this.identity,
      setIdentity: (value: unknown) => {
        this.identity = value;
      },
    };
  }
}

/** The handlers as the runtime calls them (authors see the typed view). */
export interface LooseResourceHandlers {
  validate?(ctx: unknown): unknown;
  plan?(ctx: unknown): unknown;
  create(ctx: unknown): unknown;
  read(ctx: unknown): unknown;
  update?(ctx: unknown): unknown;
  delete(ctx: unknown): unknown;
  importState?(ctx: unknown): unknown;
  readonly upgradeState?: Readonly<Record<number, (ctx: unknown) => unknown>>;
  readonly upgradeIdentity?: Readonly<Record<number, (ctx: unknown) => unknown>>;
  readonly moveState?: readonly {
    readonly sourceTypeName?: string;
    readonly sourceSchemaVersion?: number;
    move(ctx: unknown): unknown;
  }[];
  generateConfig?(ctx: unknown): unknown;
}

/** A deep copy of a plain value that keeps symbols (the `Unknown` marker) and other leaves as they are. */
export function copyPlain<T>(value: T): T {
  if (Array.isArray(value)) return value.map(copyPlain) as T;
  if (value !== null && typeof value === "object" && Object.getPrototypeOf(value) === Object.prototype) {
    return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, copyPlain(v)])) as T;
  }
  return value;
}
