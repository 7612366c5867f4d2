import { createTheme, type CSSVariablesResolver, type MantineColorsTuple } from '@mantine/core';

// A calm teal-blue that reads well on both Latin and Arabic text.
const liaison: MantineColorsTuple = [
  '#e6f7fa',
  '#d2ecf1',
  '#a6d7e2',
  '#76c1d3',
  '#4faec6',
  '#36a2bf',
  '#259cbc',
  '#1287a5',
  '#007894',
  '#006883',
];

export const theme = createTheme({
  primaryColor: 'liaison',
  primaryShade: { light: 8, dark: 5 },
  colors: { liaison },
  defaultRadius: 'md',
  cursorType: 'pointer',
  fontFamily:
    'system-ui, -apple-system, "Segoe UI", Roboto, "Noto Sans", "Noto Sans Arabic", "Helvetica Neue", Arial, sans-serif',
  headings: {
    fontFamily:
      'system-ui, -apple-system, "Segoe UI", Roboto, "Noto Sans", "Noto Sans Arabic", "Helvetica Neue", Arial, sans-serif',
    fontWeight: '650',
  },
  focusRing: 'auto',
});

/**
 * Mantine's default "dimmed" grey (gray.6) and error red (red.6) fall below the
 * WCAG AA contrast ratio for small text on white; darker shades are used here.
 */
export const cssVariablesResolver: CSSVariablesResolver = (t) => ({
  variables: {},
  light: { '--mantine-color-dimmed': t.colors.gray[7], '--mantine-color-error': t.colors.red[9] },
  dark: {},
});
