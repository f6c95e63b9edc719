/**
 * The error thrown by the msgpack and JSON value codecs, carrying the cty path where it failed.
 *
 * @module
 */
import { PyviderError } from "./error.js";
import { type CtyPath, formatPath, type PathStep } from "./path.js";

/**
 * A value could not be encoded or decoded. `path` is where in the value it happened (empty for the
 * root); `reason` is the message without the path prefix.
 */
export class CtyCodecError extends PyviderError {
  override readonly name: string = "CtyCodecError";
  /** The failure without the path prefix. */
  readonly reason: string;
  /** Where in the value the failure happened (outermost step first; empty for the root). */
  override readonly path: CtyPath;

  constructor(reason: string, path: CtyPath = [], options?: { cause?: unknown }) {
    super(path.length > 0 ? `${formatPath(path)}: ${reason}` : reason, options);
    this.reason = reason;
    this.path = path;
  }

  /** The same error one step further out (used while unwinding a nested failure). */
  within(step: PathStep): CtyCodecError {
    return new CtyCodecError(this.reason, [step, ...this.path], { cause: this.cause });
  }
}

/**
 * Steps noted on a codec error while it unwinds, innermost first. The error gets its full path
 * once, at {@link codecBoundary}: rebuilding it at every level costs O(depth²) for deep values.
 */
const unwound = new WeakMap<CtyCodecError, PathStep[]>();

/** Re-throws `e`, noting `step` as the next outer step of its path if it is a codec error. @internal */
export function rethrowWithin(e: unknown, step: PathStep): never {
  if (e instanceof CtyCodecError) {
    const steps = unwound.get(e);
    if (steps === undefined) unwound.set(e, [step]);
    else steps.push(step);
  }
  throw e;
}

/**
 * Runs a codec entry point so that it fails only with a {@link CtyCodecError}: anything else
 * (a RangeError from an exhausted stack or an oversized BigInt, a constructor's TypeError) is
 * wrapped, with the original as `cause`. Runs after the stack has unwound. @internal
 */
export function codecBoundary<T>(run: () => T): T {
  try {
    return run();
  } catch (e) {
    throw asCodecError(e);
  }
}

/** `e` as a {@link CtyCodecError} (see {@link codecBoundary}). @internal */
export function asCodecError(e: unknown): CtyCodecError {
  if (e instanceof CtyCodecError) {
    const steps = unwound.get(e);
    if (steps === undefined) return e;
    unwound.delete(e);
    return new CtyCodecError(e.reason, [...steps.reverse(), ...e.path], { cause: e.cause });
  }
  if (e instanceof RangeError && e.message.includes("call stack")) {
    return new CtyCodecError("value nested too deeply (the JavaScript stack is exhausted)", [], { cause: e });
  }
  const message = e instanceof Error ? e.message : "unexpected failure";
  return new CtyCodecError(message, [], { cause: e });
}

/** `n.text()`, with a number too large to print (a RangeError) reported as a codec error. @internal */
export function numberText(n: { text(): string }): string {
  try {
    return n.text();
  } catch (e) {
    if (e instanceof RangeError) throw new CtyCodecError(e.message);
    throw e;
  }
}
