import {
  createTheme,
  darken,
  defaultVariantColorsResolver,
  parseThemeColor,
  type CSSVariablesResolver,
  type MantineColorsTuple,
  type VariantColorsResolver,
} from '@mantine/core';
import classes from './theme.module.css';

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

/**
 * Mantine's "light" variant (tinted background, coloured text) writes orange,
 * yellow or grape text that falls below 4.5:1 on its own tint, and filled
 * badges in the brighter shades do the same with white text. Light variants
 * get a darker text here; filled ones use shade 9.
 */
const variantColorResolver: VariantColorsResolver = (input) => {
  const colors = defaultVariantColorsResolver(input);
  const parsed = parseThemeColor({ color: input.color || input.theme.primaryColor, theme: input.theme });
  if (!parsed.isThemeColor || parsed.color === 'gray' || parsed.color === 'dark') return colors;
  const shades = input.theme.colors[parsed.color];
  if (!shades) return colors;
  if (input.variant === 'light') {
    const text = darken(shades[9], 0.3);
    return { ...colors, color: text, hoverColor: text };
  }
  if (input.variant === 'filled' || input.variant === undefined) {
    const warm = ['orange', 'yellow', 'lime'].includes(parsed.color);
    const background = warm ? darken(shades[9], 0.25) : shades[9];
    return { ...colors, background, hover: darken(background, 0.1), color: 'var(--mantine-color-white)' };
  }
  return colors;
};

export const theme = createTheme({
  primaryColor: 'liaison',
  primaryShade: { light: 8, dark: 5 },
  variantColorResolver,
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
  // Plain objects rather than Select.extend(…): the theme is in the first
  // download, and .extend would pull every one of these components into it.
  components: {
    // Typing "NGO" and pressing Enter picks the first match, as people expect
    // of a search box. A closed list is not drawn: Mantine keeps it mounted
    // and hidden by default, and a page drew and positioned every hidden list
    // in its first render (a list page's filters hold a dozen pickers, one
    // with every country; placing the review's office list alone made the
    // browser lay out the whole page inside that render, about 50 ms at 4x
    // CPU). A picker that sets comboboxProps of its own replaces this
    // object, so it names keepMounted itself.
    Select: { defaultProps: { selectFirstOptionOnChange: true, comboboxProps: { keepMounted: false } } },
    MultiSelect: { defaultProps: { selectFirstOptionOnChange: true, comboboxProps: { keepMounted: false } } },
    Autocomplete: { defaultProps: { selectFirstOptionOnChange: true, comboboxProps: { keepMounted: false } } },
    // On a phone every dialog takes the whole screen (theme.module.css).
    Modal: { classNames: { content: classes.modalContent, inner: classes.modalInner } },
    Badge: { classNames: { root: classes.badge, label: classes.badgeLabel } },
    Breadcrumbs: { classNames: { breadcrumb: classes.breadcrumb } },
  },
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
