// The playground page: shows what one pretend person sees (state from the server, so a reload
// loses nothing) and turns their clicks and typing into the requests Slack would send.

import { renderBlocks, renderText } from './blocks.js';
import { plainText, renderMrkdwn } from './mrkdwn.js';

const $ = (selector) => document.querySelector(selector);
const DEFAULT_USER = 'U0ALICE';
const HOME = 'home';
const COMMAND = '/career-path';
const HINTS = ['', 'summary', 'share', 'reset', 'help'];

const ui = {
  user: DEFAULT_USER,
  /** Conversation id, or 'home' for the app's Home tab. */
  conv: null,
  /** The last state the server sent (see src/playground/user-view.ts). */
  view: null,
  /** ts → { sig, node } for the messages on screen, so unchanged messages are left alone. */
  rendered: new Map(),
  renderedConv: null,
  modalKey: null,
  homeKey: null,
  /** Ephemeral messages the person dismissed (as in Slack, only on this screen). */
  dismissed: new Set(),
  /** How far the playground's clock runs ahead of this computer's, from the last state. */
  clockSkew: 0,
};

function el(tag, className, text) {
  const node = document.createElement(tag);
  if (className) node.className = className;
  if (text !== undefined) node.textContent = text;
  return node;
}

// --- server -------------------------------------------------------------------------------------

function toast(text, kind = 'info') {
  const node = el('div', `toast toast-${kind}`, text);
  $('#toasts').append(node);
  setTimeout(() => node.remove(), kind === 'error' ? 8000 : 5000);
}

async function send(action, body) {
  try {
    const res = await fetch(`/playground/${action}`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ user: ui.user, ...body }),
    });
    const answer = await res.json().catch(() => ({}));
    if (!res.ok || answer.ok === false) {
      toast(answer.message ?? `That did not work (HTTP ${res.status}).`, 'error');
      return null;
    }
    for (const warning of answer.warnings ?? [])
      toast(`Slack would reject this: ${warning}`, 'error');
    return answer;
  } catch {
    toast('The playground is not answering. Is `npm start` still running?', 'error');
    return null;
  }
}

let fetching = null;
let again = false;

/** Fetches the person's state and redraws; calls that overlap collapse into one more fetch. */
function refresh() {
  if (fetching) {
    again = true;
    return fetching;
  }
  fetching = (async () => {
    do {
      again = false;
      const user = ui.user;
      const res = await fetch(`/playground/state?user=${encodeURIComponent(user)}`, {
        cache: 'no-store',
      });
      if (!res.ok) {
        const answer = await res.json().catch(() => ({}));
        toast(answer.message ?? 'Could not load the playground state.', 'error');
        if (user !== DEFAULT_USER) location.hash = `#/${DEFAULT_USER}`;
        return;
      }
      const view = await res.json();
      if (user !== ui.user) {
        again = true;
        continue;
      }
      if (ui.view && ui.view.me === view.me && view.version < ui.view.version) continue;
      ui.view = view;
      ui.clockSkew = view.clock.now - Date.now();
      render();
    } while (again);
  })()
    .catch(() => setConnected(false))
    .finally(() => {
      fetching = null;
    });
  return fetching;
}

function setConnected(connected) {
  const node = $('#connection');
  node.textContent = connected ? '' : 'Reconnecting to the playground…';
  document.body.classList.toggle('offline', !connected);
}

function listen() {
  const events = new EventSource('/playground/events');
  events.addEventListener('change', () => refresh());
  events.addEventListener('open', () => setConnected(true));
  events.addEventListener('error', () => setConnected(false));
}

// --- names --------------------------------------------------------------------------------------

function dmId(user) {
  return `D${user.replace(/^[UW]/, '')}`;
}

function userName(id) {
  return ui.view?.users.find((u) => u.id === id)?.realName;
}

function channelInfo(id) {
  const me = ui.view?.me;
  if (me && id === dmId(me)) return { label: 'your DM with Career Path', href: `#/${me}/${id}` };
  const channel = ui.view?.channels.find((c) => c.id === id);
  if (channel)
    return { label: `#${channel.name}`, href: channel.isMember ? `#/${me}/${id}` : null };
  if (id.startsWith('D')) return { label: 'a direct message', href: null };
  return null;
}

function textContext(extra = {}) {
  return { me: ui.view?.me, userName, channelInfo, ...extra };
}

function elementContext(surface, state, handlers, extra = {}) {
  return textContext({
    surface,
    state,
    users: ui.view.users,
    channels: ui.view.channels,
    ...handlers,
    ...extra,
  });
}

