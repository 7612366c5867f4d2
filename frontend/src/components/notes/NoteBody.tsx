import { Anchor, List, Text } from '@mantine/core';
import type { ReactNode } from 'react';
import classes from './NotesPanel.module.css';

/**
 * Light markdown, rendered by building React elements — never by handing
 * the note's text to the browser as HTML, so nothing a note says can run.
 * Understood: paragraphs (blank lines), lists ("- ", "* ", "1. "), **bold**,
 * *italic* or _italic_, [links](https://…) (http, https and mailto only;
 * anything else stays text), and mentions @[Name](user:12).
 */
export function NoteBody({ body }: { body: string }) {
  // dir="auto": each paragraph and list reads in the direction of its own
  // text, so an English note keeps its order in the Arabic interface.
  return <div className={classes.body}>{blocks(body)}</div>;
}

type Block = { kind: 'paragraph'; lines: string[] } | { kind: 'list'; ordered: boolean; items: string[] };

const BULLET = /^\s*[-*]\s+(.*)$/;
const NUMBERED = /^\s*\d{1,3}[.)]\s+(.*)$/;

/** Splits the body into paragraphs and lists. */
export function parseBlocks(body: string): Block[] {
  const out: Block[] = [];
  for (const line of body.replace(/\r\n?/g, '\n').split('\n')) {
    const bullet = BULLET.exec(line);
    const numbered = bullet ? null : NUMBERED.exec(line);
    const last = out[out.length - 1];
    if (bullet || numbered) {
      const ordered = !!numbered;
      const text = (bullet ?? numbered)![1]!;
      if (last?.kind === 'list' && last.ordered === ordered) last.items.push(text);
      else out.push({ kind: 'list', ordered, items: [text] });
    } else if (line.trim() === '') {
      if (last?.kind === 'paragraph' && last.lines.length) out.push({ kind: 'paragraph', lines: [] });
    } else if (last?.kind === 'paragraph') {
      last.lines.push(line);
    } else {
      out.push({ kind: 'paragraph', lines: [line] });
    }
  }
  return out.filter((b) => b.kind === 'list' || b.lines.length > 0);
}

function blocks(body: string): ReactNode[] {
  return parseBlocks(body).map((b, i) =>
    b.kind === 'list' ? (
      <List key={i} type={b.ordered ? 'ordered' : 'unordered'} size="sm" className={classes.list} dir="auto">
        {b.items.map((item, j) => (
          <List.Item key={j}>{inline(item)}</List.Item>
        ))}
      </List>
    ) : (
      <Text key={i} size="sm" className={classes.paragraph} dir="auto">
        {b.lines.flatMap((line, j) => (j === 0 ? inline(line) : [<br key={`br${j}`} />, ...inline(line)]))}
      </Text>
    ),
  );
}

/** Inline marks, links and mentions, as React nodes; everything else is text. */
const INLINE = /@\[([^\]\n]{1,200})\]\(user:(\d{1,18})\)|\[([^\]\n]{1,300})\]\(([^)\s]{1,2000})\)|\*\*([^*\n]+?)\*\*|\*([^*\n]+?)\*|(?<![\p{L}\p{N}])_([^_\n]+?)_(?![\p{L}\p{N}])/gu;

export function inline(text: string): ReactNode[] {
  const out: ReactNode[] = [];
  let at = 0;
  for (const m of text.matchAll(INLINE)) {
    const start = m.index;
    if (start > at) out.push(text.slice(at, start));
    const key = `${start}`;
    if (m[1] !== undefined) {
      out.push(
        <span key={key} className={classes.mention} data-user-id={m[2]}>
          <bdi>@{m[1]}</bdi>
        </span>,
      );
    } else if (m[3] !== undefined) {
      const href = safeHref(m[4]!);
      out.push(
        href ? (
          <Anchor key={key} href={href} target="_blank" rel="noreferrer noopener">
            {m[3]}
          </Anchor>
        ) : (
          m[0]
        ),
      );
    } else if (m[5] !== undefined) {
      out.push(<strong key={key}>{inline(m[5])}</strong>);
    } else {
      out.push(<em key={key}>{m[6] ?? m[7]}</em>);
    }
    at = start + m[0].length;
  }
  if (at < text.length) out.push(text.slice(at));
  return out;
}

/** A link target the note may carry: http, https or mailto; anything else (javascript:, data:) is refused. */
export function safeHref(raw: string): string | null {
  try {
    const url = new URL(raw);
    return ['http:', 'https:', 'mailto:'].includes(url.protocol) ? url.href : null;
  } catch {
    return null;
  }
}

/** Text kept whole inside a sentence of the other direction (a name in an Arabic line). */
export function isolate(text: string): string {
  return `\u2068${text}\u2069`;
}
