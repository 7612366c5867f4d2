import { Stack } from '@mantine/core';
import { memo } from 'react';
import { DocumentsPanel } from '../documents/DocumentsPanel';
import { NotesPanel, type AttachedPanelProps } from '../notes/NotesPanel';

/** A record's notes and documents, one above the other, for its detail page. */
export const RecordAttachments = memo(function RecordAttachments(props: AttachedPanelProps) {
  return (
    <Stack gap="lg">
      <NotesPanel {...props} />
      <DocumentsPanel {...props} />
    </Stack>
  );
});
