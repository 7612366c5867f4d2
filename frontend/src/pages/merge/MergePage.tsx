import { Alert, Anchor, Badge, Breadcrumbs, Button, Group, Paper, Radio, SimpleGrid, Stack, Text, Title } from '@mantine/core';
import { useDisclosure } from '@mantine/hooks';
import { IconAlertCircle, IconGitMerge, IconLock } from '@tabler/icons-react';
import { useMemo, useState, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate, useParams, useSearchParams } from 'react-router';
import { serverFieldErrors } from '../../api/client';
import { ConfirmDialog } from '../../components/ConfirmDialog';
import { PageLoader } from '../../components/PageLoader';
import { QueryError } from '../../components/QueryError';
import { notify } from '../../components/notify';
import { useCountryOptions } from '../../components/useCountryOptions';
import { useFormat } from '../../components/useFormat';
import { useUserName } from '../../components/useNames';
import { MERGE_KINDS, useMergePreview, useMergeRecords, useMergeRecordsMutation, type MergeKind, type MergePreview, type MergeRecord } from '../../hooks/merge';
import { useOrganization } from '../../hooks/organizations';
import { defaultSource, differingFields, isEmpty, parseIds, proposedSurvivor, valueOf, type MergeField } from './mergeFields';

/**
 * `/merge/:kind?ids=12,40`: duplicates side by side, one column per record.
 * The manager picks the record that stays and, where the records differ, the
 * value it keeps; the server moves everything else.
 */
export function MergePage() {
  const { kind } = useParams();
  const [params] = useSearchParams();
  const { t } = useTranslation();
  const ids = useMemo(() => parseIds(params.get('ids')), [params]);
  const valid = MERGE_KINDS.includes(kind as MergeKind) && ids.length >= 2;
  if (!valid) {
    return (
      <Alert color="orange" icon={<IconAlertCircle aria-hidden="true" />} role="alert">
        {t('merge.badAddress')}
      </Alert>
    );
  }
  return <MergeLoader kind={kind as MergeKind} ids={ids} />;
}

function MergeLoader({ kind, ids }: { kind: MergeKind; ids: number[] }) {
  const { t } = useTranslation();
  const records = useMergeRecords(kind, ids);
  const preview = useMergePreview(kind, ids);
  const failed = records.find((r) => r.isError) ?? (preview.isError ? preview : undefined);
  if (failed) return <QueryError title={t('merge.loadError')} error={failed.error} onRetry={() => records.forEach((r) => void r.refetch())} />;
  if (records.some((r) => r.isPending) || preview.isPending) return <PageLoader />;
  return <MergeScreen kind={kind} records={records.map((r) => r.data!)} previews={preview.data ?? []} />;
}

function nameOf(record: MergeRecord): string {
  if ('full_name' in record) return record.full_name || record.name_local;
  return record.name;
}

