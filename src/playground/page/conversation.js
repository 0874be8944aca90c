// The conversation side of the page: the person switch, the sidebar with unread counts, the
// header and command hints, the message list (redrawn message by message, keeping scroll and
// keyboard focus) and the App Home tab.

import { change, click } from './actions.js';
import { renderBlocks } from './blocks.js';
import { renderMrkdwn } from './mrkdwn.js';
import {
  $,
  COMMAND,
  DAY,
  el,
  elementContext,
  formatTime,
  HOME,
  hooks,
  myZone,
  textContext,
  ui,
  userName,
} from './ui.js';

const HINTS = ['', 'summary', 'share', 'reset', 'help'];

/** The header's workspace picker: each pretend workspace is its own page. */
export function renderWorkspaceSwitch(view) {
  const select = $('#workspace-switch');
  const sig = view.workspaces.map((w) => `${w.id}:${w.name}`).join();
  if (select.dataset.sig !== sig) {
    select.replaceChildren(
      ...view.workspaces.map((w) => {
        const option = el('option', '', w.name);
        option.value = w.id;
        return option;
      }),
    );
    select.dataset.sig = sig;
  }
  select.value = view.team.id;
  document.title = `${view.team.name} · career-path playground`;
}

export function renderUserSwitch(view) {
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
  return `career-path-playground:seen:${ui.view?.team.id ?? ''}:${ui.user}`;
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

export function renderSidebar(view, conv) {
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

export function renderHeader(view, conv) {
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
      hooks.render();
      focusNewest();
    });
    main.append(dismiss);
  }
  node.append(main);
  return node;
}

export const FOCUSABLE = 'button:not([disabled]), select:not([disabled]), input, textarea, a[href]';

export function renderMessages(conv) {
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

export function focusNewest() {
  if (ui.conv === HOME) return;
  const messages = $('#messages').querySelectorAll('.message');
  const target = messages[messages.length - 1]?.querySelector(FOCUSABLE) ?? $('#composer-input');
  target.focus({ preventScroll: true });
}

export function renderHome(view) {
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
