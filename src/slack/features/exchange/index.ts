import type { Router } from '../../router.ts';
import type { Services } from '../../services.ts';
import { registerExchangeCommands } from './commands.ts';
import { registerDmMessages } from './dm-messages.ts';
import { registerStepActions } from './step-actions.ts';
import { registerTextAnswers } from './text-answers.ts';

/** The guided exchange: commands and DM keywords, step buttons, free-text answers. */
export function register(router: Router, services: Services): void {
  registerExchangeCommands(router, services);
  registerDmMessages(router, services);
  registerStepActions(router, services);
  registerTextAnswers(router, services);
}
