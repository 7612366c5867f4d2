import { QueryClient } from '@tanstack/react-query';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { registerServiceWorkerWhenSettled } from './registerServiceWorker';

// The service worker's download of every file waits until the first page's
// requests are done: on a phone's connection the two shared the line.

describe('registerServiceWorkerWhenSettled', () => {
  const register = vi.fn(() => Promise.resolve({}));

  beforeEach(() => {
    vi.useFakeTimers();
    register.mockClear();
    Object.defineProperty(navigator, 'serviceWorker', { value: { register }, configurable: true });
  });

  afterEach(() => {
    vi.useRealTimers();
  });

  it('registers only once the page has no request running', async () => {
    const queryClient = new QueryClient();
    let answer!: (value: string) => void;
    const data = queryClient.fetchQuery({ queryKey: ['page'], queryFn: () => new Promise<string>((resolve) => (answer = resolve)) });
    registerServiceWorkerWhenSettled(queryClient);

    await vi.advanceTimersByTimeAsync(5_000);
    expect(register).not.toHaveBeenCalled();

    answer('the page');
    await data;
    await vi.advanceTimersByTimeAsync(1_000);
    expect(register).toHaveBeenCalledTimes(1);
    expect(register).toHaveBeenCalledWith('/sw.js', { scope: '/' });

    // Later requests change nothing: it is registered once.
    await queryClient.fetchQuery({ queryKey: ['next'], queryFn: () => Promise.resolve(1) });
    await vi.advanceTimersByTimeAsync(20_000);
    expect(register).toHaveBeenCalledTimes(1);
  });

  it('registers after fifteen seconds however long the page keeps loading', async () => {
    const queryClient = new QueryClient();
    void queryClient.fetchQuery({ queryKey: ['endless'], queryFn: () => new Promise(() => {}) });
    registerServiceWorkerWhenSettled(queryClient);

    await vi.advanceTimersByTimeAsync(14_000);
    expect(register).not.toHaveBeenCalled();
    await vi.advanceTimersByTimeAsync(1_500);
    expect(register).toHaveBeenCalledTimes(1);
  });
});
