import { DEFAULT_CHECKIN } from '../../../engine/index.ts';
import {
  ACTION,
  CHECKIN_ANSWER_PATTERN,
  decodeCheckin,
  renderCheckinStatus,
  renderCheckinsOn,
} from '../../../render/index.ts';

import { carriedValue } from '../../core/carried-values.ts';
import { keyOfCommand, surfaceOf, userOf } from '../../core/interaction.ts';
import type { ActionArgs } from '../../core/listener-args.ts';
import { type ReplyRoute, replaceOf, tellOf } from '../../core/reply-route.ts';
import type { Router } from '../../router.ts';
import type { Services } from '../../services.ts';
import { registerTimeZoneChanges } from './time-zones.ts';

/** A click on a check-in message, answered in place: its route, or null if not on a message. */
function routeOf(args: ActionArgs): ReplyRoute | null {
  const where = surfaceOf(args.body);
  return where ? { where, tell: tellOf(args), replace: replaceOf(args) } : null;
}

/** Check-ins: the check-in message's buttons, the brief's opt-in, and `/career-path checkin`. */
export function register(router: Router, services: Services): void {
  const { deps, checkins, exchange } = services;
  const { settings, answers } = checkins;

  router.action(CHECKIN_ANSWER_PATTERN, async (args) => {
    await args.ack();
    const route = routeOf(args);
    const value = decodeCheckin(carriedValue(args.action));
    if (!route || !value?.question || !value.option) return;
    const picked = { slot: value.slot, question: value.question, option: value.option };
    await answers.answer(userOf(args.body, args.client), picked, route);
  });
  router.action(ACTION.checkinSkip, async (args) => {
    await args.ack();
    const route = routeOf(args);
    const value = decodeCheckin(carriedValue(args.action));
    if (route && value) await answers.skip(userOf(args.body, args.client), value.slot, route);
  });
  router.action(ACTION.checkinSnooze, async (args) => {
    await args.ack();
    const route = routeOf(args);
    const date = carriedValue(args.action);
    if (route) await answers.snooze(userOf(args.body, args.client), date, route);
  });
  router.action(ACTION.checkinStop, async (args) => {
    await args.ack();
    const route = routeOf(args);
    if (route) await settings.stop(userOf(args.body, args.client), route);
  });

  // From the brief: turn check-ins on with the defaults, or show how they are set.
  router.action(ACTION.checkinOptIn, async (args) => {
    await args.ack();
    const user = userOf(args.body, args.client);
    const prefs = await settings.prefs(user.key);
    const message =
      prefs && prefs.cadence !== 'off'
        ? renderCheckinStatus(prefs, deps.now())
        : // The cadence is named: configure keeps what is set, and that may be "off" (turned off
          // since the brief offered them), which would leave them off behind a "Done".
          renderCheckinsOn(
            await settings.configure(user, { cadence: DEFAULT_CHECKIN.cadence }),
            deps.now(),
          );
    await tellOf(args)(message);
    // The brief it came from is drawn again without the offer, now that check-ins are on.
    const route = routeOf(args);
    if (route && !(prefs && prefs.cadence !== 'off'))
      await exchange.clickOn(user, { type: 'show' }, route);
  });

  registerTimeZoneChanges(router, services);

  router.subcommand(['checkin'], async ({ ack, command, client, respond, sub }) => {
    await ack();
    const user = { key: keyOfCommand(command), client };
    const cadence = sub.name === 'checkin' ? sub.cadence : undefined;
    const message = !cadence
      ? renderCheckinStatus(await settings.prefs(user.key), deps.now())
      : cadence === 'off'
        ? renderCheckinStatus(await settings.configure(user, { cadence }), deps.now())
        : renderCheckinsOn(await settings.configure(user, { cadence }), deps.now());
    await respond({ response_type: 'ephemeral', ...message });
  });
}