function MergeScreen({ kind, records, previews }: { kind: MergeKind; records: MergeRecord[]; previews: MergePreview[] }) {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const format = useFormat();
  const merge = useMergeRecordsMutation();
  const [confirmOpened, confirmDialog] = useDisclosure(false);
  const [survivorId, setSurvivorId] = useState(() => proposedSurvivor(records, previews)?.id ?? records[0]!.id);
  const [picks, setPicks] = useState<Record<string, number>>({});
  const survivor = records.find((r) => r.id === survivorId) ?? records[0]!;
  const others = records.filter((r) => r.id !== survivor.id);
  const fields = differingFields(kind, records);
  const source = (field: string) => picks[field] ?? defaultSource(field, survivor, others);
  const errors = serverFieldErrors(merge.error).fieldErrors;
  const restricted = records.some((r) => 'restricted' in r && r.restricted);
  const cols = { base: 1, sm: Math.min(records.length, 3) };
  const path = (r: MergeRecord) => `/${kind}/${r.id}`;

  const submit = () => {
    const chosen = Object.fromEntries(fields.map((f) => [f.name, source(f.name)]));
    merge.mutate(
      { kind, survivor: { id: survivor.id, version: survivor.version }, from: others.map((r) => r.id), fields: chosen },
      {
        onSuccess: (record) => {
          confirmDialog.close();
          notify.success(t('merge.done', { name: nameOf(record) }));
          void navigate(path(record));
        },
        onError: (error) => {
          // A refused value is shown at its field; anything else in the dialog.
          if (Object.keys(serverFieldErrors(error).fieldErrors).some((k) => k.startsWith('fields.'))) confirmDialog.close();
        },
      },
    );
  };

  return (
    <Stack gap="lg">
      <Breadcrumbs separator="›">
        <Anchor component={Link} to={`/${kind}`} size="sm">
          {t(kind === 'contacts' ? 'nav.contacts' : 'nav.organizations')}
        </Anchor>
        <Text size="sm" c="dimmed" aria-current="page">
          {t(`merge.title_${kind}`)}
        </Text>
      </Breadcrumbs>
      <Stack gap={4}>
        <Title order={1} size="h2">
          {t(`merge.title_${kind}`)}
        </Title>
        <Text c="dimmed" size="sm" maw="48rem">
          {t('merge.intro')}
        </Text>
      </Stack>

      <Radio.Group value={String(survivor.id)} onChange={(v) => setSurvivorId(Number(v))} label={t('merge.survivorLegend')}>
        <SimpleGrid cols={cols} mt="xs">
          {records.map((r) => (
            <RecordCard key={r.id} record={r} stays={r.id === survivor.id} preview={previews.find((p) => p.id === r.id)} to={path(r)} created={format.date(r.created_at)} />
          ))}
        </SimpleGrid>
      </Radio.Group>

      <Paper withBorder radius="lg" p="lg" component="section" aria-labelledby="merge-fields-title">
        <Title order={2} size="h4" id="merge-fields-title">
          {t('merge.fieldsTitle')}
        </Title>
        <Text size="sm" c="dimmed" mb="md">
          {t('merge.fieldsHint')}
        </Text>
        {fields.length === 0 ? (
          <Text size="sm">{t('merge.noDifferences')}</Text>
        ) : (
          <Stack gap="lg">
            {fields.map((f) => (
              <Radio.Group
                key={f.name}
                label={<FieldLabel kind={kind} field={f} />}
                value={String(source(f.name))}
                onChange={(v) => setPicks((p) => ({ ...p, [f.name]: Number(v) }))}
                error={errors[`fields.${f.name}`]}
              >
                <SimpleGrid cols={cols} mt={6} spacing="sm">
                  {records.map((r) => (
                    <Radio
                      key={r.id}
                      value={String(r.id)}
                      label={<FieldValue field={f.name} value={valueOf(r, f.name)} />}
                      description={nameOf(r)}
                      aria-label={`${nameOf(r)}`}
                    />
                  ))}
                </SimpleGrid>
              </Radio.Group>
            ))}
          </Stack>
        )}
      </Paper>

      {restricted && (
        <Alert color="orange" variant="light" icon={<IconLock aria-hidden="true" />}>
          {t('merge.restrictedNote')}
        </Alert>
      )}

      <Group justify="flex-end">
        <Button leftSection={<IconGitMerge size={16} aria-hidden="true" />} onClick={confirmDialog.open}>
          {t('merge.review')}
        </Button>
      </Group>

      <ConfirmDialog
        opened={confirmOpened}
        title={t('merge.confirmTitle')}
        message={t('merge.confirmMessage', { others: others.map(nameOf).join(t('common.separator')), survivor: nameOf(survivor) })}
        confirmLabel={t('merge.confirm')}
        color="blue"
        onConfirm={submit}
        onClose={() => {
          merge.reset();
          confirmDialog.close();
        }}
        loading={merge.isPending}
        error={merge.error}
      />
    </Stack>
  );
}

