import { Button, Group, Paper, Select, SimpleGrid, Stack, TextInput } from '@mantine/core';
import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { DateField, dateFieldInvalid } from '../dates/DateField';
import { FormAlert } from '../FormParts';
import { notify } from '../notify';
import { useCreateCommitment, type CreateCommitmentInput } from '../../hooks/commitments';
import { errorMessage } from '../../i18n/errorMessage';
import { formErrors } from '../../i18n/serverMessages';

const DIRECTIONS = ['ours', 'theirs', 'joint'] as const satisfies readonly NonNullable<CreateCommitmentInput['direction']>[];

/** A promise made at one session, recorded against it (and so against the visit). */
export function FollowUpForm({ interactionId, visitId, subject, onDone }: { interactionId: number; visitId: number; subject: string; onDone: () => void }) {
  const { t } = useTranslation();
  const create = useCreateCommitment();
  const [title, setTitle] = useState('');
  const [due, setDue] = useState('');
  const [direction, setDirection] = useState<(typeof DIRECTIONS)[number]>('ours');
  const [missing, setMissing] = useState(false);
  const [badDue, setBadDue] = useState(false);
  const { fieldErrors, otherErrors } = formErrors(create.error, t, ['title', 'due_date', 'direction']);
  const general = !create.error ? [] : otherErrors.length ? otherErrors : Object.keys(fieldErrors).length ? [] : [errorMessage(create.error, t)];

  const submit = (e: FormEvent) => {
    e.preventDefault();
    // A due date that cannot be read is refused at its field, never saved as "no due date".
    setBadDue(dateFieldInvalid(due));
    if (!title.trim()) setMissing(true);
    if (!title.trim() || dateFieldInvalid(due)) return;
    create.mutate(
      { title: title.trim(), due_date: due || null, direction, interaction_id: interactionId, visit_id: visitId },
      {
        onSuccess: (c) => {
          notify.success(t('itineraryEditor.followUpSaved', { title: c.title }));
          onDone();
        },
      },
    );
  };
  const label = t('itineraryEditor.followUpFor', { subject });
  return (
    <Paper withBorder radius="md" p="sm" mt="xs" bg="var(--mantine-color-gray-0)">
      <form onSubmit={submit} noValidate aria-label={label}>
        <Stack gap="xs">
          <FormAlert title={t('itineraryEditor.followUpFailed')} messages={general} />
          <SimpleGrid cols={{ base: 1, sm: 3 }}>
            <TextInput
              label={t('itineraryEditor.followUpTitle')}
              value={title}
              onChange={(e) => {
                setTitle(e.currentTarget.value);
                setMissing(false);
              }}
              error={missing ? t('itineraryEditor.followUpRequired') : fieldErrors.title}
              required
              data-autofocus
              autoFocus
            />
            <DateField
              label={t('itineraryEditor.followUpDue')}
              value={due}
              onChange={(v) => {
                setDue(v);
                setBadDue(false);
              }}
              error={badDue ? t('quickLog.dateInvalid') : fieldErrors.due_date}
            />
            <Select
              label={t('itineraryEditor.followUpDirection')}
              data={DIRECTIONS.map((value) => ({ value, label: t(`commitment.directions.${value}`) }))}
              value={direction}
              onChange={(v) => v && setDirection(v as (typeof DIRECTIONS)[number])}
              allowDeselect={false}
              error={fieldErrors.direction}
            />
          </SimpleGrid>
          <Group justify="flex-end" gap="sm">
            <Button variant="default" size="xs" onClick={onDone}>
              {t('common.cancel')}
            </Button>
            <Button type="submit" size="xs" loading={create.isPending}>
              {t('itineraryEditor.followUpSave')}
            </Button>
          </Group>
        </Stack>
      </form>
    </Paper>
  );
}
