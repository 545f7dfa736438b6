/**
 * The layers of the code, bottom first: a file may import only from its own layer or a lower
 * one, and no two folders import each other (directly or through others). The table is the
 * map a contributor reads to know where a new file goes; a path missing from it fails here.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';

const ROOT = path.join(__dirname, '..');

/** Folders (or single files) and their layer; the longest matching entry wins. */
const LAYERS: Readonly<Record<string, number>> = {
  // 0: vocabularies (clouds, one file per resource kind), the Terraform JSON contracts, and leaf helpers that know nothing of a config.
  'lib/access': 0,
  'lib/kinds': 0,
  'lib/catalogs': 0,
  'lib/monitoring': 0,
  'lib/terraform': 0,
  'lib/project-root.ts': 0,
  'lib/token-release.ts': 0,
  'lib/token-stack-traces.ts': 0,
  // 1: the spec, what a config means (types, schema, names), and nothing that reads one.
  'lib/spec': 1,
  // 2: what every cloud shares: trusts, construct helpers, the safety of addresses.
  'lib/sources': 2,
  'lib/constructs': 2,
  'lib/safety': 2,
  // 3: the clouds.
  'lib/aws': 3,
  'lib/gcp': 3,
  'lib/azure': 3,
  // 4: what a deploy gives its user, from the clouds' identities: stack outputs, and the wiring made from them.
  'lib/outputs': 4,
  'lib/wiring': 4,
  // 4-6: guardrails over synthesized stacks: their vocabulary, the rules, running them.
  'lib/guardrails': 4,
  'lib/guardrails/rules': 5,
  'lib/guardrails/run': 6,
  // 6: reading a config file (loading, validation, limits, which need the clouds' and the rules' facts).
  'lib/config': 6,
  // 7: the synth pipeline.
  stacks: 7,
  'main.ts': 7,
  // 8: the review of a change, which synthesizes both sides.
  'lib/review': 8,
};

function sourceFiles(dir: string): string[] {
  return fs.readdirSync(path.join(ROOT, dir), { withFileTypes: true }).flatMap((e) => {
    const rel = path.posix.join(dir, e.name);
    if (e.isDirectory()) return sourceFiles(rel);
    return e.name.endsWith('.ts') ? [rel] : [];
  });
}

function layerOf(file: string): number | undefined {
  const match = Object.keys(LAYERS)
    .filter((p) => file === p || file.startsWith(`${p}/`))
    .sort((a, b) => b.length - a.length)[0];
  return match === undefined ? undefined : LAYERS[match];
}

/** Relative imports of a file, as project paths with `.ts`. */
function importsOf(file: string): string[] {
  const text = fs.readFileSync(path.join(ROOT, file), 'utf8');
  return [...text.matchAll(/(?:from|import)\s*\(?\s*'(\.{1,2}\/[^']+)'/g)].map((m) => {
    const target = path.posix.normalize(path.posix.join(path.posix.dirname(file), m[1]));
    return fs.existsSync(path.join(ROOT, `${target}.ts`)) ? `${target}.ts` : target;
  });
}

const files = [...sourceFiles('lib'), ...sourceFiles('stacks'), 'main.ts'];

describe('layers', () => {
  it('place every source file', () => {
    expect(files.filter((f) => layerOf(f) === undefined)).toEqual([]);
  });

  it('import only downwards or sideways', () => {
    const upward = files.flatMap((f) =>
      importsOf(f)
        .filter((t) => t.endsWith('.ts') && (layerOf(t) ?? -1) > (layerOf(f) ?? -1))
        .map((t) => `${f} (layer ${layerOf(f)}) imports ${t} (layer ${layerOf(t)})`),
    );
    expect(upward).toEqual([]);
  });

  it('have no import cycle between folders', () => {
    const edges = new Map<string, Set<string>>();
    for (const f of files) {
      for (const t of importsOf(f)) {
        const [from, to] = [path.posix.dirname(f), path.posix.dirname(t)];
        if (from !== to && t.endsWith('.ts')) edges.set(from, new Set([...(edges.get(from) ?? []), to]));
      }
    }
    const reaches = (a: string, b: string, seen = new Set<string>()): boolean =>
      [...(edges.get(a) ?? [])].some((n) => n === b || (!seen.has(n) && seen.add(n) && reaches(n, b, seen)));
    const cycles = [...edges].flatMap(([a, tos]) => [...tos].filter((b) => reaches(b, a)).map((b) => `${a} -> ${b} -> ... -> ${a}`));
    expect(cycles).toEqual([]);
  });

  it('see the files it checks (the import reader is not blind)', () => {
    // A reader that matched nothing would pass every check above.
    expect(importsOf('stacks/app.ts').length).toBeGreaterThan(2);
    expect(importsOf('lib/config/load.ts')).toContain('lib/spec/types.ts');
  });
});
