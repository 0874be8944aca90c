import { CADENCES, parseTime } from '../../../engine/index.ts';
import { ACTION } from '../../../render/index.ts';
import { carriedValue } from '../../core/carried-values.ts';
import { teamOfEvent, type UserContext, userOf } from '../../core/interaction.ts';
import type { ActionArgs } from '../../core/listener-args.ts';
import type { Router } from '../../router.ts';
import type { Services } from '../../services.ts';

/** The App Home tab: published when opened, and its buttons and settings, each saved at once. */
export function register(router: Router, services: Services): void {
  const { home, exchange, checkins, forgetting } = services;

  router.event('app_home_opened', async ({ event, body, client }) => {
    if (event.tab !== 'home') return;
    await home.publish({ key: { teamId: teamOfEvent(body), userId: event.user }, client });
  });

  /** A Home click changes something, then the tab is published again to show it. */
  const onHome =
    (handle: (args: ActionArgs, user: UserContext) => Promise<void>) =>
    async (args: ActionArgs) => {
      await args.ack();
      const user = userOf(args.body, args.client);
      try {
        await handle(args, user);
      } finally {
        await home.publish(user);
      }
    };

  router.action(
    ACTION.homeRestart,
    onHome(async (_args, user) => {
      await exchange.postCurrent(user, { type: 'restart' });
    }),
  );
  router.action(
    ACTION.homeCadence,
    onHome(async (args, user) => {
      const picked = carriedValue(args.action);
      const cadence = CADENCES.find((c) => c === picked);
      if (cadence) await checkins.settings.configure(user, { cadence });
    }),
  );
  router.action(
    ACTION.homeWeekday,
    onHome(async (args, user) => {
      const weekday = Number(carriedValue(args.action));
      if (Number.isInteger(weekday) && weekday >= 0 && weekday <= 6)
        await checkins.settings.configure(user, { weekday });
    }),
  );
  router.action(
    ACTION.homeTime,
    onHome(async (args, user) => {
      const time = carriedValue(args.action);
      if (parseTime(time)) await checkins.settings.configure(user, { time });
    }),
  );
  router.action(
    ACTION.homeResumeCheckins,
    onHome(async (_args, user) => {
      await checkins.settings.resume(user);
    }),
  );
  router.action(
    ACTION.homeOpenBrief,
    onHome(async (args, user) => {
      await home.openBrief(user, carriedValue(args.action));
    }),
  );
  router.action(ACTION.homeForget, async (args) => {
    await args.ack();
    const user = userOf(args.body, args.client);
    await forgetting.forgetUser(user.key);
    await home.publish(user, { forgotten: true });
  });
}
