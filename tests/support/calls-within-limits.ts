import type { ApiCall } from '../../src/playground/emulator/index.ts';
import { blockKitProblems } from './block-kit-limits.ts';

const MESSAGE_METHODS = new Set(['chat.postMessage', 'chat.update', 'chat.postEphemeral']);
const VIEW_METHODS = new Set(['views.open', 'views.update', 'views.push', 'views.publish']);

/** Every Block Kit limit the bot's Web API calls (and response_url posts) broke, by call. */
export function blockKitProblemsInCalls(calls: readonly ApiCall[]): string[] {
  return calls.flatMap((call) => {
    const { args } = call;
    let problems: string[] = [];
    // A text-only message (no blocks) is valid Slack; the checker wants an array to walk.
    if (MESSAGE_METHODS.has(call.method)) {
      problems = blockKitProblems({ text: args.text, blocks: args.blocks ?? [] });
    } else if (VIEW_METHODS.has(call.method)) {
      problems = blockKitProblems(args.view);
    } else if (call.method === 'response_url' && args.delete_original === undefined) {
      problems = blockKitProblems({ text: args.text, blocks: args.blocks ?? [] });
    }
    return problems.map((p) => `${call.method}#${call.seq}: ${p}`);
  });
}
