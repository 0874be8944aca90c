// Slack mrkdwn → DOM nodes. Every piece of text becomes a text node (never HTML), so whatever a
// person typed is shown, not run. Links are only made for http(s) and mailto addresses.

const ENTITIES = { '&lt;': '<', '&gt;': '>', '&amp;': '&' };

/** Slack escapes only these three; everything else arrives as it was typed. */
export function decodeEntities(text) {
  return text.replace(/&(lt|gt|amp);/g, (m) => ENTITIES[m]);
}

const EMOJI = {
  warning: '⚠️',
  white_check_mark: '✅',
  heavy_check_mark: '✔️',
  x: '❌',
  tada: '🎉',
  wave: '👋',
  bulb: '💡',
  memo: '📝',
  sparkles: '✨',
  thumbsup: '👍',
  '+1': '👍',
  rocket: '🚀',
  eyes: '👀',
  point_right: '👉',
  calendar: '📅',
  lock: '🔒',
  star: '⭐',
  seedling: '🌱',
  compass: '🧭',
  speech_balloon: '💬',
  thinking_face: '🤔',
  hourglass: '⌛',
  information_source: 'ℹ️',
  wastebasket: '🗑️',
  outbox_tray: '📤',
  inbox_tray: '📥',
  double_vertical_bar: '⏸️',
  question: '❓',
  grey_question: '❔',
  arrow_right: '➡️',
  arrow_forward: '▶️',
  repeat: '🔁',
  zzz: '💤',
  bell: '🔔',
  spiral_calendar_pad: '🗓️',
  chart_with_upwards_trend: '📈',
  mag: '🔍',
  pushpin: '📌',
  clipboard: '📋',
  pencil2: '✏️',
  handshake: '🤝',
  busts_in_silhouette: '👥',
  bust_in_silhouette: '👤',
  hammer_and_wrench: '🛠️',
  books: '📚',
  heart: '❤️',
  raised_hands: '🙌',
  clock3: '🕒',
  alarm_clock: '⏰',
  no_entry_sign: '🚫',
  leftwards_arrow_with_hook: '↩️',
};

/** `:warning:` → ⚠️ for the handful of codes the app may use; unknown codes stay as typed. */
export function emojify(text) {
  return text.replace(/:([a-z0-9_+-]+):/g, (m, name) => EMOJI[name] ?? m);
}

/** A plain_text object's text (emoji codes replaced unless `emoji: false`). */
export function plainText(obj) {
  if (!obj || typeof obj.text !== 'string') return '';
  return obj.emoji === false ? obj.text : emojify(obj.text);
}

function el(tag, className, text) {
  const node = document.createElement(tag);
  if (className) node.className = className;
  if (text !== undefined) node.textContent = text;
  return node;
}

