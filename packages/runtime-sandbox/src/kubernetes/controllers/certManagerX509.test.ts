import crypto, { X509Certificate } from 'node:crypto';
import {
  encodePrivateKey,
  generatePrivateKey,
  signCertificate,
} from './certManagerX509';

const notBefore = new Date('2026-01-01T00:00:00Z');
const notAfter = new Date('2026-04-01T00:00:00Z');

describe('certManagerX509', () => {
  const caKey = generatePrivateKey({ algorithm: 'ECDSA', size: 256 });
  const caPem = signCertificate(
    {
      commonName: 'runtime-ca',
      dnsNames: [],
      ipAddresses: [],
      uris: [],
      isCA: true,
      notBefore,
      notAfter,
      publicKey: crypto.createPublicKey(caKey),
    },
    { key: caKey },
  );
  const ca = new X509Certificate(caPem);

  it('makes a self-signed CA that node:crypto verifies', () => {
    expect(ca.ca).toBe(true);
    expect(ca.subject).toBe('CN=runtime-ca');
    expect(ca.issuer).toBe('CN=runtime-ca');
    expect(ca.verify(crypto.createPublicKey(caKey))).toBe(true);
    expect(new Date(ca.validFrom).toISOString()).toBe(notBefore.toISOString());
    expect(new Date(ca.validTo).toISOString()).toBe(notAfter.toISOString());
  });

  it.each([
    [{}, 'rsa', /^-----BEGIN RSA PRIVATE KEY-----/],
    [
      { algorithm: 'ECDSA', size: 384 },
      'ec',
      /^-----BEGIN EC PRIVATE KEY-----/,
    ],
    [{ algorithm: 'Ed25519' }, 'ed25519', /^-----BEGIN PRIVATE KEY-----/],
  ])('issues a leaf for a %j key, signed by the CA', (spec, type, pem) => {
    const key = generatePrivateKey(spec);
    expect(key.asymmetricKeyType).toBe(type);
    expect(encodePrivateKey(key)).toMatch(pem);
    const leaf = new X509Certificate(
      signCertificate(
        {
          dnsNames: ['shop.apps.dev.runtime.local'],
          ipAddresses: ['10.0.0.100'],
          uris: [],
          isCA: false,
          notBefore,
          notAfter,
          publicKey: crypto.createPublicKey(key),
        },
        { key: caKey, certificate: ca },
      ),
    );
    expect(leaf.ca).toBe(false);
    expect(leaf.issuer).toBe('CN=runtime-ca');
    expect(leaf.subjectAltName).toBe(
      'DNS:shop.apps.dev.runtime.local, IP Address:10.0.0.100',
    );
    expect(leaf.checkIssued(ca)).toBe(true);
    expect(leaf.verify(ca.publicKey)).toBe(true);
    expect(leaf.checkPrivateKey(key)).toBe(true);
    expect(leaf.checkHost('shop.apps.dev.runtime.local')).toBe(
      'shop.apps.dev.runtime.local',
    );
    expect(leaf.checkHost('other.apps.dev.runtime.local')).toBeUndefined();
  });

  it('refuses key sizes cert-manager refuses', () => {
    expect(() => generatePrivateKey({ size: 1024 })).toThrow(
      'RSA key size must be between 2048 and 8192',
    );
    expect(() => generatePrivateKey({ algorithm: 'ECDSA', size: 128 })).toThrow(
      'unsupported ecdsa keysize specified: 128',
    );
    expect(() => generatePrivateKey({ algorithm: 'DSA' })).toThrow(
      'unsupported private key algorithm specified: DSA',
    );
  });
});
