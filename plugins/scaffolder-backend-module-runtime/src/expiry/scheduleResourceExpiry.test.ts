import { mockServices } from '@backstage/backend-test-utils';
import { ConfigReader } from '@backstage/config';
import { readRuntimeExpiryConfig } from './expiryConfig';
import { scheduleResourceExpiry } from './scheduleResourceExpiry';

describe('scheduleResourceExpiry', () => {
  it('schedules runtime-resource-expiry once across replicas at the configured frequency', async () => {
    const scheduler = mockServices.scheduler.mock();
    const run = jest.fn(async () => undefined);
    const config = readRuntimeExpiryConfig(
      new ConfigReader({
        runtime: { expiry: { frequency: { minutes: 5 }, notifyDaysBefore: 1 } },
      }),
    );
    expect(config).toEqual({ frequency: { minutes: 5 }, notifyDaysBefore: 1 });
    await scheduleResourceExpiry(scheduler, config, run);
    expect(scheduler.scheduleTask).toHaveBeenCalledWith(
      expect.objectContaining({
        id: 'runtime-resource-expiry',
        scope: 'global',
        frequency: { minutes: 5 },
      }),
    );
    const { fn } = scheduler.scheduleTask.mock.calls[0][0];
    const signal = new AbortController().signal;
    await fn(signal);
    expect(run).toHaveBeenCalledWith(signal);
  });
});

describe('readRuntimeExpiryConfig', () => {
  it('defaults to every 10 minutes and 3 days', () => {
    expect(readRuntimeExpiryConfig(new ConfigReader({}))).toEqual({
      frequency: { minutes: 10 },
      notifyDaysBefore: 3,
    });
  });

  it('refuses a negative notice period, naming the key', () => {
    expect(() =>
      readRuntimeExpiryConfig(
        new ConfigReader({ runtime: { expiry: { notifyDaysBefore: -1 } } }),
      ),
    ).toThrow("Invalid config at 'runtime.expiry.notifyDaysBefore'");
  });
});
