import { Alert, Button, Chip, Group, Paper, Stack, Table, Text, TextInput, Title } from '@mantine/core';
import { Segmented } from '../../components/segmented/Segmented';
import { useMediaQuery } from '@mantine/hooks';
import { IconInfoCircle, IconPrinter } from '@tabler/icons-react';
import type { QueryClient } from '@tanstack/react-query';
import { useEffect, useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Navigate } from 'react-router';
import { ApiError } from '../../api/client';
import { canReview } from '../../auth/permissions';
import { readUrl, useUrlFilters, type UrlReader } from '../../components/list/useUrlFilters';
import { prefetchNames } from '../../components/prefetch/prefetchNames';
import { ExportButton } from '../../components/export/ExportButton';
import { PageHeader } from '../../components/PageHeader';
import { PageLoader } from '../../components/PageLoader';
import { QueryError } from '../../components/QueryError';
import { code, preloadCode, useCode } from '../../components/useCode';
import { useCountryOptions } from '../../components/useCountryOptions';
import { useFormat } from '../../components/useFormat';
import { useTagName } from '../../components/useNames';
import { useMe, type User } from '../../hooks/auth';
import { engagementReportQuery, useEngagementReport, type EngagementCounts, type ReportGrouping } from '../../hooks/insights';
import { localToday, periodProblem, presetOf, presetPeriod, PRESETS, type Period, type Preset } from './period';
import classes from './Reports.module.css';
import { chartData, COUNTERS, GROUPINGS, isGrouping, reportRows } from './reportRows';

// recharts is large: it is fetched when the page is first drawn (while the
// report's numbers are on their way), and the chart is drawn once it is in.
const chartCode = code(() => import('./EngagementChart'));

const DEFAULT_PRESET: Preset = 'thisYear';

/** The report's period and grouping from the address: `/reports?from=2026-01-01&to=2026-12-31&by=sdg`. */
function reportState(url: UrlReader, today: string) {
  const fallback = presetPeriod(DEFAULT_PRESET, today);
  const from = url.text('from') ?? fallback.from;
  const to = url.text('to') ?? fallback.to;
  const byParam = url.text('by');
  const by: ReportGrouping = isGrouping(byParam) ? byParam : 'country';
  return { period: { from, to }, by };
}

function useReportState() {
  const url = useUrlFilters();
  const today = localToday();
  return { url, today, ...reportState(url, today) };
}

/**
 * What the report draws for the address it is opened at, started before it
 * is drawn (src/pageData.ts), for those who may read it: its numbers and the
 * names it shows, waited for; the chart's code, asked for but not waited
 * for (on a phone's connection the table need not wait for recharts).
 */
export function prefetchReportsPage(queryClient: QueryClient, me: User, search: string): Promise<unknown> {
  if (!canReview(me)) return Promise.resolve();
  const { period, by } = reportState(readUrl(new URLSearchParams(search)), localToday());
  if (periodProblem(period)) return Promise.resolve();
  void preloadCode(chartCode);
  return Promise.all([queryClient.prefetchQuery(engagementReportQuery({ ...period, by })), prefetchNames(queryClient)]);
}

/** A date field that lets the address change only once a whole date is typed. */
function DateField({ label, value, error, onChange }: { label: string; value: string; error?: string; onChange: (value: string) => void }) {
  const [text, setText] = useState(value);
  useEffect(() => setText(value), [value]);
  return (
    <TextInput
      type="date"
      label={label}
      value={text}
      error={error}
      w={170}
      onChange={(event) => {
        const next = event.currentTarget.value;
        setText(next);
        if (/^\d{4}-\d{2}-\d{2}$/.test(next)) onChange(next);
      }}
    />
  );
}

function Cell({ value, strong }: { value: number; strong?: boolean }) {
  const format = useFormat();
  return (
    <Table.Td ta="end" fw={strong ? 700 : undefined}>
      {format.number(value)}
    </Table.Td>
  );
}

