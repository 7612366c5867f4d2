import { useQueryClient } from '@tanstack/react-query';
import { useEffect, useSyncExternalStore } from 'react';
import { loadOutbox, outboxSnapshot, startOutbox, subscribeOutbox, type OutboxItem } from './outbox';

/** What waits in the outbox, kept current. */
export function useOutboxItems(): readonly OutboxItem[] {
  useEffect(() => {
    void loadOutbox().catch(() => {});
  }, []);
  return useSyncExternalStore(subscribeOutbox, outboxSnapshot, outboxSnapshot);
}

/** Sends the outbox on start and whenever the connection returns, for as long as the caller is mounted. */
export function useOutboxSync() {
  const queryClient = useQueryClient();
  useEffect(() => startOutbox(queryClient), [queryClient]);
}
