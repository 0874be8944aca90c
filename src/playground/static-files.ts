import { readdirSync, readFileSync } from 'node:fs';
import { extname, join } from 'node:path';
import { projectPath } from '../project-paths.ts';

export interface StaticFile {
  body: Buffer;
  type: string;
}

const TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.ico': 'image/x-icon',
};

export const PAGE_DIR = projectPath('src', 'playground', 'page');

/**
 * The page's files, read once at start. Serving from a fixed map (not the file system per request)
 * means no path can reach anything outside the folder.
 */
export function loadStaticFiles(dir = PAGE_DIR): Map<string, StaticFile> {
  const files = new Map<string, StaticFile>();
  for (const name of readdirSync(dir)) {
    const type = TYPES[extname(name)];
    if (type) files.set(name, { body: readFileSync(join(dir, name)), type });
  }
  return files;
}
