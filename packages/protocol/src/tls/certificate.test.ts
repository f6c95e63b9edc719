import { createPrivateKey, createPublicKey, X509Certificate } from "node:crypto";
import { describe, expect, it } from "vitest";
import { derToPem, generateCertificate, pemToDer } from "./certificate.js";

describe("generateCertificate", () => {
  it("makes a self-signed localhost CA certificate like go-plugin's", () => {
    const now = new Date("2026-03-01T12:00:00Z");
    const generated = generateCertificate({ now });
    const cert = new X509Certificate(generated.certificateDer);
    expect(cert.subject).toContain("CN=localhost");
    expect(cert.issuer).toBe(cert.subject);
    expect(cert.ca).toBe(true);
    expect(cert.subjectAltName).toBe("DNS:localhost, IP Address:127.0.0.1");
    expect(cert.keyUsage).toEqual(["1.3.6.1.5.5.7.3.1", "1.3.6.1.5.5.7.3.2"]);
    expect(cert.checkHost("localhost")).toBe("localhost");
    expect(cert.verify(cert.publicKey)).toBe(true);
    expect(new Date(cert.validFrom).getTime()).toBe(now.getTime() - 30_000);
    // 262980 hours later is past 2050, so notAfter must be a GeneralizedTime that parses correctly.
    expect(new Date(cert.validTo).getUTCFullYear()).toBe(2056);
    expect(cert.serialNumber).toMatch(/^[0-9A-F]+$/);
  });

  it("pairs the certificate with its private key", () => {
    const generated = generateCertificate();
    const fromKey = createPublicKey(createPrivateKey(generated.privateKeyPem)).export({
      type: "spki",
      format: "der",
    });
    const fromCert = new X509Certificate(generated.certificatePem).publicKey.export({
      type: "spki",
      format: "der",
    });
    expect(Buffer.compare(fromKey, fromCert)).toBe(0);
    expect(
      new X509Certificate(generated.certificatePem).checkPrivateKey(
        createPrivateKey(generated.privateKeyPem),
      ),
    ).toBe(true);
  });

  it.each(["P-256", "P-384", "P-521"] as const)("signs with curve %s", (curve) => {
    const cert = new X509Certificate(generateCertificate({ curve }).certificateDer);
    expect(cert.verify(cert.publicKey)).toBe(true);
    expect(cert.publicKey.asymmetricKeyDetails?.namedCurve).toBe(
      { "P-256": "prime256v1", "P-384": "secp384r1", "P-521": "secp521r1" }[curve],
    );
  });

  it("makes a different key and serial every time", () => {
    const a = new X509Certificate(generateCertificate().certificateDer);
    const b = new X509Certificate(generateCertificate().certificateDer);
    expect(a.serialNumber).not.toBe(b.serialNumber);
    expect(a.fingerprint256).not.toBe(b.fingerprint256);
  });

  it("uses UTCTime before 2050", () => {
    const cert = new X509Certificate(
      generateCertificate({ now: new Date("2001-02-03T04:05:06Z"), validHours: 1 }).certificateDer,
    );
    expect(new Date(cert.validTo).toISOString()).toBe("2001-02-03T05:05:06.000Z");
  });
});

describe("PEM helpers", () => {
  it("round-trips DER through PEM", () => {
    const { certificateDer, certificatePem } = generateCertificate();
    expect(pemToDer(certificatePem).equals(certificateDer)).toBe(true);
    expect(derToPem(certificateDer, "CERTIFICATE")).toBe(certificatePem);
  });

  it("rejects text without a certificate block", () => {
    expect(() => pemToDer("hello")).toThrow(/no PEM CERTIFICATE block/);
  });
});
