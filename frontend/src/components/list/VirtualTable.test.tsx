import { act, screen } from '@testing-library/react';
import { useState } from 'react';
import { renderWithProviders } from '../../test/render';
import { forgetListOffsets } from './listOffsets';
import { VirtualTable, type Column } from './VirtualTable';

interface Row {
  id: number;
  name: string;
}

const rows: Row[] = Array.from({ length: 40 }, (_, i) => ({ id: i + 1, name: `Organization ${i + 1}` }));
const columns: Column<Row>[] = [{ id: 'name', header: 'Name', cell: (row) => row.name }];

/** Runs the frame the browser would draw next (jsdom runs requestAnimationFrame on a timer). */
async function nextFrame() {
  await act(() => new Promise<void>((resolve) => requestAnimationFrame(() => resolve())));
}

describe('VirtualTable', () => {
  it('reads no layout while React puts the list on the page, only in the frame after', async () => {
    // Reading a size or a position there makes the browser lay out the new
    // page inside React's commit: one long task on a phone.
    const layoutReads = vi.spyOn(Element.prototype, 'getBoundingClientRect');
    renderWithProviders(<VirtualTable label="Organizations" rows={rows} columns={columns} rowKey={(row) => row.id} />);
    expect(screen.getByRole('table', { name: 'Organizations' })).toBeInTheDocument();
    expect(screen.getByText('Organization 1')).toBeInTheDocument();
    expect(layoutReads).not.toHaveBeenCalled();

    await nextFrame();
    expect(layoutReads).toHaveBeenCalled();
  });

  it("leaves the window's scroll alone when a list is drawn, so a list come back to stays where the browser put it", async () => {
    const scrollTo = vi.spyOn(window, 'scrollTo').mockImplementation(() => {});
    renderWithProviders(<VirtualTable label="Organizations" rows={rows} columns={columns} rowKey={(row) => row.id} />);
    await nextFrame();
    expect(scrollTo).not.toHaveBeenCalled();
  });

  it('starts a list drawn in a later visit from where its rows began, drawing only the rows that fit below', async () => {
    window.localStorage.clear();
    forgetListOffsets();
    const table = () => <VirtualTable label="Organizations" rows={rows} columns={columns} rowKey={(row) => row.id} />;
    const drawnRows = () => screen.getAllByRole('row').filter((row) => row.getAttribute('aria-rowindex') !== '1').length;

    const first = renderWithProviders(table());
    const fromTop = drawnRows();
    // The page lays the list out 400 px down (filters above it); the next frame sees that.
    vi.spyOn(HTMLTableSectionElement.prototype, 'getBoundingClientRect').mockReturnValue({ top: 400 } as DOMRect);
    await nextFrame();
    first.unmount();

    forgetListOffsets(); // a new visit: only what this browser stored is known
    renderWithProviders(table());
    expect(drawnRows()).toBeLessThan(fromTop);
    expect(drawnRows()).toBeGreaterThan(0);
  });

  it('draws the rows on screen and two more first, and more for a scroll from the first scroll on', async () => {
    window.localStorage.clear();
    forgetListOffsets();
    const drawnRows = () => screen.getAllByRole('row').filter((row) => row.getAttribute('aria-rowindex') !== '1').length;
    // jsdom's window is 768 px high: 14 rows of the 56 px estimate fit.
    const onScreen = Math.ceil(window.innerHeight / 56);
    renderWithProviders(<VirtualTable label="Organizations" rows={rows} columns={columns} rowKey={(row) => row.id} />);
    expect(drawnRows()).toBe(onScreen + 2);
    // Nothing is added while the reader only looks: rows below could widen the columns of those on screen.
    await nextFrame();
    await act(() => new Promise((resolve) => setTimeout(resolve, 300)));
    expect(drawnRows()).toBe(onScreen + 2);
    await act(async () => {
      window.dispatchEvent(new Event('scroll'));
    });
    expect(drawnRows()).toBe(onScreen + 12);
  });

  it('draws a row’s cells again only when its row or the columns change', () => {
    // A list's cells hold most of its components (pickers, badges, links):
    // the table re-rendering (rows measured, the page's other data arriving)
    // must not draw them all again.
    const cell = vi.fn((row: Row) => row.name);
    const counted: Column<Row>[] = [{ id: 'name', header: 'Name', cell }];
    let set: (next: { list: Row[]; cols: Column<Row>[]; label: string }) => void = () => {};
    function Page() {
      const [state, setState] = useState({ list: rows, cols: counted, label: 'Organizations' });
      set = setState;
      return <VirtualTable label={state.label} rows={state.list} columns={state.cols} rowKey={(row) => row.id} onOpen={() => {}} onIntent={() => {}} />;
    }
    renderWithProviders(<Page />);
    const drawn = cell.mock.calls.length;
    expect(drawn).toBeGreaterThan(0);

    cell.mockClear();
    act(() => set({ list: rows, cols: counted, label: 'Organizations, again' }));
    expect(screen.getByRole('table', { name: 'Organizations, again' })).toBeInTheDocument();
    expect(cell).not.toHaveBeenCalled();

    const changed = rows.map((row) => (row.id === 1 ? { ...row, name: 'Organization one' } : row));
    act(() => set({ list: changed, cols: counted, label: 'Organizations' }));
    expect(cell.mock.calls.map(([row]) => row.id)).toEqual([1]);
    expect(screen.getByText('Organization one')).toBeInTheDocument();

    cell.mockClear();
    act(() => set({ list: changed, cols: [...counted], label: 'Organizations' }));
    expect(cell).toHaveBeenCalledTimes(drawn);
  });
});
