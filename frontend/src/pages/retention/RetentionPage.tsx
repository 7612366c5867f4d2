import { Alert, Anchor, Badge, Button, Group, Paper, Progress, Stack, Text } from '@mantine/core';
import { IconCircleCheck, IconEraser, IconHourglass, IconShieldCheck } from '@tabler/icons-react';
import { useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, Navigate } from 'react-router';
import { canReviewRetention } from '../../auth/personalData';
import { PageHeader } from '../../components/PageHeader';
import { RestrictedBadge } from '../../components/RestrictedBadge';
import { PagedTable } from '../../components/list/PagedTable';
import type { Column } from '../../components/list/VirtualTable';
import { notify } from '../../components/notify';
import { ReasonDialog } from '../../components/personalData/ReasonDialog';
import { useFormat } from '../../components/useFormat';
import { useOfficeName } from '../../components/useNames';
import { useMe } from '../../hooks/auth';
import { flattenPages } from '../../hooks/list';
import { useEraseContacts } from '../../hooks/personalData';
import { useKeepContacts, useRetentionDue, type RetentionItem } from '../../hooks/retention';

type Decision = 'erase' | 'keep';

/**
 * `/retention`: the people nobody has met, visited or followed up for the
 * retention period. A manager (of their office) or an admin decides, a few
 * or many at a time, to erase them or to keep them for another period;
 * either way with a reason, which the audit keeps.
 */
export function RetentionPage() {
  const { data: me } = useMe();
  if (me && !canReviewRetention(me)) return <Navigate to="/" replace />;
  return <RetentionReview />;
}

