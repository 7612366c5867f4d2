import { Anchor, Badge, Stack, Text } from '@mantine/core';
import { useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { PagedTable } from '../../components/list/PagedTable';
import type { Column } from '../../components/list/VirtualTable';
import { useFormat } from '../../components/useFormat';
import { useUserName } from '../../components/useNames';
import type { AuditEvent } from '../../hooks/audit';
import { flattenPages } from '../../hooks/list';
import { PERSONAL_DATA_ACTIONS, usePersonalDataLog, type PersonalDataAction } from '../../hooks/personalData';

/** What a list export was of: an export names no one record. */
const LIST_ENTITIES = ['contact', 'organization', 'visit', 'interaction', 'commitment', 'report'] as const;
type ListEntity = (typeof LIST_ENTITIES)[number];

const COLORS: Record<PersonalDataAction, string> = { export: 'blue', subject_export: 'grape', erase: 'red', retention_keep: 'teal' };

/** The `new` value of one recorded change, whatever shape the event holds it in. */
function changed(event: AuditEvent, field: string): unknown {
  const change = event.changes?.[field];
  return typeof change === 'object' && change !== null && 'new' in change ? (change as { new: unknown }).new : change;
}

/**
 * `/admin/personal-data`: who exported, gave a person their data, erased
 * people or kept them past the retention period — and why — newest first.
 */
export function PersonalDataLogPanel() {
  const { t } = useTranslation();
  const format = useFormat();
  const userName = useUserName();
  const log = usePersonalDataLog();
  const rows = useMemo(() => flattenPages(log.data?.pages), [log.data]);

  const action = (e: AuditEvent) =>
    (PERSONAL_DATA_ACTIONS as readonly string[]).includes(e.action) ? (
      <Badge color={COLORS[e.action as PersonalDataAction]} variant="light" tt="none">
        {t(`personalData.log.actions.${e.action as PersonalDataAction}`)}
      </Badge>
    ) : (
      e.action
    );

  /** The reason of an erasure or a keep decision; the size and filters of an export. */
  const details = (e: AuditEvent) => {
    const reason = changed(e, 'reason');
    if (typeof reason === 'string' && reason) return <span dir="auto">{reason}</span>;
    const rows = changed(e, 'rows');
    const parts: string[] = [];
    if (typeof rows === 'number') parts.push(t('personalData.log.rows', { shown: format.number(rows) }));
    const what = changed(e, 'export');
    if (typeof what === 'string' && what) parts.push(what);
    const fileFormat = changed(e, 'format');
    if (typeof fileFormat === 'string' && fileFormat) parts.push(fileFormat.toUpperCase());
    if (e.action === 'subject_export') {
      const participations = changed(e, 'participations');
      if (typeof participations === 'number') parts.push(t('personalData.log.participations', { n: format.number(participations) }));
    }
    return parts.join(' · ');
  };

  const columns: Column<AuditEvent>[] = [
    { id: 'at', header: t('personalData.log.columns.at'), cell: (e) => <time dateTime={e.at}>{format.dateTime(e.at)}</time>, nowrap: true },
    { id: 'who', header: t('personalData.log.columns.who'), cell: (e) => <bdi>{e.actor_id ? userName(e.actor_id) || t('history.someone') : t('history.system')}</bdi> },
    { id: 'what', header: t('personalData.log.columns.what'), cell: action, nowrap: true },
    {
      id: 'contact',
      header: t('personalData.log.columns.contact'),
      cell: (e) =>
        e.entity === 'contact' && e.entity_id ? (
          <Anchor component={Link} to={`/contacts/${e.entity_id}`} size="sm">
            {t('personalData.log.contact', { id: e.entity_id })}
          </Anchor>
        ) : (
          t(`personalData.log.entities.${(LIST_ENTITIES as readonly string[]).includes(e.entity) ? (e.entity as ListEntity) : 'other'}`)
        ),
    },
    { id: 'details', header: t('personalData.log.columns.details'), cell: details },
  ];

  return (
    <Stack gap="sm">
      <Text size="sm" c="dimmed">
        {t('personalData.log.intro')}
      </Text>
      <PagedTable
        list={log}
        label={t('personalData.log.title')}
        rows={rows}
        columns={columns}
        rowKey={(e) => e.id}
        loadError={t('personalData.log.loadError')}
        empty={t('personalData.log.empty')}
        minWidth={860}
      />
    </Stack>
  );
}
