import { DraftNotice } from './DraftNotice';
import { LeaveGuardDialog, type useLeaveGuard } from './LeaveGuard';

/** A record form's "draft restored" notice and its question before leaving with unsaved changes. */
export function RecordFormGuards({
  draft,
  guard,
}: {
  draft: { savedAt: string; discard: () => void } | null;
  guard: ReturnType<typeof useLeaveGuard>;
}) {
  return (
    <>
      {draft && <DraftNotice savedAt={draft.savedAt} onDiscard={draft.discard} />}
      <LeaveGuardDialog guard={guard} />
    </>
  );
}
