import { dueOf } from '../../../engine/index.ts';
import type { ScheduleStore, UserKey, UserState } from '../../../store/index.ts';
import type { UserTransactions } from '../../core/user-transaction.ts';

/**
 * Saves the state and points the schedule at whatever the user needs next. Every check-in change
 * goes through here, so the schedule never disagrees with the settings it came from.
 */
export async function saveAndSchedule(
  s: { users: UserTransactions; schedule: ScheduleStore },
  key: UserKey,
  state: UserState,
): Promise<void> {
  await s.users.save(key, state);
  await s.schedule.setDue(key, state.checkin ? dueOf(state.checkin) : null);
}
