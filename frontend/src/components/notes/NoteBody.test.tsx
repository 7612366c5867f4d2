import { screen } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { renderWithProviders } from '../../test/render';
import { NoteBody, parseBlocks, safeHref } from './NoteBody';

describe('a note body', () => {
  it('renders light markdown as elements', async () => {
    const { container } = renderWithProviders(
      <NoteBody body={'**Agreed** on the *agenda* with @[Emina Kovač](user:2).\n\n- send the _list_\n- book [the hall](https://example.org/hall)\n\n1. first'} />,
    );
    expect(await screen.findByText('Agreed')).toHaveProperty('tagName', 'STRONG');
    expect(screen.getByText('agenda').tagName).toBe('EM');
    expect(screen.getByText('list').tagName).toBe('EM');
    const mention = container.querySelector('[data-user-id="2"]');
    expect(mention?.textContent).toBe('@Emina Kovač');
    expect(mention?.querySelector('bdi')?.textContent).toBe('@Emina Kovač');
    expect(screen.getByRole('link', { name: 'the hall' })).toHaveAttribute('href', 'https://example.org/hall');
    expect(container.querySelectorAll('ul li')).toHaveLength(2);
    expect(container.querySelectorAll('ol li')).toHaveLength(1);
  });

  it('never turns what a note says into markup or script', async () => {
    const evil = '<img src=x onerror="alert(1)"><script>alert(2)</script> [click](javascript:alert(3)) [data](data:text/html,<b>x</b>) **<i>b</i>**';
    const { container } = renderWithProviders(<NoteBody body={evil} />);
    await screen.findByText(/onerror/);
    expect(container.querySelector('img')).toBeNull();
    expect(container.querySelector('script')).toBeNull();
    expect(container.querySelector('i')).toBeNull();
    expect(container.querySelector('a')).toBeNull();
    expect(container.textContent).toContain('<script>alert(2)</script>');
    expect(container.textContent).toContain('[click](javascript:alert(3))');
  });

  it.each([
    ['https://example.org/a?b=1', 'https://example.org/a?b=1'],
    ['mailto:emina@example.org', 'mailto:emina@example.org'],
    ['javascript:alert(1)', null],
    ['JaVaScRiPt:alert(1)', null],
    ['data:text/html,x', null],
    ['/relative', null],
  ])('allows only http, https and mailto links: %s', (raw, want) => {
    expect(safeHref(raw)).toBe(want);
  });

  it('splits paragraphs and lists', () => {
    expect(parseBlocks('a\nb\n\n- x\n- y\nc')).toEqual([
      { kind: 'paragraph', lines: ['a', 'b'] },
      { kind: 'list', ordered: false, items: ['x', 'y'] },
      { kind: 'paragraph', lines: ['c'] },
    ]);
  });
});
