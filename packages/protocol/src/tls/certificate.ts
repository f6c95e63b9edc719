/**
 * Self-signed certificates for AutoMTLS, made with node:crypto alone: an EC key
 * pair and an X.509 v3 certificate written with a small DER writer and signed
 * with `crypto.sign`. Takes about a millisecond.
 */
import { createHash, generateKeyPairSync, randomBytes, sign } from "node:crypto";
import {
  bitString,
  boolean,
  explicit,
  implicitPrimitive,
  objectIdentifier,
  octetString,
  sequence,
  set,
  smallInteger,
  time,
  unsignedInteger,
  utf8String,
} from "./der.js";

/** The elliptic curves a generated certificate may use. */
export type CertificateCurve = "P-256" | "P-384" | "P-521";

/** Options of {@link generateCertificate}. */
export interface CertificateOptions {
  /** Key curve; default `"P-256"`. */
  curve?: CertificateCurve;
  /** Subject and issuer common name, also the DNS SAN; default `"localhost"`. */
  commonName?: string;
  /** Subject and issuer organization; default `"pyvider"`. */
  organization?: string;
  /** Validity from 30 s ago; default 262980 hours (about 30 years, as go-plugin). */
  validHours?: number;
  /** The time the certificate is made at; default now. */
  now?: Date;
}

/** A certificate and its private key. */
export interface GeneratedCertificate {
  /** The certificate as PEM. */
  certificatePem: string;
  /** The certificate as DER bytes. */
  certificateDer: Buffer;
  /** The private key as PKCS#8 PEM. */
  privateKeyPem: string;
}

const SIGNATURE: Record<CertificateCurve, { hash: string; oid: string }> = {
  "P-256": { hash: "sha256", oid: "1.2.840.10045.4.3.2" },
  "P-384": { hash: "sha384", oid: "1.2.840.10045.4.3.3" },
  "P-521": { hash: "sha512", oid: "1.2.840.10045.4.3.4" },
};

const OID = {
  commonName: "2.5.4.3",
  organization: "2.5.4.10",
  subjectKeyIdentifier: "2.5.29.14",
  keyUsage: "2.5.29.15",
  subjectAltName: "2.5.29.17",
  basicConstraints: "2.5.29.19",
  authorityKeyIdentifier: "2.5.29.35",
  extKeyUsage: "2.5.29.37",
  serverAuth: "1.3.6.1.5.5.7.3.1",
  clientAuth: "1.3.6.1.5.5.7.3.2",
};

function extension(oid: string, critical: boolean, value: Buffer): Buffer {
  return critical
    ? sequence(objectIdentifier(oid), boolean(true), octetString(value))
    : sequence(objectIdentifier(oid), octetString(value));
}

function name(organization: string, commonName: string): Buffer {
  return sequence(
    set(sequence(objectIdentifier(OID.organization), utf8String(organization))),
    set(sequence(objectIdentifier(OID.commonName), utf8String(commonName))),
  );
}

/**
 * Generates a key pair and a self-signed certificate like go-plugin's AutoMTLS
 * one: CN and DNS SAN `localhost` (plus IP SAN 127.0.0.1), a CA, key usages
 * digital signature, key encipherment and cert sign, extended key usages
 * server and client auth.
 */
export function generateCertificate(options: CertificateOptions = {}): GeneratedCertificate {
  const curve = options.curve ?? "P-256";
  const commonName = options.commonName ?? "localhost";
  const organization = options.organization ?? "pyvider";
  const now = options.now ?? new Date();
  const validHours = options.validHours ?? 262_980;
  const algorithm = SIGNATURE[curve];

  const { privateKey, publicKey } = generateKeyPairSync("ec", { namedCurve: curve });
  const spki = publicKey.export({ type: "spki", format: "der" });
  // The SubjectPublicKeyInfo ends with the BIT STRING holding the point; the
  // key identifier is the SHA-1 of the point (RFC 5280 §4.2.1.2, method 1).
  const keyIdentifier = createHash("sha1")
    .update(spki.subarray(spki.length - POINT_BYTES[curve]))
    .digest();

  const serial = randomBytes(16);
  serial[0] = (serial[0] ?? 0) & 0x7f || 0x01;
  const signatureAlgorithm = sequence(objectIdentifier(algorithm.oid));
  const issuer = name(organization, commonName);

  const extensions = sequence(
    // digitalSignature (bit 0), keyEncipherment (bit 2), keyCertSign (bit 5)
    extension(OID.keyUsage, true, bitString(Buffer.from([0b1010_0100]), 2)),
    extension(
      OID.extKeyUsage,
      false,
      sequence(objectIdentifier(OID.serverAuth), objectIdentifier(OID.clientAuth)),
    ),
    extension(OID.basicConstraints, true, sequence(boolean(true))),
    extension(OID.subjectKeyIdentifier, false, octetString(keyIdentifier)),
    extension(OID.authorityKeyIdentifier, false, sequence(implicitPrimitive(0, keyIdentifier))),
    extension(
      OID.subjectAltName,
      false,
      sequence(
        implicitPrimitive(2, Buffer.from(commonName, "ascii")),
        implicitPrimitive(7, Buffer.from([127, 0, 0, 1])),
      ),
    ),
  );

  const tbs = sequence(
    explicit(0, smallInteger(2)),
    unsignedInteger(serial),
    signatureAlgorithm,
    issuer,
    sequence(time(new Date(now.getTime() - 30_000)), time(new Date(now.getTime() + validHours * 3_600_000))),
    issuer,
    spki,
    explicit(3, extensions),
  );
  const signature = sign(algorithm.hash, tbs, privateKey);
  const certificateDer = sequence(tbs, signatureAlgorithm, bitString(signature));

  return {
    certificateDer,
    certificatePem: derToPem(certificateDer, "CERTIFICATE"),
    privateKeyPem: privateKey.export({ type: "pkcs8", format: "pem" }).toString(),
  };
}

/** Uncompressed EC point sizes: 0x04 || X || Y. */
const POINT_BYTES: Record<CertificateCurve, number> = { "P-256": 65, "P-384": 97, "P-521": 133 };

/** Wraps DER bytes in a PEM block of the given label. */
export function derToPem(der: Uint8Array, label: string): string {
  const base64 = Buffer.from(der).toString("base64");
  const lines = base64.match(/.{1,64}/g) ?? [];
  return `-----BEGIN ${label}-----\n${lines.join("\n")}\n-----END ${label}-----\n`;
}

/**
 * The DER bytes of the first PEM block of the given label (default
 * `CERTIFICATE`) in `pem`.
 * @throws Error when there is no such block.
 */
export function pemToDer(pem: string, label = "CERTIFICATE"): Buffer {
  const match = new RegExp(`-----BEGIN ${label}-----([A-Za-z0-9+/=\\s]+)-----END ${label}-----`).exec(pem);
  if (!match?.[1]) throw new Error(`no PEM ${label} block found`);
  return Buffer.from(match[1].replace(/\s+/g, ""), "base64");
}
