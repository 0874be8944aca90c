// What `npm start` runs: src/main.ts as one esbuild bundle in dist/, rebuilt when a file it was
// built from has changed, then run by plain Node.
//
// Why not `node --import tsx/esm src/main.ts`: tsx compiles in a loader thread and answers every
// import of every module through it; at start-up those round trips and per-file compiles were a
// quarter of the time to the first /healthz 200 (docs/performance.md, "Start-up"). A bundle is
// one file to compile. This file is plain JavaScript so that it needs no loader itself.
//
// The bundle keeps packages external (node_modules is read as usual) and splits at dynamic
// imports, so what main.ts loads lazily (the playground, the Redis store) is still loaded only
// when used. dist/ sits one folder below the repository root, as src/ does, which is what
// src/project-paths.ts relies on to find prompts/ and manifest.json from either.
import { createHash } from 'node:crypto';
import { mkdirSync, readdirSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

const ROOT = fileURLToPath(new URL('../', import.meta.url));
const DIST = join(ROOT, 'dist');
const STAMP = join(DIST, 'build.json');
const ENTRY = 'src/main.ts';
// Bump when the build options below change, so an old bundle is not taken for a fresh one.
const BUILD_FORMAT = 1;

function digest(path) {
  return createHash('sha256')
    .update(readFileSync(join(ROOT, path)))
    .digest('hex');
}

/**
 * Written beside its final name and renamed, so a second `npm start` building at the same moment
 * never reads half a file.
 */
function writeAtomically(path, contents) {
  const temp = `${path}.${process.pid}.tmp`;
  writeFileSync(temp, contents);
  renameSync(temp, path);
}

/** Whether dist/ holds a bundle built from exactly the files that are there now. */
function isFresh() {
  try {
    const stamp = JSON.parse(readFileSync(STAMP, 'utf8'));
    if (stamp.format !== BUILD_FORMAT || stamp.node !== process.versions.node) return false;
    return Object.entries(stamp.inputs).every(([path, hash]) => digest(path) === hash);
  } catch {
    return false;
  }
}

async function build() {
  const esbuild = await import('esbuild');
  const result = await esbuild.build({
    absWorkingDir: ROOT,
    entryPoints: { main: ENTRY },
    bundle: true,
    platform: 'node',
    format: 'esm',
    target: `node${process.versions.node.split('.')[0]}`,
    packages: 'external',
    splitting: true,
    outdir: DIST,
    outExtension: { '.js': '.mjs' },
    // Readable output and a map beside it: NODE_OPTIONS=--enable-source-maps for src/ lines.
    sourcemap: 'linked',
    metafile: true,
    write: false,
    logLevel: 'error',
  });
  // main.mjs (and its map) last, after the chunks it names.
  mkdirSync(DIST, { recursive: true });
  const entryLast = (file) => (file.path.startsWith(join(DIST, 'main.mjs')) ? 1 : 0);
  const files = [...result.outputFiles].sort((a, b) => entryLast(a) - entryLast(b));
  for (const file of files) writeAtomically(file.path, file.contents);
  // Chunks of earlier builds (their names carry a content hash, the lazy entries' too) are no
  // longer named by main.mjs. A concurrent builder's *.tmp files are left to it.
  const written = new Set(files.map((file) => file.path));
  for (const name of readdirSync(DIST)) {
    const path = join(DIST, name);
    if (path !== STAMP && !name.endsWith('.tmp') && !written.has(path))
      rmSync(path, { force: true });
  }
  const inputs = Object.fromEntries(
    Object.keys(result.metafile.inputs).map((path) => [path, digest(path)]),
  );
  writeAtomically(
    STAMP,
    JSON.stringify({ format: BUILD_FORMAT, node: process.versions.node, inputs }),
  );
}

/** The bundle when it is fresh or can be built; otherwise src/main.ts through tsx, as before. */
async function entry() {
  if (isFresh()) return join(DIST, 'main.mjs');
  try {
    await build();
    return join(DIST, 'main.mjs');
  } catch (error) {
    // A read-only checkout, say. Starting slower beats not starting.
    const reason = error instanceof Error ? error.message.split('\n')[0] : String(error);
    process.stderr.write(
      `career-path: no bundle in ${relative(process.cwd(), DIST) || DIST} (${reason}); running src/ through tsx\n`,
    );
    const { register } = await import('tsx/esm/api');
    register();
    return join(ROOT, ENTRY);
  }
}

// `npm run build`: only bring dist/ up to date (for an image whose files are read-only at run time).
if (process.argv.includes('--build')) {
  if (!isFresh()) await build();
} else {
  await import(pathToFileURL(await entry()).href);
}
