import { describe, expect, it } from 'vitest';
import { ConfigError, loadConfig } from '../src/config.ts';

describe('STATE_STORE_URL', () => {
  it('unset or blank keeps state in memory, exactly as before', () => {
    expect(loadConfig({}).store).toEqual({ maxUsers: 50_000, ttlMs: 30 * 86_400_000 });
    expect(loadConfig({ STATE_STORE_URL: '  ' }).store.url).toBeUndefined();
  });

  it('a redis:// or rediss:// URL switches to Redis', () => {
    expect(loadConfig({ STATE_STORE_URL: 'redis://localhost:6379/0' }).store.url).toBe(
      'redis://localhost:6379/0',
    );
    expect(loadConfig({ STATE_STORE_URL: 'rediss://:pw@cache.internal:6380' }).store.url).toBe(
      'rediss://:pw@cache.internal:6380',
    );
  });

  it('anything else stops startup with one line saying what is expected', () => {
    for (const bad of ['localhost:6379', 'http://localhost:6379', 'redis://', 'redis']) {
      try {
        loadConfig({ STATE_STORE_URL: bad, PORT: 'x' });
        expect.unreachable(bad);
      } catch (error) {
        expect(error).toBeInstanceOf(ConfigError);
        const problems = (error as ConfigError).problems;
        expect(problems).toHaveLength(2);
        expect(
          problems.filter((p) => p.startsWith('STATE_STORE_URL: must be a redis://')),
        ).toHaveLength(1);
      }
    }
  });
});
