import type {
  AllMiddlewareArgs,
  BlockAction,
  BlockElementAction,
  SlackActionMiddlewareArgs,
  SlackCommandMiddlewareArgs,
  SlackEventMiddlewareArgs,
  SlackViewMiddlewareArgs,
  ViewSubmitAction,
} from '@slack/bolt';
import type { Subcommand } from './subcommand.ts';

/**
 * The arguments each kind of listener gets, narrowed to what career-path handles: block actions
 * (not legacy attachments or dialogs) and view submissions. The router narrows once, so listener
 * code reads typed fields with no casts.
 */
export type ActionArgs = SlackActionMiddlewareArgs<BlockAction<BlockElementAction>> &
  AllMiddlewareArgs;
export type ViewArgs = SlackViewMiddlewareArgs<ViewSubmitAction> & AllMiddlewareArgs;
export type EventArgs<T extends string = string> = SlackEventMiddlewareArgs<T> & AllMiddlewareArgs;
/** A `/career-path` command, with what its text asked for already parsed. */
export type CommandArgs = SlackCommandMiddlewareArgs & AllMiddlewareArgs & { sub: Subcommand };
