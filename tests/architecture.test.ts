import { readdirSync, readFileSync, statSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';

/**
 * The layering ARCHITECTURE.md describes, held by measurement: what each folder may import, no
 * import cycles, no casts in listener code, small files. A hand-written import scan rather than
 * dependency-cruiser: the rules are a dozen lines, and the scan reads the same `import … from`
 * lines TypeScript does, and the lazy `import('…')` calls too (a test below checks there is no
 * require() it would miss).
 */
const ROOT = resolve(import.meta.dirname, '..');
const SRC = join(ROOT, 'src');

function filesUnder(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    return statSync(path).isDirectory() ? filesUnder(path) : [path];
  });
}

const sources = filesUnder(SRC).filter((f) => f.endsWith('.ts'));
const rel = (file: string) => relative(ROOT, file).replaceAll('\\', '/');

interface Import {
  from: string;
  /** A path under the repo for a relative import; the package name otherwise. */
  to: string;
  typeOnly: boolean;
}

const IMPORT = /^(?:import|export)\s+(type\s+)?(?:[^'";]*?\sfrom\s+)?'([^']+)';?/gm;
const LAZY_IMPORT = /\bimport\('([^']+)'\)/g;

function importsOf(file: string): Import[] {
  const text = readFileSync(file, 'utf8');
  const found = [
    ...[...text.matchAll(IMPORT)].map((m) => ({ spec: m[2] as string, typeOnly: Boolean(m[1]) })),
    ...[...text.matchAll(LAZY_IMPORT)].map((m) => ({ spec: m[1] as string, typeOnly: false })),
  ];
  return found.map(({ spec, typeOnly }) => {
    const to = spec.startsWith('.') ? rel(resolve(dirname(file), spec)) : packageOf(spec);
    return { from: rel(file), to, typeOnly };
  });
}

function packageOf(spec: string): string {
  if (spec.startsWith('node:')) return 'node:';
  const parts = spec.split('/');
  return spec.startsWith('@') ? `${parts[0]}/${parts[1]}` : (parts[0] as string);
}

const graph = new Map(sources.map((f) => [rel(f), importsOf(f)]));

/** Layers, bottom up. Each may import itself and the layers listed, plus these packages. */
const LAYERS: { layer: string; may: string[]; packages: string[] }[] = [
  { layer: 'src/engine/', may: [], packages: ['zod', 'croner'] },
  { layer: 'src/render/', may: ['src/engine/'], packages: ['@slack/types', 'zod'] },
  {
    layer: 'src/store/',
    may: ['src/engine/', 'src/logger.ts'],
    packages: ['lru-cache', 'ioredis', 'node:'],
  },
  {
    layer: 'src/scheduler/',
    may: ['src/engine/', 'src/store/', 'src/logger.ts'],
    packages: ['node:'],
  },
  {
    layer: 'src/slack/',
    may: ['src/engine/', 'src/render/', 'src/store/', 'src/scheduler/', 'src/logger.ts'],
    packages: ['@slack/bolt', '@slack/web-api', '@slack/types', 'zod', 'node:'],
  },
];

function layerOf(path: string) {
  return LAYERS.find((l) => path.startsWith(l.layer));
}

describe('architecture: layers import only downward', () => {
  for (const { layer, may, packages } of LAYERS) {
    it(`${layer} imports only ${[layer, ...may, ...packages].join(', ')}`, () => {
      const broken = [...graph.values()]
        .flat()
        .filter((i) => i.from.startsWith(layer))
        .filter((i) =>
          i.to.startsWith('src/')
            ? !i.to.startsWith(layer) && !may.some((m) => i.to.startsWith(m))
            : !packages.includes(i.to),
        )
        .map((i) => `${i.from} → ${i.to}`);
      expect(broken).toEqual([]);
    });
  }

  it('nothing below the playground imports it, and only main.ts imports config.ts', () => {
    const broken = [...graph.values()]
      .flat()
      .filter(
        (i) =>
          (i.to.startsWith('src/playground/') &&
            !i.from.startsWith('src/playground/') &&
            i.from !== 'src/main.ts') ||
          (i.to === 'src/config.ts' && i.from !== 'src/main.ts'),
      )
      .map((i) => `${i.from} → ${i.to}`);
    expect(broken).toEqual([]);
  });

  it('inside src/slack: core and transport know no feature; a feature registers only itself', () => {
    const broken = [...graph.values()]
      .flat()
      .filter((i) => i.from.startsWith('src/slack/'))
      .filter((i) => {
        const fromShared = /^src\/slack\/(core|transport)\//.test(i.from);
        const toFeatureLevel =
          i.to.startsWith('src/slack/features/') ||
          i.to === 'src/slack/services.ts' ||
          i.to === 'src/slack/router.ts' ||
          i.to === 'src/slack/app.ts';
        if (fromShared && toFeatureLevel) return true;
        // One feature may use another's service (Home opens the current brief through the
        // exchange), never its listeners.
        const feature = /^src\/slack\/features\/([^/]+)\//.exec(i.from)?.[1];
        const target = /^src\/slack\/features\/([^/]+)\/index\.ts$/.exec(i.to)?.[1];
        return feature !== undefined && target !== undefined && target !== feature;
      })
      .map((i) => `${i.from} → ${i.to}`);
    expect(broken).toEqual([]);
  });

  it('every layer folder the rules name exists, so a rename cannot empty a rule', () => {
    for (const { layer } of LAYERS) {
      expect(
        [...graph.keys()].some((f) => f.startsWith(layer)),
        layer,
      ).toBe(true);
    }
    expect(layerOf('src/slack/features/share/share-flow.ts')?.layer).toBe('src/slack/');
  });
});

describe('architecture: no import cycles', () => {
  it('the import graph of src/ (type-only imports included) has no cycle', () => {
    const cycles: string[] = [];
    const state = new Map<string, 'open' | 'done'>();
    const visit = (file: string, path: string[]) => {
      if (state.get(file) === 'done') return;
      if (state.get(file) === 'open') {
        cycles.push([...path.slice(path.indexOf(file)), file].join(' → '));
        return;
      }
      state.set(file, 'open');
      for (const i of graph.get(file) ?? []) {
        if (graph.has(i.to)) visit(i.to, [...path, file]);
      }
      state.set(file, 'done');
    };
    for (const file of graph.keys()) visit(file, []);
    expect(cycles).toEqual([]);
  });

  it('the scan sees every import: no require() in src/', () => {
    const required = sources.filter((f) => /\brequire\(/.test(readFileSync(f, 'utf8')));
    expect(required.map(rel)).toEqual([]);
  });
});

describe('architecture: listener code and file sizes', () => {
  it('listener code has no `as unknown as` casts and no user-facing sentences', () => {
    const listeners = sources.filter((f) => rel(f).startsWith('src/slack/features/'));
    const casts = listeners.filter((f) => readFileSync(f, 'utf8').includes('as unknown as'));
    expect(casts.map(rel)).toEqual([]);
    // A sentence in a string literal: a capital, words, and a full stop inside quotes.
    const sentence = /['"`][A-Z][a-z]+(?: [a-z'’]+){3,}[^'"`]*[.!?]['"`]/;
    const copy = listeners.filter((f) =>
      readFileSync(f, 'utf8')
        .split('\n')
        .some(
          (line) =>
            !line.trim().startsWith('//') && !line.trim().startsWith('*') && sentence.test(line),
        ),
    );
    expect(copy.map(rel)).toEqual([]);
  });

  it('the slash command is spelled once, in src/render/command.ts', () => {
    const spelled = sources.filter((f) => readFileSync(f, 'utf8').includes("'/career-path'"));
    expect(spelled.map(rel)).toEqual(['src/render/command.ts']);
  });

  it('no TypeScript source file in src/ is over 450 lines', () => {
    const long = sources
      .map((f) => ({ file: rel(f), lines: readFileSync(f, 'utf8').split('\n').length }))
      .filter((f) => f.lines > 450);
    expect(long).toEqual([]);
  });
});
