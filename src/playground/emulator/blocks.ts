/**
 * Block Kit helpers: validation the way Slack's API rejects bad blocks, id assignment the way
 * Slack fills missing block_id/action_id, element lookup, and the `state.values` / `actions[]`
 * shapes Slack sends in interaction payloads.
 */

import { createHash } from 'node:crypto';
import { elementRuleErrors } from './block-kit-rules.ts';
import { LIMITS } from './defaults.ts';
import type { BlockJson, JsonObject, StateValues } from './types.ts';

const KNOWN_BLOCK_TYPES = new Set([
  'actions',
  'context',
  'context_actions',
  'divider',
  'file',
  'header',
  'image',
  'input',
  'markdown',
  'rich_text',
  'section',
  'table',
  'video',
]);

/** Element types whose value Slack keeps in `state.values`, with the field that holds it. */
const STATE_FIELD: Record<string, string> = {
  plain_text_input: 'value',
  email_text_input: 'value',
  url_text_input: 'value',
  number_text_input: 'value',
  rich_text_input: 'rich_text_value',
  static_select: 'selected_option',
  external_select: 'selected_option',
  radio_buttons: 'selected_option',
  multi_static_select: 'selected_options',
  multi_external_select: 'selected_options',
  checkboxes: 'selected_options',
  users_select: 'selected_user',
  multi_users_select: 'selected_users',
  conversations_select: 'selected_conversation',
  multi_conversations_select: 'selected_conversations',
  channels_select: 'selected_channel',
  multi_channels_select: 'selected_channels',
  datepicker: 'selected_date',
  timepicker: 'selected_time',
  datetimepicker: 'selected_date_time',
};

const INITIAL_FIELD: Record<string, string> = {
  value: 'initial_value',
  rich_text_value: 'initial_value',
  selected_option: 'initial_option',
  selected_options: 'initial_options',
  selected_user: 'initial_user',
  selected_users: 'initial_users',
  selected_conversation: 'initial_conversation',
  selected_conversations: 'initial_conversations',
  selected_channel: 'initial_channel',
  selected_channels: 'initial_channels',
  selected_date: 'initial_date',
  selected_time: 'initial_time',
  selected_date_time: 'initial_date_time',
};

const PLURAL_FIELDS = new Set([
  'selected_options',
  'selected_users',
  'selected_conversations',
  'selected_channels',
]);

/** Slack's value for an element nobody has touched: `[]` for multi-value fields, otherwise null. */
function emptyValue(field: string | undefined): unknown {
  return field !== undefined && PLURAL_FIELDS.has(field) ? [] : null;
}

