import { useState } from 'react';
import { isStale } from '../api/client';
import type { ConflictRow } from './ConflictDialog';

interface Versioned {
  id: number;
  version: number;
}

/** Deep equality for JSON-like values (bodies are plain data). */
export function sameValue(a: unknown, b: unknown): boolean {
  return JSON.stringify(a) === JSON.stringify(b);
}

/** The fields of `next` that differ from `before`: a JSON merge patch. */
export function diff<B extends object>(next: B, before: B): Partial<B> {
  const patch: Partial<B> = {};
  for (const key of Object.keys(next) as (keyof B)[]) {
    if (!sameValue(next[key], before[key])) patch[key] = next[key];
  }
  return patch;
}

/**
 * One editing session of a record: the version it was opened at stays put
 * while someone types (background refreshes do not move it), only changed
 * fields are sent, and a 412 turns into a conflict to resolve — their version
 * beside yours — by reloading theirs or re-applying yours on top.
 */
export function useEditSession<R extends Versioned, B extends object>({
  record,
  toBody,
  fetchLatest,
  save,
  describe,
}: {
  record: R | undefined;
  /** The record or the form's values as a full request body. */
  toBody: (record: R) => B;
  fetchLatest: () => Promise<R>;
  save: (version: number, patch: Partial<B>) => Promise<R>;
  /** A field's label and a value as people read it, for the conflict table. */
  describe: (field: keyof B, value: unknown) => { label: string; text: string };
}) {
  const [base, setBase] = useState<R | undefined>(undefined);
  const [conflict, setConflict] = useState<{ latest: R; patch: Partial<B> } | null>(null);
  const [saving, setSaving] = useState(false);
  const [error, setError] = useState<unknown>(null);
  const opened = base ?? record;

  if (record && !base) setBase(record);

  async function attempt(version: number, patch: Partial<B>): Promise<R | null> {
    setSaving(true);
    setError(null);
    try {
      const saved = await save(version, patch);
      setConflict(null);
      setBase(saved);
      return saved;
    } catch (cause) {
      if (isStale(cause)) {
        try {
          setConflict({ latest: await fetchLatest(), patch });
        } catch (reloadError) {
          setError(reloadError);
        }
      } else {
        setError(cause);
      }
      return null;
    } finally {
      setSaving(false);
    }
  }

  /** Saves what changed since the record was opened; resolves to the saved record, or null. */
  async function submit(body: B): Promise<R | null> {
    if (!opened) return null;
    const patch = diff(body, toBody(opened));
    if (Object.keys(patch).length === 0) return opened;
    return attempt(opened.version, patch);
  }

  function rows(): ConflictRow[] {
    if (!conflict || !opened) return [];
    const before = toBody(opened);
    const theirs = toBody(conflict.latest);
    const fields = new Set<keyof B>([
      ...(Object.keys(conflict.patch) as (keyof B)[]),
      ...(Object.keys(diff(theirs, before)) as (keyof B)[]),
    ]);
    return [...fields].map((field) => {
      const yours = field in conflict.patch ? conflict.patch[field] : before[field];
      const label = describe(field, theirs[field]).label;
      return { field: label, theirs: describe(field, theirs[field]).text, yours: describe(field, yours).text };
    });
  }

  return {
    /** The record as it was when editing began (or after the last save or reload). */
    base: opened,
    saving,
    error,
    conflict: conflict !== null,
    /** Their version, while a conflict is open. */
    latest: conflict?.latest,
    conflictRows: rows(),
    submit,
    /** Drops the changes typed here and continues from their version. */
    reload: (): R | null => {
      if (!conflict) return null;
      const latest = conflict.latest;
      setBase(latest);
      setConflict(null);
      return latest;
    },
    /** Saves the changes typed here on top of their version. */
    reapply: async (): Promise<R | null> => (conflict ? attempt(conflict.latest.version, conflict.patch) : null),
    dismiss: () => setConflict(null),
  };
}
