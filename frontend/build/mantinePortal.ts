import type { Plugin } from 'vite';
import { swapModule } from './swapModule.ts';

/** Where @mantine/core keeps its Portal, as the bundler names the file. */
const PORTAL_FILE = /[\\/]@mantine[\\/]core[\\/]esm[\\/]components[\\/]Portal[\\/]Portal\.mjs$/;

/**
 * Portal for the build, in place of @mantine/core's own: it draws its
 * children into the page's shared portal node in its first render.
 *
 * Why: Mantine's Portal draws nothing at first and, in a layout effect,
 * sets a state that draws it again with its children. Every closed tooltip,
 * modal, drawer and menu of a page has a Portal, so the commit that mounts a
 * page ended with a dozen such updates; React draws an update made inside a
 * commit at once, in the same task, and flushes every pending effect of the
 * commit before it (on the commitments list at a phone's 4x CPU, about 160 ms
 * of the page's longest task). The shared node (Mantine's default, and every
 * portal of this app) is found or made while rendering: it belongs to the
 * document, not to one portal, so making it early changes nothing else. A
 * portal with a node of its own gets it in its first render too, attached
 * to the page in the commit; a portal into a target named by a selector
 * still looks for it after the commit, since the target may be drawn in it.
 *
 * Mantine's own props are kept: `target` (an element or a selector),
 * `reuseTargetNode`, and a node of its own's `className`, `style` and `id`;
 * the `ref` receives the node.
 */
export const PORTAL = `"use client";
import { useProps } from "../../core/MantineProvider/use-props/use-props.mjs";
import { factory } from "../../core/factory/factory.mjs";
import { useLayoutEffect, useState } from "react";
import { assignRef } from "@mantine/hooks";
import { Fragment, jsx } from "react/jsx-runtime";
import { createPortal } from "react-dom";

const SHARED = "data-mantine-shared-portal-node";
let shared = null;

function portalNode() {
  const node = document.createElement("div");
  node.setAttribute("data-portal", "true");
  return node;
}

function sharedNode() {
  if (shared && shared.isConnected) return shared;
  shared = document.querySelector("[" + SHARED + "]");
  if (!shared) {
    shared = portalNode();
    shared.setAttribute(SHARED, "true");
    document.body.appendChild(shared);
  }
  return shared;
}

function ownNode({ className, style, id }) {
  const node = portalNode();
  if (typeof className === "string") node.classList.add(...className.split(" ").filter(Boolean));
  if (style && typeof style === "object") Object.assign(node.style, style);
  if (typeof id === "string") node.id = id;
  return node;
}

const defaultProps = { reuseTargetNode: true };

const Portal = factory((props) => {
  const { children, target, reuseTargetNode, ref, ...others } = useProps("Portal", defaultProps, props);
  const [own] = useState(() => (!target && !reuseTargetNode && typeof document !== "undefined" ? ownNode(others) : null));
  const [found, setFound] = useState(null);
  const node = typeof document === "undefined" ? null : typeof target === "string" ? found : target || own || sharedNode();
  useLayoutEffect(() => {
    if (typeof target === "string") setFound(document.querySelector(target));
  }, [target]);
  useLayoutEffect(() => {
    if (!own) return undefined;
    document.body.appendChild(own);
    return () => own.remove();
  }, [own]);
  // Given the node when it changes only: a parent's callback ref is often a new function each render.
  useLayoutEffect(() => {
    assignRef(ref, node);
  }, [node]);
  return node ? createPortal(jsx(Fragment, { children }), node) : null;
});
Portal.displayName = "@mantine/core/Portal";
export { Portal };
`;

/** The build's step that swaps the file for PORTAL; it fails the build if the file is gone (a new Mantine moved it). */
export function mantinePortal(): Plugin {
  return swapModule('mantine-portal', PORTAL_FILE, PORTAL, 'build/mantinePortal.ts');
}
