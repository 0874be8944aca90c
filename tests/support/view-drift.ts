import type { StoredView } from '../../src/playground/emulator/index.ts';

type Json = Record<string, unknown>;

/** The value an element was sent with (initial_option, initial_time …), as a comparable string. */
function initialOf(element: Json): string | undefined {
  const option = element.initial_option as { value?: string } | undefined;
  if (option) return option.value;
  for (const key of ['initial_time', 'initial_date', 'initial_value', 'initial_user']) {
    if (typeof element[key] === 'string') return element[key] as string;
  }
  return undefined;
}

function shownOf(entry: Json | undefined): string | undefined {
  if (!entry) return undefined;
  const option = entry.selected_option as { value?: string } | undefined;
  if (option) return option.value;
  for (const key of ['selected_time', 'selected_date', 'value', 'selected_user']) {
    if (typeof entry[key] === 'string') return entry[key] as string;
  }
  return undefined;
}

/**
 * Elements of a view whose shown value (Slack's state, which survives an update with the same
 * ids) differs from the value the bot last sent: the user would read one thing and the bot
 * mean another. Empty when the view shows what the bot says.
 */
export function hiddenValues(view: StoredView | undefined): string[] {
  if (!view) return [];
  const problems: string[] = [];
  for (const block of view.blocks as Json[]) {
    const elements = [
      ...((block.elements as Json[] | undefined) ?? []),
      ...(block.element ? [block.element as Json] : []),
      ...(block.accessory ? [block.accessory as Json] : []),
    ];
    for (const element of elements) {
      const sent = initialOf(element);
      if (sent === undefined || typeof element.action_id !== 'string') continue;
      const shown = shownOf(view.state.values[block.block_id as string]?.[element.action_id]);
      if (shown !== sent) problems.push(`${element.action_id}: shows ${shown}, bot sent ${sent}`);
    }
  }
  return problems;
}
