import { render, screen } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { useState } from 'react';
import { describe, expect, it } from 'vitest';
import { Segmented } from './Segmented';

function Views({ onPick }: { onPick?: (view: 'table' | 'board') => void }) {
  const [view, setView] = useState<'table' | 'board'>('table');
  return (
    <Segmented
      aria-label="View"
      value={view}
      onChange={(next) => {
        setView(next);
        onPick?.(next);
      }}
      data={[
        { value: 'table', label: 'Table' },
        { value: 'board', label: 'Board' },
      ]}
    />
  );
}

describe('Segmented', () => {
  it('is a named radio group whose chosen option is checked and drawn as chosen', () => {
    render(<Views />);
    const group = screen.getByRole('radiogroup', { name: 'View' });
    expect(group).toBeInTheDocument();
    expect(screen.getByRole('radio', { name: 'Table' })).toBeChecked();
    expect(screen.getByRole('radio', { name: 'Board' })).not.toBeChecked();
    expect(screen.getByText('Table')).toHaveAttribute('data-active');
    expect(screen.getByText('Board')).not.toHaveAttribute('data-active');
  });

  it('moves the choice to the option clicked, and reports it once', async () => {
    const picked: string[] = [];
    render(<Views onPick={(view) => picked.push(view)} />);
    await userEvent.click(screen.getByText('Board'));
    expect(screen.getByRole('radio', { name: 'Board' })).toBeChecked();
    expect(screen.getByText('Board')).toHaveAttribute('data-active');
    expect(screen.getByText('Table')).not.toHaveAttribute('data-active');
    expect(picked).toEqual(['board']);
  });

  it('moves the choice with the arrow keys, as a radio group does', async () => {
    render(<Views />);
    await userEvent.tab();
    expect(screen.getByRole('radio', { name: 'Table' })).toHaveFocus();
    await userEvent.keyboard('{ArrowRight}');
    expect(screen.getByRole('radio', { name: 'Board' })).toBeChecked();
  });

  it('keeps two groups on one page apart', async () => {
    render(
      <>
        <Views />
        <Views />
      </>,
    );
    const boards = screen.getAllByRole('radio', { name: 'Board' });
    await userEvent.click(boards[1]);
    expect(boards[1]).toBeChecked();
    expect(boards[0]).not.toBeChecked();
    expect(screen.getAllByRole('radio', { name: 'Table' })[0]).toBeChecked();
  });
});
