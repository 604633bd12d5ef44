// Every `docs/<file>.md#<section>` a source comment cites must resolve to a heading in this repository,
// and no comment may cite a design document that lives outside it (docs/architecture.md, top).
import { readdirSync, readFileSync, existsSync } from 'node:fs';
import { join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import GithubSlugger from 'github-slugger';

const ROOT = fileURLToPath(new URL('../../', import.meta.url));
const SOURCE_DIRS = ['main', 'shared', 'renderer', 'scripts', 'test', 'emulators', 'bin'];
const SOURCE_FILES = ['eslint.config.js', 'vite.config.ts'];
const SOURCE_EXTENSIONS = /\.(ts|tsx|mts|js|mjs|cjs)$/;
const CITATION = /docs\/([\w.-]+\.md)(?:#([\w-]+))?/g;

function sourceFiles(dir: string): string[] {
  return readdirSync(join(ROOT, dir), { withFileTypes: true, recursive: true })
    .filter((entry) => entry.isFile() && SOURCE_EXTENSIONS.test(entry.name))
    .map((entry) => relative(ROOT, join(entry.parentPath, entry.name)));
}

/** The anchors GitHub gives a Markdown file's headings (fenced code excluded). */
function headingAnchors(markdown: string): Set<string> {
  const slugger = new GithubSlugger();
  const anchors = new Set<string>();
  let inFence = false;
  for (const line of markdown.split('\n')) {
    if (line.startsWith('```')) inFence = !inFence;
    const heading = inFence ? undefined : /^#{1,6}\s+(.+?)\s*#*\s*$/.exec(line)?.[1];
    if (heading !== undefined) anchors.add(slugger.slug(heading.replace(/`/g, '')));
  }
  return anchors;
}

interface Citation {
  file: string;
  line: number;
  doc: string;
  anchor: string | undefined;
}

function citations(): Citation[] {
  const files = [...SOURCE_DIRS.filter((dir) => existsSync(join(ROOT, dir))).flatMap(sourceFiles), ...SOURCE_FILES];
  return files.flatMap((file) =>
    readFileSync(join(ROOT, file), 'utf8')
      .split('\n')
      .flatMap((text, index) => [...text.matchAll(CITATION)].map((m) => ({ file, line: index + 1, doc: m[1] ?? '', anchor: m[2] }))),
  );
}

const cited = citations();

it('finds the section citations in source comments (the check below is not vacuous)', () => {
  expect(cited.filter((c) => c.doc === 'architecture.md' && c.anchor).length).toBeGreaterThan(10);
  expect(cited.filter((c) => c.doc === 'mailjet-segment-contracts.md' && c.anchor).length).toBeGreaterThan(5);
});

it('resolves every cited docs/*.md#section to a heading of that document', () => {
  const anchorsByDoc = new Map<string, Set<string> | undefined>();
  const unresolved = cited.filter(({ doc, anchor }) => {
    if (!anchorsByDoc.has(doc)) {
      const path = join(ROOT, 'docs', doc);
      anchorsByDoc.set(doc, existsSync(path) ? headingAnchors(readFileSync(path, 'utf8')) : undefined);
    }
    const anchors = anchorsByDoc.get(doc);
    return anchors === undefined || (anchor !== undefined && !anchors.has(anchor));
  });
  expect(unresolved.map((c) => `${c.file}:${c.line} cites docs/${c.doc}${c.anchor ? `#${c.anchor}` : ''}`)).toEqual([]);
});

it('cites no design document outside the repository', () => {
  const outside = /\b(DESIGN|REFERENCE|STYLE)\.md\b/;
  const files = [...SOURCE_DIRS.filter((dir) => existsSync(join(ROOT, dir))).flatMap(sourceFiles), ...SOURCE_FILES];
  const hits = files.filter((file) => file !== 'test/docs/doc-anchors.test.ts' && outside.test(readFileSync(join(ROOT, file), 'utf8')));
  expect(hits).toEqual([]);
});

it('gives headings the anchors GitHub gives them, so a renamed heading breaks its citations', () => {
  const anchors = headingAnchors('# Title\n## Peers\' pitfalls\n```\n## not a heading\n```\n### `managecontact`\n## Title\n');
  expect([...anchors]).toEqual(['title', 'peers-pitfalls', 'managecontact', 'title-1']);
});
