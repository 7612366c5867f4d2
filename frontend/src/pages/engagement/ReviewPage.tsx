import { Badge, Paper, SimpleGrid, Stack, Table, Text, Title } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { Navigate } from 'react-router';
import { canReview } from '../../auth/permissions';
import { PageHeader } from '../../components/PageHeader';
import { PageLoader } from '../../components/PageLoader';
import { QueryError } from '../../components/QueryError';
import { useFormat } from '../../components/useFormat';
import { useUserName } from '../../components/useNames';
import { useMe } from '../../hooks/auth';
import { useCommitmentReview } from '../../hooks/engagement';

/** The manager's review of commitments: counts, and the overdue ones oldest first. */
export function ReviewPage() {
  const { t } = useTranslation();
  const { data: me } = useMe();
  const format = useFormat();
  const userName = useUserName();
  const review = useCommitmentReview();
  if (!canReview(me)) return <Navigate to="/" replace />;
  if (review.isPending) return <PageLoader />;
  if (review.isError) return <QueryError title={t('records.loadError')} error={review.error} onRetry={() => void review.refetch()} />;
  const totals = review.data.totals;
  const cards = [
    { label: t('review.overdue'), value: totals?.overdue ?? 0, color: 'red' },
    { label: t('review.due7'), value: totals?.due_7 ?? 0, color: 'orange' },
    { label: t('review.due30'), value: totals?.due_30 ?? 0, color: 'yellow' },
    { label: t('review.open'), value: (totals?.open ?? 0) + (totals?.in_progress ?? 0), color: 'liaison' },
    { label: t('review.done'), value: totals?.done ?? 0, color: 'teal' },
  ];
  const overdue = review.data.overdue ?? [];
  return (
    <Stack gap="lg">
      <PageHeader title={t('review.title')} description={t('review.subtitle', { date: format.date(review.data.as_of) })} />
      <SimpleGrid cols={{ base: 2, sm: 3, lg: 5 }}>
        {cards.map((c) => (
          <Paper key={c.label} withBorder radius="lg" p="md">
            <Text size="sm" c="dimmed">
              {c.label}
            </Text>
            <Text fz={28} fw={700} c={c.value > 0 && c.color === 'red' ? 'red.9' : undefined}>
              {format.number(c.value)}
            </Text>
          </Paper>
        ))}
      </SimpleGrid>
      <Paper withBorder radius="lg" p="lg" component="section" aria-labelledby="overdue-title">
        <Title order={2} size="h4" mb="md" id="overdue-title">
          {t('review.overdueList')}
        </Title>
        {overdue.length === 0 ? (
          <Text size="sm" c="dimmed">
            {t('review.nothingOverdue')}
          </Text>
        ) : (
          <Table.ScrollContainer minWidth={560} type="native">
            <Table verticalSpacing="sm" aria-labelledby="overdue-title">
              <Table.Thead>
                <Table.Tr>
                  <Table.Th scope="col">{t('records.titleColumn')}</Table.Th>
                  <Table.Th scope="col">{t('commitments.owner')}</Table.Th>
                  <Table.Th scope="col">{t('commitments.dueDate')}</Table.Th>
                  <Table.Th scope="col">{t('records.status')}</Table.Th>
                </Table.Tr>
              </Table.Thead>
              <Table.Tbody>
                {overdue.map((c) => (
                  <Table.Tr key={c.id}>
                    <Table.Td fw={600}>
                      <bdi>{c.title}</bdi>
                    </Table.Td>
                    <Table.Td>{userName(c.owner_id) || '—'}</Table.Td>
                    <Table.Td style={{ whiteSpace: 'nowrap' }}>{c.due_date ? format.date(c.due_date) : '—'}</Table.Td>
                    <Table.Td>
                      <Badge variant="light" color="orange" tt="none">
                        {t(`commitment.statuses.${c.status}`)}
                      </Badge>
                    </Table.Td>
                  </Table.Tr>
                ))}
              </Table.Tbody>
            </Table>
          </Table.ScrollContainer>
        )}
      </Paper>
    </Stack>
  );
}
