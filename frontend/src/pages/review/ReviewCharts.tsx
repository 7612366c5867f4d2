import { Anchor, Paper, Table, Text, Title } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { useFormat } from '../../components/useFormat';
import type { CommitmentReview } from '../../hooks/review';
import classes from './ReviewCharts.module.css';
import { commitmentsLink, reviewFilters, type Bucket, type CommitmentFilters, type GroupBy } from './commitmentFilters';

type Group = CommitmentReview['by_owner'][number];

/**
 * The three numbers charted, each with its own colour and fill pattern
 * (ReviewCharts.module.css), so print and colour-blind readers tell them apart.
 */
const SERIES: { bucket: Bucket; field: 'overdue' | 'due_7' | 'due_30' }[] = [
  { bucket: 'overdue', field: 'overdue' },
  { bucket: 'due7', field: 'due_7' },
  { bucket: 'due30', field: 'due_30' },
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
 * screen-reader way in. The bars are the page's own elements, laid out by
 * CSS (mirrored for Arabic by the logical properties): a charting library
 * drew the same twelve groups in a long task of a phone's first render.
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
  const groups = chartGroups(
    by === 'owner' ? review.by_owner : by === 'office' ? review.by_office : by === 'country' ? review.by_country : review.by_project,
  );
  const shown = groups.slice(0, CHART_GROUPS).map((g) => ({ ...g, name: label(g) }));
  const seriesName = (bucket: Bucket) => t(`review.${bucket}`);
  const link = (bucket: Bucket, g: Group) => commitmentsLink({ ...scope, ...reviewFilters(review.as_of, bucket, by, g.key) });
  const title = t(`reviewCharts.title.${by}`);
  // The longest bar fills its line; the others are drawn to its scale.
  const longest = Math.max(1, ...shown.flatMap((g) => SERIES.map((s) => g[s.field])));

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
          <figure className={classes.chart} aria-label={title} data-testid="review-chart">
            <ul className={classes.legend} aria-hidden="true">
              {SERIES.map((s) => (
                <li key={s.bucket}>
                  <span className={classes.swatch} data-series={s.bucket} />
                  {seriesName(s.bucket)}
                </li>
              ))}
            </ul>
            <ol className={classes.groups}>
              {shown.map((g) => (
                <li key={g.key ?? ''} className={classes.group}>
                  <span className={classes.name} title={g.name}>
                    <bdi>{g.name}</bdi>
                  </span>
                  <span className={classes.bars}>
                    {SERIES.map((s) => {
                      const value = g[s.field];
                      const bar = (
                        <>
                          <span className={classes.bar} data-series={s.bucket} style={{ inlineSize: `${(value / longest) * 100}%` }} />
                          <span className={classes.value}>{value > 0 ? format.number(value) : ''}</span>
                        </>
                      );
                      return g.key && value > 0 ? (
                        <Link
                          key={s.bucket}
                          to={link(s.bucket, g)}
                          className={classes.barRow}
                          data-chart-bar={s.bucket}
                          aria-label={t('reviewCharts.cellLink', { count: value, shown: format.number(value), series: seriesName(s.bucket), group: g.name })}
                        >
                          {bar}
                        </Link>
                      ) : (
                        <span key={s.bucket} className={classes.barRow} data-chart-bar={s.bucket} aria-hidden="true">
                          {bar}
                        </span>
                      );
                    })}
                  </span>
                </li>
              ))}
            </ol>
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
