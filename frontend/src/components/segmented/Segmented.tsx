import type { CSSProperties, ReactNode } from 'react';
import { useId } from 'react';
import classes from './Segmented.module.css';

export interface SegmentedOption<V extends string> {
  value: V;
  label: ReactNode;
}

interface SegmentedProps<V extends string> {
  data: readonly SegmentedOption<V>[];
  value: V;
  onChange: (value: V) => void;
  /** The group's name, when no visible label names it. */
  'aria-label'?: string;
  /** The id of the visible label that names the group. */
  'aria-labelledby'?: string;
  fullWidth?: boolean;
  orientation?: 'horizontal' | 'vertical';
  style?: CSSProperties;
}

/**
 * A choice between a few options drawn as one control: the views of a list,
 * live or archived records, a commitment's direction.
 *
 * It looks like Mantine's SegmentedControl, whose highlight slides from one
 * option to the next: to place it, that control measures the chosen option
 * in the commit that first draws it, which makes the browser lay out the
 * whole page inside that task, and lay it out again once the page's data has
 * drawn (more than half of the commitments page's longest task on a phone).
 * Here the chosen option draws its own highlight in CSS, so nothing is
 * measured; the highlight changes in place rather than sliding.
 *
 * The options are native radio inputs, so the arrow keys move the choice and
 * assistive technology announces a radio group of n options.
 */
export function Segmented<V extends string>({ data, value, onChange, fullWidth, orientation = 'horizontal', style, ...names }: SegmentedProps<V>) {
  const name = useId();
  return (
    <div role="radiogroup" {...names} className={classes.root} data-full-width={fullWidth || undefined} data-orientation={orientation} style={style}>
      {data.map((option) => {
        const active = option.value === value;
        const id = `${name}-${option.value}`;
        return (
          <div key={option.value} className={classes.control} data-active={active || undefined}>
            <input className={classes.input} type="radio" name={name} id={id} value={option.value} checked={active} onChange={() => onChange(option.value)} />
            <label className={classes.label} htmlFor={id} data-active={active || undefined}>
              {option.label}
            </label>
          </div>
        );
      })}
    </div>
  );
}
