import { useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import { Field, memoField, type FormFields } from '../../components/formFields';
import { ParticipantPicker, partyKey, partyRow, type Party } from '../../components/visit/ParticipantPicker';
import { ParticipantRows, move } from '../../components/visit/ParticipantRows';
import { VISIT_ROLES, VISIT_SIDES, guessSideAndRole, type VisitFormValues } from './visitForm';

type Row = VisitFormValues['participants'][number];

/**
 * The visit's participants, each with their side and role, and the picker
 * that adds one (its side and role guessed from the visit's countries).
 * Drawn again only when the participants, the countries or their errors
 * change, not on each key typed elsewhere in the form.
 */
export const VisitParticipantsField = memoField(function VisitParticipantsField({
  rows,
  origin,
  host,
  label,
  serverErrors,
  formError,
  fields,
}: {
  rows: Row[];
  origin: string | null;
  host: string | null;
  label: string;
  /** The server's field errors, by path (`participants.2.role`). */
  serverErrors: Record<string, string>;
  formError?: string;
  fields: FormFields<VisitFormValues>;
}) {
  const { t } = useTranslation();
  /** `participants.2.role` → the role select of row 3; `participants.2` → the row itself. */
  const rowError = (i: number, field?: 'side' | 'role' | 'organization_id' | 'contact_id') => serverErrors[field ? `participants.${i}.${field}` : `participants.${i}`];
  const rowErrors = Object.fromEntries(
    rows.map((_, i) => [i, [rowError(i), rowError(i, 'organization_id'), rowError(i, 'contact_id')].filter(Boolean).join(' ') || undefined]),
  );
  const chosen = useMemo(() => new Set(rows.map(partyKey)), [rows]);
  const sides = VISIT_SIDES.map((value) => ({ value, label: t(`visit.sides.${value}`) }));
  const roles = VISIT_ROLES.map((value) => ({ value, label: t(`visit.roles.${value}`) }));
  const setRows = (next: (rows: Row[]) => Row[]) => fields.form().setFieldValue('participants', next);
  const pick = (party: Party) =>
    setRows((now) => [
      ...now,
      { ...partyRow(party), ...guessSideAndRole(party, origin, host, now) },
    ]);
  return (
    <>
      <ParticipantRows
        rows={rows}
        label={label}
        empty={t('visit.noParticipants')}
        errors={rowErrors}
        onMove={(i, by) => setRows((now) => move(now, i, by))}
        onRemove={(i) => setRows((now) => now.filter((_, j) => j !== i))}
        selects={(row, i) => (
          <>
            <Field.Select
              label={t('visitForm.side')}
              aria-label={t('visitForm.sideOf', { name: row.name })}
              w={180}
              data={sides}
              value={row.side}
              onChange={fields.set(`participants.${i}.side`)}
              allowDeselect={false}
              error={rowError(i, 'side')}
            />
            <Field.Select
              label={t('visitForm.role')}
              aria-label={t('visitForm.roleOf', { name: row.name })}
              w={190}
              data={roles}
              value={row.role}
              onChange={fields.set(`participants.${i}.role`)}
              allowDeselect={false}
              error={rowError(i, 'role')}
            />
          </>
        )}
      />
      <ParticipantPicker
        label={t('participantPicker.label')}
        description={t('participantPicker.hint')}
        chosen={chosen}
        defaultCountry={origin}
        error={serverErrors.participants ?? formError}
        onPick={pick}
      />
    </>
  );
});
