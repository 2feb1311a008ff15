import { AsnConvert, OctetString } from '@peculiar/asn1-schema';
import {
  AlgorithmIdentifier,
  AttributeTypeAndValue,
  AttributeValue,
  AuthorityKeyIdentifier,
  BasicConstraints,
  Certificate,
  Extension,
  Extensions,
  GeneralName,
  KeyIdentifier,
  KeyUsage,
  KeyUsageFlags,
  Name,
  RelativeDistinguishedName,
  SubjectAlternativeName,
  SubjectKeyIdentifier,
  SubjectPublicKeyInfo,
  TBSCertificate,
  Validity,
  Version,
  id_ce_authorityKeyIdentifier,
  id_ce_basicConstraints,
  id_ce_keyUsage,
  id_ce_subjectAltName,
  id_ce_subjectKeyIdentifier,
} from '@peculiar/asn1-x509';
import crypto, { KeyObject, X509Certificate } from 'node:crypto';

/**
 * Real X.509 certificates for the sandbox's cert-manager, signed synchronously with node:crypto
 * keys (the ASN.1 structures from `@peculiar/asn1-x509`, as RFC 5280 defines them). What a
 * certificate contains follows cert-manager's `pki.CertificateTemplateFromCertificate`: the
 * subject's common name, the DNS, IP and URI SANs, `digital signature, key encipherment` key usage
 * (plus `cert sign` and CA basic constraints for `isCA`), a random 128-bit serial, and subject and
 * authority key identifiers as Go's `x509.CreateCertificate` adds them.
 */

/** `spec.privateKey` of a Certificate (cert-manager's defaults: RSA 2048, PKCS1). */
export interface PrivateKeySpec {
  algorithm?: string;
  size?: number;
  encoding?: string;
}

/** What to put in a certificate. */
export interface CertificateTemplate {
  commonName?: string;
  dnsNames: string[];
  ipAddresses: string[];
  uris: string[];
  isCA: boolean;
  notBefore: Date;
  notAfter: Date;
  publicKey: KeyObject;
}

/** Who signs: a CA's key and certificate, or (self-signed) the certificate's own key. */
export interface Signer {
  key: KeyObject;
  certificate?: X509Certificate;
}

const OID_COMMON_NAME = '2.5.4.3';
const EC_SIGNATURES: Record<string, { oid: string; hash: string }> = {
  prime256v1: { oid: '1.2.840.10045.4.3.2', hash: 'sha256' },
  secp384r1: { oid: '1.2.840.10045.4.3.3', hash: 'sha384' },
  secp521r1: { oid: '1.2.840.10045.4.3.4', hash: 'sha512' },
};
const EC_CURVES: Record<number, string> = {
  256: 'P-256',
  384: 'P-384',
  521: 'P-521',
};

/**
 * A new private key as cert-manager's `pki.GeneratePrivateKeyForCertificate` makes it: RSA (size
 * default 2048), ECDSA (256, 384 or 521; default 256) or Ed25519. Throws for what cert-manager
 * refuses.
 */
export function generatePrivateKey(spec: PrivateKeySpec = {}): KeyObject {
  const algorithm = spec.algorithm ?? 'RSA';
  if (algorithm === 'RSA') {
    const size = spec.size || 2048;
    if (size < 2048 || size > 8192) {
      throw new Error(`RSA key size must be between 2048 and 8192`);
    }
    return crypto.generateKeyPairSync('rsa', { modulusLength: size })
      .privateKey;
  }
  if (algorithm === 'ECDSA') {
    const namedCurve = EC_CURVES[spec.size || 256];
    if (!namedCurve) {
      throw new Error(`unsupported ecdsa keysize specified: ${spec.size}`);
    }
    return crypto.generateKeyPairSync('ec', { namedCurve }).privateKey;
  }
  if (algorithm === 'Ed25519') {
    return crypto.generateKeyPairSync('ed25519').privateKey;
  }
  throw new Error(`unsupported private key algorithm specified: ${algorithm}`);
}

/** The key as cert-manager writes `tls.key`: PKCS1 (RSA) / SEC1 (ECDSA), or PKCS8. */
export function encodePrivateKey(key: KeyObject, encoding = 'PKCS1'): string {
  if (encoding === 'PKCS8' || key.asymmetricKeyType === 'ed25519') {
    return key.export({ type: 'pkcs8', format: 'pem' }).toString();
  }
  const type = key.asymmetricKeyType === 'rsa' ? 'pkcs1' : 'sec1';
  return key.export({ type, format: 'pem' }).toString();
}

