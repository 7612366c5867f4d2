import { Group, Kbd, Loader, Modal, Text, VisuallyHidden } from '@mantine/core';
import { useDebouncedValue, useMediaQuery } from '@mantine/hooks';
import { createSpotlight, Spotlight, type SpotlightStore } from '@mantine/spotlight';
import '@mantine/spotlight/styles.css';
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
import { useEffect, useId, useMemo, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useNavigate } from 'react-router';
import { useMe } from '../../hooks/auth';
import { useSearch, type SearchHit } from '../../hooks/search';
import classes from './CommandPalette.module.css';
import { highlight, paletteActions, paletteGroups, type PaletteItem } from './paletteItems';

const NO_HITS: SearchHit[] = [];

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
 * Makes the row at `index` the chosen one, as Spotlight's arrow keys do: the
 * row carries `data-selected` (what Enter clicks) and the store its index.
 * Spotlight does this itself only when the query changes; search hits arrive
 * later, and the first of them must be the one Enter opens. (The store
 * changes silently, so the palette keeps the index in its own state too.)
 */
function choose(store: SpotlightStore, listId: string, index: number) {
  const rows = document.getElementById(listId)?.querySelectorAll<HTMLElement>('[data-action]') ?? [];
  const row = rows[index];
  if (!row) return;
  for (const other of rows) if (other !== row) other.removeAttribute('data-selected');
  row.setAttribute('data-selected', 'true');
  row.scrollIntoView?.({ block: 'nearest' });
  store.updateState((state) => ({ ...state, selected: index }));
}

/**
 * The command palette, on Mantine's Spotlight: one box that searches every
 * kind of record (as one types, through useSearch) and offers the pages one
 * may go to. Spotlight gives the dialog, the arrow keys, Enter and Escape, and
 * the mirrored layout in Arabic; this adds the combobox/listbox semantics
 * screen readers need, the groups by kind, and the opening keys
 * (GlobalSearch owns those: Ctrl+K by the key's place, so that it works with
 * Arabic or Cyrillic layouts too, and "/"). Focus goes back where it was
 * (the opener handles that). onClose(true) when it closes because it went
 * to another page.
 */
