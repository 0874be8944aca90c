/**
 * A checker for Block Kit's documented limits, independent of src/render/blocks.ts (which has
 * its own LIMITS table: this file must not import it, or a wrong number there would pass here).
 *
 * It reports problems as strings ("blocks[3].text.text: 3001 > 3000 characters") and never
 * throws, so one assertion can show every problem in a rendered message at once.
 *
 * Where each number comes from (Slack's reference docs, checked 2025):
 *  - [blocks]   https://api.slack.com/reference/block-kit/blocks — "up to 50 blocks in each
 *               message, and 100 blocks in modals or Home tabs"; actions: "maximum of 25
 *               elements"; block_id "Maximum length for this field is 255 characters … should be
 *               unique for each message".
 *  - [section]  https://docs.slack.dev/reference/block-kit/blocks/section-block — text "minimum
 *               length … is 1 and maximum length is 3000"; fields "Maximum number of items is 10.
 *               Maximum length for the text in each item is 2000".
 *  - [header]   https://docs.slack.dev/reference/block-kit/blocks/header-block — plain_text,
 *               "Maximum length for the text in this field is 150 characters".
 *  - [context]  https://docs.slack.dev/reference/block-kit/blocks/context-block (and
 *               @slack/types ContextBlock) — elements "Maximum number of items is 10".
 *  - [input]    https://docs.slack.dev/reference/block-kit/blocks/input-block — label and hint
 *               plain_text, "Maximum length … 2000 characters".
 *  - [button]   https://docs.slack.dev/reference/block-kit/block-elements/button-element — text
 *               plain_text ≤ 75, value ≤ 2000, action_id ≤ 255.
 *  - [action_id] @slack/types Actionable: "Should be unique among all other action_ids in the
 *               containing block. Maximum length for this field is 255 characters."
 *  - [option]   https://docs.slack.dev/reference/block-kit/composition-objects/option-object —
 *               text ≤ 75, value ≤ 150.
 *  - [select]   https://docs.slack.dev/reference/block-kit/block-elements/select-menu-element —
 *               "Maximum number of options is 100"; placeholder ≤ 150; initial_option must match
 *               one of the options.
 *  - [checkboxes] @slack/types Checkboxes: "A maximum of 10 options are allowed."
 *  - [text input] https://docs.slack.dev/reference/block-kit/block-elements/plain-text-input-element
 *               — min_length/max_length "Max value 3000"; placeholder ≤ 150.
 *  - [confirm]  https://api.slack.com/reference/block-kit/composition-objects#confirm — title
 *               ≤ 100, text ≤ 300, confirm/deny ≤ 30.
 *  - [text]     https://api.slack.com/reference/block-kit/composition-objects#text — type is
 *               plain_text or mrkdwn; text 1 to 3000 characters.
 *  - [modal]    https://docs.slack.dev/reference/views/modal-views — title plain_text ≤ 24,
 *               "Max of 100 blocks", close/submit ≤ 24, "submit is required when an input block
 *               is within the blocks array", private_metadata ≤ 3000, callback_id ≤ 255.
 *  - [message]  https://docs.slack.dev/reference/methods/chat.postMessage — the top-level `text`
 *               is the notification fallback when blocks are used; Slack truncates messages
 *               longer than 40,000 characters.
 *  - Input blocks only in views: our own rule. Slack has allowed input blocks in messages for a
 *    while, but career-path never collects input that way (text answers come from a modal or a
 *    DM reply), so an input block in a message is a rendering mistake here.
 */

export const BLOCK_KIT = {
  messageBlocks: 50,
  viewBlocks: 100,
  messageText: 40_000,
  sectionText: 3000,
  sectionFields: 10,
  sectionFieldText: 2000,
  headerText: 150,
  contextElements: 10,
  actionsElements: 25,
  inputLabel: 2000,
  inputHint: 2000,
  buttonText: 75,
  buttonValue: 2000,
  actionId: 255,
  blockId: 255,
  optionText: 75,
  optionValue: 150,
  selectOptions: 100,
  checkboxOptions: 10,
  placeholder: 150,
  textInputMaxLength: 3000,
  textObject: 3000,
  confirmTitle: 100,
  confirmText: 300,
  confirmButton: 30,
  modalTitle: 24,
  modalButton: 24,
  privateMetadata: 3000,
  callbackId: 255,
} as const;

type Surface = 'message' | 'modal' | 'home';
type Obj = Record<string, unknown>;

