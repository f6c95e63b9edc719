/**
 * Vitest global setup of example-kv: builds `dist/terraform-provider-kv` once before the tests
 * when it is missing or older than the sources, so test files never build it concurrently.
 */
import { buildExecutableIfStale } from "./tf.js";

export default function setup(): void {
  buildExecutableIfStale();
}
