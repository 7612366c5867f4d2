import { fireEvent, render, screen } from '@testing-library/react';
import type { RouteObject } from 'react-router';
import { prefetchRoute } from './prefetchRoute';

/** A route table like the app's: a frame whose children load their code on demand, counting each load. */
function table(loads: string[]): RouteObject[] {
  const lazy = (name: string) => async () => {
    loads.push(name);
    return { Component: () => null };
  };
  return [{ path: '/', children: [{ lazy: lazy('frame'), children: [{ path: 'organizations', lazy: lazy('organizations') }, { path: 'organizations/:id', lazy: lazy('organization') }] }] }];
}

const settle = () => new Promise((resolve) => setTimeout(resolve, 0));

describe('prefetchRoute', () => {
  it("loads the code of the link's page and its frame, once however often the intent is shown", async () => {
    const loads: string[] = [];
    const routes = table(loads);
    render(
      <a href="/organizations/7" onMouseEnter={() => prefetchRoute('/organizations/7', routes)} onFocus={() => prefetchRoute('/organizations/7', routes)}>
        Ministry
      </a>,
    );
    const link = screen.getByRole('link', { name: 'Ministry' });
    fireEvent.mouseEnter(link);
    fireEvent.focus(link);
    fireEvent.mouseEnter(link);
    await settle();
    expect(loads).toEqual(['frame', 'organization']);
  });

  it('loads nothing for a path no route matches', async () => {
    const loads: string[] = [];
    prefetchRoute('/nowhere/at/all', table(loads));
    await settle();
    expect(loads).toEqual([]);
  });
});