// --- time -------------------------------------------------------------------------------------

/** The person's own time zone, as Slack shows times; the browser's until the state arrives. */
function myZone() {
  return ui.view?.users.find((u) => u.id === ui.view.me)?.tz;
}

function formatTime(ms, options) {
  try {
    return new Intl.DateTimeFormat(undefined, { ...options, timeZone: myZone() }).format(ms);
  } catch {
    return new Intl.DateTimeFormat(undefined, options).format(ms);
  }
}

const WHEN = {
  weekday: 'short',
  day: 'numeric',
  month: 'short',
  hour: '2-digit',
  minute: '2-digit',
};
const DAY = { weekday: 'long', day: 'numeric', month: 'long' };

function playgroundNow() {
  return Date.now() + ui.clockSkew;
}

// --- routing ------------------------------------------------------------------------------------

function readHash() {
  const match = /^#\/([A-Z0-9]+)(?:\/([A-Za-z0-9]+))?/.exec(location.hash);
  return { user: match?.[1] ?? DEFAULT_USER, conv: match?.[2] ?? null };
}

function onRoute() {
  const { user, conv } = readHash();
  const userChanged = user !== ui.user;
  const convChanged = conv !== ui.conv;
  ui.user = user;
  ui.conv = conv;
  document.body.classList.remove('nav-open');
  $('#nav-toggle').setAttribute('aria-expanded', 'false');
  if (conv === HOME && (userChanged || convChanged)) {
    ui.homeKey = null;
    send(HOME, {});
  }
  if (userChanged) {
    ui.view = null;
    ui.modalKey = null;
    ui.homeKey = null;
    refresh();
  } else if (ui.view) {
    render();
  }
  if (convChanged && conv !== HOME) $('#composer-input').focus({ preventScroll: true });
}

function currentConversation() {
  const { view } = ui;
  const id = ui.conv === HOME || !ui.conv ? dmId(view.me) : ui.conv;
  return view.conversations.find((c) => c.id === id) ?? view.conversations[0];
}

// --- drawing ------------------------------------------------------------------------------------

function render() {
  const { view } = ui;
  if (!view) return;
  renderUserSwitch(view);
  const conv = currentConversation();
  renderSidebar(view, conv);
  renderHeader(view, conv);
  const onHome = ui.conv === HOME;
  $('#messages').hidden = onHome;
  $('#home').hidden = !onHome;
  $('#composer').hidden = onHome;
  $('#command-hints').hidden = onHome;
  if (onHome) renderHome(view);
  else renderMessages(conv);
  renderModal(view);
  renderClock();
}

function renderClock() {
  const clock = ui.view?.clock;
  if (!clock) return;
  const now = playgroundNow();
  const node = $('#clock-now');
  node.textContent = formatTime(now, { ...WHEN, timeZoneName: 'short' });
  node.dateTime = new Date(now).toISOString();
  const name = userName(ui.view.me) ?? ui.view.me;
  $('#clock-zone').textContent = `${name}'s time zone: ${clock.tz.replaceAll('_', ' ')}`;
  const next = $('#clock-next');
  $('#clock-to-next').hidden = !clock.nextCheckin;
  if (clock.pausedUntil) {
    next.textContent = `Check-ins paused until ${formatTime(clock.pausedUntil, WHEN)}; next one ${
      clock.nextCheckin ? formatTime(clock.nextCheckin, WHEN) : 'not set'
    }.`;
  } else if (clock.nextCheckin) {
    next.textContent = `${name}'s next check-in: ${formatTime(clock.nextCheckin, WHEN)}`;
  } else {
    next.textContent = `${name} has no check-ins on. Try “Check in with me” under a brief, or ${COMMAND} checkin weekly.`;
  }
}

const STEP_NAMES = { 3600000: '1 hour', 86400000: '1 day', 604800000: '1 week' };

async function advanceClock(button) {
  if (button.getAttribute('aria-disabled') === 'true') return;
  const toNext = button.dataset.advanceTo === 'next-checkin';
  const ms = Number(button.dataset.advanceMs);
  const buttons = document.querySelectorAll('.clock-btn');
  for (const b of buttons) b.setAttribute('aria-disabled', 'true');
  // Answers once whatever fell due has been sent; the new messages arrive as usual.
  const answer = toNext
    ? await send('clock/next-checkin', {})
    : await send('clock/advance', { ms });
  for (const b of buttons) b.removeAttribute('aria-disabled');
  if (!answer) return;
  if (ui.view) {
    ui.view.clock = answer.clock;
    ui.clockSkew = answer.clock.now - Date.now();
    renderClock();
  }
  const how = toNext ? 'to the check-in' : (STEP_NAMES[ms] ?? `${ms} ms`);
  toast(`Moved the clock forward ${how}. It is now ${formatTime(answer.clock.now, WHEN)}.`);
  refresh();
}

