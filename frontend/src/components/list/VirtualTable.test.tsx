import { act, screen } from '@testing-library/react';
import { renderWithProviders } from '../../test/render';
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
});
