/**
 * What a person does with a modal: submit it (view_submission, then the bot's ack drives the modal
 * stack the way Slack's does: errors / update / push / clear, or close) and close it (X / Cancel:
 * the stack shrinks, view_closed goes out only when the view asked for notify_on_close). Opening,
 * updating and pushing modals from the bot's side are Web API methods (`web-api.ts`).
 */
import { type ActionContext, payloadTeam, payloadUser, requireTopModal } from './action-context.ts';
import {
  findElement,
  setStateValue,
  type UserInputValue,
  validateView,
  valueForElement,
} from './blocks.ts';
import { LIMITS } from './defaults.ts';
import type { DeliveryTweaks } from './delivery.ts';
import { viewClosedPayload, viewSubmissionPayload } from './payloads.ts';
import type { DeliveryResult, JsonObject, StateValues, StoredView } from './types.ts';

export interface SubmitInput extends DeliveryTweaks {
  user: string;
  /** Defaults to the user's top modal. */
  viewId?: string;
  /** Values to set before submitting, keyed by action_id (same forms as `SelectInput.value`). */
  values?: Record<string, UserInputValue>;
  /** Replaces `view.state.values` wholesale (for forged submissions). */
  stateValues?: StateValues;
}

export interface CloseInput extends DeliveryTweaks {
  user: string;
  viewId?: string;
}

export class ViewActions {
  constructor(private readonly ctx: ActionContext) {}

  /** The user presses the modal's submit button. The bot's ack drives the modal stack. */
  async submitView(input: SubmitInput): Promise<DeliveryResult> {
    const { state, delivery } = this.ctx;
    const view = this.modalFor(input.user, input.viewId);
    for (const [actionId, value] of Object.entries(input.values ?? {})) {
      const found = findElement(view.blocks, actionId);
      if (!found) throw new Error(`View ${view.id} has no element with action_id "${actionId}"`);
      setStateValue(view.state.values, found, valueForElement(found.element, value));
    }
    if (input.stateValues) view.state.values = structuredClone(input.stateValues);
    delete view.errors; // Slack clears previous errors when the user submits again
    const trigger_id = state.issueTrigger(input.user);
    const payload = viewSubmissionPayload({
      team: payloadTeam(state),
      user: payloadUser(state, input.user),
      api_app_id: state.identity.appId,
      trigger_id,
      view: state.viewJson(view),
      response_urls: [],
    });
    const result = await delivery.deliverPayload(payload, 'interaction', input);
    // A late ack is no ack: Slack keeps the modal open, says it had trouble connecting, and drops
    // whatever response_action came too late.
    const ackProblems =
      result.status === 200 && !result.late ? this.applyViewAck(input.user, view, result.body) : [];
    return { ...result, trigger_id, ...(ackProblems.length > 0 ? { ackProblems } : {}) };
  }

  /**
   * The user closes the modal (X / Cancel). The stack is updated; view_closed is only delivered
   * when the view asked for notify_on_close (otherwise resolves undefined).
   */
  async closeView(input: CloseInput): Promise<DeliveryResult | undefined> {
    const { state, delivery } = this.ctx;
    const view = this.modalFor(input.user, input.viewId);
    const isCleared = view.clear_on_close;
    const snapshot = state.viewJson(view);
    if (isCleared) {
      state.modals.delete(input.user);
      state.changed({ kind: 'view', ref: view.id, user: input.user });
    } else {
      this.popTo(input.user, view);
    }
    if (!view.notify_on_close) return undefined;
    const payload = viewClosedPayload({
      team: payloadTeam(state),
      user: payloadUser(state, input.user),
      api_app_id: state.identity.appId,
      view: snapshot,
      is_cleared: isCleared,
    });
    return delivery.deliverPayload(payload, 'interaction', input);
  }

  /** Applies a view_submission ack like Slack: errors / update / push / clear, or close. */
  private applyViewAck(user: string, view: StoredView, body: unknown): string[] {
    const { state } = this.ctx;
    const ack = typeof body === 'object' && body !== null ? (body as JsonObject) : {};
    switch (ack.response_action) {
      case 'errors': {
        const errors = (ack.errors ?? {}) as Record<string, string>;
        const inputBlocks = new Set(
          view.blocks.filter((b) => b.type === 'input').map((b) => b.block_id),
        );
        const unknown = Object.keys(errors).filter((id) => !inputBlocks.has(id));
        view.errors = errors;
        state.changed({ kind: 'view', ref: view.id, user });
        return unknown.map(
          (id) => `[ERROR] errors refers to "${id}", which is not an input block in the view`,
        );
      }
      case 'update': {
        const problems = validateView(ack.view, 'modal');
        if (problems.length > 0) return problems;
        state.replaceView(view, ack.view as JsonObject);
        state.changed({ kind: 'view', ref: view.id, user });
        return [];
      }
      case 'push': {
        const problems = validateView(ack.view, 'modal');
        const stack = state.modals.get(user) ?? [];
        if (stack.length >= LIMITS.modalStack) problems.push('[ERROR] push_limit_reached');
        if (problems.length > 0) return problems;
        const root = stack[0] ?? view;
        const pushed = state.createView(user, ack.view as JsonObject, {
          previousViewId: view.id,
          rootViewId: root.id,
        });
        state.modals.set(user, [...stack, pushed]);
        state.changed({ kind: 'view', ref: pushed.id, user });
        return [];
      }
      case 'clear':
        state.modals.delete(user);
        state.changed({ kind: 'view', ref: view.id, user });
        return [];
      case undefined:
        this.popTo(user, view);
        return [];
      default:
        return [`[ERROR] unknown response_action "${String(ack.response_action)}"`];
    }
  }

  private modalFor(user: string, viewId?: string): StoredView {
    const { state } = this.ctx;
    if (viewId === undefined) return requireTopModal(state, user);
    const view = state.modals.get(user)?.find((v) => v.id === viewId);
    if (!view) throw new Error(`View ${viewId} is not in ${user}'s modal stack`);
    return view;
  }

  /** Removes `view` (and any view above it) from the user's stack. */
  private popTo(user: string, view: StoredView): void {
    const { state } = this.ctx;
    const stack = state.modals.get(user) ?? [];
    const index = stack.indexOf(view);
    const remaining = index >= 0 ? stack.slice(0, index) : stack;
    if (remaining.length === 0) state.modals.delete(user);
    else state.modals.set(user, remaining);
    state.changed({ kind: 'view', ref: view.id, user });
  }
}