function renderUserSwitch(view) {
  const select = $('#user-switch');
  const people = view.users.filter((u) => !u.isBot);
  const sig = people.map((u) => u.id).join();
  if (select.dataset.sig !== sig) {
    select.replaceChildren(
      ...people.map((u) => {
        const option = el(
          'option',
          '',
          u.id === 'U0MANAGER' ? `${u.realName} (manager)` : u.realName,
        );
        option.value = u.id;
        return option;
      }),
    );
    select.dataset.sig = sig;
  }
  select.value = view.me;
}

function seenKey() {
  return `career-path-playground:seen:${ui.user}`;
}

function loadSeen() {
  try {
    return JSON.parse(localStorage.getItem(seenKey()) ?? '{}');
  } catch {
    return {};
  }
}

function unreadCount(conv, seen) {
  const last = seen[conv.id] ?? '0';
  return conv.messages.filter((m) => m.author !== ui.view.me && Number(m.ts) > Number(last)).length;
}

function navItem(label, href, current, unread, extraClass = '') {
  const li = el('li');
  const link = el('a', `nav-item ${extraClass}`.trim());
  link.href = href;
  link.append(el('span', 'nav-label', label));
  if (current) link.setAttribute('aria-current', 'page');
  if (unread > 0) {
    link.classList.add('unread');
    const badge = el('span', 'badge', String(unread));
    badge.setAttribute('aria-label', `${unread} new`);
    link.append(badge);
  }
  li.append(link);
  return li;
}

function renderSidebar(view, conv) {
  const seen = loadSeen();
  if (ui.conv !== HOME && conv.messages.length > 0) {
    seen[conv.id] = conv.messages.at(-1).ts;
    localStorage.setItem(seenKey(), JSON.stringify(seen));
  }
  const dm = view.conversations.find((c) => c.kind === 'app');
  $('#nav-apps').replaceChildren(
    navItem(
      'Career Path',
      `#/${view.me}/${dm.id}`,
      ui.conv === HOME || conv.kind === 'app',
      ui.conv === HOME || conv.id !== dm.id ? unreadCount(dm, seen) : 0,
      'nav-app',
    ),
  );
  $('#nav-channels').replaceChildren(
    ...view.conversations
      .filter((c) => c.kind === 'channel')
      .map((c) =>
        navItem(
          `# ${c.name}`,
          `#/${view.me}/${c.id}`,
          ui.conv !== HOME && c.id === conv.id,
          c.id === conv.id && ui.conv !== HOME ? 0 : unreadCount(c, seen),
        ),
      ),
  );
}

function renderHeader(view, conv) {
  const tabs = $('#app-tabs');
  const meta = $('#conv-meta');
  if (conv.kind === 'app') {
    $('#conv-title').textContent = 'Career Path';
    meta.textContent = 'App · only you and the app see this conversation';
    tabs.hidden = false;
    const home = $('#tab-home');
    const messages = $('#tab-messages');
    home.href = `#/${view.me}/${HOME}`;
    messages.href = `#/${view.me}/${conv.id}`;
    home.removeAttribute('aria-current');
    messages.removeAttribute('aria-current');
    (ui.conv === HOME ? home : messages).setAttribute('aria-current', 'page');
  } else {
    const channel = view.channels.find((c) => c.id === conv.id);
    $('#conv-title').textContent = `# ${conv.name}`;
    const names = (channel?.members ?? []).map((id) => userName(id) ?? id);
    meta.textContent = `${names.length} members: ${names.join(', ')}${
      channel && !channel.botIsMember ? ' · Career Path is not in this channel' : ''
    }`;
    tabs.hidden = true;
  }
  const input = $('#composer-input');
  input.placeholder = conv.kind === 'app' ? 'Message Career Path' : `Message #${conv.name}`;
  renderHints();
}

function renderHints() {
  const hints = $('#command-hints');
  if (hints.childElementCount > 0) return;
  hints.append(el('legend', 'hint-label', 'Try:'));
  for (const sub of HINTS) {
    const text = sub ? `${COMMAND} ${sub}` : COMMAND;
    const chip = el('button', 'chip', text);
    chip.type = 'button';
    chip.addEventListener('click', () => {
      const input = $('#composer-input');
      input.value = text;
      input.focus();
    });
    hints.append(chip);
  }
}

