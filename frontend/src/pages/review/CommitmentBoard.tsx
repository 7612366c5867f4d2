import { Anchor, Badge, Button, Group, Menu, Paper, SimpleGrid, Stack, Text, Title } from '@mantine/core';
import { IconAlertTriangle, IconArrowsExchange } from '@tabler/icons-react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { canCloseCommitment, canSetCommitmentStatus } from '../../auth/permissions';
import { notify } from '../../components/notify';
import { useFormat } from '../../components/useFormat';
import { useOfficeName, useUserName } from '../../components/useNames';
import { useMe } from '../../hooks/auth';
import { useCounterpartNames, useSetCommitmentStatus, type Commitment } from '../../hooks/commitments';
import { errorMessage } from '../../i18n/errorMessage';
import { EditCommitmentButton, WithWhom } from '../commitments/CommitmentParts';
import { Denied, useDenyReason } from '../commitments/Denied';
import { BOARD_COLUMNS, groupByStatus, moveTargets, planMove } from './board';
import type { Status } from './commitmentFilters';
import { WHOLE_BADGE } from './CommitmentStatus';

const COLUMN_COLOR: Record<Status, string> = { open: 'blue', in_progress: 'violet', done: 'teal', cancelled: 'gray' };

/**
 * Commitments in one column per status. A card moves with its "Move" menu
 * (keyboard and screen readers included); moving to done asks for the
 * closure note through `onClose`.
 */
export function CommitmentBoard({
  items,
  onClose,
  onEdit,
}: {
  items: Commitment[];
  onClose: (c: Commitment) => void;
  onEdit?: (c: Commitment) => void;
}) {
  const { t } = useTranslation();
  const format = useFormat();
  const columns = groupByStatus(items);
  const names = useCounterpartNames(items);
  return (
    <SimpleGrid cols={{ base: 1, sm: 2, lg: 4 }} spacing="md" role="list" aria-label={t('board.label')}>
      {BOARD_COLUMNS.map((status) => (
        <Paper
          key={status}
          role="listitem"
          withBorder
          radius="lg"
          p="sm"
          bg="var(--mantine-color-gray-0)"
          style={{ borderBlockStart: `4px solid var(--mantine-color-${COLUMN_COLOR[status]}-6)` }}
          aria-labelledby={`board-column-${status}`}
        >
          <Group justify="space-between" mb="sm" wrap="nowrap">
            <Title order={2} size="h5" id={`board-column-${status}`}>
              {t(`commitment.statuses.${status}`)}
            </Title>
            <Badge variant="light" color={COLUMN_COLOR[status]} aria-label={t('board.cardCount', { count: columns[status].length })}>
              {format.number(columns[status].length)}
            </Badge>
          </Group>
          {columns[status].length === 0 ? (
            <Text size="sm" c="dimmed" ta="center" py="md">
              {t('board.emptyColumn')}
            </Text>
          ) : (
            <Stack component="ul" gap="xs" m={0} p={0} style={{ listStyle: 'none' }} aria-labelledby={`board-column-${status}`}>
              {columns[status].map((c) => (
                <li key={c.id}>
                  <BoardCard commitment={c} onClose={onClose} onEdit={onEdit} names={names} />
                </li>
              ))}
            </Stack>
          )}
        </Paper>
      ))}
    </SimpleGrid>
  );
}

function BoardCard({
  commitment: c,
  onClose,
  onEdit,
  names,
}: {
  commitment: Commitment;
  onClose: (c: Commitment) => void;
  onEdit?: (c: Commitment) => void;
  names: ReturnType<typeof useCounterpartNames>;
}) {
  const { t } = useTranslation();
  const format = useFormat();
  const userName = useUserName();
  const officeName = useOfficeName();
  const { data: me } = useMe();
  const may = canSetCommitmentStatus(me, c);
  const close = canCloseCommitment(me, c);
  const denyReason = useDenyReason();
  const set = useSetCommitmentStatus();
  const move = (to: Status) => {
    if ((to === 'done' || to === 'cancelled') && !close.allowed) return notify.warning(denyReason(close.reason));
    const plan = planMove(c.status, to);
    if (plan.kind === 'close') return onClose(c);
    if (plan.kind === 'save')
      set.mutate(
        { id: c.id, version: c.version, status: plan.status },
        {
          onSuccess: () => notify.success(t('board.moved', { title: c.title, status: t(`commitment.statuses.${plan.status}`) })),
          onError: (error) => notify.warning(errorMessage(error, t)),
        },
      );
  };
  return (
    <Paper withBorder radius="md" p="sm" aria-busy={set.isPending}>
      <Anchor component={Link} to={`/commitments/${c.id}`} size="sm" fw={600} mb={4} display="block">
        <bdi>{c.title}</bdi>
      </Anchor>
      <Text size="xs" c="dimmed" component="div">
        {t('commitmentList.withWhom')}: <WithWhom commitment={c} names={names} size="xs" />
      </Text>
      <Text size="xs" c="dimmed">
        {t('commitments.owner')}: {userName(c.owner_id) || '—'}
      </Text>
      <Text size="xs" c="dimmed">
        {t('commitmentList.office')}: {officeName(c.office_id) || '—'}
      </Text>
      <Group gap={6} mt={4} wrap="wrap">
        <Text size="xs" c="dimmed">
          {t('commitments.dueDate')}: {c.due_date ? format.date(c.due_date) : '—'}
        </Text>
        {c.overdue && (
          <Badge size="xs" color="red" variant="light" tt="none" styles={WHOLE_BADGE} leftSection={<IconAlertTriangle size={10} aria-hidden="true" />}>
            {t('commitment.overdue')}
          </Badge>
        )}
      </Group>
      <Group justify="flex-end" mt="xs" gap="xs">
        {onEdit && <EditCommitmentButton commitment={c} onEdit={onEdit} size="compact-xs" />}
        {may.allowed ? (
          <Menu position="bottom-end" withinPortal>
            <Menu.Target>
              <Button
                size="compact-xs"
                variant="default"
                leftSection={<IconArrowsExchange size={12} aria-hidden="true" />}
                loading={set.isPending}
                aria-label={t('board.moveNamed', { title: c.title })}
              >
                {t('board.move')}
              </Button>
            </Menu.Target>
            <Menu.Dropdown>
              <Menu.Label>{t('board.moveTo')}</Menu.Label>
              {moveTargets(c.status).map((to) => (
                <Menu.Item key={to} onClick={() => move(to)}>
                  {t(`commitment.statuses.${to}`)}
                </Menu.Item>
              ))}
            </Menu.Dropdown>
          </Menu>
        ) : (
          may.reason === 'otherOffice' && (
            <Denied reason={may.reason}>
              {(id) => (
                <Button
                  size="compact-xs"
                  variant="default"
                  disabled
                  leftSection={<IconArrowsExchange size={12} aria-hidden="true" />}
                  aria-label={t('board.moveNamed', { title: c.title })}
                  aria-describedby={id}
                >
                  {t('board.move')}
                </Button>
              )}
            </Denied>
          )
        )}
      </Group>
    </Paper>
  );
}