function isObject(value: unknown): value is JsonObject {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function textOf(value: unknown): string {
  if (isObject(value) && typeof value.text === 'string') return value.text;
  return '';
}

/** Validates blocks like Slack does; returns Slack-style `[ERROR] …` messages (empty when valid). */
export function validateBlocks(blocks: unknown, maxBlocks: number): string[] {
  if (!Array.isArray(blocks)) return ['[ERROR] blocks must be an array'];
  const errors: string[] = [];
  if (blocks.length > maxBlocks) {
    errors.push(`[ERROR] no more than ${maxBlocks} items allowed [json-pointer:/blocks]`);
  }
  const seen = new Set<string>();
  blocks.forEach((block, i) => {
    const at = `[json-pointer:/blocks/${i}]`;
    if (!isObject(block) || typeof block.type !== 'string') {
      errors.push(`[ERROR] missing required field: type ${at}`);
      return;
    }
    if (!KNOWN_BLOCK_TYPES.has(block.type)) {
      errors.push(`[ERROR] unsupported type: ${block.type} ${at}/type`);
      return;
    }
    if (typeof block.block_id === 'string') {
      if (block.block_id.length > LIMITS.blockId) {
        errors.push(`[ERROR] must be less than ${LIMITS.blockId + 1} characters ${at}/block_id`);
      }
      if (seen.has(block.block_id)) errors.push(`[ERROR] duplicate block_id ${at}/block_id`);
      seen.add(block.block_id);
    }
    if (block.type === 'section') {
      if (block.text === undefined && block.fields === undefined) {
        errors.push(`[ERROR] must provide either text or fields ${at}`);
      }
      if (textOf(block.text).length > LIMITS.sectionText) {
        errors.push(`[ERROR] must be less than ${LIMITS.sectionText + 1} characters ${at}/text`);
      }
      if (Array.isArray(block.fields) && block.fields.length > 10) {
        errors.push(`[ERROR] no more than 10 items allowed ${at}/fields`);
      }
    }
    if (block.type === 'header' && textOf(block.text).length > LIMITS.headerText) {
      errors.push(`[ERROR] must be less than ${LIMITS.headerText + 1} characters ${at}/text`);
    }
    if (block.type === 'actions') {
      if (!Array.isArray(block.elements) || block.elements.length === 0) {
        errors.push(`[ERROR] missing required field: elements ${at}`);
      } else if (block.elements.length > LIMITS.actionsElements) {
        errors.push(`[ERROR] no more than ${LIMITS.actionsElements} items allowed ${at}/elements`);
      }
    }
    if (block.type === 'input' && (!isObject(block.element) || !isObject(block.label))) {
      errors.push(
        `[ERROR] missing required field: ${isObject(block.label) ? 'element' : 'label'} ${at}`,
      );
    }
    errors.push(...elementRuleErrors(block as BlockJson, `[json-pointer:/blocks/${i}`));
  });
  return errors;
}

/** Validates a view object for views.open/push/update/publish; returns Slack-style messages. */
export function validateView(view: unknown, expectedType?: 'modal' | 'home'): string[] {
  if (!isObject(view)) return ['[ERROR] missing required field: view'];
  const errors: string[] = [];
  if (view.type !== 'modal' && view.type !== 'home') {
    errors.push('[ERROR] must be one of: modal, home [json-pointer:/view/type]');
  } else if (expectedType && view.type !== expectedType) {
    errors.push(`[ERROR] view type must be ${expectedType} [json-pointer:/view/type]`);
  }
  if (view.type === 'modal') {
    if (!isObject(view.title))
      errors.push('[ERROR] missing required field: title [json-pointer:/view]');
    for (const field of ['title', 'submit', 'close'] as const) {
      if (textOf(view[field]).length > LIMITS.viewTitle) {
        errors.push(
          `[ERROR] must be less than ${LIMITS.viewTitle + 1} characters [json-pointer:/view/${field}/text]`,
        );
      }
    }
    const hasInput =
      Array.isArray(view.blocks) && view.blocks.some((b) => isObject(b) && b.type === 'input');
    if (hasInput && !isObject(view.submit)) {
      errors.push(
        '[ERROR] must provide submit argument when input blocks are present [json-pointer:/view]',
      );
    }
  }
  if (
    typeof view.private_metadata === 'string' &&
    view.private_metadata.length > LIMITS.privateMetadata
  ) {
    errors.push(
      `[ERROR] must be less than ${LIMITS.privateMetadata + 1} characters [json-pointer:/view/private_metadata]`,
    );
  }
  if (typeof view.callback_id === 'string' && view.callback_id.length > LIMITS.callbackId) {
    errors.push(
      `[ERROR] must be less than ${LIMITS.callbackId + 1} characters [json-pointer:/view/callback_id]`,
    );
  }
  if (view.blocks === undefined) {
    errors.push('[ERROR] missing required field: blocks [json-pointer:/view]');
  } else {
    errors.push(
      ...validateBlocks(view.blocks, LIMITS.viewBlocks).map((m) =>
        m.replace('/blocks', '/view/blocks'),
      ),
    );
  }
  return errors;
}

function shortId(seed: string): string {
  return createHash('sha1').update(seed).digest('base64url').replace(/[-_]/g, 'x').slice(0, 5);
}

/** Elements inside a block that can carry an action_id. */
function elementsOf(block: BlockJson): JsonObject[] {
  const out: JsonObject[] = [];
  if (
    Array.isArray(block.elements) &&
    (block.type === 'actions' || block.type === 'context_actions')
  ) {
    for (const e of block.elements) if (isObject(e)) out.push(e);
  }
  if (block.type === 'section' && isObject(block.accessory)) out.push(block.accessory);
  if (block.type === 'input' && isObject(block.element)) out.push(block.element);
  return out;
}

function isInteractive(element: JsonObject): boolean {
  const type = String(element.type);
  return (
    type === 'button' || type === 'overflow' || type in STATE_FIELD || type.endsWith('_select')
  );
}

/**
 * Fills in missing block_id / action_id like Slack does, in place: callers pass blocks they own
 * (freshly parsed from a request, or cloned), so a deep copy per message would be wasted work.
 */
export function assignIds(blocks: BlockJson[]): BlockJson[] {
  blocks.forEach((block, i) => {
    if (typeof block.block_id !== 'string')
      block.block_id = shortId(`${i}:${JSON.stringify(block)}`);
    elementsOf(block).forEach((element, j) => {
      if (isInteractive(element) && typeof element.action_id !== 'string') {
        element.action_id = shortId(`${block.block_id}:${j}:${JSON.stringify(element)}`);
      }
    });
  });
  return blocks;
}

export interface FoundElement {
  block: BlockJson & { block_id: string };
  element: JsonObject & { type: string; action_id: string };
}

/** Finds the interactive element with this action_id (and block_id when given). */
export function findElement(
  blocks: BlockJson[],
  actionId: string,
  blockId?: string,
): FoundElement | undefined {
  for (const block of blocks) {
    if (blockId !== undefined && block.block_id !== blockId) continue;
    for (const element of elementsOf(block)) {
      if (element.action_id === actionId) return { block, element } as FoundElement;
    }
  }
  return undefined;
}

function allOptions(element: JsonObject): JsonObject[] {
  const options: JsonObject[] = [];
  if (Array.isArray(element.options)) options.push(...element.options.filter(isObject));
  if (Array.isArray(element.option_groups)) {
    for (const group of element.option_groups) {
      if (isObject(group) && Array.isArray(group.options))
        options.push(...group.options.filter(isObject));
    }
  }
  return options;
}

/**
 * What a user picked or typed. A string is an option value (selects, radios, overflow), a user or
 * conversation id, a date/time, or typed text; an array is for multi-selects and checkboxes.
 * Option objects (`{text, value}`) are accepted as-is, e.g. for external_select.
 */
export type UserInputValue = string | string[] | JsonObject | JsonObject[] | null;

function resolveOption(element: JsonObject, choice: string | JsonObject): JsonObject {
  if (isObject(choice)) return choice;
  const option = allOptions(element).find((o) => o.value === choice);
  if (!option) {
    throw new Error(
      `Element ${String(element.action_id)} (${String(element.type)}) has no option with value "${choice}"`,
    );
  }
  return option;
}

/** Converts a user's input into the element's state field value. */
export function valueForElement(element: JsonObject, input: UserInputValue): unknown {
  const field = STATE_FIELD[String(element.type)];
  if (input === null) return emptyValue(field);
  switch (field) {
    case 'selected_option':
      return resolveOption(
        element,
        Array.isArray(input) ? (input[0] as string) : (input as string | JsonObject),
      );
    case 'selected_options': {
      const list = Array.isArray(input) ? input : [input];
      return list.map((choice) => resolveOption(element, choice as string | JsonObject));
    }
    case 'selected_users':
    case 'selected_conversations':
    case 'selected_channels':
      return Array.isArray(input) ? input : [input];
    default:
      return Array.isArray(input) ? input[0] : input;
  }
}

/** The `state.values` entry for an element holding `value` (already converted). */
export function stateEntry(element: JsonObject, value: unknown): JsonObject {
  const field = STATE_FIELD[String(element.type)];
  if (!field) return { type: element.type };
  return { type: element.type, [field]: value };
}

/** `state.values` for every stateful element, seeded from `initial_*` fields (null when unset). */
export function initialState(blocks: BlockJson[]): StateValues {
  const values: StateValues = {};
  for (const block of blocks) {
    for (const element of elementsOf(block)) {
      const field = STATE_FIELD[String(element.type)];
      if (!field || typeof element.action_id !== 'string' || typeof block.block_id !== 'string')
        continue;
      const value = element[INITIAL_FIELD[field] ?? ''] ?? emptyValue(field);
      values[block.block_id] ??= {};
      (values[block.block_id] as Record<string, JsonObject>)[element.action_id] = stateEntry(
        element,
        value,
      );
    }
  }
  return values;
}

/**
 * Keeps previous values for elements whose block_id/action_id still exist: Slack preserves what a
 * view element holds across views.update / views.publish and ignores the new initial_* value
 * ("Preserving input entry", https://docs.slack.dev/reference/methods/views.update/; seen by apps
 * in slackapi/bolt-python#572 and #1064, slackapi/bolt-js#974). A new block_id starts afresh.
 */
export function carryOverState(previous: StateValues, blocks: BlockJson[]): StateValues {
  const next = initialState(blocks);
  for (const [blockId, actions] of Object.entries(next)) {
    for (const actionId of Object.keys(actions)) {
      const old = previous[blockId]?.[actionId];
      if (old && old.type === actions[actionId]?.type) actions[actionId] = old;
    }
  }
  return next;
}

/** True when Slack would send block_actions for this element (not for inputs without dispatch_action). */
export function dispatchesActions(found: FoundElement): boolean {
  if (found.block.type !== 'input') return true;
  return found.block.dispatch_action === true;
}

/** One entry of the `actions` array of a block_actions payload. */
export function actionPayload(
  found: FoundElement,
  actionTs: string,
  input: UserInputValue | undefined,
): JsonObject {
  const { block, element } = found;
  const base: JsonObject = {
    action_id: element.action_id,
    block_id: block.block_id,
    type: element.type,
    action_ts: actionTs,
  };
  if (element.type === 'button') {
    return {
      ...base,
      text: element.text,
      ...(input !== undefined
        ? { value: input }
        : element.value !== undefined
          ? { value: element.value }
          : {}),
      ...(element.style !== undefined ? { style: element.style } : {}),
    };
  }
  if (element.type === 'overflow') {
    return { ...base, selected_option: resolveOption(element, input as string | JsonObject) };
  }
  const field = STATE_FIELD[element.type];
  if (field) {
    const value = valueForElement(element, input ?? null);
    return {
      ...base,
      [field]: value,
      ...(element.placeholder !== undefined ? { placeholder: element.placeholder } : {}),
    };
  }
  return base;
}

/** Sets one element's value inside `state.values`. */
export function setStateValue(state: StateValues, found: FoundElement, value: unknown): void {
  if (!(found.element.type in STATE_FIELD)) return;
  state[found.block.block_id] ??= {};
  (state[found.block.block_id] as Record<string, JsonObject>)[found.element.action_id] = stateEntry(
    found.element,
    value,
  );
}
