import { useEffect, useRef, useState } from 'react';
import { useMe } from '../../hooks/auth';
import { clearDraft, readDraft, writeDraft, type Draft } from '../../offline/drafts';

/**
 * A form's draft: `restored` is the draft found when the form opened (or
 * null); while `dirty`, `value` is written on every change, and once the
 * form is back to where it started the draft is removed. `discard` forgets
 * it; `clear` is for after a save.
 */
export function useDraft<T>(key: string, value: T, dirty: boolean) {
  const { data: me } = useMe();
  const user = me?.id ?? 0;
  const [restored, setRestored] = useState<Draft<T> | null>(() => readDraft<T>(user, key));
  // The first render shows the form before the draft is put back into it: not a change to save.
  const settled = useRef(false);
  const stopped = useRef(false);

  useEffect(() => {
    if (!settled.current) {
      settled.current = true;
      if (restored) return;
    }
    if (stopped.current) return;
    if (dirty) writeDraft(user, key, value);
    else clearDraft(user, key);
  }, [user, key, value, dirty]);

  return {
    restored,
    /** Forget the draft and stop writing it (after a save, before leaving). */
    clear: () => {
      stopped.current = true;
      clearDraft(user, key);
      setRestored(null);
    },
    /** Drop the restored draft; the form is expected to go back to its start. */
    discard: () => {
      clearDraft(user, key);
      setRestored(null);
    },
    /** Hide the notice and keep the draft. */
    dismiss: () => setRestored(null),
  };
}
