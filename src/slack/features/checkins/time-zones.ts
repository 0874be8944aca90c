import { z } from 'zod';
import { teamOfEvent } from '../../core/interaction.ts';
import type { Router } from '../../router.ts';
import type { Services } from '../../services.ts';

/** What user_change carries that matters here (https://api.slack.com/events/user_change). */
const userChangeSchema = z.object({
  type: z.literal('user_change'),
  user: z.object({
    id: z.string().min(1),
    tz: z.string().min(1).max(100),
    is_bot: z.boolean().optional(),
  }),
});

/**
 * A user moved to another time zone in Slack: their check-ins follow (the same local day and
 * time, in the new zone). The key's team is the one the event was delivered for, like every
 * other event's: a user's own `team_id` can differ (Enterprise Grid, shared channels).
 */
export function registerTimeZoneChanges(router: Router, { checkins }: Services): void {
  router.event('user_change', async ({ event, body }) => {
    const parsed = userChangeSchema.safeParse(event);
    if (!parsed.success || parsed.data.user.is_bot) return;
    const { id, tz } = parsed.data.user;
    await checkins.settings.followTimeZone({ teamId: teamOfEvent(body), userId: id }, tz);
  });
}
