import { describe, expect, it } from 'vitest';
import { E1_ERRORS, E4_ERRORS } from '../../src/contracts/index.js';
import { readPage } from './blocks.js';

/** The rows of the table under `## Errors`: name → the status it starts with and the first `code` of its message. */
function errorTable(page: string): Map<string, { status: number; message: string }> {
  const text = readPage(page);
  const start = text.indexOf('\n## Errors\n');
  expect(start, `${page} has ## Errors`).toBeGreaterThan(-1);
  const next = text.indexOf('\n## ', start + 1);
  const section = text.slice(start, next < 0 ? undefined : next);
  const rows = new Map<string, { status: number; message: string }>();
  for (const line of section.split('\n').filter((l) => l.startsWith('| `'))) {
    const [name, status, message] = line.split(' | ').map((cell) => cell.replace(/^\| /, ''));
    rows.set((name as string).replaceAll('`', ''), {
      status: Number(/^\d+/.exec(status as string)?.[0]),
      message: /^`([^`]*)`/.exec(message as string)?.[1] ?? (message as string),
    });
  }
  return rows;
}

/** Placeholders as the catalogue writes them (`{details}`) or as the docs show them (`{url (st)}, …`) alike. */
const placeholders = (message: string) => message.replace(/\{[^}]*\}(, …)?/g, '{}');

describe('the error tables of the docs', () => {
  const e1 = errorTable('docs/e1.md');

  it('docs/e1.md lists every E1 error with its status and message', () => {
    expect([...e1.keys()].sort()).toEqual(Object.keys(E1_ERRORS).sort());
    for (const [name, { status, message }] of Object.entries(E1_ERRORS)) {
      expect(e1.get(name), name).toEqual({ status, message });
    }
  });

  it('docs/e4.md lists every E4 error with its status and message', () => {
    const e4 = errorTable('docs/e4.md');
    expect([...e4.keys()].sort()).toEqual(Object.keys(E4_ERRORS).sort());
    for (const [name, { status, message }] of Object.entries(E4_ERRORS)) {
      const shown = e4.get(name);
      const text = shown?.message === 'as in E1' ? e1.get(name)?.message : shown?.message;
      expect({ status: shown?.status, message: placeholders(text ?? '') }, name).toEqual({
        status,
        message: placeholders(message),
      });
    }
  });
});
