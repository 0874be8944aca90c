/** Where a user's answers point. Its own module: both content schemas need it. */
export const leanIds = ['staff', 'em', 'either', 'unclear'] as const;
export type LeanId = (typeof leanIds)[number];
