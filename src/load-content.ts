import { readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { parseDocument } from 'yaml';
import { type Content, ContentError, type ContentProblem, parseContent } from './engine/index.ts';
import { projectPath } from './project-paths.ts';

export const PROMPTS_DIR = projectPath('prompts');

function readYaml(
  dir: string,
  name: string,
  problems: ContentProblem[],
): { file: string; data: unknown } {
  const path = join(dir, name);
  const file = relative(process.cwd(), path) || name;
  let source: string;
  try {
    source = readFileSync(path, 'utf8');
  } catch (error) {
    problems.push({
      file,
      path: '',
      message: `cannot be read (${(error as NodeJS.ErrnoException).code ?? 'error'})`,
    });
    return { file, data: undefined };
  }
  const doc = parseDocument(source, { prettyErrors: true });
  for (const error of doc.errors) {
    const line = error.linePos?.[0];
    problems.push({
      file,
      path: line ? `line ${line.line}:${line.col}` : '',
      message: error.message.split('\n')[0] ?? 'invalid YAML',
    });
  }
  return { file, data: doc.errors.length > 0 ? undefined : doc.toJS() };
}

/** Reads and validates `prompts/`; throws a ContentError naming each file, path and problem. */
export function loadContent(dir = PROMPTS_DIR): Content {
  const problems: ContentProblem[] = [];
  const exchange = readYaml(dir, 'exchange.yaml', problems);
  const summary = readYaml(dir, 'summary.yaml', problems);
  const checkin = readYaml(dir, 'checkin.yaml', problems);
  if (problems.length > 0) throw new ContentError(problems);
  return parseContent({ exchange, summary, checkin });
}
