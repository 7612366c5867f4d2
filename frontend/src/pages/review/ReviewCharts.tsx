import { Anchor, Paper, Table, Text, Title, useDirection } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate } from 'react-router';
import { Bar, BarChart, CartesianGrid, LabelList, Legend, ResponsiveContainer, Tooltip, XAxis, YAxis } from 'recharts';
import { useFormat } from '../../components/useFormat';
import type { CommitmentReview } from '../../hooks/review';
import { commitmentsLink, reviewFilters, type Bucket, type CommitmentFilters, type GroupBy } from './commitmentFilters';

type Group = CommitmentReview['by_owner'][number];

/** The three numbers charted, each with its own colour and fill pattern, so print and colour-blind readers tell them apart. */
const SERIES: { bucket: Bucket; field: 'overdue' | 'due_7' | 'due_30'; color: string; pattern: string }[] = [
  { bucket: 'overdue', field: 'overdue', color: '#c92a2a', pattern: 'solid' },
  { bucket: 'due7', field: 'due_7', color: '#e8590c', pattern: 'stripes' },
  { bucket: 'due30', field: 'due_30', color: '#1c7ed6', pattern: 'dots' },
];

const CHART_GROUPS = 12;

/** Groups with something to follow up, the most overdue first. */
export function chartGroups(groups: readonly Group[]): Group[] {
  return groups
    .filter((g) => g.overdue + g.due_7 + g.due_30 > 0)
    .sort((a, b) => b.overdue - a.overdue || b.due_7 - a.due_7 || b.due_30 - a.due_30 || a.label.localeCompare(b.label));
}

/**
 * Overdue and due-soon commitments of one grouping as a bar chart, and the
 * same numbers as a table. Every bar and every number links to the
 * commitments list filtered to it; the table is the keyboard and
 * screen-reader way in.
 */
