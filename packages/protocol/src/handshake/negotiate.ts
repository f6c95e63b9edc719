/** Plugin protocol version negotiation (`PLUGIN_PROTOCOL_VERSIONS`). */
import { SUPPORTED_PROTOCOL_VERSIONS } from "./constants.js";

/** The outcome of {@link negotiateProtocolVersion}. */
export type NegotiationResult =
  | { ok: true; version: number }
  | { ok: false; offered: readonly string[]; message: string };

/**
 * Picks the highest protocol version both sides speak. `offered` is the
 * client's comma-separated `PLUGIN_PROTOCOL_VERSIONS`; when it is unset or
 * empty (an old client), the highest version we serve is used.
 */
export function negotiateProtocolVersion(
  offered: string | undefined,
  supported: readonly number[] = SUPPORTED_PROTOCOL_VERSIONS,
): NegotiationResult {
  const fallback = Math.max(...supported);
  if (offered === undefined || offered.trim() === "") return { ok: true, version: fallback };
  const entries = offered
    .split(",")
    .map((entry) => entry.trim())
    .filter((entry) => entry !== "");
  const versions = entries.filter((entry) => /^\d+$/.test(entry)).map((entry) => Number.parseInt(entry, 10));
  const common = versions.filter((version) => supported.includes(version));
  if (common.length > 0) return { ok: true, version: Math.max(...common) };
  return {
    ok: false,
    offered: entries,
    message:
      `This provider speaks plugin protocol version ${supported.join(", ")}, but the client offered ` +
      `${entries.length > 0 ? entries.join(", ") : "none"} (PLUGIN_PROTOCOL_VERSIONS=${JSON.stringify(offered)}). ` +
      "Use a Terraform (>= 1.0) or OpenTofu release that supports protocol version 6.",
  };
}
