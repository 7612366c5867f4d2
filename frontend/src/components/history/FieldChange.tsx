import { Badge, Group, Stack, Text, useDirection, VisuallyHidden } from '@mantine/core';
import { IconArrowRight } from '@tabler/icons-react';
import { Fragment, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { compareRecords, shapeOf, type ChangeRecord, type ValueShape } from './historyValues';
import type { useHistoryText } from './useHistoryText';

type Text = ReturnType<typeof useHistoryText>;

/** Keys of a participant or position that say who it is, shown first. */
const WHO = ['organization_id', 'contact_id'];
/** Keys that only say how a record is kept, never shown. */
const HIDDEN = new Set(['id', 'name', 'restricted', 'version']);

/** Only who a participant or position is about (the unchanged part of a changed one). */
function whoOf(r: ChangeRecord): ChangeRecord {
  return Object.fromEntries(Object.entries(r).filter(([k]) => WHO.includes(k) || k === 'restricted'));
}

/** What a participant or position says beside who it is about. */
function withoutWho(r: ChangeRecord): ChangeRecord {
  return Object.fromEntries(Object.entries(r).filter(([k]) => !WHO.includes(k) && k !== 'restricted'));
}

/** A participant or a position on one line: who, then role, side, title and dates. */
export function RecordLine({ record, text }: { record: ChangeRecord; text: Text }) {
  const { t } = useTranslation();
  const who = WHO.find((k) => record[k] != null);
  const parts: ReactNode[] = [];
  if (who) parts.push(<Fragment key="who">{text.scalar(who, record[who] as number)}</Fragment>);
  else if (record.restricted) parts.push(<Fragment key="who">{t('history.hiddenPerson')}</Fragment>);
  else if (typeof record.name === 'string' && record.name) parts.push(<bdi key="who">{record.name}</bdi>);
  const start = record.start_date as string | null | undefined;
  const end = record.end_date as string | null | undefined;
  for (const [key, value] of Object.entries(record)) {
    if (WHO.includes(key) || HIDDEN.has(key) || key === 'start_date' || key === 'end_date') continue;
    if (value === null || value === undefined || value === '' || value === false) continue;
    if (key === 'primary') parts.push(<Fragment key={key}>{t('history.mainPosition')}</Fragment>);
    else if (key === 'role' || key === 'side' || key === 'title') parts.push(<Fragment key={key}>{text.scalar(key, value as string)}</Fragment>);
    else
      parts.push(
        <Fragment key={key}>
          {text.fieldLabel(key)}: {text.scalar(key, typeof value === 'object' ? JSON.stringify(value) : (value as string))}
        </Fragment>,
      );
  }
  if (start || end) {
    parts.push(
      <Fragment key="dates">
        {start ? text.scalar('start_date', start) : '…'} – {end ? text.scalar('end_date', end) : t('history.present')}
      </Fragment>,
    );
  }
  return (
    <span>
      {parts.map((part, i) => (
        <Fragment key={i}>
          {i > 0 && ' · '}
          {part}
        </Fragment>
      ))}
    </span>
  );
}

/** One value as it reads: "none", a scalar, a list joined, or one line per participant or position. */
export function ValueText({ field, shape, text }: { field: string; shape: ValueShape; text: Text }) {
  const { t } = useTranslation();
  switch (shape.kind) {
    case 'empty':
      return (
        <Text span size="sm" c="dimmed" fs="italic">
          {t('history.none')}
        </Text>
      );
    case 'scalar':
      return <span style={{ overflowWrap: 'anywhere', whiteSpace: 'pre-wrap' }}>{text.scalar(field, shape.value)}</span>;
    case 'list':
      return (
        <span>
          {shape.items.map((item, i) => (
            <Fragment key={i}>
              {i > 0 && t('common.separator')}
              {text.scalar(field, item)}
            </Fragment>
          ))}
        </span>
      );
    case 'records':
      return (
        <Stack gap={2} component="ul" style={{ listStyle: 'none', margin: 0, padding: 0 }}>
          {shape.items.map((r, i) => (
            <Text component="li" size="sm" key={i}>
              <RecordLine record={r} text={text} />
            </Text>
          ))}
        </Stack>
      );
  }
}

/** "was X → now Y", the arrow pointing the way the page reads. */
function Before({ children, after }: { children: ReactNode; after: ReactNode }) {
  const { t } = useTranslation();
  const { dir } = useDirection();
  return (
    <Group gap={6} wrap="wrap" align="baseline">
      <VisuallyHidden>{t('history.was')}</VisuallyHidden>
      <Text span size="sm" c="dimmed" td="line-through">
        {children}
      </Text>
      <IconArrowRight size={14} aria-hidden="true" style={{ flexShrink: 0, alignSelf: 'center', transform: dir === 'rtl' ? 'scaleX(-1)' : undefined }} />
      <VisuallyHidden>{t('history.now')}</VisuallyHidden>
      <Text span size="sm">
        {after}
      </Text>
    </Group>
  );
}

/**
 * One changed field, from what to what. Lists of participants or positions
 * say who joined, who left and whose role changed, rather than repeating
 * both whole lists.
 */
export function FieldChange({
  field,
  before,
  after,
  text,
  created,
  removed = false,
  erased = false,
}: {
  field: string;
  before: unknown;
  after: unknown;
  text: Text;
  created: boolean;
  /** The event removed what the values described (a deleted note or document): they read as they were, not as changed to "none". */
  removed?: boolean;
  /** The values went with the person they were about (an erasure): only the fact of the change is left. */
  erased?: boolean;
}) {
  const { t } = useTranslation();
  if (erased) {
    return (
      <Text span size="sm" c="dimmed" fs="italic">
        {t('personalData.valueErased')}
      </Text>
    );
  }
  const old = shapeOf(before, field);
  const next = shapeOf(after, field);
  if (created || (old.kind === 'empty' && next.kind !== 'records')) {
    return <ValueText field={field} shape={next} text={text} />;
  }
  if (removed && next.kind === 'empty') return <ValueText field={field} shape={old} text={text} />;
  if (old.kind === 'records' || next.kind === 'records') {
    const { added, removed, changed } = compareRecords(old.kind === 'records' ? old.items : [], next.kind === 'records' ? next.items : []);
    return (
      <Stack gap={4}>
        {changed.map(({ before: b, after: a }, i) => (
          <Group key={`c${i}`} gap={6} wrap="wrap" align="baseline">
            <Text span size="sm" fw={500}>
              <RecordLine record={whoOf(a)} text={text} />
            </Text>
            <Before after={<RecordLine record={withoutWho(a)} text={text} />}>
              <RecordLine record={withoutWho(b)} text={text} />
            </Before>
          </Group>
        ))}
        {added.map((r, i) => (
          <Group key={`a${i}`} gap={6} wrap="nowrap" align="baseline">
            <Badge size="xs" color="teal" variant="light" tt="none" style={{ flexShrink: 0 }}>
              {t('history.added')}
            </Badge>
            <Text span size="sm">
              <RecordLine record={r} text={text} />
            </Text>
          </Group>
        ))}
        {removed.map((r, i) => (
          <Group key={`r${i}`} gap={6} wrap="nowrap" align="baseline">
            <Badge size="xs" color="red" variant="light" tt="none" style={{ flexShrink: 0 }}>
              {t('history.removed')}
            </Badge>
            <Text span size="sm" td="line-through" c="dimmed">
              <RecordLine record={r} text={text} />
            </Text>
          </Group>
        ))}
      </Stack>
    );
  }
  return (
    <Before after={<ValueText field={field} shape={next} text={text} />}>
      <ValueText field={field} shape={old} text={text} />
    </Before>
  );
}
