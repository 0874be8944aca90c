// What a click or a pick on the page becomes: a request to the playground server, which turns it
// into the block_actions Slack would send. Buttons with a `confirm` ask first, in Slack's dialog.

import { renderText } from './blocks.js';
import { plainText } from './mrkdwn.js';
import { $, el, send, textContext } from './ui.js';

export async function click({ block, element, node }, where) {
  // aria-disabled, not disabled: a disabled button drops keyboard focus to the page.
  if (node.getAttribute('aria-disabled') === 'true') return;
  if (element.confirm && !(await confirmDialog(element.confirm))) return;
  node.setAttribute('aria-disabled', 'true');
  await send('click', { ...where, actionId: element.action_id, blockId: block.block_id });
  node.removeAttribute('aria-disabled');
}

export async function change({ block, element, value, text }, where) {
  // Typed text travels with the submit, as in Slack; everything else is sent at once and the
  // emulator decides, like Slack, whether the app hears about it (block_actions) or not.
  if (text && where.viewId && !block.dispatch_action) return;
  await send('select', { ...where, actionId: element.action_id, blockId: block.block_id, value });
}

function confirmDialog(confirm) {
  const dialog = $('#confirm');
  return new Promise((resolve) => {
    const title = el('h2', 'modal-title', plainText(confirm.title) || 'Are you sure?');
    title.id = 'confirm-title';
    const yes = el('button', `btn ${confirm.style === 'danger' ? 'btn-danger' : 'btn-primary'}`);
    yes.textContent = plainText(confirm.confirm) || 'Yes';
    yes.type = 'button';
    const no = el('button', 'btn', plainText(confirm.deny) || 'Cancel');
    no.type = 'button';
    const foot = el('div', 'modal-foot');
    foot.append(no, yes);
    const body = el('div', 'modal-body');
    body.append(renderText(confirm.text, textContext()));
    const head = el('div', 'modal-head');
    head.append(title);
    dialog.replaceChildren(head, body, foot);
    const finish = (answer) => {
      dialog.close();
      resolve(answer);
    };
    yes.addEventListener('click', () => finish(true));
    no.addEventListener('click', () => finish(false));
    dialog.addEventListener('cancel', () => resolve(false), { once: true });
    dialog.showModal();
    no.focus();
  });
}
