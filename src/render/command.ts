/** The slash command, as the manifest declares it: the one spelling every surface uses. */
export const COMMAND = '/career-path';
