// What every part of the playground page shares: the one `ui` object (who is looking, where, and
// the last state the server sent), small DOM helpers, how ids become names and links, how times
// are shown (in the viewer's Slack time zone, on the playground clock), and `send`, the one way a
// part of the page asks the playground server to do something. No drawing happens here.

export const $ = (selector) => document.querySelector(selector);
export const DEFAULT_USER = 'U0ALICE';
export const HOME = 'home';
export const COMMAND = '/career-path';

export const ui = {
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

/** Filled in by app.js, so the modules it imports can ask for a full redraw without a cycle. */
export const hooks = { render: () => {} };

export function el(tag, className, text) {
  const node = document.createElement(tag);
  if (className) node.className = className;
  if (text !== undefined) node.textContent = text;
  return node;
}

// --- the server ---------------------------------------------------------------------------------

export function toast(text, kind = 'info') {
  const node = el('div', `toast toast-${kind}`, text);
  $('#toasts').append(node);
  setTimeout(() => node.remove(), kind === 'error' ? 8000 : 5000);
}

export async function send(action, body) {
  try {
    const res = await fetch(`playground/${action}`, {
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

// --- names --------------------------------------------------------------------------------------

export function dmId(user) {
  return `D${user.replace(/^[UW]/, '')}`;
}

export function userName(id) {
  return ui.view?.users.find((u) => u.id === id)?.realName;
}

export function channelInfo(id) {
  const me = ui.view?.me;
  if (me && id === dmId(me)) return { label: 'your DM with Career Path', href: `#/${me}/${id}` };
  const channel = ui.view?.channels.find((c) => c.id === id);
  if (channel)
    return { label: `#${channel.name}`, href: channel.isMember ? `#/${me}/${id}` : null };
  if (id.startsWith('D')) return { label: 'a direct message', href: null };
  return null;
}

export function textContext(extra = {}) {
  return { me: ui.view?.me, userName, channelInfo, ...extra };
}

export function elementContext(surface, state, handlers, extra = {}) {
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
export function myZone() {
  return ui.view?.users.find((u) => u.id === ui.view.me)?.tz;
}

export function formatTime(ms, options) {
  try {
    return new Intl.DateTimeFormat(undefined, { ...options, timeZone: myZone() }).format(ms);
  } catch {
    return new Intl.DateTimeFormat(undefined, options).format(ms);
  }
}

export const WHEN = {
  weekday: 'short',
  day: 'numeric',
  month: 'short',
  hour: '2-digit',
  minute: '2-digit',
};
export const DAY = { weekday: 'long', day: 'numeric', month: 'long' };

export function playgroundNow() {
  return Date.now() + ui.clockSkew;
}
