import { labelSetFingerprint } from './fingerprint';
import { matchesAll, parseMatcher } from './matchers';

describe('Alertmanager matchers and fingerprints', () => {
  it('fingerprints a label set as Alertmanager 0.25 does', () => {
    // Observed from the real Alertmanager for {alertname="A", service="x"} and {alertname="B", service="y"}.
    expect(labelSetFingerprint({ service: 'x', alertname: 'A' })).toBe(
      '8760e5311ece6a7e',
    );
    expect(labelSetFingerprint({ alertname: 'B', service: 'y' })).toBe(
      '47b5e5153bbce5b8',
    );
  });

  it('parses quoted, unquoted, escaped and regex matchers', () => {
    expect(parseMatcher('service="a\\"b"')).toMatchObject({
      name: 'service',
      type: '=',
      value: 'a"b',
    });
    expect(parseMatcher(' service = x ')).toMatchObject({
      type: '=',
      value: 'x',
    });
    const regex = parseMatcher('service=~"x|y"');
    expect(matchesAll([regex], { service: 'y' })).toBe(true);
    expect(matchesAll([regex], { service: 'xy' })).toBe(false);
    expect(matchesAll([parseMatcher('team!=""')], { team: 'a' })).toBe(true);
    expect(matchesAll([parseMatcher('team=""')], {})).toBe(true);
  });

  it('refuses what Alertmanager refuses, with its messages', () => {
    expect(() => parseMatcher('bad matcher')).toThrow(
      'bad matcher format: bad matcher',
    );
    expect(() => parseMatcher('')).toThrow('bad matcher format: ');
    expect(() => parseMatcher('service="x')).toThrow(
      'matcher value contains unescaped double quote: "x',
    );
    expect(() => parseMatcher('a=~"("')).toThrow(/^error parsing regexp/);
  });
});