function timeOf(ts) {
  return formatTime(Number(ts) * 1000, { hour: '2-digit', minute: '2-digit' });
}

function dayOf(ts) {
  return formatTime(Number(ts) * 1000, DAY);
}

function avatar(authorId, fromApp) {
  const name = fromApp ? 'Career Path' : (userName(authorId) ?? authorId);
  const node = el('div', `avatar ${fromApp ? 'avatar-app' : `avatar-${authorId}`}`);
  node.textContent = fromApp ? 'CP' : name.slice(0, 1).toUpperCase();
  node.setAttribute('aria-hidden', 'true');
  return node;
}

function messageNode(message, continued, conv, newDay) {
  const node = el('article', 'message');
  // A new day, as Slack marks it: after the clock moves on, the gap is plain to see.
  if (newDay) node.append(el('div', 'day-divider', newDay));
  node.dataset.ts = message.ts;
  node.dataset.from = message.fromApp ? 'app' : 'person';
  if (continued) node.classList.add('continued');
  if (message.ephemeral) node.classList.add('ephemeral');
  const author = message.fromApp ? 'Career Path' : (userName(message.author) ?? message.author);
  node.setAttribute('aria-label', `${author} at ${timeOf(message.ts)}`);
  node.append(avatar(message.author, message.fromApp));
  const main = el('div', 'message-main');
  const head = el('div', 'message-head');
  head.append(el('span', 'author', author));
  if (message.fromApp) head.append(el('span', 'app-badge', 'APP'));
  const time = el('time', 'time', timeOf(message.ts));
  time.dateTime = new Date(Number(message.ts) * 1000).toISOString();
  head.append(time);
  main.append(head);
  if (message.ephemeral) main.append(el('div', 'ephemeral-note', 'Only visible to you'));
  const body = el('div', 'message-body');
  const where = { messageTs: message.ts, channel: conv.id };
  if (message.blocks?.length) {
    body.append(
      renderBlocks(
        message.blocks,
        elementContext('message', message.state, {
          onClick: (e) => click(e, where),
          onChange: (e) => change(e, where),
        }),
      ),
    );
  } else {
    body.append(renderMrkdwn(message.text, textContext()));
  }
  main.append(body);
  if (message.ephemeral) {
    const dismiss = el('button', 'link-button', 'Dismiss');
    dismiss.type = 'button';
    dismiss.addEventListener('click', () => {
      ui.dismissed.add(message.ts);
      render();
      focusNewest();
    });
    main.append(dismiss);
  }
  node.append(main);
  return node;
}

const FOCUSABLE = 'button:not([disabled]), select:not([disabled]), input, textarea, a[href]';

function renderMessages(conv) {
  const list = $('#messages');
  const key = `${ui.user}/${conv.id}`;
  const switched = ui.renderedConv !== key;
  const nearBottom = list.scrollHeight - list.scrollTop - list.clientHeight < 80;
  if (switched) {
    list.replaceChildren();
    ui.rendered.clear();
    ui.renderedConv = key;
  }
  const focused = document.activeElement?.closest?.('.message')?.dataset.ts;
  list.querySelector('.empty')?.remove();
  const wanted = [];
  let previous = null;
  let refocus = null;
  const messages = conv.messages.filter((m) => !ui.dismissed.has(m.ts));
  for (const message of messages) {
    const newDay =
      previous !== null && dayOf(previous.ts) !== dayOf(message.ts) ? dayOf(message.ts) : '';
    const continued =
      !newDay &&
      previous !== null &&
      previous.author === message.author &&
      !previous.ephemeral &&
      !message.ephemeral &&
      Number(message.ts) - Number(previous.ts) < 300;
    const sig = JSON.stringify([message, continued, newDay, myZone()]);
    let entry = ui.rendered.get(message.ts);
    if (!entry || entry.sig !== sig) {
      const node = messageNode(message, continued, conv, newDay);
      if (entry) {
        entry.node.replaceWith(node);
        if (!switched) node.classList.add('updated');
        if (focused === message.ts) refocus = node;
      }
      entry = { sig, node };
      ui.rendered.set(message.ts, entry);
    }
    wanted.push(entry.node);
    previous = message;
  }
  const keep = new Set(messages.map((m) => m.ts));
  for (const [ts, entry] of ui.rendered) {
    if (!keep.has(ts)) {
      entry.node.remove();
      ui.rendered.delete(ts);
    }
  }
  wanted.forEach((node, index) => {
    if (list.children[index] !== node) list.insertBefore(node, list.children[index] ?? null);
  });
  if (messages.length === 0) {
    const empty = el('div', 'empty');
    empty.append(
      renderMrkdwn(
        conv.kind === 'app'
          ? `Nothing here yet. Type \`${COMMAND}\` or \`start\` below to begin, or open the *Home* tab.`
          : `Nothing here yet. Type \`${COMMAND}\` below: the app answers only you, and starts in your DM.`,
        textContext(),
      ),
    );
    list.append(empty);
  }
  // Keyboard users keep their place: when the message they were in was redrawn, focus moves to
  // the first control of the newest message (where the conversation carried on).
  if (refocus && !document.activeElement?.closest?.('.message')) {
    const target = wanted.at(-1)?.querySelector(FOCUSABLE) ?? refocus.querySelector(FOCUSABLE);
    (target ?? $('#composer-input')).focus({ preventScroll: true });
  }
  if (switched || nearBottom) list.scrollTop = list.scrollHeight;
}

