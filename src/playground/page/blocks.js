// Block Kit → DOM. Renders what the app sends to messages, modals and the App Home. Elements call
// back into the page (`ctx.onClick`, `ctx.onChange`); they never talk to the server themselves.
// Anything not drawn here shows a visible placeholder instead of vanishing.

import { plainText, renderMrkdwn } from './mrkdwn.js';

function el(tag, className, text) {
  const node = document.createElement(tag);
  if (className) node.className = className;
  if (text !== undefined) node.textContent = text;
  return node;
}

let uid = 0;
function nextId(prefix) {
  uid += 1;
  return `${prefix}-${uid}`;
}

/** A text object: mrkdwn through the mrkdwn renderer, plain_text as plain text. */
export function renderText(obj, ctx, inline = false) {
  if (!obj) return el('span');
  if (obj.type === 'mrkdwn') return renderMrkdwn(obj.text, ctx);
  return el(inline ? 'span' : 'div', 'plain', plainText(obj));
}

export function unsupported(kind, what) {
  const node = el('div', 'unsupported', `Not shown in the playground: ${kind} “${what}”`);
  node.setAttribute('role', 'note');
  return node;
}

function stateOf(ctx, block, element) {
  return ctx.state?.[block.block_id]?.[element.action_id] ?? {};
}

function mark(node, block, element) {
  node.dataset.blockId = block.block_id ?? '';
  node.dataset.actionId = element.action_id ?? '';
  return node;
}

// --- elements ---------------------------------------------------------------------------------

function buttonElement(element, block, ctx) {
  const classes = ['btn'];
  if (element.style === 'primary') classes.push('btn-primary');
  if (element.style === 'danger') classes.push('btn-danger');
  const node = mark(el('button', classes.join(' '), plainText(element.text)), block, element);
  node.type = 'button';
  if (element.accessibility_label) node.setAttribute('aria-label', element.accessibility_label);
  if (element.url) node.title = `Would open ${element.url}`;
  node.addEventListener('click', () => ctx.onClick({ block, element, node }));
  return node;
}

function optionsOf(element) {
  if (Array.isArray(element.option_groups)) {
    return element.option_groups.map((group) => ({
      label: plainText(group.label),
      options: group.options ?? [],
    }));
  }
  return [{ label: null, options: element.options ?? [] }];
}

function selectShell(element, block, ctx, multiple) {
  const select = mark(el('select', 'select'), block, element);
  select.multiple = multiple;
  if (!multiple) {
    const placeholder = el('option', '', plainText(element.placeholder) || 'Select an item');
    placeholder.value = '';
    placeholder.disabled = true;
    placeholder.hidden = ctx.surface !== 'message';
    select.append(placeholder);
  }
  select.setAttribute('aria-label', ctx.label ?? (plainText(element.placeholder) || 'Select'));
  return select;
}

function staticSelect(element, block, ctx) {
  const multiple = element.type === 'multi_static_select';
  const select = selectShell(element, block, ctx, multiple);
  const state = stateOf(ctx, block, element);
  const chosen = new Set(
    (multiple ? (state.selected_options ?? []) : [state.selected_option])
      .filter(Boolean)
      .map((o) => o.value),
  );
  for (const group of optionsOf(element)) {
    const parent = group.label ? el('optgroup') : select;
    if (group.label) {
      parent.label = group.label;
      select.append(parent);
    }
    for (const option of group.options) {
      const node = el('option', '', plainText(option.text));
      node.value = option.value;
      node.selected = chosen.has(option.value);
      parent.append(node);
    }
  }
  if (!multiple && chosen.size === 0) select.value = '';
  select.addEventListener('change', () => {
    const value = multiple ? [...select.selectedOptions].map((o) => o.value) : select.value;
    ctx.onChange({ block, element, value, node: select });
  });
  return select;
}

