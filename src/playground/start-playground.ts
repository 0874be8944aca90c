import type { SlackDeps } from '../slack/deps.ts';

export interface PlaygroundHandle {
  url: string;
  stop(): Promise<void>;
}

/** Until the local playground lands: say how to connect a real workspace. */
export async function startPlayground(_options: {
  port: number;
  deps: SlackDeps;
}): Promise<PlaygroundHandle> {
  process.stdout.write(
    [
      'career-path needs Slack credentials to talk to a workspace.',
      '  1. Create a Slack app from manifest.json (https://api.slack.com/apps → Create New App → From a manifest).',
      '  2. Install it, then copy .env.example to .env and fill in SLACK_BOT_TOKEN and either',
      '     SLACK_APP_TOKEN (Socket Mode, easiest) or SLACK_SIGNING_SECRET (HTTP mode).',
      '  3. npm start',
      '',
    ].join('\n'),
  );
  return { url: '', stop: async () => {} };
}
