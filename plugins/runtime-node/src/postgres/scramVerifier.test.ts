import { createHash, createHmac } from 'node:crypto';
import {
  SCRAM_ITERATIONS,
  scramSha256Verifier,
  scramVerifierMatches,
} from './scramVerifier';

describe('scramSha256Verifier', () => {
  it('makes the keys of RFC 7677 section 3 example (user "user", password "pencil")', () => {
    const verifier = scramSha256Verifier('pencil', {
      salt: Buffer.from('W22ZaJ0SNY7soEsUEjb6gQ==', 'base64'),
      iterations: 4096,
    });
    const [, params, keys] = verifier.split('$');
    expect(params).toBe('4096:W22ZaJ0SNY7soEsUEjb6gQ==');
    const [storedKey, serverKey] = keys
      .split(':')
      .map(k => Buffer.from(k, 'base64'));
    // The exchange of the RFC's example: its proof and server signature follow from these keys.
    const authMessage =
      'n=user,r=rOprNGfwEbeRWgbNEkqO,' +
      'r=rOprNGfwEbeRWgbNEkqO%hvYDpWUa2RaTCAfuxFIlj)hNlF$k0,s=W22ZaJ0SNY7soEsUEjb6gQ==,i=4096,' +
      'c=biws,r=rOprNGfwEbeRWgbNEkqO%hvYDpWUa2RaTCAfuxFIlj)hNlF$k0';
    expect(
      createHmac('sha256', serverKey).update(authMessage).digest('base64'),
    ).toBe('6rriTRBi23WpRR/wtup+mMhUZUn/dB5nLTJRsjl95G4=');
    const clientSignature = createHmac('sha256', storedKey)
      .update(authMessage)
      .digest();
    const proof = Buffer.from(
      'dHzbZapWIk4jUhN+Ute9ytag9zjfMHgsqmmiz7AndVQ=',
      'base64',
    );
    const clientKey = Buffer.from(proof.map((b, i) => b ^ clientSignature[i]));
    expect(createHash('sha256').update(clientKey).digest()).toEqual(storedKey);
  });

  it('has libpq format, 4096 iterations and a fresh 16-byte salt each time', () => {
    const a = scramSha256Verifier('same-password');
    const b = scramSha256Verifier('same-password');
    expect(a).toMatch(
      /^SCRAM-SHA-256\$4096:[A-Za-z0-9+/]{22}==\$[A-Za-z0-9+/]{43}=:[A-Za-z0-9+/]{43}=$/,
    );
    expect(SCRAM_ITERATIONS).toBe(4096);
    expect(a).not.toBe(b);
    expect(scramVerifierMatches('same-password', a)).toBe(true);
    expect(scramVerifierMatches('other-password', a)).toBe(false);
    expect(scramVerifierMatches('same-password', 'md5abc')).toBe(false);
  });

  it('refuses passwords SASLprep could change (not printable ASCII) and empty ones', () => {
    expect(() => scramSha256Verifier('')).toThrow(/printable ASCII/);
    expect(() => scramSha256Verifier('pässword')).toThrow(/printable ASCII/);
    expect(() => scramSha256Verifier('tab\there')).toThrow(/printable ASCII/);
  });
});
