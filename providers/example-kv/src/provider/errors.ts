/**
 * Expected failures as clear diagnostics: a summary saying what failed, the store's message as
 * the detail, and the attribute it is about. (Anything else thrown by a handler still reaches
 * Terraform, as an "unhandled" error.)
 */
import { type PathInput, PyviderError } from "@pyvider/hub";
import { KvStoreError } from "../store/index.js";

/**
 * Runs `operation`; a {@link KvStoreError} becomes a diagnostic with `summary`, the store's
 * message as detail, on the attribute `path` if given.
 */
export async function withStoreErrors<T>(
  summary: string,
  operation: () => Promise<T>,
  path?: PathInput,
): Promise<T> {
  try {
    return await operation();
  } catch (error) {
    if (error instanceof KvStoreError) {
      throw new PyviderError(summary, {
        detail: error.message,
        cause: error,
        ...(path === undefined ? {} : { path }),
      });
    }
    throw error;
  }
}
