import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { dirname, join, normalize, relative } from 'node:path';
import { describe, expect, it } from 'vitest';
import { docPages, ROOT, readPage } from './blocks.js';

/** GitHub's anchor for a heading: lower case, punctuation dropped, spaces to hyphens, repeats numbered. */
function headingAnchors(markdown: string): Set<string> {
  const anchors = new Set<string>();
  let fenced = false;
  for (const line of markdown.split('\n')) {
    if (line.startsWith('```')) fenced = !fenced;
    const heading = fenced ? null : /^#{1,6} (.*)$/.exec(line);
    if (!heading) continue;
    const base = (heading[1] as string)
      .toLowerCase()
      .replace(/[^\p{L}\p{N} _-]/gu, '')
      .replace(/ /g, '-');
    let anchor = base;
    for (let n = 1; anchors.has(anchor); n++) anchor = `${base}-${n}`;
    anchors.add(anchor);
  }
  return anchors;
}

/** The links of a page outside code: `[text](target)`. The README's generated options table is left out. */
function links(page: string): { target: string; line: number }[] {
  const found: { target: string; line: number }[] = [];
  let fenced = false;
  let generated = false;
  readPage(page)
    .split('\n')
    .forEach((line, index) => {
      if (line.startsWith('```')) fenced = !fenced;
      // Generated from the settings schema (npm run generate), checked by its own staleness test.
      if (line.includes('<!-- options:begin -->')) generated = true;
      if (line.includes('<!-- options:end -->')) generated = false;
      if (fenced || generated) return;
      for (const match of line.replace(/`[^`]*`/g, '').matchAll(/\]\(([^)\s]+)\)/g)) {
        found.push({ target: match[1] as string, line: index + 1 });
      }
    });
  return found;
}

const pages = [...docPages(), 'docs/scenario-reference.md'];

describe('the links of the README and docs/', () => {
  it('lead to files and headings that exist', () => {
    const problems: string[] = [];
    let checked = 0;
    for (const page of pages) {
      for (const { target, line } of links(page)) {
        if (/^[a-z]+:/.test(target)) continue;
        checked++;
        const [path, anchor] = target.split('#') as [string, string | undefined];
        const file = path === '' ? page : normalize(join(dirname(page), path));
        if (!existsSync(join(ROOT, file))) {
          problems.push(`${page}:${line}: ${target}: no file ${file}`);
          continue;
        }
        if (anchor === undefined || statSync(join(ROOT, file)).isDirectory()) continue;
        if (!headingAnchors(readFileSync(join(ROOT, file), 'utf8')).has(anchor)) {
          problems.push(`${page}:${line}: ${target}: no heading #${anchor} in ${file}`);
        }
      }
    }
    expect(problems).toEqual([]);
    expect(checked).toBeGreaterThan(50);
  });

  it('reach every page of docs/ from the README, directly or through docs/README.md', () => {
    const reached = new Set(['README.md']);
    for (const page of ['README.md', 'docs/README.md']) {
      for (const { target } of links(page)) {
        reached.add(normalize(join(dirname(page), target.split('#')[0] as string)));
      }
    }
    const docs = readdirSync(join(ROOT, 'docs')).map((name) => `docs/${name}`);
    expect(docs.filter((page) => !reached.has(page))).toEqual([]);
  });
});

describe('citations of docs/behaviour.md', () => {
  const sections = new Set(
    [...readPage('docs/behaviour.md').matchAll(/^## (\d+)\. /gm)].map((match) => Number(match[1])),
  );

  it('are numbered sections 1, 2, 3, …', () => {
    expect([...sections]).toEqual([...sections].map((_, index) => index + 1));
    expect(sections.size).toBeGreaterThan(5);
  });

  it('in test/ and src/ each name a section that exists', () => {
    const cited: string[] = [];
    const problems: string[] = [];
    const visit = (dir: string) => {
      for (const entry of readdirSync(join(ROOT, dir), { withFileTypes: true })) {
        const path = join(dir, entry.name);
        if (entry.isDirectory()) {
          if (entry.name !== '.generated') visit(path);
        } else if (/\.(ts|mjs|js)$/.test(entry.name)) {
          const text = readFileSync(join(ROOT, path), 'utf8');
          for (const match of text.matchAll(/behaviour\.md §\s*(\d+)/g)) {
            const line = text.slice(0, match.index).split('\n').length;
            cited.push(`${relative(ROOT, join(ROOT, path))}:${line}`);
            if (!sections.has(Number(match[1]))) problems.push(`${path}:${line}: ${match[0]} does not exist`);
          }
        }
      }
    };
    visit('test');
    visit('src');
    expect(problems).toEqual([]);
    expect(cited.length, 'citations found').toBeGreaterThan(0);
  });
});
