import { existsSync, mkdirSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

/*
 * The fenced code blocks of the documentation, for the tests that run or check each of them. A block may carry a
 * marker, an HTML comment on the line before it (blank lines between are fine):
 *   <!-- check: NAME -->          checked by the check NAME (test/docs/checks.ts, or test/docs/readme.test.ts)
 *   <!-- not-run: REASON -->      neither run nor checked, and why (keep these rare)
 *   <!-- typecheck-only: REASON -->  a ts block that is typechecked but not run, and why
 * `<!-- section-check: NAME -->` applies `check: NAME` to every block from there to the next heading.
 */

export const ROOT = join(dirname(fileURLToPath(import.meta.url)), '../..');

/** The pages whose blocks are run or checked: the README, docs/ (but the generated reference), bench/, the changelog. */
export function docPages(): string[] {
  const docs = readdirSync(join(ROOT, 'docs'))
    .filter((name) => name.endsWith('.md') && name !== 'scenario-reference.md')
    .sort()
    .map((name) => `docs/${name}`);
  return ['README.md', ...docs, 'bench/README.md', 'CHANGELOG.md'].filter((page) => existsSync(join(ROOT, page)));
}

export function readPage(page: string): string {
  return readFileSync(join(ROOT, page), 'utf8');
}

export type MarkerKind = 'check' | 'not-run' | 'typecheck-only';

export interface DocBlock {
  page: string;
  /** 1-based line of the opening fence. */
  line: number;
  /** The fence's language: `ts`, `sh`, `json`, `yaml`, `text`, or `''`. */
  lang: string;
  text: string;
  /** The nearest heading above the block. */
  heading: string;
  marker?: { kind: MarkerKind; value: string };
}

const MARKER = /^<!--\s*(check|not-run|typecheck-only|section-check):\s*(.*?)\s*-->$/;

/** Every fenced block of a page, in order. */
export function pageBlocks(page: string): DocBlock[] {
  const lines = readPage(page).split('\n');
  const blocks: DocBlock[] = [];
  let heading = '';
  let section: string | undefined;
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i] as string;
    if (/^#{1,6} /.test(line)) {
      heading = line.replace(/^#+ /, '');
      section = undefined;
      continue;
    }
    const sectionMarker = MARKER.exec(line.trim());
    if (sectionMarker?.[1] === 'section-check') section = sectionMarker[2];
    const fence = /^```(\S*)\s*$/.exec(line);
    if (!fence) continue;
    const end = lines.indexOf('```', i + 1);
    if (end < 0) throw new Error(`${page}:${i + 1}: a fence that is never closed`);
    let before = i - 1;
    while (before >= 0 && (lines[before] as string).trim() === '') before--;
    const own = before >= 0 ? MARKER.exec((lines[before] as string).trim()) : null;
    const marker =
      own && own[1] !== 'section-check'
        ? { kind: own[1] as MarkerKind, value: own[2] as string }
        : section !== undefined
          ? { kind: 'check' as const, value: section }
          : undefined;
    blocks.push({ page, line: i + 1, lang: fence[1] ?? '', text: lines.slice(i + 1, end).join('\n'), heading, marker });
    i = end;
  }
  return blocks;
}

export function allBlocks(): DocBlock[] {
  return docPages().flatMap(pageBlocks);
}

/** The blocks marked `check: name` (directly or by their section), in page order. */
export function blocksChecked(name: string): DocBlock[] {
  return allBlocks().filter((block) => block.marker?.kind === 'check' && block.marker.value === name);
}

export const where = (block: DocBlock) => `${block.page}:${block.line}`;

/** The block's imports of `linkedapi-mock` and its subpaths pointed at the source, so it runs as the docs show it. */
export function pointedAtSource(text: string): string {
  return text.replace(/from '(linkedapi-mock)(\/[a-z]+)?'/g, (_, _name: string, subpath: string | undefined) => {
    const target = subpath === undefined ? 'src/index.ts' : `src${subpath}/index.ts`;
    if (!existsSync(join(ROOT, target)))
      throw new Error(`no ${target} for the import of linkedapi-mock${subpath ?? ''}`);
    return `from '${join(ROOT, target.replace(/\.ts$/, '.js'))}'`;
  });
}

/** A fresh scratch folder under test/.generated (ignored by git), emptied first. */
export function scratchDir(name: string): string {
  const dir = join(ROOT, 'test/.generated', name);
  rmSync(dir, { recursive: true, force: true });
  mkdirSync(dir, { recursive: true });
  return dir;
}

/** A file name for a block: `docs-testing-md-12.ts`. */
export function blockFileName(block: DocBlock, extension: string): string {
  return `${block.page.replace(/[^A-Za-z0-9]+/g, '-').toLowerCase()}-${block.line}.${extension}`;
}

/** Writes a ts block (pointed at the source, `extra` appended) into `dir`; returns its path. */
export function writeSample(dir: string, block: DocBlock, extra = ''): string {
  const file = join(dir, blockFileName(block, 'ts'));
  writeFileSync(file, `${pointedAtSource(block.text)}\n${extra}${extra ? '\n' : ''}`);
  return file;
}