function signatureAlgorithm(key: KeyObject): {
  identifier: AlgorithmIdentifier;
  hash: string | null;
} {
  if (key.asymmetricKeyType === 'rsa') {
    return {
      // sha256WithRSAEncryption, parameters NULL.
      identifier: new AlgorithmIdentifier({
        algorithm: '1.2.840.113549.1.1.11',
        parameters: null,
      }),
      hash: 'sha256',
    };
  }
  if (key.asymmetricKeyType === 'ec') {
    const curve = key.asymmetricKeyDetails?.namedCurve ?? 'prime256v1';
    const { oid, hash } = EC_SIGNATURES[curve] ?? EC_SIGNATURES.prime256v1;
    return { identifier: new AlgorithmIdentifier({ algorithm: oid }), hash };
  }
  return {
    identifier: new AlgorithmIdentifier({ algorithm: '1.3.101.112' }),
    hash: null,
  };
}

function commonNameOnly(commonName: string | undefined): Name {
  if (!commonName) return new Name([]);
  return new Name([
    new RelativeDistinguishedName([
      new AttributeTypeAndValue({
        type: OID_COMMON_NAME,
        value: new AttributeValue({ utf8String: commonName }),
      }),
    ]),
  ]);
}

function keyIdentifier(spki: SubjectPublicKeyInfo): ArrayBuffer {
  const digest = crypto
    .createHash('sha1')
    .update(Buffer.from(spki.subjectPublicKey))
    .digest();
  return new Uint8Array(digest).buffer;
}

const extension = (extnID: string, critical: boolean, value: unknown) =>
  new Extension({
    extnID,
    critical,
    extnValue: new OctetString(AsnConvert.serialize(value)),
  });

function keyUsage(isCA: boolean): KeyUsage {
  let flags = KeyUsageFlags.digitalSignature | KeyUsageFlags.keyEncipherment;
  if (isCA) flags |= KeyUsageFlags.keyCertSign;
  return new KeyUsage(flags);
}

function extensions(
  template: CertificateTemplate,
  spki: SubjectPublicKeyInfo,
  issuer: TBSCertificate | undefined,
): Extensions {
  const list = [extension(id_ce_keyUsage, true, keyUsage(template.isCA))];
  if (template.isCA) {
    list.push(
      extension(
        id_ce_basicConstraints,
        true,
        new BasicConstraints({ cA: true }),
      ),
    );
  }
  list.push(
    extension(
      id_ce_subjectKeyIdentifier,
      false,
      new SubjectKeyIdentifier(keyIdentifier(spki)),
    ),
  );
  if (issuer) {
    list.push(
      extension(
        id_ce_authorityKeyIdentifier,
        false,
        new AuthorityKeyIdentifier({
          keyIdentifier: new KeyIdentifier(
            keyIdentifier(issuer.subjectPublicKeyInfo),
          ),
        }),
      ),
    );
  }
  const names = [
    ...template.dnsNames.map(dNSName => new GeneralName({ dNSName })),
    ...template.ipAddresses.map(iPAddress => new GeneralName({ iPAddress })),
    ...template.uris.map(
      uniformResourceIdentifier =>
        new GeneralName({ uniformResourceIdentifier }),
    ),
  ];
  if (names.length > 0) {
    // RFC 5280 4.2.1.6: critical when the subject is empty.
    list.push(
      extension(
        id_ce_subjectAltName,
        !template.commonName,
        new SubjectAlternativeName(names),
      ),
    );
  }
  return new Extensions(list);
}

/** Signs `template` with `signer` and returns the certificate as PEM. */
export function signCertificate(
  template: CertificateTemplate,
  signer: Signer,
): string {
  const spki = AsnConvert.parse(
    template.publicKey.export({ type: 'spki', format: 'der' }),
    SubjectPublicKeyInfo,
  );
  const issuer = signer.certificate
    ? AsnConvert.parse(signer.certificate.raw, Certificate).tbsCertificate
    : undefined;
  const { identifier, hash } = signatureAlgorithm(signer.key);
  const serial = crypto.randomBytes(16);
  serial[0] &= 0x7f; // a positive INTEGER
  const tbsCertificate = new TBSCertificate({
    version: Version.v3,
    serialNumber: new Uint8Array(serial).buffer,
    signature: identifier,
    issuer: issuer?.subject ?? commonNameOnly(template.commonName),
    validity: new Validity({
      notBefore: template.notBefore,
      notAfter: template.notAfter,
    }),
    subject: commonNameOnly(template.commonName),
    subjectPublicKeyInfo: spki,
    extensions: extensions(template, spki, issuer),
  });
  const signature = crypto.sign(
    hash,
    Buffer.from(AsnConvert.serialize(tbsCertificate)),
    signer.key,
  );
  const certificate = new Certificate({
    tbsCertificate,
    signatureAlgorithm: identifier,
    signatureValue: new Uint8Array(signature).buffer,
  });
  return new X509Certificate(
    Buffer.from(AsnConvert.serialize(certificate)),
  ).toString();
}
