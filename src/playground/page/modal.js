// The modal: drawn from the state the server sent, redrawn in place on views.update without losing
// typed text or focus, checked for required inputs like Slack's client does, then submitted or
// closed through the server (so the app hears view_submission / view_closed).

import { change, click } from './actions.js';
import { renderBlocks } from './blocks.js';
import { focusNewest } from './conversation.js';
import { plainText } from './mrkdwn.js';
import { $, el, elementContext, send, ui } from './ui.js';

function controlKey(node) {
  return `${node.dataset.blockId}/${node.dataset.actionId}`;
}

/** Typed text and focus, so a redraw of the same modal (views.update) loses neither. */
function captureModal(dialog) {
  const texts = new Map();
  for (const input of dialog.querySelectorAll('[data-text-input]'))
    texts.set(controlKey(input), input.value);
  const active = document.activeElement;
  const holder = active?.closest?.('[data-action-id]');
  const focus =
    holder && dialog.contains(holder)
      ? { key: controlKey(holder), value: active.value ?? null }
      : null;
  return { texts, focus };
}

function restoreModal(dialog, kept) {
  for (const input of dialog.querySelectorAll('[data-text-input]')) {
    const value = kept.texts.get(controlKey(input));
    if (value !== undefined) input.value = value;
  }
  if (!kept.focus) return;
  const holder = [...dialog.querySelectorAll('[data-action-id]')].find(
    (n) => controlKey(n) === kept.focus.key,
  );
  if (!holder) return;
  const target =
    holder.matches('fieldset') && kept.focus.value !== null
      ? [...holder.querySelectorAll('input')].find((i) => i.value === kept.focus.value)
      : holder;
  target?.focus({ preventScroll: true });
}

export function renderModal(view) {
  const dialog = $('#modal');
  const modal = view.modal;
  if (!modal) {
    if (dialog.open) {
      dialog.close();
      // The button that opened the modal has usually been redrawn since; carry on from the
      // newest message rather than leaving keyboard focus on the page itself.
      const active = document.activeElement;
      if (!active || active === document.body || dialog.contains(active)) focusNewest();
    }
    ui.modalKey = null;
    return;
  }
  const key = `${view.me}:${modal.id}:${modal.hash}:${JSON.stringify(modal.errors ?? {})}`;
  if (key === ui.modalKey && dialog.open) return;
  const sameView = ui.modalKey?.startsWith(`${view.me}:${modal.id}:`) && dialog.open;
  const kept = sameView ? captureModal(dialog) : null;
  ui.modalKey = key;

  const where = { viewId: modal.id };
  const form = el('form', 'modal-form');
  form.noValidate = true;
  const head = el('div', 'modal-head');
  if (modal.depth > 0) {
    const back = el('button', 'modal-icon', '←');
    back.type = 'button';
    back.setAttribute('aria-label', 'Back');
    back.addEventListener('click', () => send('close', { viewId: modal.id }));
    head.append(back);
  }
  const title = el('h2', 'modal-title', plainText(modal.title));
  title.id = 'modal-title';
  const x = el('button', 'modal-icon', '✕');
  x.type = 'button';
  x.setAttribute('aria-label', 'Close');
  x.addEventListener('click', () => send('close', { viewId: modal.id }));
  head.append(title, x);
  const body = el('div', 'modal-body');
  body.append(
    renderBlocks(
      modal.blocks,
      elementContext(
        'modal',
        modal.state,
        { onClick: (e) => click(e, where), onChange: (e) => change(e, where) },
        { errors: modal.errors ?? {} },
      ),
    ),
  );
  const foot = el('div', 'modal-foot');
  const close = el('button', 'btn', plainText(modal.close) || 'Cancel');
  close.type = 'button';
  close.addEventListener('click', () => send('close', { viewId: modal.id }));
  foot.append(close);
  if (modal.submit) {
    const submit = el('button', 'btn btn-primary', plainText(modal.submit));
    submit.type = 'submit';
    foot.append(submit);
  }
  form.append(head, body, foot);
  form.addEventListener('submit', (event) => {
    event.preventDefault();
    submitModal(form, modal);
  });
  dialog.replaceChildren(form);
  if (kept) restoreModal(dialog, kept);
  if (!dialog.open) {
    dialog.showModal();
    const first =
      dialog.querySelector('[data-autofocus]') ??
      dialog.querySelector('.modal-body input, .modal-body textarea, .modal-body select') ??
      close;
    first.focus();
  }
}

/** Slack checks required inputs in the client before anything is sent; so does the page. */
function missingRequired(form) {
  let missing = null;
  for (const block of form.querySelectorAll('.block-input[data-required="true"]')) {
    const controls = [...block.querySelectorAll('input, textarea, select')];
    const filled = controls.some((c) =>
      c.type === 'checkbox' || c.type === 'radio' ? c.checked : c.value.trim() !== '',
    );
    const error = block.querySelector('.input-error');
    if (!filled) {
      error.textContent = 'Please complete this required field.';
      error.hidden = false;
      block.classList.add('has-error');
      missing ??= controls[0];
    }
  }
  return missing;
}

async function submitModal(form, modal) {
  const missing = missingRequired(form);
  if (missing) {
    missing.focus();
    return;
  }
  const values = [...form.querySelectorAll('[data-text-input]')].map((input) => ({
    blockId: input.dataset.blockId,
    actionId: input.dataset.actionId,
    value: input.value,
  }));
  const submit = form.querySelector('button[type="submit"]');
  if (submit.getAttribute('aria-disabled') === 'true') return;
  submit.setAttribute('aria-disabled', 'true');
  await send('submit', { viewId: modal.id, values });
  submit.removeAttribute('aria-disabled');
}
