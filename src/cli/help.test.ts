import { describe, expect, it } from 'vitest';
import { SETTING_ENTRIES } from '../contracts/mock/settings.js';
import { helpText, serveOptionsHelp } from './help.js';

describe('--help', () => {
  const help = helpText();

  it('lists every flag of the settings schema under "Options of serve", in the schema’s order', () => {
    const serve = help.slice(help.indexOf('Options of serve'), help.indexOf('Options of verify'));
    const listed = [...serve.matchAll(/^ {2}(--[a-z-]+)/gm)].map((match) => match[1]);
    const flags = SETTING_ENTRIES.flatMap(({ meta }) => (meta.flag ? [meta.flag.name] : []));
    expect(listed).toEqual(flags);
    expect(serve).toContain(serveOptionsHelp());
  });

  it('gives each flag its unit and default as the flag is written, and its variable', () => {
    const lines = serveOptionsHelp().replace(/\n {28}/g, ' ');
    expect(lines).toMatch(/^ {2}--long-poll-timeout S +how long .*, in seconds \(default 120\)$/m);
    expect(lines).toMatch(/^ {2}--result-ttl S +.*, in seconds \(default 86400\)$/m);
    expect(lines).toMatch(/^ {2}--sync-latency MS +simulated ms per conversation synchronised \(default 1500\)$/m);
    expect(lines).toMatch(/^ {2}--start-time ISO +.* \(default: now\)$/m);
    expect(lines).toMatch(/^ {2}--control-token T +.*; or set LINKEDAPI_MOCK_CONTROL_TOKEN$/m);
    expect(lines).toMatch(/^ {2}--watch +with --scenario: /m);
  });

  it('keeps the serve options within 100 columns, each description at column 29', () => {
    for (const line of serveOptionsHelp().split('\n')) {
      expect(line.length, line).toBeLessThanOrEqual(100);
      expect(line.slice(0, 28), line).toMatch(/^ {2}(--\S+( \S+)? +| {26})$/);
      expect(line.charAt(28), line).not.toBe(' ');
    }
  });
});
