import { Anchor, Group, Paper, Table, Text, Title } from '@mantine/core';
import { Segmented } from '../../components/segmented/Segmented';
import { IconClockExclamation } from '@tabler/icons-react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { QueryError } from '../../components/QueryError';
import { useCountryOptions } from '../../components/useCountryOptions';
import { useFormat } from '../../components/useFormat';
import { STALE_DAYS, useStaleOrganizations, type StaleDays } from '../../hooks/review';
import { commitmentsLink } from './commitmentFilters';

/**
 * Key stakeholders nobody has met for `days` days: influential ones and
 * those we still owe something, with when we last met them (or never).
 */
export function StaleStakeholders({
  days,
  onDays,
  officeIds = [],
}: {
  days: StaleDays;
  onDays: (days: StaleDays) => void;
  /** Only these offices' stakeholders (all the reader may see when empty). */
  officeIds?: readonly number[];
}) {
  const { t } = useTranslation();
  const format = useFormat();
  const countries = useCountryOptions();
  const stale = useStaleOrganizations(days, officeIds);
  const items = stale.data ?? [];
  return (
    <Paper withBorder radius="lg" p="lg" component="section" aria-labelledby="stale-title">
      <Group justify="space-between" align="flex-end" mb="md" gap="sm">
        <div>
          <Title order={2} size="h4" id="stale-title">
            {t('stale.title')}
          </Title>
          <Text size="sm" c="dimmed">
            {t('stale.subtitle', { count: days })}
          </Text>
        </div>
        <div>
          <Text size="sm" fw={500} id="stale-days-label" mb={4}>
            {t('stale.daysLabel')}
          </Text>
          <Segmented
            aria-labelledby="stale-days-label"
            value={String(days)}
            onChange={(v) => onDays(Number(v) as StaleDays)}
            data={STALE_DAYS.map((d) => ({ value: String(d), label: t('stale.days', { count: d, shown: format.number(d) }) }))}
          />
        </div>
      </Group>
      {stale.isError ? (
        <QueryError title={t('records.loadError')} error={stale.error} onRetry={() => void stale.refetch()} />
      ) : stale.isPending ? (
        <Text size="sm" c="dimmed">
          {t('common.loading')}
        </Text>
      ) : items.length === 0 ? (
        <Text size="sm" c="dimmed">
          {t('stale.nothing', { count: days })}
        </Text>
      ) : (
        <Table.ScrollContainer minWidth={640} type="native">
          <Table verticalSpacing="sm" aria-labelledby="stale-title" aria-busy={stale.isFetching}>
            <Table.Thead>
              <Table.Tr>
                <Table.Th scope="col">{t('organization.fields.name')}</Table.Th>
                <Table.Th scope="col">{t('organization.fields.country')}</Table.Th>
                <Table.Th scope="col" ta="end">
                  {t('organization.influenceShort')}
                </Table.Th>
                <Table.Th scope="col" ta="end">
                  {t('stale.openCommitments')}
                </Table.Th>
                <Table.Th scope="col">{t('stale.lastMet')}</Table.Th>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {items.map(({ organization: o, last_held_at, open_commitments }) => (
                <Table.Tr key={o.id}>
                  <Table.Td>
                    <Anchor component={Link} to={`/organizations/${o.id}`} fw={600} size="sm">
                      <bdi>{o.name}</bdi>
                      {o.acronym ? ` (${o.acronym})` : ''}
                    </Anchor>
                    <Text size="xs" c="dimmed">
                      {t(`organization.types.${o.type}`)}
                    </Text>
                  </Table.Td>
                  <Table.Td>{countries.nameOf(o.country_code) || '—'}</Table.Td>
                  <Table.Td ta="end">{o.influence ? t('organization.scoreOf', { value: format.number(o.influence), max: format.number(5) }) : '—'}</Table.Td>
                  <Table.Td ta="end">
                    {open_commitments > 0 ? (
                      <Anchor
                        component={Link}
                        to={commitmentsLink({ organization: [o.id], status: ['open', 'in_progress'] })}
                        size="sm"
                        aria-label={t('stale.openLink', { count: open_commitments, shown: format.number(open_commitments), name: o.name })}
                      >
                        {format.number(open_commitments)}
                      </Anchor>
                    ) : (
                      format.number(0)
                    )}
                  </Table.Td>
                  <Table.Td style={{ whiteSpace: 'nowrap' }}>
                    {last_held_at ? (
                      format.date(last_held_at.slice(0, 10))
                    ) : (
                      <Group gap={4} wrap="nowrap">
                        <IconClockExclamation size={14} aria-hidden="true" color="var(--mantine-color-red-8)" />
                        <Text size="sm" fw={600} c="red.9">
                          {t('stale.neverMet')}
                        </Text>
                      </Group>
                    )}
                  </Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        </Table.ScrollContainer>
      )}
    </Paper>
  );
}
