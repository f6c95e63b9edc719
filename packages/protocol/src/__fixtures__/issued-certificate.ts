/**
 * A client certificate issued by another certificate, made with the openssl CLI (P-256,
 * `extendedKeyUsage=clientAuth`, valid for one day): what a client may present when the
 * server's trusted certificate is a CA.
 */
import { execFileSync } from "node:child_process";
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import type { GeneratedCertificate } from "../tls/certificate.js";

/** The issued certificate and its key, as PEM. */
export interface IssuedCertificate {
  certificatePem: string;
  privateKeyPem: string;
}

/** Issues a certificate for `/CN=<commonName>` signed by `issuer`. */
export function issueCertificate(issuer: GeneratedCertificate, commonName = "localhost"): IssuedCertificate {
  const dir = mkdtempSync(join(tmpdir(), "pyvider-issued-"));
  try {
    writeFileSync(join(dir, "ca.pem"), issuer.certificatePem);
    writeFileSync(join(dir, "ca.key"), issuer.privateKeyPem);
    writeFileSync(join(dir, "ext.cnf"), "extendedKeyUsage=clientAuth\n");
    const openssl = (...args: string[]) => execFileSync("openssl", args, { cwd: dir, stdio: "pipe" });
    openssl(
      ...["req", "-new", "-newkey", "ec", "-pkeyopt", "ec_paramgen_curve:P-256", "-nodes"],
      ...["-keyout", "leaf.key", "-subj", `/CN=${commonName}`, "-out", "leaf.csr"],
    );
    openssl(
      ...["x509", "-req", "-in", "leaf.csr", "-CA", "ca.pem", "-CAkey", "ca.key", "-CAcreateserial"],
      ...["-days", "1", "-extfile", "ext.cnf", "-out", "leaf.pem"],
    );
    return {
      certificatePem: readFileSync(join(dir, "leaf.pem"), "utf8"),
      privateKeyPem: readFileSync(join(dir, "leaf.key"), "utf8"),
    };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
