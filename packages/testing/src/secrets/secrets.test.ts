import { createHash, createHmac } from "node:crypto";
import { describe, expect, it } from "vitest";
import {
  assertNoSecrets,
  findSecretTraces,
  SECRET_DIGEST_ALGORITHMS,
  SecretTraceError,
  secretForms,
} from "./secrets.js";

const secret = "s3cr3t-write-only";
const digest = (algorithm: string, encoding: "hex" | "base64" | "base64url") =>
  createHash(algorithm).update(secret, "utf8").digest(encoding);

describe("assertNoSecrets", () => {
  it("passes on texts without the secret or any digest of it", () => {
    const state = {
      values: { root_module: { resources: [{ values: { value: null, checksum: "0".repeat(64) } }] } },
    };
    expect(() =>
      assertNoSecrets({ secrets: [secret], state, planJson: '{"format_version":"1.2"}', logs: ["a", "b"] }),
    ).not.toThrow();
    expect(findSecretTraces({ secrets: [secret], logs: "nothing here" })).toEqual([]);
  });

  it("fails on the plain secret in each source, naming the source without repeating the secret", () => {
    for (const source of ["state", "planJson", "logs"] as const) {
      const text = `{"before":1,"value":"${secret}","after":2}`;
      let thrown: unknown;
      try {
        assertNoSecrets({ secrets: ["another-one", secret], [source]: text });
      } catch (error) {
        thrown = error;
      }
      expect(thrown).toBeInstanceOf(SecretTraceError);
      const e = thrown as SecretTraceError;
      expect(e.traces).toEqual([
        expect.objectContaining({ source, secretIndex: 1, form: "plain", offset: text.indexOf(secret) }),
      ]);
      expect(e.message).toContain(`secret #1 as plain in ${source}`);
      expect(e.message).not.toContain(secret);
      expect(e.traces[0]?.context).toContain('"value":"«…»","after"');
    }
  });

  it("fails on every common digest of the secret: hex (either case), base64, base64url", () => {
    for (const algorithm of SECRET_DIGEST_ALGORITHMS) {
      const hex = digest(algorithm, "hex");
      for (const [form, text] of [
        [`${algorithm}-hex`, hex],
        [`${algorithm}-hex`, hex.toUpperCase()],
        [`${algorithm}-base64`, digest(algorithm, "base64")],
      ] as const) {
        const traces = findSecretTraces({ secrets: [secret], state: { checksum: text } });
        expect(traces.map((t) => t.form)).toContain(form);
        expect(() => assertNoSecrets({ secrets: [secret], state: { checksum: text } })).toThrow(
          SecretTraceError,
        );
      }
    }
    // sha256 base64url differs from base64 for this secret (it has a + or /) or is covered by base64
    const url = digest("sha256", "base64url");
    expect(findSecretTraces({ secrets: [secret], logs: `digest=${url}` })).not.toEqual([]);
  });

  it("finds base64 and JSON-escaped forms, in parsed JSON, buffers, line arrays and other sources", () => {
    const quoted = 'pa"ss\\word';
    expect(findSecretTraces({ secrets: [quoted], state: { v: quoted } })[0]?.form).toBe("json-escaped");
    expect(
      findSecretTraces({ secrets: [secret], logs: ["x", `b64 ${Buffer.from(secret).toString("base64")}`] })[0]
        ?.form,
    ).toBe("base64");
    expect(findSecretTraces({ secrets: [secret], planJson: Buffer.from(`x${secret}`) })[0]?.offset).toBe(1);
    expect(findSecretTraces({ secrets: [secret], other: { stdout: `${secret} ${secret}` } })).toHaveLength(2);
    expect(
      findSecretTraces({ secrets: [secret], planJson: [{ a: 1 }, { b: digest("md5", "hex") }] })[0]?.form,
    ).toBe("md5-hex");
  });

  it("does not take a keyed digest (HMAC with a key the state does not hold) for a trace", () => {
    const keyed = createHmac("sha256", "per-store-key").update(secret).digest("hex");
    expect(() => assertNoSecrets({ secrets: [secret], state: { checksum: keyed } })).not.toThrow();
  });

  it("lists the forms it looks for", () => {
    const forms = secretForms(secret).map((f) => f.form);
    expect(forms).toEqual(
      expect.arrayContaining(["plain", "base64", "sha256-hex", "sha512-base64", "md5-hex"]),
    );
    expect(secretForms(secret).find((f) => f.form === "sha1-hex")?.text).toBe(digest("sha1", "hex"));
  });

  it("refuses secrets too short to mean anything and a scan with nothing to search", () => {
    expect(() => assertNoSecrets({ secrets: ["abc"], logs: "x" })).toThrow(/secrets\[0\].*at least 4/);
    expect(() => assertNoSecrets({ secrets: [secret] })).toThrow(/nothing to search/);
    expect(() => assertNoSecrets({ secrets: "x" as unknown as string[], logs: "x" })).toThrow(TypeError);
  });
});
