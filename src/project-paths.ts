import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

/**
 * The repository root. This file sits one folder below it (src/), and so does the bundle that
 * `npm start` runs (dist/main.mjs, see src/start.mjs), where every module's import.meta.url is the
 * bundle's own: a path relative to the root holds both ways, one relative to a nested module
 * would not.
 */
export const PROJECT_ROOT = fileURLToPath(new URL('../', import.meta.url));

/** A path inside the repository, e.g. `projectPath('prompts')`. */
export function projectPath(...parts: string[]): string {
  return join(PROJECT_ROOT, ...parts);
}
