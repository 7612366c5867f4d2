import { Bar, BarChart, CartesianGrid, Legend, ResponsiveContainer, Tooltip, XAxis, YAxis } from 'recharts';
import { useTranslation } from 'react-i18next';
import { directionOf } from '../../i18n';
import { useFormat } from '../../components/useFormat';
import type { ChartDatum } from './reportRows';

// Three hues of clearly different lightness, so the bars stay apart in grey print too.
const SERIES = [
  { key: 'interactions', color: '#006883' },
  { key: 'visits', color: '#e8590c' },
  { key: 'commitments_made', color: '#a6d7e2' },
] as const;

function shorten(label: string, max = 28): string {
  return label.length > max ? `${label.slice(0, max - 1)}…` : label;
}

/**
 * Interactions, visits and commitments made per row as horizontal bars (long
 * names read better down the side). Mirrored for right-to-left languages.
 * The table next to it carries the same numbers for those who do not see it.
 */
export function EngagementChart({ data }: { data: ChartDatum[] }) {
  const { t, i18n } = useTranslation();
  const format = useFormat();
  const rtl = directionOf(i18n.resolvedLanguage ?? 'en') === 'rtl';
  const height = Math.max(160, data.length * 44 + 70);
  return (
    // The SVG is laid out left to right and mirrored by hand (axes reversed), so that text anchors keep their meaning.
    <div dir="ltr" style={{ width: '100%', height }} aria-hidden="true">
      <ResponsiveContainer width="100%" height="100%">
        <BarChart accessibilityLayer={false} data={data} layout="vertical" margin={{ top: 4, right: 16, bottom: 4, left: 16 }} barCategoryGap="20%">
          <CartesianGrid horizontal={false} strokeDasharray="3 3" />
          <XAxis type="number" allowDecimals={false} reversed={rtl} tickFormatter={(v: number) => format.number(v)} />
          <YAxis
            type="category"
            dataKey="label"
            width={190}
            orientation={rtl ? 'right' : 'left'}
            tickFormatter={(v: string) => shorten(v)}
            tick={{ fontSize: 12, fill: '#212529' }}
            interval={0}
          />
          <Tooltip itemSorter={() => 0} formatter={(value) => format.number(Number(value))} />
          <Legend itemSorter={null} wrapperStyle={{ fontSize: 13 }} formatter={(value: string) => <span style={{ color: '#212529' }}>{value}</span>} />
          {SERIES.map((s) => (
            <Bar key={s.key} dataKey={s.key} name={t(`reports.counters.${s.key}`)} fill={s.color} isAnimationActive={false} />
          ))}
        </BarChart>
      </ResponsiveContainer>
    </div>
  );
}

export default EngagementChart;
