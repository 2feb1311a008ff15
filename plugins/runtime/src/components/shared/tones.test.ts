import {
  appHealthTone,
  healthTone,
  imageRisk,
  pipelineTone,
  severityTone,
  syncPhaseTone,
  syncTone,
} from './tones';

const scan = (critical: number, high: number, scanStatus = 'Success') => ({
  scanStatus,
  severity: critical ? 'Critical' : 'High',
  critical,
  high,
  medium: 0,
  low: 0,
  total: critical + high,
});

describe('tones', () => {
  it('marks the problem states as errors', () => {
    expect(healthTone('degraded')).toBe('error');
    expect(healthTone('unknown')).toBe('neutral');
    expect(syncTone('OutOfSync')).toBe('error');
    expect(syncTone('Synced')).toBe('ok');
    expect(appHealthTone('Degraded')).toBe('error');
    expect(appHealthTone('Progressing')).toBe('info');
    expect(syncPhaseTone('Failed')).toBe('error');
    expect(pipelineTone('failed')).toBe('error');
    expect(pipelineTone('running')).toBe('info');
    expect(pipelineTone('success')).toBe('ok');
    expect(severityTone('critical')).toBe('error');
    expect(severityTone('warning')).toBe('warning');
  });

  it('summarises image risk', () => {
    expect(imageRisk(scan(2, 5))).toEqual({
      label: '2 critical, 5 high',
      tone: 'error',
    });
    expect(imageRisk(scan(0, 3))).toEqual({ label: '3 high', tone: 'warning' });
    expect(imageRisk(scan(0, 0))).toEqual({
      label: 'No critical or high',
      tone: 'ok',
    });
    expect(imageRisk(scan(0, 0, 'Not Scanned')).tone).toBe('neutral');
    expect(imageRisk(undefined).label).toBe('Not scanned');
  });
});
