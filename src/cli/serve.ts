import { parseArgs } from 'node:util';
import { z } from 'zod';
import { refusal, SETTING_ENTRIES, type SettingEntry, type SettingFlag, Settings } from '../contracts/mock/settings.js';
import type { ListenOptions } from '../server/listen.js';
import { usageError } from './usage.js';

/*
 * `linkedapi-mock serve`: its flags are the settings schema's (each setting's `flag`), checked by the setting's
 * own schema, so a flag takes exactly what a scenario file or an option in code takes (in the flag's unit).
 */

type Flagged = SettingEntry & { meta: { flag: SettingFlag } };
const flagged = (): Flagged[] => SETTING_ENTRIES.filter((entry): entry is Flagged => entry.meta.flag !== undefined);

const isSwitch = (entry: SettingEntry) => entry.schema instanceof z.ZodBoolean;
const isNumber = (entry: SettingEntry) =>
  entry.schema instanceof z.ZodNumber ||
  (entry.schema instanceof z.ZodLiteral && typeof (entry.schema as z.ZodLiteral).value === 'number');

/** A flag's text as the setting's value (a number in the setting's unit), or a usage error naming the flag. */
function flagValue(entry: Flagged, text: string): unknown {
  const { flag } = entry.meta;
  const refused = () => usageError(`${flag.name}: ${refusal(entry, JSON.stringify(text), flag.problem)}`);
  if (flag.pattern !== undefined && !new RegExp(flag.pattern).test(text)) throw refused();
  const value = !isNumber(entry) ? text : text.trim() === '' ? Number.NaN : Number(text) * (flag.scale ?? 1);
  if (!entry.schema.safeParse(value).success) throw refused();
  return value;
}

/** Sets `value` at `path` of `target`, making the objects on the way. */
function setAt(target: Record<string, unknown>, path: readonly string[], value: unknown): void {
  const [key, ...rest] = path as [string, ...string[]];
  if (rest.length === 0) {
    target[key] = value;
    return;
  }
  target[key] ??= {};
  setAt(target[key] as Record<string, unknown>, rest, value);
}

/** The settings given on the command line (with their environment variables), checked; absent ones left out. */
function settingsFromFlags(args: string[]): z.input<typeof Settings> {
  const entries = flagged();
  const { values, positionals } = parseArgs({
    args,
    strict: true,
    allowPositionals: true,
    options: Object.fromEntries(
      entries.map((entry) => [entry.meta.flag.name.slice(2), { type: isSwitch(entry) ? 'boolean' : 'string' }]),
    ) as Record<string, { type: 'boolean' | 'string' }>,
  });
  if (values.watch && values.scenario === undefined) throw usageError('--watch needs --scenario FILE');
  if (positionals.length > 0)
    throw usageError(`serve takes no arguments, got ${JSON.stringify(positionals.join(' '))}`);
  const settings: Record<string, unknown> = {};
  for (const entry of entries) {
    const { name, env } = entry.meta.flag;
    const raw = values[name.slice(2)] ?? (env === undefined ? undefined : process.env[env]);
    if (raw === undefined) continue;
    setAt(settings, entry.path, typeof raw === 'boolean' ? raw : flagValue(entry, raw));
  }
  return settings as z.input<typeof Settings>;
}

/**
 * The options `serve` starts the mock with: the scenario file's settings, the flags over them, and the defaults
 * of `host` and `port`; with `--watch`, the file to watch.
 *
 * @example
 * await serveOptions(['--port', '0', '--scenario', 'fixtures/slow-sync.yaml']);
 */
export async function serveOptions(args: string[]): Promise<{ options: ListenOptions; watchFile?: string }> {
  const { host, port, scenario: file, watch, ...mock } = settingsFromFlags(args);
  const scenario = file === undefined ? undefined : (await import('../scenarios/load.js')).loadScenarioFile(file);
  const options: ListenOptions = {
    ...mock,
    ...(scenario !== undefined && { scenario }),
    host: host ?? Settings.shape.host.parse(undefined),
    port: port ?? Settings.shape.port.parse(undefined),
  };
  return watch ? { options, watchFile: file } : { options };
}
