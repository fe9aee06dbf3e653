import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { Scenario } from './scenario.js';
import {
  bareSetting,
  DateTime,
  defaultText,
  MockSettings,
  refusal,
  SCENARIO_SETTINGS,
  ScenarioSettings,
  SETTING_ENTRIES,
  Settings,
  settingAt,
} from './settings.js';

const description = (schema: z.ZodType) => z.globalRegistry.get(schema)?.description;

function entry(name: string) {
  const found = settingAt(name.split('.'));
  if (!found) throw new Error(`no setting ${name}`);
  return found;
}

describe('the settings schema', () => {
  const entries = SETTING_ENTRIES;

  it('lists every setting once, each with a description, a refusal and, for serve, a flag of its own', () => {
    expect(entries.map(({ name }) => name)).toEqual([
      'host',
      'port',
      'seed',
      'startTime',
      'speed',
      'latency.syncMs',
      'latency.getMs',
      'latency.jitter',
      'publicUrl',
      'longPollTimeoutMs',
      'resultTtlMs',
      'errorHttpStatus',
      'scenario',
      'watch',
      'clock',
      'controlToken',
      'journalLimit',
      'selfCheck',
    ]);
    for (const { name, description, meta } of entries) {
      expect(description, name).toMatch(/^[a-z0-9].*[^.]$/);
      expect(meta.problem.length, name).toBeGreaterThan(5);
    }
    const flags = entries.flatMap(({ meta }) => (meta.flag ? [meta.flag.name] : []));
    expect(new Set(flags).size).toBe(flags.length);
    expect(flags).toHaveLength(entries.length - 2); // latency.jitter and selfCheck are given in code only
  });

  it("holds the defaults: the real service's feel", () => {
    expect(MockSettings.parse({})).toEqual({
      seed: 1,
      speed: 1,
      latency: { syncMs: 1500, getMs: 100, jitter: 0.3 },
      longPollTimeoutMs: 120_000,
      resultTtlMs: 86_400_000,
      clock: 'realtime',
      journalLimit: 1000,
      selfCheck: false,
    });
    expect(Settings.shape.port.parse(undefined)).toBe(4010);
    expect(defaultText(entry('startTime'))).toBe('now');
    expect(defaultText(entry('latency.jitter'))).toBe('0.3');
  });

  it('leaves the serve-only settings out of the options of a mock in code', () => {
    expect(Object.keys(MockSettings.shape)).not.toEqual(expect.arrayContaining(['host']));
    for (const key of ['host', 'port', 'scenario', 'watch']) expect(key in MockSettings.shape, key).toBe(false);
    expect(Object.keys(MockSettings.shape)).toHaveLength(Object.keys(Settings.shape).length - 4);
  });

  it('checks values as the options always did', () => {
    expect(MockSettings.safeParse({ seed: 1.5 }).success).toBe(false);
    expect(MockSettings.safeParse({ latency: { jitter: 1.5 } }).success).toBe(false);
    expect(MockSettings.safeParse({ errorHttpStatus: 500 }).success).toBe(false);
    expect(MockSettings.safeParse({ controlToken: '  ' }).success).toBe(false);
    expect(MockSettings.safeParse({ journalLimit: -1 }).success).toBe(false);
    expect(MockSettings.parse({ publicUrl: 'https://mock.example.test/some/path' }).publicUrl).toBe(
      'https://mock.example.test',
    );
    expect(MockSettings.parse({ startTime: new Date(5) }).startTime).toBe(5);
    expect(MockSettings.parse({ startTime: '2024-06-03T09:00:00Z' }).startTime).toBe(Date.UTC(2024, 5, 3, 9));
    expect(MockSettings.safeParse({ startTime: 'yesterday' }).success).toBe(false);
  });

  it('words a refusal with the value, unless the setting is a secret', () => {
    expect(refusal(entry('seed'), '1.5')).toBe('expected an integer, got 1.5');
    expect(refusal(entry('controlToken'), '" "')).toBe('expected a non-empty string (leave it out for no token)');
    expect(settingAt(['latency'])).toBeUndefined(); // a group is not a setting
  });
});

describe('ScenarioSettings: what a scenario file may set', () => {
  it('is the settings a scenario may carry, optional and without defaults (a file that leaves one out sets nothing)', () => {
    expect(Object.keys(ScenarioSettings.shape)).toEqual([...SCENARIO_SETTINGS]);
    expect(ScenarioSettings.parse({})).toEqual({});
    expect(ScenarioSettings.parse({ latency: { syncMs: 5 } })).toEqual({ latency: { syncMs: 5 } });
    for (const key of SCENARIO_SETTINGS) expect(Object.keys(Scenario.shape)).toContain(key);
  });

  it('describes each as a sentence with its default, from the same description', () => {
    expect(description(ScenarioSettings.shape.seed)).toBe(
      'Seed of generated threads, latency jitter and fault probabilities (default 1).',
    );
    expect(description(ScenarioSettings.shape.startTime)).toBe(
      'Start of the virtual clock, an ISO 8601 date-time (default: now).',
    );
    expect(description(ScenarioSettings.shape.latency)).toBe('Simulated latencies, before speed.');
    const latency = bareSetting(ScenarioSettings.shape.latency) as z.ZodObject;
    expect(description(latency.shape.jitter as z.ZodType)).toBe(
      'Uniform jitter as a fraction: 0.3 means ±30 % (default 0.3).',
    );
  });

  it('takes a start time as a file writes it (a DateTime), where code may also give a Date or epoch ms', () => {
    expect(bareSetting(ScenarioSettings.shape.startTime)).toBe(DateTime);
    expect(ScenarioSettings.safeParse({ startTime: 5 }).success).toBe(false);
    expect(ScenarioSettings.safeParse({ startTime: '2024-06-03T09:00:00Z' }).success).toBe(true);
    expect(ScenarioSettings.safeParse({ latency: { syncMs: 1, other: 2 } }).success).toBe(false); // strict
  });
});
