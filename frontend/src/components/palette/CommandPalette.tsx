import { Group, Kbd, Loader, Modal, Text, TextInput, UnstyledButton } from '@mantine/core';
import { useDebouncedValue } from '@mantine/hooks';
import {
  IconArrowRight,
  IconBuildingCommunity,
  IconChecklist,
  IconMessages,
  IconPlaneDeparture,
  IconPlus,
  IconSearch,
  IconUser,
} from '@tabler/icons-react';
import { useEffect, useId, useMemo, useRef, useState, type KeyboardEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { useNavigate } from 'react-router';
import { useMe } from '../../hooks/auth';
import { useSearch } from '../../hooks/search';
import classes from './CommandPalette.module.css';
import { highlight, paletteActions, paletteGroups, type PaletteItem } from './paletteItems';

const ICONS = {
  organization: IconBuildingCommunity,
  contact: IconUser,
  visit: IconPlaneDeparture,
  interaction: IconMessages,
  commitment: IconChecklist,
} as const;

function Highlighted({ text, query }: { text: string; query: string }) {
  return (
    <bdi>
      {highlight(text, query).map((run, i) =>
        run.match ? (
          <mark key={i} className={classes.mark}>
            {run.text}
          </mark>
        ) : (
          <span key={i}>{run.text}</span>
        ),
      )}
    </bdi>
  );
}

/**
 * The command palette: one box that searches every kind of record and offers
 * the pages one may go to. Arrow keys move through the rows, Enter opens one,
 * Escape closes; focus goes back where it was (the opener handles that).
 */
/** onClose(true) when the palette closes because it went to another page. */
export function CommandPalette({ opened, onClose, takeTyped }: { opened: boolean; onClose: (left?: boolean) => void; takeTyped?: () => string }) {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const { data: me } = useMe();
  const [value, setValue] = useState('');
  const [term] = useDebouncedValue(value, 150);
  const search = useSearch(term, 20);
  const ready = term.trim().length >= 2;
  const [active, setActive] = useState(0);
  const listRef = useRef<HTMLDivElement>(null);
  const id = useId();

  const actions = useMemo(() => paletteActions(t, me), [t, me]);
  const hits = ready ? (search.data ?? []) : [];
  const groups = useMemo(() => paletteGroups(hits, actions, value), [hits, actions, value]);
  const items = useMemo(() => groups.flatMap((g) => g.items), [groups]);
  const optionId = (item: PaletteItem) => `${id}-${item.key.replace(/[^\w-]/g, '-')}`;
  const current = items[Math.min(active, items.length - 1)];

  // New rows: the first is the one Enter opens.
  useEffect(() => setActive(0), [search.data, value]);
  // Each opening starts afresh, with what was typed before the box had focus.
  useEffect(() => {
    if (opened) setValue('');
  }, [opened]);
  const onFocus = () => {
    const typed = takeTyped?.() ?? '';
    if (typed) setValue((v) => v + typed);
  };

  useEffect(() => {
    if (!current) return;
    document.getElementById(optionId(current))?.scrollIntoView({ block: 'nearest' });
  }, [current]);

  const choose = (item: PaletteItem | undefined) => {
    if (!item) return;
    onClose(true);
    void navigate(item.to);
  };

  const onKeyDown = (event: KeyboardEvent<HTMLInputElement>) => {
    const last = items.length - 1;
    if (event.key === 'ArrowDown') setActive((i) => (i >= last ? 0 : i + 1));
    else if (event.key === 'ArrowUp') setActive((i) => (i <= 0 ? last : i - 1));
    else if (event.key === 'Home' && event.ctrlKey) setActive(0);
    else if (event.key === 'End' && event.ctrlKey) setActive(last);
    else if (event.key === 'PageDown') setActive((i) => Math.min(last, i + 5));
    else if (event.key === 'PageUp') setActive((i) => Math.max(0, i - 5));
    else if (event.key === 'Enter') choose(current);
    else return;
    event.preventDefault();
  };

  const listId = `${id}-list`;
  const waiting = ready && search.isFetching;
  const nothing = ready && !search.isPending && !search.isError && items.length === 0;

  return (
    <Modal.Root opened={opened} onClose={() => onClose()} size="lg" yOffset="8vh" returnFocus={false} trapFocus>
      <Modal.Overlay backgroundOpacity={0.35} blur={2} />
      <Modal.Content aria-label={t('palette.title')} className={classes.content}>
        <Modal.Body p={0}>
          <TextInput
            data-autofocus
            data-palette-input
            onFocus={onFocus}
            value={value}
            onChange={(event) => setValue(event.currentTarget.value)}
            onKeyDown={onKeyDown}
            placeholder={t('palette.placeholder')}
            aria-label={t('search.label')}
            role="combobox"
            aria-autocomplete="list"
            aria-expanded={items.length > 0}
            aria-controls={listId}
            aria-activedescendant={current ? optionId(current) : undefined}
            autoComplete="off"
            spellCheck={false}
            size="lg"
            variant="unstyled"
            leftSection={<IconSearch size={20} aria-hidden="true" />}
            rightSection={waiting ? <Loader size={18} aria-label={t('common.loading')} /> : null}
            classNames={{ input: classes.input }}
          />
          <div ref={listRef} id={listId} role="listbox" aria-label={t('search.results')} className={classes.list}>
            {groups.map((group) => {
              const labelId = `${id}-group-${group.id}`;
              return (
                <div key={group.id} role="group" aria-labelledby={labelId}>
                  <Text id={labelId} className={classes.groupLabel} size="xs" fw={700} c="dimmed" role="presentation">
                    {group.id === 'actions' ? t('palette.actionsGroup') : t(`search.kinds.${group.id}`)}
                  </Text>
                  {group.items.map((item) => {
                    const selected = item === current;
                    const Icon = item.type === 'hit' ? ICONS[item.hit.kind] : item.action.kind === 'create' ? IconPlus : IconArrowRight;
                    return (
                      <UnstyledButton
                        component="div"
                        key={item.key}
                        id={optionId(item)}
                        role="option"
                        aria-selected={selected}
                        tabIndex={-1}
                        className={classes.option}
                        data-active={selected || undefined}
                        onMouseMove={() => setActive(items.indexOf(item))}
                        onMouseDown={(event) => event.preventDefault()}
                        onClick={() => choose(item)}
                      >
                        <Icon size={18} aria-hidden="true" className={Icon === IconArrowRight ? `${classes.icon} ${classes.flip}` : classes.icon} />
                        <div className={classes.text}>
                          {item.type === 'hit' ? (
                            <>
                              <Text size="sm" fw={500} truncate="end">
                                <Highlighted text={item.hit.title} query={term} />
                              </Text>
                              {item.hit.snippet && item.hit.snippet !== item.hit.title && (
                                <Text size="xs" c="dimmed" lineClamp={2}>
                                  <Highlighted text={item.hit.snippet} query={term} />
                                </Text>
                              )}
                            </>
                          ) : (
                            <Text size="sm" fw={500}>
                              {item.action.label}
                            </Text>
                          )}
                        </div>
                        {selected && <IconArrowRight size={14} aria-hidden="true" className={classes.enter} />}
                      </UnstyledButton>
                    );
                  })}
                </div>
              );
            })}
          </div>
          <div aria-live="polite" className={classes.status}>
            {nothing && <Text size="sm">{t('search.nothing', { term: term.trim() })}</Text>}
            {ready && search.isError && (
              <Text size="sm" c="red.8">
                {t('palette.failed')}
              </Text>
            )}
            {!ready && value.trim().length === 1 && (
              <Text size="sm" c="dimmed">
                {t('palette.keepTyping')}
              </Text>
            )}
          </div>
          <Group gap="md" className={classes.footer} aria-hidden="true">
            <Group gap={4}>
              <Kbd size="xs">↑</Kbd>
              <Kbd size="xs">↓</Kbd>
              <Text size="xs" c="dimmed">
                {t('palette.hintMove')}
              </Text>
            </Group>
            <Group gap={4}>
              <Kbd size="xs">Enter</Kbd>
              <Text size="xs" c="dimmed">
                {t('palette.hintOpen')}
              </Text>
            </Group>
            <Group gap={4}>
              <Kbd size="xs">Esc</Kbd>
              <Text size="xs" c="dimmed">
                {t('palette.hintClose')}
              </Text>
            </Group>
          </Group>
        </Modal.Body>
      </Modal.Content>
    </Modal.Root>
  );
}

export default CommandPalette;
