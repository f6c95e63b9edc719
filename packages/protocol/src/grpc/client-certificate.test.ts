import { X509Certificate } from "node:crypto";
import { describe, expect, it } from "vitest";
import { issueCertificate } from "../__fixtures__/issued-certificate.js";
import { generateCertificate } from "../tls/certificate.js";
import { clientCertificateProblem } from "./client-certificate.js";

describe("clientCertificateProblem", () => {
  const ca = generateCertificate();
  const other = generateCertificate();
  const trusted = [new X509Certificate(ca.certificatePem)];
  // a certificate issued by `ca`, valid for one day
  const leafDer = new X509Certificate(issueCertificate(ca).certificatePem).raw;

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