export function CommandPalette({ opened, onClose, takeTyped }: { opened: boolean; onClose: (left?: boolean) => void; takeTyped?: () => string }) {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const { data: me } = useMe();
  const [[store, spotlight]] = useState(createSpotlight);
  const [active, setActive] = useState(-1);
  const [value, setValue] = useState('');
  const [term] = useDebouncedValue(value, 150);
  // A phone's box has room for a shorter invitation only: the full one would be cut off mid-word.
  const phone = useMediaQuery('(max-width: 36em)') ?? false;
  const search = useSearch(term, 20);
  const ready = term.trim().length >= 2;
  // Spotlight finds its list with a CSS selector: the id must be a plain identifier.
  const id = `palette-${useId().replace(/[^\w-]/g, '')}`;

  const actions = useMemo(() => paletteActions(t, me), [t, me]);
  const hits = useMemo(() => (ready ? (search.data ?? NO_HITS) : NO_HITS), [ready, search.data]);
  const groups = useMemo(() => paletteGroups(hits, actions, value), [hits, actions, value]);
  const items = useMemo(() => groups.flatMap((g) => g.items), [groups]);
  const listId = `${id}-list`;
  const optionId = (item: PaletteItem) => `${id}-${item.key.replace(/[^\w-]/g, '-')}`;
  const current = active >= 0 ? items[Math.min(active, items.length - 1)] : undefined;
  const select = (index: number) => {
    choose(store, listId, index);
    setActive(index);
  };

  // The palette opens and closes with the opener's state.
  const openedRef = useRef(opened);
  useEffect(() => {
    openedRef.current = opened;
    if (opened) {
      // Each opening starts afresh, with what was typed before the box had focus.
      setValue('');
      spotlight.open();
    } else spotlight.close();
  }, [opened, spotlight]);
  // New rows: the first is the one Enter opens.
  useEffect(() => {
    if (opened && items.length) select(0);
    // Only new rows (or a new opening) move the choice back to the first.
  }, [items, opened]);

  const onFocus = () => {
    const typed = takeTyped?.() ?? '';
    if (typed) setValue((v) => v + typed);
  };

  const go = (item: PaletteItem) => {
    openedRef.current = false;
    onClose(true);
    void navigate(item.to);
  };

  const waiting = ready && search.isFetching;
  const nothing = ready && !search.isPending && !search.isError && items.length === 0;

  return (
    <Spotlight.Root
      store={store}
      query={value}
      onQueryChange={setValue}
      // Opened by GlobalSearch; Escape and a click outside close it here.
      shortcut={null}
      onSpotlightClose={() => {
        if (openedRef.current) onClose();
      }}
      closeOnActionTrigger={false}
      clearQueryOnClose={false}
      size="lg"
      yOffset="8vh"
      returnFocus={false}
      overlayProps={{ backgroundOpacity: 0.35, blur: 2 }}
      classNames={{ content: classes.content }}
    >
      <VisuallyHidden>
        <Modal.Title>{t('palette.title')}</Modal.Title>
      </VisuallyHidden>
      <Spotlight.Search
        data-autofocus
        data-palette-input
        onFocus={onFocus}
        // Spotlight moves the choice after this handler: read where it went.
        onKeyDown={() => queueMicrotask(() => setActive(store.getState().selected))}
        placeholder={phone ? t('palette.placeholderShort') : t('palette.placeholder')}
        aria-label={t('search.label')}
        role="combobox"
        aria-autocomplete="list"
        aria-expanded={items.length > 0}
        aria-controls={listId}
        aria-activedescendant={current ? optionId(current) : undefined}
        autoComplete="off"
        spellCheck={false}
        leftSection={<IconSearch size={20} aria-hidden="true" />}
        rightSection={waiting ? <Loader size={18} aria-label={t('common.loading')} /> : null}
        rightSectionPointerEvents="none"
        classNames={{ input: classes.input }}
      />
      <Spotlight.ActionsList id={listId} role="listbox" aria-label={t('search.results')} className={classes.list}>
        {groups.map((group) => {
          const labelId = `${id}-group-${group.id}`;
          return (
            <div key={group.id} role="group" aria-labelledby={labelId}>
              <Text id={labelId} className={classes.groupLabel} size="xs" fw={700} c="dimmed" role="presentation">
                {group.id === 'actions' ? t('palette.actionsGroup') : t(`search.kinds.${group.id}`)}
              </Text>
              {group.items.map((item) => {
                const index = items.indexOf(item);
                const isCurrent = item === current;
                const Icon = item.type === 'hit' ? ICONS[item.hit.kind] : item.action.kind === 'create' ? IconPlus : IconArrowRight;
                return (
                  <Spotlight.Action
                    key={item.key}
                    // Spotlight does not pass an id on to its row; the listbox needs one for aria-activedescendant.
                    renderRoot={(props) => <div {...props} id={optionId(item)} />}
                    role="option"
                    aria-selected={isCurrent}
                    className={classes.option}
                    data-active={isCurrent || undefined}
                    onMouseMove={() => {
                      if (!isCurrent) select(index);
                    }}
                    onClick={() => go(item)}
                  >
                    <div className={classes.optionBody}>
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
                      {isCurrent && <IconArrowRight size={14} aria-hidden="true" className={classes.enter} />}
                    </div>
                  </Spotlight.Action>
                );
              })}
            </div>
          );
        })}
      </Spotlight.ActionsList>
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
      <Spotlight.Footer className={classes.footer} aria-hidden="true">
        <Group gap="md">
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
      </Spotlight.Footer>
    </Spotlight.Root>
  );
}

export default CommandPalette;
