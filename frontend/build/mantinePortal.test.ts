import { MantineProvider, Portal as MantinePortal } from '@mantine/core';
import { render } from '@testing-library/react';
import { createElement, Profiler, type ComponentType, type ReactNode } from 'react';
import { beforeAll, describe, expect, it } from 'vitest';
import { importSwapped } from './importSwapped';
import { mantinePortal, PORTAL } from './mantinePortal';

type Load = (id: string) => string | null;
type PortalProps = { children?: ReactNode; target?: HTMLElement | string; reuseTargetNode?: boolean; className?: string; id?: string };

// The swapped Portal, loaded from beside Mantine's own so that its imports
// resolve as they do in the build.
let Portal: ComponentType<PortalProps>;

beforeAll(async () => {
  Portal = (await importSwapped<{ Portal: ComponentType<PortalProps> }>('@mantine/core', 'esm/components/Portal', PORTAL)).Portal;
});

/** How many commits drew the portal, and where its children were once mounted. */
function drawn(PortalComponent: ComponentType<PortalProps>, props: Omit<PortalProps, 'children'> = {}) {
  let commits = 0;
  const inside = createElement('p', { 'data-testid': 'inside' }, 'inside');
  const view = render(createElement(MantineProvider, null, createElement(Profiler, { id: 'portal', onRender: () => commits++ }, createElement(PortalComponent, props, inside))));
  const drawnInside = document.querySelector('[data-testid="inside"]');
  return { commits, parent: drawnInside?.parentElement ?? null, view };
}

describe('mantinePortal', () => {
  it('swaps @mantine/core’s Portal, and leaves every other file alone', () => {
    const load = mantinePortal().load as unknown as Load;
    expect(load('/app/node_modules/@mantine/core/esm/components/Portal/Portal.mjs')).toBe(PORTAL);
    expect(load('/app/node_modules/@mantine/core/esm/components/Portal/OptionalPortal.mjs')).toBeNull();
    expect(load('/app/src/components/AppLayout.tsx')).toBeNull();
  });

  it('draws its children into the shared node in the commit that mounts it, where Mantine’s took a second', () => {
    const mantine = drawn(MantinePortal as ComponentType<PortalProps>);
    expect(mantine.commits).toBe(2);
    mantine.view.unmount();

    const swapped = drawn(Portal);
    expect(swapped.commits).toBe(1);
    expect(swapped.parent?.hasAttribute('data-mantine-shared-portal-node')).toBe(true);
    expect(swapped.parent?.parentElement).toBe(document.body);
    // Every portal shares the one node, as Mantine's do.
    const second = drawn(Portal);
    expect(second.parent).toBe(swapped.parent);
    expect(document.querySelectorAll('[data-mantine-shared-portal-node]')).toHaveLength(1);
    swapped.view.unmount();
    second.view.unmount();
  });

  it('keeps a node of its own, with its class and id, in the page while it is mounted', () => {
    const own = drawn(Portal, { reuseTargetNode: false, className: 'a b', id: 'own-node' });
    expect(own.commits).toBe(1);
    expect(own.parent?.id).toBe('own-node');
    expect(own.parent?.className).toBe('a b');
    expect(own.parent?.parentElement).toBe(document.body);
    own.view.unmount();
    expect(document.getElementById('own-node')).toBeNull();
  });

  it('draws into a target given as an element, or named by a selector once the commit has drawn it', () => {
    const target = document.createElement('section');
    document.body.appendChild(target);
    const given = drawn(Portal, { target });
    expect(given.parent).toBe(target);
    given.view.unmount();

    target.id = 'portal-target';
    const named = drawn(Portal, { target: '#portal-target' });
    expect(named.parent).toBe(target);
    named.view.unmount();
    target.remove();
  });
});