/** users_select / conversations_select / channels_select: the playground's people and channels. */
function pickerSelect(element, block, ctx) {
  const kind = element.type.replace(/^multi_/, '');
  const multiple = element.type.startsWith('multi_');
  const select = selectShell(element, block, ctx, multiple);
  const state = stateOf(ctx, block, element);
  const field =
    kind === 'users_select'
      ? 'selected_user'
      : kind === 'channels_select'
        ? 'selected_channel'
        : 'selected_conversation';
  const current = new Set(
    (multiple ? (state[`${field}s`] ?? []) : [state[field]]).filter((v) => typeof v === 'string'),
  );
  const choices =
    kind === 'users_select'
      ? ctx.users.filter((u) => !u.isBot).map((u) => ({ value: u.id, label: u.realName }))
      : ctx.channels
          .filter((c) => !c.isPrivate || c.isMember)
          .map((c) => ({ value: c.id, label: `#${c.name}` }));
  for (const choice of choices) {
    const node = el('option', '', choice.label);
    node.value = choice.value;
    node.selected = current.has(choice.value);
    select.append(node);
  }
  if (!multiple && current.size === 0) select.value = '';
  select.addEventListener('change', () => {
    const value = multiple ? [...select.selectedOptions].map((o) => o.value) : select.value;
    ctx.onChange({ block, element, value: value === '' ? null : value, node: select });
  });
  return select;
}

/** An overflow menu as a native select: keyboard and screen reader support for free. */
function overflow(element, block, ctx) {
  const select = mark(el('select', 'select overflow'), block, element);
  select.setAttribute('aria-label', 'More actions');
  const head = el('option', '', '⋯');
  head.value = '';
  select.append(head);
  for (const option of element.options ?? []) {
    const node = el('option', '', plainText(option.text));
    node.value = option.value;
    select.append(node);
  }
  select.addEventListener('change', () => {
    const value = select.value;
    select.value = '';
    if (value) ctx.onChange({ block, element, value, node: select });
  });
  return select;
}

function choiceGroup(element, block, ctx, type) {
  const group = mark(el('fieldset', `choices choices-${type}`), block, element);
  if (ctx.label) group.append(el('legend', 'sr-only', ctx.label));
  const state = stateOf(ctx, block, element);
  const chosen = new Set(
    (type === 'checkbox' ? (state.selected_options ?? []) : [state.selected_option])
      .filter(Boolean)
      .map((o) => o.value),
  );
  const name = nextId('choice');
  for (const option of element.options ?? []) {
    const row = el('label', 'choice');
    const input = el('input');
    input.type = type;
    input.name = name;
    input.value = option.value;
    input.checked = chosen.has(option.value);
    const text = el('span', 'choice-text');
    text.append(renderText(option.text, ctx, true));
    if (option.description)
      text.append(el('span', 'choice-description', plainText(option.description)));
    row.append(input, text);
    group.append(row);
  }
  group.addEventListener('change', () => {
    const checked = [...group.querySelectorAll('input:checked')].map((i) => i.value);
    ctx.onChange({
      block,
      element,
      value: type === 'checkbox' ? checked : (checked[0] ?? null),
      node: group,
    });
  });
  return group;
}

const TEXT_TYPES = {
  plain_text_input: 'text',
  email_text_input: 'email',
  url_text_input: 'url',
  number_input: 'number',
};

function textInput(element, block, ctx) {
  const multiline = element.type === 'plain_text_input' && element.multiline;
  const input = mark(el(multiline ? 'textarea' : 'input', 'text-input'), block, element);
  if (!multiline) input.type = TEXT_TYPES[element.type];
  if (multiline) input.rows = 4;
  input.dataset.textInput = 'true';
  const state = stateOf(ctx, block, element);
  input.value = state.value ?? element.initial_value ?? '';
  if (element.placeholder) input.placeholder = plainText(element.placeholder);
  if (element.max_length) input.maxLength = element.max_length;
  if (element.min_length) input.minLength = element.min_length;
  if (ctx.labelId) input.setAttribute('aria-labelledby', ctx.labelId);
  else if (ctx.label) input.setAttribute('aria-label', ctx.label);
  if (element.focus_on_load) input.dataset.autofocus = 'true';
  input.addEventListener('change', () =>
    ctx.onChange({ block, element, value: input.value, node: input, text: true }),
  );
  return input;
}

function dateLike(element, block, ctx) {
  const input = mark(el('input', 'text-input'), block, element);
  input.type = element.type === 'timepicker' ? 'time' : 'date';
  const state = stateOf(ctx, block, element);
  input.value =
    (element.type === 'timepicker' ? state.selected_time : state.selected_date) ??
    element.initial_date ??
    element.initial_time ??
    '';
  if (ctx.label) input.setAttribute('aria-label', ctx.label);
  input.addEventListener('change', () =>
    ctx.onChange({ block, element, value: input.value || null, node: input }),
  );
  return input;
}

