// The playground page: shows what one pretend person sees (state from the server, so a reload
// loses nothing) and turns their clicks and typing into the requests Slack would send.
//
// This entry module (the one index.html loads) keeps the page in step with the server (the state fetch, the event stream),
// follows the address (#/<person>/<conversation>), draws the whole page from the state, runs the
// playground clock and the composer. The parts it draws live in conversation.js and modal.js;
// what they share is in ui.js.

import {
  renderHeader,
  renderHome,
  renderMessages,
  renderSidebar,
  renderUserSwitch,
  renderWorkspaceSwitch,
} from './conversation.js';
import { renderModal } from './modal.js';
import {
  $,
  COMMAND,
  DEFAULT_USER,
  dmId,
  formatTime,
  HOME,
  hooks,
  playgroundNow,
  send,
  toast,
  ui,
  userName,
  WHEN,
} from './ui.js';

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
      const res = await fetch(`playground/state?user=${encodeURIComponent(user)}`, {
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
  const events = new EventSource('playground/events');
  events.addEventListener('change', () => refresh());
  events.addEventListener('open', () => setConnected(true));
  events.addEventListener('error', () => setConnected(false));
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
  renderWorkspaceSwitch(view);
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

hooks.render = render;

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
  $('#workspace-switch').addEventListener('change', (event) => {
    // Another workspace is another page (its own state and event stream); the same person id
    // there is someone else, so they land in their own DM with the app.
    const target = ui.view?.workspaces.find((w) => w.id === event.target.value);
    if (!target) return;
    const people = target.people ?? [];
    const user = people.includes(ui.user) ? ui.user : (people[0] ?? DEFAULT_USER);
    location.assign(`${target.href}#/${user}`);
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
