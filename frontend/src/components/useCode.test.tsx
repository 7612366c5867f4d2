import { act, render, screen } from '@testing-library/react';
import { Component, useLayoutEffect, type ReactNode } from 'react';
import { createRoot } from 'react-dom/client';
import { describe, expect, it, vi } from 'vitest';
import { code, useCode } from './useCode';

function deferred<T>() {
  let resolve!: (value: T) => void;
  let reject!: (error: unknown) => void;
  const promise = new Promise<T>((yes, no) => {
    resolve = yes;
    reject = no;
  });
  return { promise, resolve, reject };
}

function Chart({ from }: { from: ReturnType<typeof code<{ label: string }>> }) {
  const loaded = useCode(from);
  return <p>{loaded ? loaded.label : 'loading'}</p>;
}

class Boundary extends Component<{ children: ReactNode }, { error?: Error }> {
  state: { error?: Error } = {};
  static getDerivedStateFromError(error: Error) {
    return { error };
  }
  render() {
    return this.state.error ? <p>failed: {this.state.error.message}</p> : this.props.children;
  }
}

describe('useCode', () => {
  it('asks for the module while first drawing, and draws it as soon as it is in', async () => {
    const arrival = deferred<{ label: string }>();
    let asked = 0;
    const chart = code(() => {
      asked += 1;
      return arrival.promise;
    });
    render(<Chart from={chart} />);
    expect(asked).toBe(1);
    expect(screen.getByText('loading')).toBeInTheDocument();
    await act(async () => arrival.resolve({ label: 'the chart' }));
    // No timer had to run: the module is drawn in the render after it arrived.
    expect(screen.getByText('the chart')).toBeInTheDocument();
  });

  it('draws a module already in on the first render, and fetches it once for all', async () => {
    let asked = 0;
    const chart = code(async () => {
      asked += 1;
      return { label: 'the chart' };
    });
    const first = render(<Chart from={chart} />);
    await screen.findByText('the chart');
    first.unmount();
    render(<Chart from={chart} />);
    expect(screen.getByText('the chart')).toBeInTheDocument();
    expect(asked).toBe(1);
  });

  it('draws a module that arrives after its first render and before that render’s effects ran', async () => {
    // As in the browser: the page's start asked for the module earlier, and
    // it arrives while the page is being committed (here, in a sibling's
    // layout effect), before React runs the commit's passive effects.
    const arrival = deferred<{ label: string }>();
    const chart = code(() => arrival.promise);
    function Arrive() {
      useLayoutEffect(() => arrival.resolve({ label: 'the chart' }), []);
      return null;
    }
    const env = globalThis as { IS_REACT_ACT_ENVIRONMENT?: boolean };
    const acting = env.IS_REACT_ACT_ENVIRONMENT;
    env.IS_REACT_ACT_ENVIRONMENT = false;
    const container = document.body.appendChild(document.createElement('div'));
    const root = createRoot(container);
    try {
      root.render(
        <>
          <Chart from={chart} />
          <Arrive />
        </>,
      );
      await vi.waitFor(() => expect(container.textContent).toBe('the chart'));
    } finally {
      root.unmount();
      container.remove();
      env.IS_REACT_ACT_ENVIRONMENT = acting;
    }
  });

  it('passes a failed fetch to the error boundary, as React.lazy does', async () => {
    const arrival = deferred<{ label: string }>();
    const chart = code(() => arrival.promise);
    const quiet = console.error;
    console.error = () => undefined;
    try {
      render(
        <Boundary>
          <Chart from={chart} />
        </Boundary>,
      );
      await act(async () => arrival.reject(new Error('offline')));
      expect(screen.getByText('failed: offline')).toBeInTheDocument();
    } finally {
      console.error = quiet;
    }
  });
});
