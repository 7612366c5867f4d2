import { act, renderHook } from '@testing-library/react';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { useOnline } from './useOnline';

afterEach(() => vi.restoreAllMocks());

describe('useOnline', () => {
  it('says what the browser says from the first render, and follows its online and offline events', () => {
    const onLine = vi.spyOn(navigator, 'onLine', 'get').mockReturnValue(false);
    const seen: boolean[] = [];
    renderHook(() => seen.push(useOnline()));
    expect(seen).toEqual([false]);

    onLine.mockReturnValue(true);
    act(() => void window.dispatchEvent(new Event('online')));
    expect(seen.at(-1)).toBe(true);
    onLine.mockReturnValue(false);
    act(() => void window.dispatchEvent(new Event('offline')));
    expect(seen.at(-1)).toBe(false);
  });
});
