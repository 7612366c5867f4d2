import { act, screen } from '@testing-library/react';
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
});
