import type { BlockElementAction } from '@slack/bolt';
import { CADENCES, type Cadence, parseTime } from '../../engine/index.ts';
import { ACTION } from '../../render/action-ids.ts';
import { renderCheckinStatus, renderCheckinsOn } from '../../render/checkin.ts';
import { CHECKIN_ANSWER_PATTERN, decodeCheckin } from '../../render/checkin-ids.ts';
import type { Surface } from '../../store/index.ts';
import type { CheckinService } from '../checkin-service.ts';
import type { SlackDeps } from '../deps.ts';
import type { ExchangeService, UserContext } from '../exchange-service.ts';
import { type ActionArgs, replaceOf, surfaceOf, tellOf, userOfAction } from '../interaction.ts';
import type { ListenerRegistry } from '../listener-router.ts';

/** The string a button, select, datepicker or timepicker carried; '' when none. */
function carriedValue(action: BlockElementAction): string {
  switch (action.type) {
    case 'button':
      return action.value ?? '';
    case 'static_select':
      return action.selected_option?.value ?? '';
    case 'datepicker':
      return action.selected_date ?? '';
    case 'timepicker':
      return action.selected_time ?? '';
    default:
      return '';
  }
}

/** The check-in message's buttons, the summary's opt-in, and the Home tab's settings. */
export function registerCheckins(
  app: ListenerRegistry,
  deps: SlackDeps,
  exchange: ExchangeService,
  checkins: CheckinService,
): void {
  const onCheckin =
    (handle: (a: ActionArgs, user: UserContext, where: Surface) => Promise<void>) =>
    async (raw: unknown) => {
      const a = raw as ActionArgs;
      await a.ack();
      const where = surfaceOf(a.body);
      if (!where) return;
      await handle(a, userOfAction(a), where).catch((e) => exchange.logFailure('checkin', e));
    };

  app.action(
    CHECKIN_ANSWER_PATTERN,
    onCheckin(async (a, user, where) => {
      const value = decodeCheckin(carriedValue(a.action));
      if (!value?.question || !value.option) return;
      await checkins.answer(
        user,
        value.slot,
        value.question,
        value.option,
        where,
        tellOf(a),
        replaceOf(a),
      );
    }),
  );
  app.action(
    ACTION.checkinSkip,
    onCheckin(async (a, user, where) => {
      const value = decodeCheckin(carriedValue(a.action));
      if (value) await checkins.skip(user, value.slot, where, tellOf(a), replaceOf(a));
    }),
  );
  app.action(
    ACTION.checkinSnooze,
    onCheckin(async (a, user, where) => {
      await checkins.snooze(user, carriedValue(a.action), where, tellOf(a), replaceOf(a));
    }),
  );
  app.action(
    ACTION.checkinStop,
    onCheckin(async (a, user, where) => {
      await checkins.stopCheckins(user, where, tellOf(a), replaceOf(a));
    }),
  );

  // From the summary: turn check-ins on with the defaults, or show how they are set.
  app.action(ACTION.checkinOptIn, async (raw) => {
    const a = raw as unknown as ActionArgs;
    await a.ack();
    const user = userOfAction(a);
    const prefs = await checkins.prefs(user.key);
    const message =
      prefs && prefs.cadence !== 'off'
        ? renderCheckinStatus(prefs, deps.now())
        : renderCheckinsOn(await checkins.configure(user, {}), deps.now());
    await tellOf(a)(message).catch((e) => exchange.logFailure('respond', e));
  });

  // Home tab settings: each change is saved at once and the tab republished.
  const onHome =
    (handle: (a: ActionArgs, user: UserContext) => Promise<void>) => async (raw: unknown) => {
      const a = raw as ActionArgs;
      await a.ack();
      const user = userOfAction(a);
      await handle(a, user).catch((e) => exchange.logFailure('home', e));
      await checkins.publishHome(user);
    };
  app.action(
    ACTION.homeCadence,
    onHome(async (a, user) => {
      const cadence = carriedValue(a.action);
      if ((CADENCES as readonly string[]).includes(cadence))
        await checkins.configure(user, { cadence: cadence as Cadence });
    }),
  );
  app.action(
    ACTION.homeWeekday,
    onHome(async (a, user) => {
      const weekday = Number(carriedValue(a.action));
      if (Number.isInteger(weekday) && weekday >= 0 && weekday <= 6)
        await checkins.configure(user, { weekday });
    }),
  );
  app.action(
    ACTION.homeTime,
    onHome(async (a, user) => {
      const time = carriedValue(a.action);
      if (parseTime(time)) await checkins.configure(user, { time });
    }),
  );
  app.action(
    ACTION.homeResumeCheckins,
    onHome(async (_a, user) => {
      await checkins.resumeCheckins(user);
    }),
  );
  app.action(
    ACTION.homeOpenBrief,
    onHome(async (a, user) => {
      await checkins.openBrief(user, carriedValue(a.action));
    }),
  );
  app.action(ACTION.homeForget, async (raw) => {
    const a = raw as unknown as ActionArgs;
    await a.ack();
    const user = userOfAction(a);
    await checkins.forget(user.key);
    await checkins.publishHome(user, { forgotten: true });
  });
}
