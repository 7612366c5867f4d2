import { Anchor, Badge, Button, Group, Paper, Stack, Text } from '@mantine/core';
import { Segmented } from '../../components/segmented/Segmented';
import { IconGitMerge } from '@tabler/icons-react';
import { useTranslation } from 'react-i18next';
import { Link, useSearchParams } from 'react-router';
import { PageHeader } from '../../components/PageHeader';
import { QueryError } from '../../components/QueryError';
import { reasonText, recordPath } from '../../components/duplicates/reasons';
import { useFormat } from '../../components/useFormat';
import { useDuplicateGroups, type DuplicateGroup, type DuplicateKind } from '../../hooks/duplicates';

const KINDS: readonly DuplicateKind[] = ['contacts', 'organizations'];

/** `/duplicates?kind=contacts|organizations`: the groups of records that may be one (managers and admins). */
export function DuplicatesPage() {
  const { t } = useTranslation();
  const [params, setParams] = useSearchParams();
  const kind: DuplicateKind = params.get('kind') === 'organizations' ? 'organizations' : 'contacts';
  const groups = useDuplicateGroups(kind);
  const items = groups.data?.pages.flatMap((p) => p.items) ?? [];

  return (
    <Stack gap="md" maw={960}>
      <PageHeader title={t('duplicates.title')} description={t('duplicates.intro')} />
      <div>
        <Text size="sm" fw={500} id="duplicates-kind-label" mb={4}>
          {t('duplicates.kind')}
        </Text>
        <Segmented
          aria-labelledby="duplicates-kind-label"
          value={kind}
          onChange={(v) => setParams({ kind: v }, { replace: true })}
          data={KINDS.map((k) => ({ value: k, label: t(`duplicates.kinds.${k}`) }))}
        />
      </div>
      {groups.isError ? (
        <QueryError title={t('duplicates.loadError')} error={groups.error} onRetry={() => void groups.refetch()} />
      ) : groups.isPending ? (
        <Text size="sm" c="dimmed">
          {t('common.loading')}
        </Text>
      ) : items.length === 0 ? (
        <Text size="sm" c="dimmed">
          {t('duplicates.empty')}
        </Text>
      ) : (
        <Stack gap="sm" component="ul" p={0} m={0} style={{ listStyle: 'none' }}>
          {items.map((g) => (
            <GroupCard key={g.ids.join(',')} kind={kind} group={g} />
          ))}
        </Stack>
      )}
      {groups.hasNextPage && (
        <Group>
          <Button variant="default" onClick={() => void groups.fetchNextPage()} loading={groups.isFetchingNextPage}>
            {t('duplicates.more')}
          </Button>
        </Group>
      )}
    </Stack>
  );
}

function GroupCard({ kind, group }: { kind: DuplicateKind; group: DuplicateGroup }) {
  const { t } = useTranslation();
  const format = useFormat();
  const names = group.ids.map((id, i) => group.names[i] || `#${id}`);
  return (
    <Paper component="li" withBorder p="md" radius="md" aria-label={t('duplicates.group')} data-testid="duplicate-group">
      <Group justify="space-between" align="flex-start" gap="sm" wrap="wrap">
        <Stack gap={6} style={{ minWidth: 0, flex: '1 1 16rem' }}>
          <Group gap="xs" wrap="wrap">
            {group.ids.map((id, i) => (
              <Anchor key={id} component={Link} to={recordPath(kind, id)} fw={600}>
                <bdi>{names[i]}</bdi>
              </Anchor>
            ))}
          </Group>
          <Group gap={6} wrap="wrap">
            <Badge variant="light" color="yellow">
              {t('duplicates.score', { percent: format.number(Math.round(group.score * 100)) })}
            </Badge>
            <Text size="sm" c="dimmed">
              {t('duplicates.records', { count: group.ids.length })} · {reasonText(group.reasons, t)}
            </Text>
          </Group>
        </Stack>
        <Button
          component={Link}
          to={`/merge/${kind}?ids=${group.ids.join(',')}`}
          variant="light"
          leftSection={<IconGitMerge size={16} aria-hidden="true" />}
          aria-label={t('duplicates.mergeLabel', { names: names.join(t('common.separator')) })}
        >
          {t('duplicates.merge')}
        </Button>
      </Group>
    </Paper>
  );
}
