import { screen } from '@testing-library/react';
import { afterEach, describe, expect, it } from 'vitest';
import { forgetServerDrawnShell, keepServerDrawnShell } from '../serverDrawnShell';
import { renderWithProviders } from '../test/render';
import { PageLoader } from './PageLoader';

function indexWithHeading() {
  const root = document.createElement('div');
  root.innerHTML = '<div class="page-shell" aria-hidden="true" lang="en" dir="ltr"><main class="page-shell-main"><h1>Welcome, Rana &lt;b&gt;</h1><p>Your stakeholders at a glance.</p></main></div>';
  return root;
}

describe('the full-screen loader at the app’s start', () => {
  afterEach(forgetServerDrawnShell);

  it('shows the heading the server drew, as text, hidden from assistive technology, with the loading status', () => {
    keepServerDrawnShell(indexWithHeading());
    renderWithProviders(<PageLoader fullScreen />);
    const title = screen.getByText('Welcome, Rana <b>');
    expect(title.tagName).toBe('H1');
    expect(title.closest('[aria-hidden="true"]')).not.toBeNull();
    expect(screen.queryByRole('heading')).not.toBeInTheDocument();
    expect(screen.getByText('Your stakeholders at a glance.')).toBeInTheDocument();
    expect(screen.getByRole('status')).toHaveTextContent(/loading/i);
  });

  it('is a spinner once the signed-in frame has been drawn, and when the server drew nothing', () => {
    keepServerDrawnShell(indexWithHeading());
    forgetServerDrawnShell();
    renderWithProviders(<PageLoader fullScreen />);
    expect(screen.queryByText('Welcome, Rana <b>')).not.toBeInTheDocument();
    expect(screen.getByRole('status')).toBeInTheDocument();

    keepServerDrawnShell(document.createElement('div'));
    renderWithProviders(<PageLoader fullScreen />);
    expect(screen.queryByText('Welcome, Rana <b>')).not.toBeInTheDocument();
  });

  it('never shows it inside a page (a record’s data on its way)', () => {
    keepServerDrawnShell(indexWithHeading());
    renderWithProviders(<PageLoader />);
    expect(screen.queryByText('Welcome, Rana <b>')).not.toBeInTheDocument();
  });
});