const SAFE_URL = /^(https?:\/\/|mailto:)/i;
const ANGLE_TOKEN = /^(?:[@#!][^<\s]|[a-z][a-z0-9+.-]*:)[^<]*$/i;

/** `<…>` sequences: mentions, channel links, special mentions, links. */
function angle(inner, ctx) {
  const [target, label] = splitOnce(inner, '|');
  if (target.startsWith('@')) {
    const id = target.slice(1);
    const name = ctx.userName?.(id) ?? label ?? id;
    const chip = el('span', id === ctx.me ? 'mention mention-me' : 'mention', `@${name}`);
    chip.dataset.user = id;
    return chip;
  }
  if (target.startsWith('#')) {
    const id = target.slice(1);
    const info = ctx.channelInfo?.(id);
    const text = info ? info.label : `#${label ?? id}`;
    if (info?.href) {
      const link = el('a', 'mention mention-channel', text);
      link.href = info.href;
      return link;
    }
    return el('span', 'mention mention-channel', text);
  }
  if (target.startsWith('!')) {
    const special = target.slice(1).split('^')[0];
    if (['here', 'channel', 'everyone'].includes(special))
      return el('span', 'mention mention-special', `@${special}`);
    return document.createTextNode(decodeEntities(label ?? target));
  }
  const url = decodeEntities(target);
  const text = decodeEntities(label ?? target);
  if (!SAFE_URL.test(url)) return document.createTextNode(text);
  const link = el('a', 'link', text);
  link.href = url;
  link.target = '_blank';
  link.rel = 'noopener noreferrer';
  link.title = url;
  return link;
}

function splitOnce(text, separator) {
  const at = text.indexOf(separator);
  return at < 0 ? [text, undefined] : [text.slice(0, at), text.slice(at + 1)];
}

const MARKS = { '*': 'strong', _: 'em', '~': 's' };
const OPEN_BEFORE = /[\s([{"'“‘>*_~-]/;
const CLOSE_AFTER = /[\s)\]}.,;:!?"'”’<*_~-]/;

/** Where a `*`, `_` or `~` run opened at `from` closes on the same line, or -1. */
function closing(text, from, mark) {
  for (let i = from + 1; i < text.length; i += 1) {
    const ch = text[i];
    if (ch === '\n') return -1;
    if (ch !== mark) continue;
    const before = text[i - 1];
    const after = text[i + 1];
    if (before !== ' ' && before !== '\t' && (after === undefined || CLOSE_AFTER.test(after)))
      return i;
  }
  return -1;
}

/** Inline mrkdwn (one paragraph, possibly several lines) appended to `parent`. */
export function appendInline(parent, text, ctx) {
  let plain = '';
  const flush = () => {
    if (plain) parent.append(emojify(decodeEntities(plain)));
    plain = '';
  };
  let i = 0;
  while (i < text.length) {
    const ch = text[i];
    if (ch === '<') {
      const end = text.indexOf('>', i + 1);
      // Only Slack's own forms are tokens (<@U…>, <#C…>, <!here>, <scheme:…|label>); a `<` a
      // person typed (`<3`) stays a `<`, as Slack shows it.
      if (end > i + 1 && ANGLE_TOKEN.test(text.slice(i + 1, end))) {
        flush();
        parent.append(angle(text.slice(i + 1, end), ctx));
        i = end + 1;
        continue;
      }
    }
    if (ch === '`') {
      const end = text.indexOf('`', i + 1);
      if (end > i + 1) {
        flush();
        parent.append(el('code', '', decodeEntities(text.slice(i + 1, end))));
        i = end + 1;
        continue;
      }
    }
    if (MARKS[ch] && (i === 0 || OPEN_BEFORE.test(text[i - 1])) && /\S/.test(text[i + 1] ?? '')) {
      const end = closing(text, i, ch);
      if (end > i + 1) {
        flush();
        const node = el(MARKS[ch]);
        appendInline(node, text.slice(i + 1, end), ctx);
        parent.append(node);
        i = end + 1;
        continue;
      }
    }
    plain += ch;
    i += 1;
  }
  flush();
}

const QUOTE = /^(?:>|&gt;) ?/;
const LIST_ITEM = /^\s*(?:[•◦▪*-]|\d{1,3}[.)])\s/;

/**
 * Renders a mrkdwn string: ``` code blocks, `>` quotes (and `>>>` for the rest), list-looking
 * lines with a hanging indent, and inline formatting. `ctx` names users and channels.
 */
export function renderMrkdwn(text, ctx = {}) {
  const root = el('div', 'mrkdwn');
  const parts = String(text ?? '').split('```');
  parts.forEach((part, index) => {
    if (index % 2 === 1 && index < parts.length - 1) {
      root.append(el('pre', '', decodeEntities(part.replace(/^\n/, '').replace(/\n$/, ''))));
      return;
    }
    // An unclosed ``` is shown as typed.
    const source = index % 2 === 1 ? `\`\`\`${part}` : part;
    appendLines(root, index > 0 ? source.replace(/^\n/, '') : source, ctx);
  });
  return root;
}

function appendLines(root, text, ctx) {
  if (text === '') return;
  const lines = text.split('\n');
  let quote = null;
  let quoteRest = false;
  let paragraph = null;
  for (const line of lines) {
    if (quoteRest || /^(?:>>>|&gt;&gt;&gt;)/.test(line)) {
      const body = quoteRest ? line : line.replace(/^(?:>>>|&gt;&gt;&gt;) ?/, '');
      quoteRest = true;
      quote ??= root.appendChild(el('blockquote'));
      appendLine(quote, body, ctx);
      paragraph = null;
      continue;
    }
    if (QUOTE.test(line)) {
      quote ??= root.appendChild(el('blockquote'));
      appendLine(quote, line.replace(QUOTE, ''), ctx);
      paragraph = null;
      continue;
    }
    quote = null;
    if (line.trim() === '') {
      paragraph = null;
      continue;
    }
    if (LIST_ITEM.test(line)) {
      appendLine(root, line, ctx, 'li');
      paragraph = null;
      continue;
    }
    paragraph ??= root.appendChild(el('p'));
    if (paragraph.childNodes.length > 0) paragraph.append(el('br'));
    appendInline(paragraph, line, ctx);
  }
}

function appendLine(parent, line, ctx, kind) {
  const node = el('div', kind === 'li' ? 'line list-item' : 'line');
  if (line === '') node.append(el('br'));
  else appendInline(node, line, ctx);
  parent.append(node);
}
