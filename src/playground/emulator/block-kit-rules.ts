/**
 * Element-level Block Kit rules, checked like Slack checks them: a message or view that breaks
 * one is refused with `invalid_blocks` and a `[ERROR] …` line naming the json-pointer. Limits are
 * Slack's documented ones (https://api.slack.com/reference/block-kit/block-elements and
 * .../composition-objects): option text 75 and value 150, placeholder 150, button text 75 and
 * value 2000, confirm title 100 / text 300 / buttons 30, at most 100 options in a select, 10 in
 * checkboxes and radio buttons, 5 in an overflow menu, action_id 255 and unique in its block, and
 * an initial option that is one of the options.
 */
import type { BlockJson, JsonObject } from './types.ts';

export const ELEMENT_LIMITS = {
  actionId: 255,
  buttonText: 75,
  buttonValue: 2_000,
  url: 3_000,
  optionText: 75,
  optionValue: 150,
  optionDescription: 75,
  placeholder: 150,
  selectOptions: 100,
  optionGroups: 100,
  checkboxOptions: 10,
  radioOptions: 10,
  overflowOptions: 5,
  confirmTitle: 100,
  confirmText: 300,
  confirmButton: 30,
  inputLength: 3_000,
} as const;

const isObject = (v: unknown): v is JsonObject =>
  typeof v === 'object' && v !== null && !Array.isArray(v);
const textOf = (v: unknown): string =>
  isObject(v) && typeof v.text === 'string' ? v.text : typeof v === 'string' ? v : '';

const OPTION_CAP: Record<string, number> = {
  checkboxes: ELEMENT_LIMITS.checkboxOptions,
  radio_buttons: ELEMENT_LIMITS.radioOptions,
  overflow: ELEMENT_LIMITS.overflowOptions,
  static_select: ELEMENT_LIMITS.selectOptions,
  multi_static_select: ELEMENT_LIMITS.selectOptions,
};

/** The elements of a block, each with its json-pointer. */
function elementsWithPointers(block: BlockJson, at: string): [JsonObject, string][] {
  const out: [JsonObject, string][] = [];
  if (Array.isArray(block.elements) && block.type === 'actions') {
    block.elements.forEach((e, i) => {
      if (isObject(e)) out.push([e, `${at}/elements/${i}`]);
    });
  }
  if (block.type === 'section' && isObject(block.accessory))
    out.push([block.accessory, `${at}/accessory`]);
  if (block.type === 'input' && isObject(block.element)) out.push([block.element, `${at}/element`]);
  return out;
}

const tooLong = (max: number, where: string) =>
  `[ERROR] must be less than ${max + 1} characters ${where}`;

function optionErrors(option: unknown, where: string, errors: string[]): void {
  if (!isObject(option)) {
    errors.push(`[ERROR] must be an object ${where}]`);
    return;
  }
  if (textOf(option.text).length > ELEMENT_LIMITS.optionText)
    errors.push(tooLong(ELEMENT_LIMITS.optionText, `${where}/text]`));
  if (typeof option.value === 'string' && option.value.length > ELEMENT_LIMITS.optionValue)
    errors.push(tooLong(ELEMENT_LIMITS.optionValue, `${where}/value]`));
  if (textOf(option.description).length > ELEMENT_LIMITS.optionDescription)
    errors.push(tooLong(ELEMENT_LIMITS.optionDescription, `${where}/description]`));
}

function confirmErrors(confirm: unknown, where: string, errors: string[]): void {
  if (!isObject(confirm)) return;
  const checks: [string, number][] = [
    ['title', ELEMENT_LIMITS.confirmTitle],
    ['text', ELEMENT_LIMITS.confirmText],
    ['confirm', ELEMENT_LIMITS.confirmButton],
    ['deny', ELEMENT_LIMITS.confirmButton],
  ];
  for (const [field, max] of checks) {
    if (textOf(confirm[field]).length > max)
      errors.push(tooLong(max, `${where}/confirm/${field}]`));
  }
}

const sameOption = (a: unknown, b: unknown) =>
  isObject(a) && isObject(b) && a.value === b.value && textOf(a.text) === textOf(b.text);

/** Every element-level problem in one block; `at` is the block's pointer, unclosed: `[json-pointer:/blocks/3`. */
export function elementRuleErrors(block: BlockJson, at: string): string[] {
  const errors: string[] = [];
  const actionIds = new Set<string>();
  for (const [element, where] of elementsWithPointers(block, at)) {
    const type = String(element.type);
    const p = (field: string) => `${where}/${field}]`;
    if (typeof element.action_id === 'string') {
      if (element.action_id.length > ELEMENT_LIMITS.actionId)
        errors.push(tooLong(ELEMENT_LIMITS.actionId, p('action_id')));
      if (actionIds.has(element.action_id))
        errors.push(`[ERROR] duplicate action_id ${p('action_id')}`);
      actionIds.add(element.action_id);
    }
    if (textOf(element.placeholder).length > ELEMENT_LIMITS.placeholder)
      errors.push(tooLong(ELEMENT_LIMITS.placeholder, p('placeholder/text')));
    if (type === 'button') {
      if (textOf(element.text).length > ELEMENT_LIMITS.buttonText)
        errors.push(tooLong(ELEMENT_LIMITS.buttonText, p('text/text')));
      if (typeof element.value === 'string' && element.value.length > ELEMENT_LIMITS.buttonValue)
        errors.push(tooLong(ELEMENT_LIMITS.buttonValue, p('value')));
      if (typeof element.url === 'string' && element.url.length > ELEMENT_LIMITS.url)
        errors.push(tooLong(ELEMENT_LIMITS.url, p('url')));
    }
    confirmErrors(element.confirm, where, errors);
    const options = Array.isArray(element.options) ? element.options : undefined;
    const cap = OPTION_CAP[type];
    if (options) {
      if (cap !== undefined && options.length > cap)
        errors.push(`[ERROR] no more than ${cap} items allowed ${p('options')}`);
      options.forEach((o, i) => {
        optionErrors(o, `${where}/options/${i}`, errors);
      });
    }
    if (Array.isArray(element.option_groups)) {
      if (element.option_groups.length > ELEMENT_LIMITS.optionGroups)
        errors.push(
          `[ERROR] no more than ${ELEMENT_LIMITS.optionGroups} items allowed ${p('option_groups')}`,
        );
    }
    const all = [
      ...(options ?? []),
      ...(Array.isArray(element.option_groups)
        ? element.option_groups.flatMap((g) =>
            isObject(g) && Array.isArray(g.options) ? g.options : [],
          )
        : []),
    ];
    if (element.initial_option !== undefined && (options || element.option_groups)) {
      if (!all.some((o) => sameOption(o, element.initial_option)))
        errors.push(`[ERROR] initial_option must match one of the options ${p('initial_option')}`);
    }
    if (Array.isArray(element.initial_options) && (options || element.option_groups)) {
      element.initial_options.forEach((chosen, i) => {
        if (!all.some((o) => sameOption(o, chosen)))
          errors.push(
            `[ERROR] initial_options must match the options ${where}/initial_options/${i}]`,
          );
      });
    }
    if (type === 'plain_text_input') {
      const max = typeof element.max_length === 'number' ? element.max_length : undefined;
      if (max !== undefined && max > ELEMENT_LIMITS.inputLength)
        errors.push(`[ERROR] must be at most ${ELEMENT_LIMITS.inputLength} ${p('max_length')}`);
      if (
        typeof element.initial_value === 'string' &&
        max !== undefined &&
        element.initial_value.length > max
      )
        errors.push(tooLong(max, p('initial_value')));
    }
  }
  return errors;
}