const KNOWN_BLOCKS = new Set([
  'section',
  'header',
  'context',
  'actions',
  'divider',
  'input',
  'image',
  'rich_text',
  'markdown',
]);

function isObj(value: unknown): value is Obj {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

class Checker {
  readonly problems: string[] = [];
  private readonly blockIds = new Map<string, string>();

  constructor(readonly surface: Surface) {}

  add(path: string, message: string) {
    this.problems.push(`${path}: ${message}`);
  }

  maxLen(path: string, value: unknown, max: number) {
    if (typeof value === 'string' && value.length > max) {
      this.add(path, `${value.length} > ${max} characters`);
    }
  }

  /** A text object: `{ type: plain_text | mrkdwn, text }`; `plainOnly` where Slack demands it. */
  text(path: string, value: unknown, max: number, opts: { plainOnly?: boolean } = {}) {
    if (!isObj(value)) {
      this.add(path, 'missing text object');
      return;
    }
    if (value.type !== 'plain_text' && value.type !== 'mrkdwn') {
      this.add(
        `${path}.type`,
        `text object type must be plain_text or mrkdwn, got ${String(value.type)}`,
      );
    } else if (opts.plainOnly && value.type !== 'plain_text') {
      this.add(`${path}.type`, 'must be plain_text');
    }
    if (typeof value.text !== 'string' || value.text.length === 0) {
      this.add(`${path}.text`, 'text must be a non-empty string');
      return;
    }
    this.maxLen(`${path}.text`, value.text, Math.min(max, BLOCK_KIT.textObject));
  }

  blockId(path: string, block: Obj) {
    if (block.block_id === undefined) return;
    if (typeof block.block_id !== 'string' || block.block_id.length === 0) {
      this.add(`${path}.block_id`, 'must be a non-empty string');
      return;
    }
    this.maxLen(`${path}.block_id`, block.block_id, BLOCK_KIT.blockId);
    const earlier = this.blockIds.get(block.block_id);
    if (earlier !== undefined) {
      this.add(`${path}.block_id`, `duplicate block_id "${block.block_id}" (also at ${earlier})`);
    } else {
      this.blockIds.set(block.block_id, path);
    }
  }

  confirm(path: string, value: unknown) {
    if (!isObj(value)) {
      this.add(path, 'confirm must be an object');
      return;
    }
    this.text(`${path}.title`, value.title, BLOCK_KIT.confirmTitle, { plainOnly: true });
    this.text(`${path}.text`, value.text, BLOCK_KIT.confirmText);
    this.text(`${path}.confirm`, value.confirm, BLOCK_KIT.confirmButton, { plainOnly: true });
    this.text(`${path}.deny`, value.deny, BLOCK_KIT.confirmButton, { plainOnly: true });
  }

  option(path: string, value: unknown, opts: { plainOnly: boolean }) {
    if (!isObj(value)) {
      this.add(path, 'option must be an object');
      return;
    }
    this.text(`${path}.text`, value.text, BLOCK_KIT.optionText, opts);
    if (typeof value.value !== 'string' || value.value.length === 0) {
      this.add(`${path}.value`, 'option value must be a non-empty string');
    } else {
      this.maxLen(`${path}.value`, value.value, BLOCK_KIT.optionValue);
    }
  }

  options(path: string, element: Obj, max: number, plainOnly: boolean) {
    const options = element.options;
    if (!Array.isArray(options) || options.length === 0) {
      this.add(`${path}.options`, 'needs at least one option');
      return [];
    }
    if (options.length > max) this.add(`${path}.options`, `${options.length} > ${max} options`);
    options.forEach((o, i) => {
      this.option(`${path}.options[${i}]`, o, { plainOnly });
    });
    const values = options.filter(isObj).map((o) => o.value);
    if (new Set(values).size !== values.length)
      this.add(`${path}.options`, 'duplicate option values');
    return options.filter(isObj);
  }

  element(path: string, element: unknown, actionIds: Map<string, string>) {
    if (!isObj(element)) {
      this.add(path, 'element must be an object');
      return;
    }
    if (element.action_id !== undefined) {
      if (typeof element.action_id !== 'string' || element.action_id.length === 0) {
        this.add(`${path}.action_id`, 'must be a non-empty string');
      } else {
        this.maxLen(`${path}.action_id`, element.action_id, BLOCK_KIT.actionId);
        const earlier = actionIds.get(element.action_id);
        if (earlier !== undefined) {
          this.add(
            `${path}.action_id`,
            `duplicate action_id "${element.action_id}" in one block (also at ${earlier})`,
          );
        } else {
          actionIds.set(element.action_id, path);
        }
      }
    }
    if (element.placeholder !== undefined) {
      this.text(`${path}.placeholder`, element.placeholder, BLOCK_KIT.placeholder, {
        plainOnly: true,
      });
    }
    if (element.confirm !== undefined) this.confirm(`${path}.confirm`, element.confirm);
    switch (element.type) {
      case 'button':
        this.text(`${path}.text`, element.text, BLOCK_KIT.buttonText, { plainOnly: true });
        this.maxLen(`${path}.value`, element.value, BLOCK_KIT.buttonValue);
        break;
      case 'static_select': {
        const options = this.options(path, element, BLOCK_KIT.selectOptions, true);
        const initial = element.initial_option;
        if (isObj(initial) && !options.some((o) => o.value === initial.value)) {
          this.add(`${path}.initial_option`, 'does not match any of the options');
        }
        break;
      }
      case 'checkboxes': {
        const options = this.options(path, element, BLOCK_KIT.checkboxOptions, false);
        const initial = element.initial_options;
        if (Array.isArray(initial)) {
          initial.forEach((o, i) => {
            if (!isObj(o) || !options.some((x) => x.value === o.value)) {
              this.add(`${path}.initial_options[${i}]`, 'does not match any of the options');
            }
          });
        }
        break;
      }
      case 'plain_text_input':
        for (const key of ['max_length', 'min_length'] as const) {
          const n = element[key];
          if (n === undefined) continue;
          if (typeof n !== 'number' || !Number.isInteger(n) || n < 0) {
            this.add(`${path}.${key}`, 'must be a non-negative integer');
          } else if (n > BLOCK_KIT.textInputMaxLength) {
            this.add(`${path}.${key}`, `${n} > ${BLOCK_KIT.textInputMaxLength}`);
          }
        }
        break;
      default:
        break;
    }
  }

  block(path: string, block: unknown) {
    if (!isObj(block)) {
      this.add(path, 'block must be an object');
      return;
    }
    if (typeof block.type !== 'string' || !KNOWN_BLOCKS.has(block.type)) {
      this.add(`${path}.type`, `unknown block type ${String(block.type)}`);
      return;
    }
    this.blockId(path, block);
    switch (block.type) {
      case 'section': {
        if (block.text === undefined && block.fields === undefined) {
          this.add(path, 'a section needs text or fields');
        }
        if (block.text !== undefined) this.text(`${path}.text`, block.text, BLOCK_KIT.sectionText);
        if (block.fields !== undefined) {
          if (!Array.isArray(block.fields)) {
            this.add(`${path}.fields`, 'must be an array');
          } else {
            if (block.fields.length > BLOCK_KIT.sectionFields) {
              this.add(
                `${path}.fields`,
                `${block.fields.length} > ${BLOCK_KIT.sectionFields} fields`,
              );
            }
            block.fields.forEach((f, i) => {
              this.text(`${path}.fields[${i}]`, f, BLOCK_KIT.sectionFieldText);
            });
          }
        }
        if (block.accessory !== undefined) {
          this.element(`${path}.accessory`, block.accessory, new Map());
        }
        break;
      }
      case 'header':
        this.text(`${path}.text`, block.text, BLOCK_KIT.headerText, { plainOnly: true });
        break;
      case 'context': {
        const elements = block.elements;
        if (!Array.isArray(elements) || elements.length === 0) {
          this.add(`${path}.elements`, 'needs at least one element');
          break;
        }
        if (elements.length > BLOCK_KIT.contextElements) {
          this.add(
            `${path}.elements`,
            `${elements.length} > ${BLOCK_KIT.contextElements} elements`,
          );
        }
        elements.forEach((e, i) => {
          if (isObj(e) && e.type === 'image') return;
          this.text(`${path}.elements[${i}]`, e, BLOCK_KIT.textObject);
        });
        break;
      }
      case 'actions': {
        const elements = block.elements;
        if (!Array.isArray(elements) || elements.length === 0) {
          this.add(`${path}.elements`, 'needs at least one element');
          break;
        }
        if (elements.length > BLOCK_KIT.actionsElements) {
          this.add(
            `${path}.elements`,
            `${elements.length} > ${BLOCK_KIT.actionsElements} elements`,
          );
        }
        const ids = new Map<string, string>();
        elements.forEach((e, i) => {
          this.element(`${path}.elements[${i}]`, e, ids);
        });
        break;
      }
      case 'input':
        if (this.surface === 'message') {
          this.add(path, 'input blocks belong in modals and the Home tab, not in messages');
        }
        this.text(`${path}.label`, block.label, BLOCK_KIT.inputLabel, { plainOnly: true });
        if (block.hint !== undefined) {
          this.text(`${path}.hint`, block.hint, BLOCK_KIT.inputHint, { plainOnly: true });
        }
        this.element(`${path}.element`, block.element, new Map());
        break;
      default:
        break;
    }
  }

  blocks(value: unknown, max: number) {
    if (!Array.isArray(value)) {
      this.add('blocks', 'must be an array');
      return;
    }
    if (value.length > max) this.add('blocks', `${value.length} > ${max} blocks`);
    value.forEach((b, i) => {
      this.block(`blocks[${i}]`, b);
    });
  }
}

/**
 * Every way `payload` breaks a documented Block Kit limit. A payload with `type: 'modal'` or
 * `type: 'home'` is checked as a view; anything else as a message (`{ text, blocks }`).
 */
export function blockKitProblems(payload: unknown): string[] {
  if (!isObj(payload)) return ['(root): not an object'];
  const surface: Surface =
    payload.type === 'modal' ? 'modal' : payload.type === 'home' ? 'home' : 'message';
  const c = new Checker(surface);
  if (surface === 'message') {
    if (typeof payload.text !== 'string' || payload.text.trim().length === 0) {
      c.add('text', 'a message needs a non-empty text fallback for notifications');
    } else {
      c.maxLen('text', payload.text, BLOCK_KIT.messageText);
    }
    c.blocks(payload.blocks, BLOCK_KIT.messageBlocks);
    return c.problems;
  }
  c.blocks(payload.blocks, BLOCK_KIT.viewBlocks);
  c.maxLen('private_metadata', payload.private_metadata, BLOCK_KIT.privateMetadata);
  c.maxLen('callback_id', payload.callback_id, BLOCK_KIT.callbackId);
  if (surface === 'modal') {
    c.text('title', payload.title, BLOCK_KIT.modalTitle, { plainOnly: true });
    for (const key of ['submit', 'close'] as const) {
      if (payload[key] !== undefined) {
        c.text(key, payload[key], BLOCK_KIT.modalButton, { plainOnly: true });
      }
    }
    const hasInput =
      Array.isArray(payload.blocks) && payload.blocks.some((b) => isObj(b) && b.type === 'input');
    if (hasInput && payload.submit === undefined) {
      c.add('submit', 'a modal with an input block needs a submit button');
    }
  }
  return c.problems;
}

/** Every mrkdwn / plain_text string anywhere in a payload, plus a message's `text` fallback. */
export function allTexts(payload: unknown): string[] {
  const out: string[] = [];
  const walk = (value: unknown) => {
    if (Array.isArray(value)) {
      for (const v of value) walk(v);
      return;
    }
    if (!isObj(value)) return;
    if (
      (value.type === 'mrkdwn' || value.type === 'plain_text') &&
      typeof value.text === 'string'
    ) {
      out.push(value.text);
    }
    for (const v of Object.values(value)) walk(v);
  };
  if (isObj(payload) && typeof payload.text === 'string') out.push(payload.text);
  walk(payload);
  return out;
}

/** Every mrkdwn string (where Slack parses `<!channel>`) plus a message's `text` fallback. */
export function mrkdwnTexts(payload: unknown): string[] {
  const out: string[] = [];
  const walk = (value: unknown) => {
    if (Array.isArray(value)) {
      for (const v of value) walk(v);
      return;
    }
    if (!isObj(value)) return;
    if (value.type === 'mrkdwn' && typeof value.text === 'string') out.push(value.text);
    for (const v of Object.values(value)) walk(v);
  };
  if (isObj(payload) && typeof payload.text === 'string') out.push(payload.text);
  walk(payload);
  return out;
}

/** Every interactive element (buttons, selects …) with the block it sits in. */
export function interactiveElements(payload: unknown): { block: Obj; element: Obj }[] {
  const out: { block: Obj; element: Obj }[] = [];
  const blocks = isObj(payload) && Array.isArray(payload.blocks) ? payload.blocks : [];
  for (const block of blocks.filter(isObj)) {
    const elements = Array.isArray(block.elements) ? block.elements : [];
    for (const e of [...elements, block.accessory, block.element]) {
      if (isObj(e) && typeof e.action_id === 'string') out.push({ block, element: e });
    }
  }
  return out;
}
