import type { QueryClient } from '@tanstack/react-query';
import { openDB, type DBSchema, type IDBPDatabase } from 'idb';
import { api, ApiError, IDEMPOTENCY_HEADER, unwrap, type RequestBody } from '../api/client';
import { authKeys } from '../hooks/auth';
import { invalidateAfter, type WriteKind } from '../hooks/invalidation';

/**
 * The outbox: writes made while the server could not be reached, kept in
 * IndexedDB on this device and sent when the connection returns. Each item
 * keeps the Idempotency-Key it was first sent with and is always retried
 * with that same key, so a send whose answer was lost cannot create a
 * second record: the server answers a repeat with the first response.
 */

/** The requests the outbox knows how to send again. */
export type OutboxPath = '/api/v1/interactions';

/** An error as the server gave it, kept so it can be shown in the UI language later. */
export interface StoredError {
  status: number;
  code: string;
  title: string;
  detail: string;
  errors: { location: string; message: string }[];
}

export interface OutboxItem {
  /** The Idempotency-Key: the same on every attempt. */
  id: string;
  /**
   * Who wrote it. Only that user's session sends it (keys are per user on
   * the server: sent by someone else it would be a second record, in the
   * wrong name), and only that user sees it listed.
   */
  user_id: number;
  path: OutboxPath;
  body: RequestBody<OutboxPath, 'post'>;
  /** What the write changes, for the invalidation map once it arrives. */
  kind: WriteKind;
  /** A line to name it in the list ("Debrief with the ministry"). */
  label: string;
  created_at: string;
  /** waiting: to be sent; failed: the server refused it (a 4xx) and someone must edit or discard it. */
  state: 'waiting' | 'failed';
  error?: StoredError;
  attempts: number;
  /** The form's own values, so a refused item can be opened again for editing. */
  form?: unknown;
}

interface OutboxDB extends DBSchema {
  outbox: { key: string; value: OutboxItem };
}

const DB_NAME = 'liaison-offline';

let database: Promise<IDBPDatabase<OutboxDB>> | null = null;

/** True where this browser can keep an outbox at all. */
export function outboxAvailable(): boolean {
  return typeof indexedDB !== 'undefined';
}

function db(): Promise<IDBPDatabase<OutboxDB>> {
  database ??= openDB<OutboxDB>(DB_NAME, 1, {
    upgrade(d) {
      d.createObjectStore('outbox', { keyPath: 'id' });
    },
  });
  return database;
}

// What the UI shows: a snapshot, replaced (never mutated) on every change.
let snapshot: readonly OutboxItem[] = [];
const listeners = new Set<() => void>();

export function subscribeOutbox(listener: () => void): () => void {
  listeners.add(listener);
  return () => listeners.delete(listener);
}

export function outboxSnapshot(): readonly OutboxItem[] {
  return snapshot;
}

/** The signed-in user, as "who am I" last said; null when nobody is. */
function currentUserId(): number | null {
  const me = client?.getQueryData<{ id: number } | null>(authKeys.me());
  return me?.id ?? null;
}

async function reload(): Promise<readonly OutboxItem[]> {
  if (!outboxAvailable()) return snapshot;
  const all = await (await db()).getAll('outbox');
  const me = currentUserId();
  snapshot = all.filter((i) => i.user_id === me).sort((a, b) => a.created_at.localeCompare(b.created_at));
  listeners.forEach((l) => l());
  return snapshot;
}

/** Keeps a write to send later. Throws where there is no IndexedDB (the caller then shows the network error). */
export async function enqueue(item: Omit<OutboxItem, 'state' | 'attempts' | 'created_at'> & { created_at?: string }): Promise<void> {
  if (!outboxAvailable()) throw new Error('no IndexedDB');
  await (await db()).put('outbox', { created_at: new Date().toISOString(), ...item, state: 'waiting', attempts: 0 });
  await reload();
}

export async function discardItem(id: string): Promise<void> {
  if (!outboxAvailable()) return;
  await (await db()).delete('outbox', id);
  await reload();
}

/** Empties the outbox (tests; signing out on a shared device). */
export async function clearOutbox(): Promise<void> {
  if (!outboxAvailable()) return;
  await (await db()).clear('outbox');
  await reload();
}

export function loadOutbox(): Promise<readonly OutboxItem[]> {
  return reload();
}

