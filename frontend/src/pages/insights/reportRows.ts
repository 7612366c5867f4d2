import type { EngagementCounts, EngagementReport, ReportGrouping } from '../../hooks/insights';

export const GROUPINGS: readonly ReportGrouping[] = ['country', 'project', 'sdg', 'donor'];

export function isGrouping(value: string | undefined | null): value is ReportGrouping {
  return (GROUPINGS as readonly (string | null | undefined)[]).includes(value);
}

/** The counters in the order the table shows them. */
export const COUNTERS = [
  'interactions',
  'visits',
  'organizations',
  'contacts',
  'commitments_made',
  'commitments_done',
  'commitments_overdue',
] as const satisfies readonly (keyof EngagementCounts)[];

export interface ReportRow extends EngagementCounts {
  key: string;
  /** The label in the reader's language: country and SDG names are translated here. */
  label: string;
  /** Records with no country, programme or donor: shown last, in italics. */
  unassigned: boolean;
}

export interface Namers {
  country: (code: string) => string;
  sdg: (slug: string) => string;
  /** The label for records without a country or programme. */
  none: (by: ReportGrouping) => string;
}

/**
 * The server's rows made readable: names in the reader's language, and the
 * records without a country or programme moved to the end. Otherwise the
 * server's order holds (most interactions first).
 */
export function reportRows(report: Pick<EngagementReport, 'by' | 'rows'>, names: Namers): ReportRow[] {
  const rows = report.rows.map((row): ReportRow => {
    const unassigned = row.key === '';
    let label = row.label;
    if (unassigned) label = names.none(report.by);
    else if (report.by === 'country') label = names.country(row.key) || row.label || row.key;
    else if (report.by === 'sdg') label = names.sdg(row.key) || row.label || row.key;
    else label = row.label || row.key;
    return { ...row, label, unassigned };
  });
  return [...rows.filter((r) => !r.unassigned), ...rows.filter((r) => r.unassigned)];
}

export interface ChartDatum {
  label: string;
  interactions: number;
  visits: number;
  commitments_made: number;
}

/**
 * What the chart shows: the first rows as they are, the rest summed into one
 * "others" bar so that a long tail of countries stays readable.
 */
export function chartData(rows: readonly ReportRow[], othersLabel: string, max = 12): ChartDatum[] {
  const pick = ({ label, interactions, visits, commitments_made }: ReportRow): ChartDatum => ({ label, interactions, visits, commitments_made });
  if (rows.length <= max) return rows.map(pick);
  const head = rows.slice(0, max - 1).map(pick);
  const others = rows.slice(max - 1).reduce<ChartDatum>(
    (sum, r) => ({
      label: othersLabel,
      interactions: sum.interactions + r.interactions,
      visits: sum.visits + r.visits,
      commitments_made: sum.commitments_made + r.commitments_made,
    }),
    { label: othersLabel, interactions: 0, visits: 0, commitments_made: 0 },
  );
  return [...head, others];
}
