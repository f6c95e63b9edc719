/**
 * The diagnostics collector every handler receives: user code adds errors and warnings to it,
 * and the framework returns them to Terraform with the operation's result.
 *
 * @module
 */
import type { Diagnostic } from "@pyvider/schema";
import { makeDiagnostic } from "./errors.js";
import { type PathInput, toPath } from "./path.js";

/** Collects error and warning diagnostics during one operation. */
export class Diagnostics {
  readonly #items: Diagnostic[] = [];

  /** @param initial diagnostics to start with */
  constructor(initial: Iterable<Diagnostic> = []) {
    for (const d of initial) this.#items.push(d);
  }

  /**
   * Adds an error: the operation fails (its result is discarded).
   * @param summary a short, one-line summary
   * @param detail a longer explanation
   * @param path the attribute the error is about
   */
  addError(summary: string, detail?: string, path?: PathInput): void {
    this.#items.push(makeDiagnostic("error", summary, detail, path === undefined ? undefined : toPath(path)));
  }

  /**
   * Adds a warning: shown to the user, the operation still succeeds.
   * @param summary a short, one-line summary
   * @param detail a longer explanation
   * @param path the attribute the warning is about
   */
  addWarning(summary: string, detail?: string, path?: PathInput): void {
    this.#items.push(
      makeDiagnostic("warning", summary, detail, path === undefined ? undefined : toPath(path)),
    );
  }

  /** Adds ready-made diagnostics (e.g. those returned by schema validation). */
  add(...diagnostics: readonly Diagnostic[]): void {
    for (const d of diagnostics) this.#items.push(d);
  }

  /** True if any error was added. */
  get hasErrors(): boolean {
    return this.#items.some((d) => d.severity === "error");
  }

  /** The number of diagnostics. */
  get size(): number {
    return this.#items.length;
  }

  /** The errors only. */
  get errors(): readonly Diagnostic[] {
    return this.#items.filter((d) => d.severity === "error");
  }

  /** The warnings only. */
  get warnings(): readonly Diagnostic[] {
    return this.#items.filter((d) => d.severity === "warning");
  }

  /** A snapshot of every diagnostic, in the order added. */
  toArray(): Diagnostic[] {
    return [...this.#items];
  }

  /** Iterates the diagnostics in the order added. */
  [Symbol.iterator](): Iterator<Diagnostic> {
    return this.#items[Symbol.iterator]();
  }
}
