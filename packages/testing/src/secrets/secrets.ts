/**
 * Secret-trace checks: assert that secret strings, and the digests someone holding a state file,
 * a plan or a log could use to confirm a guess of them, appear nowhere in what Terraform keeps or
 * prints.
 */
import { createHash } from "node:crypto";

/** The hash algorithms whose digests of each secret are looked for. */
export const SECRET_DIGEST_ALGORITHMS = ["sha256", "sha1", "md5", "sha512"] as const;

/** Shortest secret accepted: shorter strings would match almost any text by chance. */
export const MIN_SECRET_LENGTH = 4;

/** What to search for secrets; see {@link assertNoSecrets}. */
export interface SecretScan {
  /** The secret strings (at least {@link MIN_SECRET_LENGTH} characters each). */
  readonly secrets: readonly string[];
  /** The state: `show -json` output or a `.tfstate` file, as text or parsed JSON; or several. */
  readonly state?: unknown;
  /** The plan: `show -json <planfile>` output or the `plan -json` stream, as text or parsed JSON; or several. */
  readonly planJson?: unknown;
  /** Log text (for example the stderr of a run under `TF_LOG=trace`), or its lines. */
  readonly logs?: string | readonly string[];
  /** Anything else to search, by a name used in the report (text, or values serialised as JSON). */
  readonly other?: Readonly<Record<string, unknown>>;
}

/** One place a secret (or a digest of it) was found. */
export interface SecretTrace {
  /** Where: `state`, `planJson`, `logs` or a key of {@link SecretScan.other}. */
  readonly source: string;
  /** Index of the secret in {@link SecretScan.secrets}. */
  readonly secretIndex: number;
  /** The form found: `plain`, `json-escaped`, `base64`, or `<algorithm>-<hex|base64|base64url>`. */
  readonly form: string;
  /** Offset of the match in the searched text. */
  readonly offset: number;
  /** Up to 40 characters either side of the match, the match itself replaced by `«…»`. */
  readonly context: string;
}

/** Thrown by {@link assertNoSecrets}; the message lists every trace without repeating the secret. */
export class SecretTraceError extends Error {
  /** Every trace found. */
  readonly traces: readonly SecretTrace[];

  /** @param traces - the traces found (at least one). */
  constructor(traces: readonly SecretTrace[]) {
    const lines = traces.map(
      (t) => `  secret #${t.secretIndex} as ${t.form} in ${t.source} at offset ${t.offset}: ${t.context}`,
    );
    super(`${traces.length} secret trace(s) found:\n${lines.join("\n")}`);
    this.name = "SecretTraceError";
    this.traces = traces;
  }
}

interface Needle {
  readonly form: string;
  readonly text: string;
  /** Hex digests are matched in either case. */
  readonly caseInsensitive: boolean;
}

/**
 * The forms of one secret that are looked for: the secret itself, JSON-escaped (as it appears
 * inside serialised JSON), base64 of it, and the hex / base64 / base64url encodings of its SHA-256,
 * SHA-1, MD5 and SHA-512 digests (of its UTF-8 bytes).
 *
 * @param secret - the secret string.
 * @returns the forms, each with a name such as `sha256-hex`.
 */
export function secretForms(secret: string): { form: string; text: string }[] {
  return needles(secret).map(({ form, text }) => ({ form, text }));
}

function needles(secret: string): Needle[] {
  const bytes = Buffer.from(secret, "utf8");
  const list: Needle[] = [{ form: "plain", text: secret, caseInsensitive: false }];
  const escaped = JSON.stringify(secret).slice(1, -1);
  if (escaped !== secret) list.push({ form: "json-escaped", text: escaped, caseInsensitive: false });
  list.push({ form: "base64", text: bytes.toString("base64").replace(/=+$/, ""), caseInsensitive: false });
  for (const algorithm of SECRET_DIGEST_ALGORITHMS) {
    const digest = createHash(algorithm).update(bytes).digest();
    list.push({ form: `${algorithm}-hex`, text: digest.toString("hex"), caseInsensitive: true });
    list.push({
      form: `${algorithm}-base64`,
      text: digest.toString("base64").replace(/=+$/, ""),
      caseInsensitive: false,
    });
    const url = digest.toString("base64url");
    if (url !== digest.toString("base64").replace(/=+$/, "")) {
      list.push({ form: `${algorithm}-base64url`, text: url, caseInsensitive: false });
    }
  }
  return list;
}

