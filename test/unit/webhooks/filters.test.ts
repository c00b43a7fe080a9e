import { describe, expect, it } from 'vitest';
import { matchesProperties, sampled } from '../../../gateway/src/webhooks/filters.js';
import { deliveryRule, normaliseConfig } from '../../../gateway/src/webhooks/webhook-config.js';
import { GatewayError } from '../../../gateway/src/contract/errors.js';

describe('property filters', () => {
  it('passes with no filters, and only when every filter matches', () => {
    const properties = { Environment: 'production', App: 'web' };
    expect(matchesProperties(properties, [])).toBe(true);
    expect(matchesProperties(properties, [{ key: 'Environment', value: 'production' }])).toBe(true);
    expect(matchesProperties(properties, [{ key: 'Environment', value: 'production' }, { key: 'App', value: 'web' }])).toBe(true);
    expect(matchesProperties(properties, [{ key: 'Environment', value: 'production' }, { key: 'App', value: 'ios' }])).toBe(false);
    expect(matchesProperties(properties, [{ key: 'Missing', value: '' }])).toBe(false);
  });

  it('matches keys case-insensitively and values exactly', () => {
    expect(matchesProperties({ environment: 'production' }, [{ key: 'Environment', value: 'production' }])).toBe(true);
    expect(matchesProperties({ Environment: 'Production' }, [{ key: 'environment', value: 'production' }])).toBe(false);
  });
});

describe('sample rate', () => {
  it('0 never passes, 100 always does, 50 passes half the rolls', () => {
    const rolls = [0, 0.25, 0.4999, 0.5, 0.75, 0.999999];
    expect(rolls.filter((roll) => sampled(0, roll))).toEqual([]);
    expect(rolls.filter((roll) => sampled(100, roll))).toEqual(rolls);
    expect(rolls.filter((roll) => sampled(50, roll))).toEqual([0, 0.25, 0.4999]);
  });
});

describe('webhook config', () => {
  const error = (run: () => unknown): GatewayError => {
    try {
      run();
    } catch (caught) {
      if (caught instanceof GatewayError) return caught;
      throw caught;
    }
    throw new Error('expected a 400');
  };

  it('refuses a bad sample rate or filter list with a 400 naming the field', () => {
    for (const sampleRate of [-1, 101, 'lots', null, true]) {
      const refused = error(() => normaliseConfig({ destination: 'https://x.example', config: { sampleRate } }));
      expect(refused.status).toBe(400);
      expect(refused.param).toBe('config.sampleRate');
    }
    for (const propertyFilters of ['env=prod', [{ key: 'a' }], [{ key: '', value: 'b' }], { a: 1 }]) {
      expect(error(() => normaliseConfig({ destination: 'https://x.example', config: { propertyFilters } })).param).toBe('config.propertyFilters');
    }
    expect(error(() => normaliseConfig({ destination: 'https://x.example', config: { includeData: 'yes' } })).param).toBe('config.includeData');
  });

  it('keeps the config as sent, with the top-level includeData in it', () => {
    const config = normaliseConfig({ destination: 'https://x.example', config: { sampleRate: 25, propertyFilters: [{ key: 'a', value: 'b' }], label: 'mine' }, includeData: false });
    expect(config).toEqual({ sampleRate: 25, propertyFilters: [{ key: 'a', value: 'b' }], label: 'mine', includeData: false });
  });

  it('reads the delivery rule: defaults 100% and includeData, the docs’ {key: value} filters too', () => {
    expect(deliveryRule('{}')).toEqual({ sampleRate: 100, propertyFilters: [], includeData: true });
    expect(deliveryRule('{"sampleRate":"30","propertyFilters":{"env":"prod"},"includeData":false}')).toEqual({
      sampleRate: 30,
      propertyFilters: [{ key: 'env', value: 'prod' }],
      includeData: false,
    });
    // An unusable stored value skips delivery, as Helicone's does.
    expect(deliveryRule('{"sampleRate":500}').sampleRate).toBeNull();
    expect(deliveryRule('not json').sampleRate).toBeNull();
  });
});
