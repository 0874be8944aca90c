import type { BlockElementAction } from '@slack/bolt';
import { decodeRef, type RefValue } from '../../render/index.ts';

/** The exchange ref a button or select carried; a forged or foreign value reads as null. */
export function refOf(action: BlockElementAction): RefValue | null {
  if (action.type === 'button') return decodeRef(action.value);
  if (action.type === 'static_select') return decodeRef(action.selected_option?.value);
  return null;
}

/** The string a button, select, datepicker or timepicker carried; '' when none. */
export function carriedValue(action: BlockElementAction): string {
  switch (action.type) {
    case 'button':
      return action.value ?? '';
    case 'static_select':
      return action.selected_option?.value ?? '';
    case 'datepicker':
      return action.selected_date ?? '';
    case 'timepicker':
      return action.selected_time ?? '';
    default:
      return '';
  }
}
