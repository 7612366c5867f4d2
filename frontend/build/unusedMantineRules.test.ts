// @vitest-environment node
import { describe, expect, it } from 'vitest';
import { withoutUnusedRules } from './unusedMantineRules';

const used = new Set(['m_11111111', 'm_22222222']);

/** The stylesheet as one line per rule, for comparing. */
const flat = (css: string) => css.replace(/\s+/g, ' ').trim();

describe('withoutUnusedRules', () => {
  it("drops a rule naming a component's class that no code uses, keeps one whose classes are all used", () => {
    const css = '.m_11111111{color:red}.m_99999999{color:blue}.m_11111111 .m_22222222{margin:0}.m_11111111 .m_99999999{padding:0}';
    expect(flat(withoutUnusedRules(css, used))).toBe('.m_11111111{color:red}.m_11111111 .m_22222222{margin:0}');
  });

  it('keeps the selectors of a list that can still match and drops the others', () => {
    const css = '.m_99999999,.m_22222222:hover,button{cursor:pointer}';
    expect(flat(withoutUnusedRules(css, used))).toBe('.m_22222222:hover,button{cursor:pointer}');
  });

  it("keeps what names no Mantine class: resets, variables, the app's own classes", () => {
    const css = ':root{--mantine-color-blue-6:#228be6}body{margin:0}._cards_1hh9v_34{display:grid}.mantine-Button-root{gap:4px}';
    expect(flat(withoutUnusedRules(css, used))).toBe(flat(css));
  });

  it('drops a media query or layer left empty, and keeps keyframes', () => {
    const css = '@media (max-width:36em){.m_99999999{display:none}}@media (min-width:48em){.m_11111111{display:flex}}@layer mantine{.m_99999999{color:red}}@keyframes m_99999999-spin{from{opacity:0}to{opacity:1}}';
    expect(flat(withoutUnusedRules(css, used))).toBe('@media (min-width:48em){.m_11111111{display:flex}}@keyframes m_99999999-spin{from{opacity:0}to{opacity:1}}');
  });
});
