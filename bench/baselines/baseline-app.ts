/**
 * The two baselines the bot is measured against, built from the same installed @slack/bolt and
 * the same HTTPReceiver settings as src/slack/app.ts:
 * - B0 only acks `/career-path` and every action: the floor Bolt itself sets;
 * - B1 acks, then posts one small Block Kit message with chat.postMessage to the user's DM: the
 *   least any useful bot does. Like the bot, it opens that DM with conversations.open the first
 *   time it meets a user and keeps the D… id (the documented way to get one; posting to a user id
 *   is a shortcut of retired workspace apps, see src/slack/core/dm.ts).
 * Run: `node --import tsx bench/baselines/baseline-app.ts B0|B1` with SLACK_BOT_TOKEN,
 * SLACK_SIGNING_SECRET, SLACK_API_URL and PORT set.
 */
import { App, HTTPReceiver, LogLevel } from '@slack/bolt';
import { smallMessage } from './small-message.ts';

function env(name: string): string {
  const value = process.env[name];
  if (!value) throw new Error(`${name} is required`);
  return value;
}

async function main(): Promise<void> {
  const kind = process.argv[2];
  if (kind !== 'B0' && kind !== 'B1') throw new Error('usage: baseline-app.ts B0|B1');
  const receiver = new HTTPReceiver({
    signingSecret: env('SLACK_SIGNING_SECRET'),
    endpoints: '/slack/events',
    customRoutes: [
      {
        path: '/healthz',
        method: ['GET'],
        handler: (_req, res) => {
          res.writeHead(200, { 'content-type': 'application/json' });
          res.end('{"ok":true}');
        },
      },
    ],
    processBeforeResponse: false,
  });
  const app = new App({
    token: env('SLACK_BOT_TOKEN'),
    receiver,
    logLevel: LogLevel.WARN,
    clientOptions: { slackApiUrl: env('SLACK_API_URL') },
  });
  const dms = new Map<string, string>();
  const dmOf = async (client: App['client'], user: string): Promise<string> => {
    const known = dms.get(user);
    if (known) return known;
    const opened = await client.conversations.open({ users: user });
    const id = opened.channel?.id ?? user;
    dms.set(user, id);
    return id;
  };
  app.command('/career-path', async ({ ack, command, client }) => {
    await ack();
    if (kind === 'B1')
      await client.chat.postMessage({
        channel: await dmOf(client, command.user_id),
        ...smallMessage(1),
      });
  });
  app.action(/.*/, async ({ ack, body, action, client }) => {
    await ack();
    if (kind !== 'B1') return;
    const step = 'value' in action ? Number(action.value) || 1 : 1;
    await client.chat.postMessage({
      channel: await dmOf(client, body.user.id),
      ...smallMessage(step),
    });
  });
  await app.start(Number(env('PORT')));
  // Exit cleanly (not killed by the signal) so --cpu-prof can write its profile.
  process.on('SIGTERM', () => process.exit(0));
}

main().catch((error: unknown) => {
  process.stderr.write(`baseline failed: ${error instanceof Error ? error.message : error}\n`);
  process.exit(1);
});