export default function ReviewCharts({
  review,
  by,
  label,
  scope,
}: {
  review: CommitmentReview;
  by: GroupBy;
  /** Filters every link keeps (the review's office scope). */
  scope?: Partial<CommitmentFilters>;
  /** The name of a group for people (translated country, "No project"). */
  label: (group: Group) => string;
}) {
  const { t } = useTranslation();
  const format = useFormat();
  const navigate = useNavigate();
  const { dir } = useDirection();
  const rtl = dir === 'rtl';
  const groups = chartGroups(
    by === 'owner' ? review.by_owner : by === 'office' ? review.by_office : by === 'country' ? review.by_country : review.by_project,
  );
  const shown = groups.slice(0, CHART_GROUPS).map((g) => ({ ...g, name: label(g) }));
  const seriesName = (bucket: Bucket) => t(`review.${bucket}`);
  const link = (bucket: Bucket, g: Group) => commitmentsLink({ ...scope, ...reviewFilters(review.as_of, bucket, by, g.key) });
  const title = t(`reviewCharts.title.${by}`);
  const height = Math.max(160, shown.length * 56 + 70);

  return (
    <Paper withBorder radius="lg" p="lg" component="section" aria-labelledby={`chart-title-${by}`}>
      <Title order={2} size="h4" id={`chart-title-${by}`} mb={4}>
        {title}
      </Title>
      <Text size="sm" c="dimmed" mb="md">
        {t('reviewCharts.hint')}
      </Text>
      {groups.length === 0 ? (
        <Text size="sm" c="dimmed">
          {t('reviewCharts.nothing')}
        </Text>
      ) : (
        <>
          <figure style={{ margin: 0 }} aria-label={title} data-testid="review-chart">
            <div dir="ltr" style={{ width: '100%', height }}>
              <ResponsiveContainer width="100%" height="100%">
                <BarChart
                  data={shown}
                  layout="vertical"
                  margin={{ top: 8, right: 24, bottom: 8, left: 24 }}
                  barCategoryGap={10}
                  accessibilityLayer
                  style={{ cursor: 'pointer' }}
                >
                  <defs>
                    <pattern id="review-stripes" width="6" height="6" patternUnits="userSpaceOnUse" patternTransform="rotate(45)">
                      <rect width="6" height="6" fill="#e8590c" />
                      <line x1="0" y1="0" x2="0" y2="6" stroke="#fff" strokeWidth="2.5" />
                    </pattern>
                    <pattern id="review-dots" width="6" height="6" patternUnits="userSpaceOnUse">
                      <rect width="6" height="6" fill="#1c7ed6" />
                      <circle cx="3" cy="3" r="1.4" fill="#fff" />
                    </pattern>
                  </defs>
                  <CartesianGrid horizontal={false} strokeDasharray="3 3" />
                  <XAxis type="number" allowDecimals={false} reversed={rtl} tickFormatter={(v: number) => format.number(v)} />
                  <YAxis
                    type="category"
                    dataKey="name"
                    width={170}
                    orientation={rtl ? 'right' : 'left'}
                    tick={{ fontSize: 12 }}
                    tickFormatter={(v: string) => (v.length > 26 ? `${v.slice(0, 25)}…` : v)}
                  />
                  <Tooltip formatter={(value) => format.number(Number(value))} />
                  <Legend
                    itemSorter={null}
                    wrapperStyle={{ direction: rtl ? 'rtl' : 'ltr' }}
                    formatter={(value: string) => <span style={{ color: 'var(--mantine-color-text)' }}>{value}</span>}
                  />
                  {SERIES.map((s) => (
                    <Bar
                      key={s.bucket}
                      dataKey={s.field}
                      name={seriesName(s.bucket)}
                      fill={s.pattern === 'solid' ? s.color : `url(#review-${s.pattern})`}
                      stroke={s.color}
                      isAnimationActive={false}
                      onClick={(entry) => {
                        const g = (entry as unknown as { payload?: Group }).payload;
                        if (g?.key) void navigate(link(s.bucket, g));
                      }}
                    >
                      <LabelList dataKey={s.field} position="right" formatter={(v) => (Number(v) > 0 ? format.number(Number(v)) : '')} fontSize={11} />
                    </Bar>
                  ))}
                </BarChart>
              </ResponsiveContainer>
            </div>
            {groups.length > CHART_GROUPS && (
              <Text component="figcaption" size="xs" c="dimmed">
                {t('reviewCharts.topGroups', { shown: format.number(CHART_GROUPS), total: format.number(groups.length) })}
              </Text>
            )}
          </figure>
          <Table.ScrollContainer minWidth={480} type="native" mt="md">
            <Table verticalSpacing={6} aria-label={t('reviewCharts.tableOf', { title })}>
              <Table.Thead>
                <Table.Tr>
                  <Table.Th scope="col">{t(`reviewCharts.groupColumn.${by}`)}</Table.Th>
                  {SERIES.map((s) => (
                    <Table.Th key={s.bucket} scope="col" ta="end">
                      {seriesName(s.bucket)}
                    </Table.Th>
                  ))}
                </Table.Tr>
              </Table.Thead>
              <Table.Tbody>
                {groups.map((g) => (
                  <Table.Tr key={g.key ?? ''}>
                    <Table.Th scope="row" fw={500}>
                      <bdi>{label(g)}</bdi>
                    </Table.Th>
                    {SERIES.map((s) => (
                      <Table.Td key={s.bucket} ta="end">
                        {g.key && g[s.field] > 0 ? (
                          <Anchor
                            component={Link}
                            to={link(s.bucket, g)}
                            fw={s.bucket === 'overdue' ? 700 : 500}
                            c={s.bucket === 'overdue' ? 'red.9' : undefined}
                            aria-label={t('reviewCharts.cellLink', { count: g[s.field], shown: format.number(g[s.field]), series: seriesName(s.bucket), group: label(g) })}
                          >
                            {format.number(g[s.field])}
                          </Anchor>
                        ) : (
                          format.number(g[s.field])
                        )}
                      </Table.Td>
                    ))}
                  </Table.Tr>
                ))}
              </Table.Tbody>
            </Table>
          </Table.ScrollContainer>
        </>
      )}
    </Paper>
  );
}