/** Images are not fetched: the playground never contacts another host. */
function imagePlaceholder(element) {
  const node = el('span', 'image-placeholder', `[image: ${element.alt_text || 'no description'}]`);
  node.title = 'Images are not loaded in the playground';
  return node;
}

export function renderElement(element, block, ctx) {
  switch (element.type) {
    case 'button':
      return buttonElement(element, block, ctx);
    case 'static_select':
    case 'multi_static_select':
      return staticSelect(element, block, ctx);
    case 'users_select':
    case 'multi_users_select':
    case 'conversations_select':
    case 'multi_conversations_select':
    case 'channels_select':
    case 'multi_channels_select':
      return pickerSelect(element, block, ctx);
    case 'overflow':
      return overflow(element, block, ctx);
    case 'checkboxes':
      return choiceGroup(element, block, ctx, 'checkbox');
    case 'radio_buttons':
      return choiceGroup(element, block, ctx, 'radio');
    case 'plain_text_input':
    case 'email_text_input':
    case 'url_text_input':
    case 'number_input':
      return textInput(element, block, ctx);
    case 'datepicker':
    case 'timepicker':
      return dateLike(element, block, ctx);
    case 'image':
      return imagePlaceholder(element);
    default:
      return unsupported('element', element.type);
  }
}

// --- blocks -----------------------------------------------------------------------------------

function section(block, ctx) {
  const node = el('div', 'block block-section');
  const body = el('div', 'section-body');
  if (block.text) body.append(renderText(block.text, ctx));
  if (Array.isArray(block.fields) && block.fields.length > 0) {
    const fields = el('div', 'section-fields');
    for (const field of block.fields) fields.append(renderText(field, ctx));
    body.append(fields);
  }
  node.append(body);
  if (block.accessory) {
    const accessory = el('div', 'section-accessory');
    accessory.append(
      renderElement(block.accessory, block, {
        ...ctx,
        label: block.text ? block.text.text.slice(0, 80) : undefined,
      }),
    );
    node.append(accessory);
  }
  return node;
}

function context(block, ctx) {
  const node = el('div', 'block block-context');
  for (const element of block.elements ?? []) {
    if (element.type === 'image') node.append(imagePlaceholder(element));
    else node.append(renderText(element, ctx));
  }
  return node;
}

function actionsBlock(block, ctx) {
  const node = el('div', 'block block-actions');
  node.setAttribute('role', 'group');
  for (const element of block.elements ?? []) node.append(renderElement(element, block, ctx));
  return node;
}

function input(block, ctx) {
  const node = el('div', 'block block-input');
  node.dataset.blockId = block.block_id ?? '';
  node.dataset.required = block.optional ? 'false' : 'true';
  const labelId = nextId('label');
  const label = el('div', 'input-label');
  label.id = labelId;
  label.append(el('span', '', plainText(block.label)));
  if (block.optional) label.append(el('span', 'input-optional', ' (optional)'));
  node.append(label);
  const element = block.element ?? {};
  node.append(renderElement(element, block, { ...ctx, label: plainText(block.label), labelId }));
  if (block.hint) node.append(el('div', 'input-hint', plainText(block.hint)));
  const error = ctx.errors?.[block.block_id];
  const errorNode = el('div', 'input-error', error ?? '');
  errorNode.setAttribute('role', 'alert');
  errorNode.hidden = !error;
  node.append(errorNode);
  if (error) node.classList.add('has-error');
  return node;
}

export function renderBlock(block, ctx) {
  switch (block.type) {
    case 'header': {
      const node = el('h3', 'block block-header');
      node.append(renderText(block.text, ctx, true));
      return node;
    }
    case 'section':
      return section(block, ctx);
    case 'divider':
      return el('hr', 'block block-divider');
    case 'context':
      return context(block, ctx);
    case 'actions':
      return actionsBlock(block, ctx);
    case 'input':
      return input(block, ctx);
    case 'image': {
      const node = el('div', 'block block-image');
      node.append(imagePlaceholder(block));
      return node;
    }
    default:
      return unsupported('block', block.type);
  }
}

export function renderBlocks(blocks, ctx) {
  const fragment = document.createDocumentFragment();
  for (const block of blocks ?? []) fragment.append(renderBlock(block, ctx));
  return fragment;
}
