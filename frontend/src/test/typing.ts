import type { userEvent } from '@testing-library/user-event';

/**
 * Puts text into a field the way a person pasting it would: one change
 * event instead of one per keystroke, which keeps tests of long forms quick.
 */
export async function fill(user: ReturnType<typeof userEvent.setup>, field: HTMLElement, text: string) {
  await user.click(field);
  await user.paste(text);
}
