import { Paper, Text, Textarea } from '@mantine/core';
import { useId, useMemo, useRef, useState, type KeyboardEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { useUserDirectory } from '../../hooks/users';
import { insertMention, matchesMention, mentionQueryAt } from './mentions';
import classes from './NotesPanel.module.css';

/**
 * A textarea that offers colleagues when an @ is typed: arrows move, Enter
 * or Tab picks, Escape closes. Picking writes @[Name](user:id), which the
 * server stores as a mention and the note shows as @Name. Assistive
 * technology hears a multi-line textbox with list autocompletion whose
 * active option is announced (aria-activedescendant), as for an editable
 * combobox, without giving the textarea a role it may not take.
 */
export function MentionTextarea({
  value,
  onChange,
  label,
  error,
  autoFocus,
}: {
  value: string;
  onChange: (value: string) => void;
  label: string;
  error?: string | null;
  autoFocus?: boolean;
}) {
  const { t } = useTranslation();
  const users = useUserDirectory();
  const ref = useRef<HTMLTextAreaElement>(null);
  const listId = useId();
  const [caret, setCaret] = useState(0);
  const [active, setActive] = useState(0);
  const [closed, setClosed] = useState(false);
  const typed = mentionQueryAt(value, caret);
  const matches = useMemo(
    () => (typed ? (users.data ?? []).filter((u) => u.active && matchesMention(u, typed.query)).slice(0, 6) : []),
    [typed, users.data],
  );
  const open = !!typed && !closed;

  const pick = (index: number) => {
    const user = matches[index];
    if (!typed || !user) return;
    const next = insertMention(value, typed.start, caret, user);
    onChange(next.text);
    setCaret(next.caret);
    // Put the caret after the mention once React has written the text; not
    // if more was typed meanwhile (the caret is then where the typing left it).
    requestAnimationFrame(() => {
      const box = ref.current;
      if (!box || box.value !== next.text) return;
      box.focus();
      box.setSelectionRange(next.caret, next.caret);
    });
  };

  const onKeyDown = (event: KeyboardEvent<HTMLTextAreaElement>) => {
    if (!open || matches.length === 0) return;
    if (event.key === 'ArrowDown' || event.key === 'ArrowUp') {
      event.preventDefault();
      const step = event.key === 'ArrowDown' ? 1 : -1;
      setActive((i) => (i + step + matches.length) % matches.length);
    } else if (event.key === 'Enter' || event.key === 'Tab') {
      event.preventDefault();
      pick(Math.min(active, matches.length - 1));
    } else if (event.key === 'Escape') {
      event.preventDefault();
      setClosed(true);
    }
  };

  return (
    <div>
      <Textarea
        ref={ref}
        label={label}
        placeholder={t('notes.placeholder')}
        // The hint mixes words with markdown marks: its direction is its own text's.
        description={<span dir="auto">{t('notes.formatHint')}</span>}
        value={value}
        error={error}
        autosize
        minRows={3}
        maxRows={12}
        dir="auto"
        autoFocus={autoFocus}
        // A textarea keeps its own role (a multi-line textbox): ARIA allows
        // no other on it, and a textbox may name a popup of suggestions,
        // the list it controls while open and the option being pointed at.
        aria-autocomplete="list"
        aria-haspopup="listbox"
        aria-controls={open ? listId : undefined}
        aria-activedescendant={open && matches[active] ? `${listId}-${matches[active].id}` : undefined}
        onChange={(event) => {
          onChange(event.currentTarget.value);
          setCaret(event.currentTarget.selectionStart);
          setActive(0);
          setClosed(false);
        }}
        onSelect={(event) => setCaret(event.currentTarget.selectionStart)}
        onKeyDown={onKeyDown}
      />
      {open && (
        <Paper withBorder shadow="sm" radius="md" className={classes.suggestions}>
          {matches.length === 0 ? (
            <Text size="sm" c="dimmed" p="xs">
              {t('notes.noMatch')}
            </Text>
          ) : (
            <div role="listbox" id={listId} aria-label={t('notes.suggestions')}>
              {matches.map((u, i) => (
                <button
                  key={u.id}
                  id={`${listId}-${u.id}`}
                  type="button"
                  role="option"
                  aria-selected={i === active}
                  className={classes.suggestion}
                  onMouseDown={(event) => event.preventDefault()}
                  onClick={() => pick(i)}
                >
                  <Text size="sm" component="span" fw={500}>
                    <bdi>{u.name}</bdi>
                  </Text>{' '}
                  <Text size="xs" component="span" c="dimmed" dir="ltr">
                    {u.email}
                  </Text>
                </button>
              ))}
            </div>
          )}
        </Paper>
      )}
    </div>
  );
}
