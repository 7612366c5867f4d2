import { useMediaQuery } from '@mantine/hooks';

/** Narrower than Mantine's "sm" breakpoint (48em, 768 px): phones and small tablets held upright. */
export const PHONE_QUERY = '(max-width: 47.99em)';

/**
 * True on a phone-sized screen, known from the first render so that a list
 * does not draw a wide table first and then swap it for cards.
 */
export function usePhone(): boolean {
  return useMediaQuery(PHONE_QUERY, typeof window !== 'undefined' && typeof window.matchMedia === 'function' ? window.matchMedia(PHONE_QUERY).matches : false, {
    getInitialValueInEffect: false,
  });
}