const asTexts = (value: unknown): string[] => {
  if (value === undefined || value === null) return [];
  if (typeof value === "string") return [value];
  if (Buffer.isBuffer(value) || value instanceof Uint8Array) return [Buffer.from(value).toString("utf8")];
  if (Array.isArray(value) && value.every((v) => typeof v === "string")) return [value.join("\n")];
  return [JSON.stringify(value)];
};

function excerpt(text: string, at: number, length: number): string {
  const start = Math.max(0, at - 40);
  const end = Math.min(text.length, at + length + 40);
  const clean = (s: string) => s.replace(/\s+/g, " ");
  return `${start > 0 ? "…" : ""}${clean(text.slice(start, at))}«…»${clean(text.slice(at + length, end))}${end < text.length ? "…" : ""}`;
}

/**
 * Searches state, plan JSON, logs and other texts for the secrets and their common digests
 * (see {@link secretForms}) and returns every trace found; an empty array means none.
 *
 * @param scan - the secrets and what to search.
 * @returns the traces, in source order.
 * @throws TypeError when a secret is not a string of at least {@link MIN_SECRET_LENGTH} characters,
 *   or when no source to search is given.
 */
export function findSecretTraces(scan: SecretScan): SecretTrace[] {
  if (!Array.isArray(scan?.secrets)) throw new TypeError("secrets must be an array of strings");
  scan.secrets.forEach((secret, i) => {
    if (typeof secret !== "string" || secret.length < MIN_SECRET_LENGTH) {
      throw new TypeError(
        `secrets[${i}] must be a string of at least ${MIN_SECRET_LENGTH} characters (a shorter one matches by chance)`,
      );
    }
  });
  const sources: [string, unknown][] = [
    ["state", scan.state],
    ["planJson", scan.planJson],
    ["logs", scan.logs],
    ...Object.entries(scan.other ?? {}),
  ];
  if (sources.every(([, value]) => value === undefined)) {
    throw new TypeError("nothing to search: give state, planJson, logs or other");
  }
  const forms = scan.secrets.map(needles);
  const traces: SecretTrace[] = [];
  for (const [source, value] of sources) {
    for (const text of asTexts(value)) {
      const lower = text.toLowerCase();
      forms.forEach((list, secretIndex) => {
        for (const needle of list) {
          const haystack = needle.caseInsensitive ? lower : text;
          const wanted = needle.caseInsensitive ? needle.text.toLowerCase() : needle.text;
          for (let at = haystack.indexOf(wanted); at !== -1; at = haystack.indexOf(wanted, at + 1)) {
            traces.push({
              source,
              secretIndex,
              form: needle.form,
              offset: at,
              context: excerpt(text, at, wanted.length),
            });
          }
        }
      });
    }
  }
  return traces;
}

/**
 * Asserts that none of `secrets`, nor their SHA-256 / SHA-1 / MD5 / SHA-512 digests (hex, base64,
 * base64url), nor their base64 or JSON-escaped forms, appear in the state, the plan JSON, the logs
 * or the other texts given. Works with any test runner: it throws on failure.
 *
 * A keyed digest (HMAC with a secret the state does not hold) is not a trace; an unsalted digest
 * is, since anyone with the state can confirm a guessed low-entropy secret with it.
 *
 * @example
 * ```ts
 * assertNoSecrets({
 *   secrets: ["s3cr3t-write-only"],
 *   state: (await tf.run(["show", "-json"])).stdout,
 *   planJson: (await tf.run(["show", "-json", "tfplan"])).stdout,
 *   logs: applyRun.stderr, // under TF_LOG=trace
 * });
 * ```
 *
 * @param scan - the secrets and what to search.
 * @throws {@link SecretTraceError} listing every trace (source, form, offset, context with the
 *   match masked), or TypeError for a secret shorter than {@link MIN_SECRET_LENGTH}.
 */
export function assertNoSecrets(scan: SecretScan): void {
  const traces = findSecretTraces(scan);
  if (traces.length > 0) throw new SecretTraceError(traces);
}