function RetentionReview() {
  const { t } = useTranslation();
  const format = useFormat();
  const officeName = useOfficeName();
  const list = useRetentionDue();
  const erase = useEraseContacts();
  const keep = useKeepContacts();
  const [selected, setSelected] = useState<ReadonlySet<number>>(new Set());
  const [deciding, setDeciding] = useState<Decision | null>(null);
  const [erased, setErased] = useState(0);

  const rows = useMemo(() => flattenPages(list.data?.pages), [list.data]);
  const years = list.data?.pages[0]?.years;
  const period = t('retention.years', { count: years ?? 0 });
  const chosen = rows.filter((r) => selected.has(r.id));

  const select = (ids: number[], on: boolean) =>
    setSelected((prev) => {
      const next = new Set(prev);
      for (const id of ids) {
        if (on) next.add(id);
        else next.delete(id);
      }
      return next;
    });

  const columns: Column<RetentionItem>[] = [
    {
      id: 'name',
      header: t('retention.columns.name'),
      cell: (r) => (
        <Group gap={6} wrap="nowrap">
          <Anchor component={Link} to={`/contacts/${r.id}`} size="sm" fw={600}>
            <bdi>{r.full_name}</bdi>
          </Anchor>
          {r.restricted && <RestrictedBadge />}
          {r.archived && (
            <Badge size="xs" color="gray" variant="light" tt="none">
              {t('retention.archived')}
            </Badge>
          )}
        </Group>
      ),
    },
    { id: 'office', header: t('retention.columns.office'), cell: (r) => officeName(r.office_id) },
    {
      id: 'lastActivity',
      header: t('retention.columns.lastActivity'),
      cell: (r) => <time dateTime={r.last_activity}>{format.date(r.last_activity)}</time>,
      nowrap: true,
    },
  ];

  const done = () => {
    setDeciding(null);
    setSelected(new Set());
  };
  const decide = (reason: string) => {
    if (deciding === 'keep') {
      keep.mutate(
        { ids: chosen.map((r) => r.id), reason },
        {
          onSuccess: () => {
            notify.success(t('retention.kept', { n: format.number(chosen.length) }));
            done();
          },
        },
      );
    } else {
      setErased(0);
      erase.mutate(
        { contacts: chosen, reason, onProgress: setErased },
        {
          onSuccess: () => {
            notify.success(t('retention.erased', { n: format.number(chosen.length) }));
            done();
          },
        },
      );
    }
  };

  return (
    <Stack gap="md">
      <PageHeader title={t('retention.title')} description={years ? t('retention.subtitle', { period }) : undefined} />
      <Alert variant="light" color="blue" icon={<IconHourglass aria-hidden="true" />}>
        <Text size="sm">{years ? t('retention.explain', { period }) : t('retention.explainLoading')}</Text>
      </Alert>

      {!list.isPending && rows.length === 0 && !list.isError ? (
        <Paper withBorder radius="lg" p="xl">
          <Stack align="center" gap="xs">
            <IconCircleCheck size={36} color="var(--mantine-color-teal-6)" aria-hidden="true" />
            <Text fw={600}>{t('retention.emptyTitle')}</Text>
            <Text size="sm" c="dimmed" ta="center">
              {t('retention.emptyText', { period })}
            </Text>
          </Stack>
        </Paper>
      ) : (
        <>
          <Paper withBorder radius="lg" px="md" py="xs" component="section" aria-label={t('retention.toolbar')}>
            <Group justify="space-between" gap="xs">
              <Text size="sm" aria-live="polite">
                {t('retention.selected', { shown: format.number(chosen.length) })}
              </Text>
              <Group gap="xs">
                {chosen.length > 0 && (
                  <Button variant="subtle" size="xs" onClick={() => setSelected(new Set())}>
                    {t('retention.clearSelection')}
                  </Button>
                )}
                <Button size="xs" variant="light" leftSection={<IconShieldCheck size={16} aria-hidden="true" />} disabled={chosen.length === 0} onClick={() => setDeciding('keep')}>
                  {t('retention.keepSelected')}
                </Button>
                <Button size="xs" color="red" leftSection={<IconEraser size={16} aria-hidden="true" />} disabled={chosen.length === 0} onClick={() => setDeciding('erase')}>
                  {t('retention.eraseSelected')}
                </Button>
              </Group>
            </Group>
          </Paper>
          <PagedTable
            list={list}
            label={t('retention.title')}
            rows={rows}
            columns={columns}
            rowKey={(r) => r.id}
            loadError={t('retention.loadError')}
            selection={{
              selected,
              onChange: select,
              selectable: () => true,
              rowId: (r) => r.id,
              rowLabel: (r) => t('retention.selectOne', { name: r.full_name }),
              allLabel: t('retention.selectAll'),
            }}
          />
        </>
      )}

      <ReasonDialog
        key={deciding ?? 'closed'}
        opened={deciding !== null}
        title={deciding === 'keep' ? t('retention.keepTitle', { n: format.number(chosen.length) }) : t('retention.eraseTitle', { n: format.number(chosen.length) })}
        confirmLabel={deciding === 'keep' ? t('retention.keepConfirm') : t('retention.eraseConfirm')}
        color={deciding === 'keep' ? 'liaison' : 'red'}
        onClose={() => {
          erase.reset();
          keep.reset();
          setDeciding(null);
        }}
        loading={erase.isPending || keep.isPending}
        error={deciding === 'keep' ? keep.error : erase.error}
        onConfirm={decide}
        progress={
          deciding === 'erase' && (
            <Stack gap={4} aria-live="polite">
              <Text size="sm">{t('retention.erasing', { done: format.number(erased), total: format.number(chosen.length) })}</Text>
              <Progress value={chosen.length ? Math.max(5, (erased / chosen.length) * 100) : 0} animated aria-hidden="true" />
            </Stack>
          )
        }
      >
        <Text size="sm">{deciding === 'keep' ? t('retention.keepText', { period }) : t('retention.eraseText')}</Text>
        {deciding === 'erase' && (
          <Alert color="red" variant="light">
            {t('personalData.erase.final')}
          </Alert>
        )}
      </ReasonDialog>
    </Stack>
  );
}