/** Engagement by country, programme or SDG over a chosen period; printable. */
export function ReportsPage() {
  const { t } = useTranslation();
  // Six groupings do not fit side by side on a phone: they stand one under another.
  const phone = useMediaQuery('(max-width: 36em)');
  const { data: me } = useMe();
  const format = useFormat();
  const countries = useCountryOptions();
  const EngagementChart = useCode(chartCode)?.default;
  const tagName = useTagName();
  const { url, today, period, by } = useReportState();
  const problem = periodProblem(period);
  const allowed = canReview(me);
  const report = useEngagementReport({ ...period, by }, allowed && !problem);
  const generated = report.dataUpdatedAt ? new Date(report.dataUpdatedAt) : new Date();

  const rows = useMemo(
    () =>
      report.data
        ? reportRows(report.data, {
            country: countries.nameOf,
            sdg: tagName,
            none: (grouping) => t(`reports.none.${grouping}`),
          })
        : [],
    [report.data, countries.nameOf, tagName, t],
  );

  if (!allowed) return <Navigate to="/" replace />;

  const preset = presetOf(period, today);
  const setPeriod = (next: Period) => url.set({ from: next.from, to: next.to });
  // The server names the query parameter it refused; show that on the field.
  const serverError = report.error instanceof ApiError ? report.error : null;
  const fieldError = (field: 'from' | 'to') => {
    if (problem?.field === field) return t(`reports.problems.${problem.problem}`);
    const located = serverError?.errors.find((e) => e.location === `query.${field}`);
    return located?.message;
  };
  const groupingLabel = t(`reports.groupings.${by}`);
  const periodText = t('reports.period', { from: format.date(period.from), to: format.date(period.to) });
  const totals: EngagementCounts | undefined = report.data?.totals;

  return (
    <Stack gap="lg" data-report-page className={classes.page}>
      <div className={classes.noPrint}>
        <PageHeader
          title={t('nav.reports')}
          description={t('reports.subtitle')}
          actions={
            <>
              {!problem && <ExportButton path="/api/v1/reports/engagement/export" query={period} formats={['xlsx']} />}
              <Button leftSection={<IconPrinter size={16} aria-hidden="true" />} variant="default" onClick={() => window.print()} disabled={!report.data}>
                {t('reports.print')}
              </Button>
            </>
          }
        />
        <Paper withBorder radius="lg" p="md" component="section" aria-label={t('reports.controls')}>
          <Stack gap="md">
            <Group gap="xs" role="group" aria-label={t('reports.presetsLabel')}>
              {PRESETS.map((p) => (
                <Chip key={p} checked={preset === p} onChange={() => setPeriod(presetPeriod(p, today))} variant="outline" radius="sm">
                  {t(`reports.presets.${p}`)}
                </Chip>
              ))}
            </Group>
            <Group gap="md" align="flex-start" wrap="wrap">
              <DateField label={t('reports.from')} value={period.from} error={fieldError('from')} onChange={(from) => setPeriod({ ...period, from })} />
              <DateField label={t('reports.to')} value={period.to} error={fieldError('to')} onChange={(to) => setPeriod({ ...period, to })} />
              <Stack gap={4}>
                <Text size="sm" fw={500} id="report-grouping-label">
                  {t('reports.groupBy')}
                </Text>
                <Segmented
                  aria-labelledby="report-grouping-label"
                  orientation={phone ? 'vertical' : 'horizontal'}
                  value={by}
                  onChange={(v) => url.set({ by: v === 'country' ? null : v })}
                  data={GROUPINGS.map((g) => ({ value: g, label: t(`reports.groupings.${g}`) }))}
                />
              </Stack>
            </Group>
          </Stack>
        </Paper>
      </div>

      <Stack gap="md" component="section" aria-labelledby="report-title">
        <div>
          <Title order={2} size="h3" id="report-title">
            {t(`reports.titles.${by}`)}
          </Title>
          <Text>{periodText}</Text>
          <Text size="sm" c="dimmed">
            {t('reports.generated', { date: format.dateTime(generated.toISOString()) })}
          </Text>
        </div>

        {problem ? null : report.isPending ? (
          <PageLoader />
        ) : report.isError && !report.data ? (
          <QueryError title={t('reports.loadError')} error={report.error} onRetry={() => void report.refetch()} />
        ) : rows.length === 0 ? (
          <Paper withBorder radius="lg" p="xl">
            <Text ta="center" c="dimmed">
              {t('reports.empty')}
            </Text>
          </Paper>
        ) : (
          <>
            {by === 'sdg' && (
              <Alert variant="light" icon={<IconInfoCircle size={18} aria-hidden="true" />} p="sm">
                {t('reports.sdgNote')}
              </Alert>
            )}
            <Paper withBorder radius="lg" p="md" className={classes.chart}>
              {EngagementChart ? <EngagementChart data={chartData(rows, t('reports.others'))} /> : <PageLoader />}
            </Paper>
            <Paper withBorder radius="lg" p="md">
              <Table.ScrollContainer minWidth={860} type="native">
                <Table className={classes.table} verticalSpacing="xs" striped aria-labelledby="report-title">
                  <Table.Thead>
                    <Table.Tr>
                      <Table.Th scope="col">{groupingLabel}</Table.Th>
                      {COUNTERS.map((c) => (
                        <Table.Th key={c} scope="col" ta="end">
                          {t(`reports.counters.${c}`)}
                        </Table.Th>
                      ))}
                    </Table.Tr>
                  </Table.Thead>
                  <Table.Tbody>
                    {rows.map((row) => (
                      <Table.Tr key={row.key || '-'}>
                        <Table.Th scope="row" fw={500} className={row.unassigned ? classes.unassigned : undefined}>
                          <bdi>{row.label}</bdi>
                          {by === 'country' && !row.unassigned && (
                            <Text span c="dimmed" size="xs">
                              {' '}
                              {row.key}
                            </Text>
                          )}
                        </Table.Th>
                        {COUNTERS.map((c) =>
                          c === 'contacts' ? (
                            <Table.Td key={c} ta="end">
                              {format.number(row.contacts)}
                              <Text span size="xs" c="dimmed" style={{ whiteSpace: 'nowrap' }}>
                                {' '}
                                {t('reports.gender', { female: format.number(row.contacts_female), male: format.number(row.contacts_male) })}
                              </Text>
                            </Table.Td>
                          ) : (
                            <Cell key={c} value={row[c]} />
                          ),
                        )}
                      </Table.Tr>
                    ))}
                  </Table.Tbody>
                  {totals && (
                    <Table.Tfoot>
                      <Table.Tr className={classes.totals}>
                        <Table.Th scope="row">{t('reports.total')}</Table.Th>
                        {COUNTERS.map((c) =>
                          c === 'contacts' ? (
                            <Table.Td key={c} ta="end">
                              {format.number(totals.contacts)}
                              <Text span size="xs" style={{ whiteSpace: 'nowrap' }}>
                                {' '}
                                {t('reports.gender', { female: format.number(totals.contacts_female), male: format.number(totals.contacts_male) })}
                              </Text>
                            </Table.Td>
                          ) : (
                            <Cell key={c} value={totals[c]} strong />
                          ),
                        )}
                      </Table.Tr>
                    </Table.Tfoot>
                  )}
                </Table>
              </Table.ScrollContainer>
              <Text size="xs" c="dimmed" mt="sm">
                {t('reports.definitions')}
              </Text>
            </Paper>
          </>
        )}
      </Stack>
    </Stack>
  );
}
