import { describe, expect, it } from 'vitest';
import { mantineUseId, USE_ID } from './mantineUseId';

type Load = (id: string) => string | null;

describe('mantineUseId', () => {
  it('swaps @mantine/hooks’ useId for one that keeps React’s id, and leaves every other file alone', () => {
    const load = mantineUseId().load as unknown as Load;
    expect(load('/app/node_modules/@mantine/hooks/esm/use-id/use-id.mjs')).toBe(USE_ID);
    expect(load('/app/node_modules/@mantine/hooks/esm/use-idle/use-idle.mjs')).toBeNull();
    expect(load('/app/src/components/Logo.tsx')).toBeNull();
    // No state, no effect: nothing that would draw the component again after it is mounted.
    expect(USE_ID).not.toMatch(/useState|Effect|random/);
    expect(USE_ID).toMatch(/export \{ useId \}/);
  });
});
