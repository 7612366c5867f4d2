import type { Location } from 'react-router';
import { scrollKey } from './scrollKey';

const at = (key: string): Location => ({ key, pathname: '/contacts', search: '', hash: '', state: null });

describe('scrollKey', () => {
  it('keeps the key of every entry the app pushed, so going back returns to where one was', () => {
    expect(scrollKey(at('k3x9a1'))).toBe('k3x9a1');
  });

  it('gives the entry a full load starts on a key of this document’s own, not the router’s shared "default"', () => {
    const key = scrollKey(at('default'));
    expect(key).not.toBe('default');
    expect(key).toMatch(/^default /);
    // The same for the document's whole life: its position is found again within it.
    expect(scrollKey(at('default'))).toBe(key);
  });
});