function stored(error: ApiError): StoredError {
  return { status: error.status, code: error.code, title: error.title, detail: error.detail, errors: error.errors };
}

/** The stored error as an ApiError again, for errorMessage(). */
export function storedError(error: StoredError): ApiError {
  return new ApiError(error);
}

/**
 * Worth trying again later: no connection, not signed in (the session ended
 * while offline), the server busy or failing, or a request timeout. Anything
 * else the server refused for good.
 */
function temporary(error: ApiError): boolean {
  return error.isNetworkError || error.status === 401 || error.status === 408 || error.status === 429 || error.status >= 500;
}

async function send(item: OutboxItem): Promise<void> {
  await unwrap(api.POST(item.path, { body: item.body, headers: { [IDEMPOTENCY_HEADER]: item.id } }));
}

let client: QueryClient | null = null;
let flushing: Promise<FlushResult> | null = null;
const sentListeners = new Set<(items: OutboxItem[]) => void>();

export interface FlushResult {
  sent: OutboxItem[];
  failed: OutboxItem[];
  /** Items left waiting because the server still cannot be reached. */
  waiting: number;
}

/** Called with what arrived after each flush that sent something. */
export function onOutboxSent(listener: (items: OutboxItem[]) => void): () => void {
  sentListeners.add(listener);
  return () => sentListeners.delete(listener);
}

/**
 * Sends what waits, oldest first, each with its own key. Stops at the first
 * temporary failure (still offline); a refusal (a 4xx) marks that item
 * failed and goes on. Calls made while a flush runs join it.
 */
export function flushOutbox(queryClient: QueryClient | null = client): Promise<FlushResult> {
  if (queryClient) client = queryClient;
  flushing ??= (async () => {
    const result: FlushResult = { sent: [], failed: [], waiting: 0 };
    if (!outboxAvailable()) return result;
    // reload() lists the signed-in user's items only: nobody sends another's.
    const items = (await reload()).filter((i) => i.state === 'waiting');
    const store = await db();
    for (let index = 0; index < items.length; index++) {
      const item = items[index]!;
      try {
        await send(item);
        await store.delete('outbox', item.id);
        result.sent.push(item);
      } catch (cause) {
        const error = cause instanceof ApiError ? cause : new ApiError({ status: 0, detail: String(cause) });
        if (temporary(error)) {
          await store.put('outbox', { ...item, attempts: item.attempts + 1 });
          result.waiting = items.length - index;
          break;
        }
        const failed: OutboxItem = { ...item, state: 'failed', attempts: item.attempts + 1, error: stored(error) };
        await store.put('outbox', failed);
        result.failed.push(failed);
      }
    }
    await reload();
    if (result.sent.length && client) {
      // Each kind of write once: the timelines, lists and review read again.
      for (const kind of new Set(result.sent.map((i) => i.kind))) void invalidateAfter(client, kind);
    }
    if (result.sent.length) sentListeners.forEach((l) => l(result.sent));
    return result;
  })().finally(() => {
    flushing = null;
  });
  return flushing;
}

/** Sends a failed item again as it is (the server may now accept it, e.g. after a fix on its side). */
export async function retryItem(id: string): Promise<FlushResult> {
  if (outboxAvailable()) {
    const store = await db();
    const item = await store.get('outbox', id);
    if (item) await store.put('outbox', { ...item, state: 'waiting', error: undefined });
  }
  return flushOutbox();
}

const RETRY_EVERY_MS = 30_000;
let users = 0;
let timer: ReturnType<typeof setInterval> | null = null;
const whenOnline = () => void flushOutbox();

/**
 * Starts sending: now (the app has just started), whenever the browser says
 * it is online again, and every half minute while something waits (a
 * connection can come back without an `online` event). Returns the stop.
 */
export function startOutbox(queryClient: QueryClient): () => void {
  client = queryClient;
  if (!outboxAvailable()) return () => {};
  users++;
  if (users === 1) {
    window.addEventListener('online', whenOnline);
    timer = setInterval(() => {
      if (snapshot.some((i) => i.state === 'waiting') && navigator.onLine !== false) void flushOutbox();
    }, RETRY_EVERY_MS);
    void flushOutbox().catch(() => {});
  }
  return () => {
    users--;
    if (users === 0) {
      window.removeEventListener('online', whenOnline);
      if (timer) clearInterval(timer);
      timer = null;
    }
  };
}