function RecordCard({ record, stays, preview, to, created }: { record: MergeRecord; stays: boolean; preview?: MergePreview; to: string; created: string }) {
  const { t } = useTranslation();
  const moves = preview
    ? (['interactions', 'visits', 'commitments', 'positions', 'notes', 'documents'] as const).filter((k) => preview[k] > 0)
    : [];
  return (
    <Paper withBorder radius="lg" p="md" bg={stays ? 'var(--mantine-primary-color-light)' : undefined} data-testid={`merge-record-${record.id}`}>
      <Stack gap={6}>
        <Group justify="space-between" wrap="nowrap" align="flex-start">
          {/* On the tint of the card that stays, the link takes the tint's own text colour: the usual link colour is too light there. */}
          <Anchor component={Link} to={to} fw={600} c={stays ? 'var(--mantine-primary-color-light-color)' : undefined} style={{ minWidth: 0, overflowWrap: 'anywhere' }}>
            <bdi>{nameOf(record)}</bdi>
          </Anchor>
          <Badge variant={stays ? 'filled' : 'light'} color={stays ? 'teal' : 'gray'} style={{ flexShrink: 0 }}>
            {stays ? t('merge.stays') : t('merge.goes')}
          </Badge>
        </Group>
        <Text size="xs" c="dimmed">
          {t('merge.created', { date: created })} · #{record.id}
        </Text>
        {moves.length > 0 && (
          <Text size="sm" component="div">
            <Text span size="xs" c="dimmed">
              {t('merge.movesTitle')}:{' '}
            </Text>
            {moves.map((k) => t(`merge.moves.${k}`, { count: preview![k] })).join(t('common.separator'))}
          </Text>
        )}
        <Radio value={String(record.id)} label={t('merge.keep')} mt={4} />
      </Stack>
    </Paper>
  );
}

function FieldLabel({ kind, field }: { kind: MergeKind; field: MergeField }) {
  const { t } = useTranslation();
  const tx = t as unknown as (key: string) => string;
  return <>{tx(`${kind === 'contacts' ? 'contact' : 'organization'}.fields.${field.label}`)}</>;
}

/** A field's value as the detail pages show it. */
function FieldValue({ field, value }: { field: string; value: unknown }) {
  const { t } = useTranslation();
  const tx = t as unknown as (key: string) => string;
  const format = useFormat();
  const countries = useCountryOptions();
  const userName = useUserName();
  if (isEmpty(value)) {
    return (
      <Text span c="dimmed" size="sm">
        {t('merge.empty')}
      </Text>
    );
  }
  let shown: ReactNode = String(value);
  const text = String(value);
  switch (field) {
    case 'gender':
      shown = tx(`contact.genders.${text}`);
      break;
    case 'consent_basis':
      shown = tx(`contact.consent.${text}`);
      break;
    case 'type':
      shown = tx(`organization.types.${text}`);
      break;
    case 'level':
      shown = tx(`organization.levels.${text}`);
      break;
    case 'languages':
      shown = (value as string[]).map(format.language).join(t('common.separator'));
      break;
    case 'country_code':
      shown = countries.nameOf(text);
      break;
    case 'owner_id':
      shown = userName(Number(value));
      break;
    case 'parent_id':
      shown = <ParentName id={Number(value)} />;
      break;
    case 'email':
    case 'phone':
    case 'website':
      return (
        <Text span size="sm" style={{ overflowWrap: 'anywhere' }}>
          <bdi dir="ltr">{text}</bdi>
        </Text>
      );
  }
  return (
    <Text span size="sm" style={{ overflowWrap: 'anywhere', whiteSpace: 'pre-line' }} lineClamp={4}>
      <bdi>{shown}</bdi>
    </Text>
  );
}

function ParentName({ id }: { id: number }) {
  const parent = useOrganization(id);
  return <>{parent.data?.name ?? `#${id}`}</>;
}
