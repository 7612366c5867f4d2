import { Paper, SimpleGrid, Skeleton, Text } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { QueryError } from '../../components/QueryError';
import { useFormat } from '../../components/useFormat';
import { useJobSummary, type JobSummary } from '../../hooks/jobs';

const FIGURES = ['queued', 'running', 'retrying', 'failed', 'completed'] as const satisfies readonly (keyof JobSummary)[];

/** Figures that call for a look when above zero are drawn in their colour. */
const ALARM: Partial<Record<(typeof FIGURES)[number], string>> = { retrying: 'orange', failed: 'red' };

/** How many jobs are in each state, as five figures. */
export function JobSummaryCards() {
  const { t } = useTranslation();
  const format = useFormat();
  const summary = useJobSummary();
  if (summary.isError) return <QueryError title={t('jobs.summaryLoadFailed')} error={summary.error} onRetry={() => void summary.refetch()} />;
  return (
    <SimpleGrid component="ul" cols={{ base: 3, md: 5 }} spacing="sm" aria-label={t('jobs.summaryLabel')} m={0} p={0} style={{ listStyle: 'none' }}>
      {FIGURES.map((figure) => {
        const value = summary.data?.[figure];
        const color = value && ALARM[figure] ? ALARM[figure] : undefined;
        return (
          <Paper key={figure} component="li" withBorder radius="md" p="sm" data-figure={figure}>
            <Text size="sm" c="dimmed" fw={500}>
              {t(`jobs.figures.${figure}`)}
            </Text>
            {value === undefined ? (
              <Skeleton height={28} width={48} mt={4} />
            ) : (
              <Text fz={26} fw={700} lh={1.3} c={color ? `${color}.8` : undefined}>
                {format.number(value)}
              </Text>
            )}
          </Paper>
        );
      })}
    </SimpleGrid>
  );
}