function focusNewest() {
  if (ui.conv === HOME) return;
  const messages = $('#messages').querySelectorAll('.message');
  const target = messages[messages.length - 1]?.querySelector(FOCUSABLE) ?? $('#composer-input');
  target.focus({ preventScroll: true });
}

function renderHome(view) {
  const section = $('#home');
  if (!view.home) {
    if (ui.homeKey !== 'loading') {
      section.replaceChildren(el('p', 'empty', 'Opening Home…'));
      ui.homeKey = 'loading';
    }
    return;
  }
  const key = `${view.me}:${view.home.id}:${view.home.hash}`;
  if (key === ui.homeKey) return;
  ui.homeKey = key;
  const where = { viewId: view.home.id };
  section.replaceChildren(
    renderBlocks(
      view.home.blocks,
      elementContext('home', view.home.state, {
        onClick: (e) => click(e, where),
        onChange: (e) => change(e, where),
      }),
    ),
  );
}

// --- acting -------------------------------------------------------------------------------------

async function click({ block, element, node }, where) {
  // aria-disabled, not disabled: a disabled button drops keyboard focus to the page.
  if (node.getAttribute('aria-disabled') === 'true') return;
  if (element.confirm && !(await confirmDialog(element.confirm))) return;
  node.setAttribute('aria-disabled', 'true');
  await send('click', { ...where, actionId: element.action_id, blockId: block.block_id });
  node.removeAttribute('aria-disabled');
}

async function change({ block, element, value, text }, where) {
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

function renderModal(view) {
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

// --- composer -----------------------------------------------------------------------------------

async function sendComposer(event) {
  event.preventDefault();
  const input = $('#composer-input');
  const text = input.value.trim();
  if (!text || !ui.view) return;
  const conv = currentConversation();
  const command = /^(\/\S+)(?:\s+([\s\S]*))?$/.exec(text);
  input.value = '';
  const answer = command
    ? await send('command', { channel: conv.id, command: command[1], text: command[2] ?? '' })
    : await send('message', { channel: conv.id, text });
  if (!answer && input.value === '') input.value = text;
}

function start() {
  $('#composer').addEventListener('submit', sendComposer);
  $('#composer-input').addEventListener('keydown', (event) => {
    if (event.key === 'Enter' && !event.shiftKey && !event.isComposing) {
      event.preventDefault();
      $('#composer').requestSubmit();
    }
  });
  $('#user-switch').addEventListener('change', (event) => {
    const user = event.target.value;
    const conv = ui.conv === HOME ? HOME : ui.view?.conversations.find((c) => c.id === ui.conv);
    const keep = conv === HOME ? HOME : conv?.kind === 'channel' ? conv.id : dmId(user);
    location.hash = `#/${user}/${keep}`;
  });
  $('#nav-toggle').addEventListener('click', () => {
    const open = !document.body.classList.contains('nav-open');
    document.body.classList.toggle('nav-open', open);
    $('#nav-toggle').setAttribute('aria-expanded', String(open));
  });
  $('#modal').addEventListener('cancel', (event) => {
    // Escape closes the modal the way the ✕ does: through the server, so the app can hear it.
    event.preventDefault();
    const modal = ui.view?.modal;
    if (modal) send('close', { viewId: modal.id });
  });
  for (const button of document.querySelectorAll('.clock-btn'))
    button.addEventListener('click', () => advanceClock(button));
  // The playground's clock keeps ticking between moves, like any clock.
  setInterval(renderClock, 15_000);
  window.addEventListener('hashchange', onRoute);
  const { user, conv } = readHash();
  ui.user = user;
  ui.conv = conv;
  if (conv === HOME) send(HOME, {});
  listen();
  refresh();
  if (conv !== HOME) $('#composer-input').focus();
}

start();
