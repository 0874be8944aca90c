/**
 * Slack payload factories for tests. One copy lives in the emulator (which builds its deliveries
 * with them); this module re-exports it so tests and the emulator never drift apart.
 */

export type {
  BlockActionsPayload,
  EventCallbackEnvelope,
  SlashCommandPayload,
  ViewClosedPayload,
  ViewSubmissionPayload,
} from '../../src/playground/emulator/payloads.ts';
export {
  appHomeOpenedEvent,
  appUninstalledEvent,
  blockActionsPayload,
  encodeForm,
  encodeInteraction,
  eventCallback,
  interactionUser,
  makeEventId,
  makeTriggerId,
  makeTs,
  messageImEvent,
  slashCommandPayload,
  tokensRevokedEvent,
  urlVerificationPayload,
  VERIFICATION_TOKEN,
  viewClosedPayload,
  viewOutput,
  viewSubmissionPayload,
} from '../../src/playground/emulator/payloads.ts';
export { computeSignature, signRequest } from '../../src/playground/emulator/signing.ts';
