import { execFileSync } from "node:child_process";
import { X509Certificate } from "node:crypto";
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { generateCertificate } from "../tls/certificate.js";
import { clientCertificateProblem } from "./client-certificate.js";

describe("clientCertificateProblem", () => {
  const ca = generateCertificate();
  const other = generateCertificate();
  const trusted = [new X509Certificate(ca.certificatePem)];
  let dir: string;
  let leafDer: Buffer;

  beforeAll(() => {
    // a leaf issued by `ca`, valid for one day, made with the openssl CLI
    dir = mkdtempSync(join(tmpdir(), "pyvider-client-cert-"));
    writeFileSync(join(dir, "ca.pem"), ca.certificatePem);
    writeFileSync(join(dir, "ca.key"), ca.privateKeyPem);
    const openssl = (...args: string[]) => execFileSync("openssl", args, { cwd: dir, stdio: "pipe" });
    openssl(
      "req",
      "-new",
      "-newkey",
      "ec",
      "-pkeyopt",
      "ec_paramgen_curve:P-256",
      "-nodes",
      "-keyout",
      "leaf.key",
      "-subj",
      "/CN=leaf",
      "-out",
      "leaf.csr",
    );
    openssl(
      "x509",
      "-req",
      "-in",
      "leaf.csr",
      "-CA",
      "ca.pem",
      "-CAkey",
      "ca.key",
      "-CAcreateserial",
      "-days",
      "1",
      "-out",
      "leaf.pem",
    );
    leafDer = new X509Certificate(readFileSync(join(dir, "leaf.pem"))).raw;
  });
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it("accepts a trusted certificate itself", () => {
    expect(clientCertificateProblem(ca.certificateDer, trusted)).toBeUndefined();
  });

  it("accepts a certificate issued and signed by a trusted one, while it is valid", () => {
    expect(clientCertificateProblem(leafDer, trusted)).toBeUndefined();
    const later = new Date(Date.now() + 3 * 86_400_000);
    expect(clientCertificateProblem(leafDer, trusted, later)).toMatch(/not valid now \(valid from .* to /);
  });

  it("refuses no certificate, another certificate and garbage", () => {
    expect(clientCertificateProblem(undefined, trusted)).toBe("the client presented no certificate");
    expect(clientCertificateProblem(Buffer.alloc(0), trusted)).toBe("the client presented no certificate");
    expect(clientCertificateProblem(other.certificateDer, trusted)).toBe(
      "the client certificate is not issued by a trusted certificate",
    );
    expect(clientCertificateProblem(Buffer.from("not a certificate"), trusted)).toBe(
      "the client certificate cannot be parsed",
    );
  });

  it("refuses a certificate whose issuer has the trusted one's name but another key", () => {
    // generated certificates share one subject name: `other` names like `ca` but holds another key
    expect(clientCertificateProblem(leafDer, [new X509Certificate(other.certificatePem)])).toBe(
      "the client certificate is not issued by a trusted certificate",
    );
  });
});
