import { Box, Loader, Center } from '@mantine/core';
import type { Core, ElementDefinition } from 'cytoscape';
import { useEffect, useRef, useState } from 'react';
import type { NetworkEdge, NetworkNode } from '../../hooks/relationships';

/** What the drawing needs beyond the data: how to name a link and what to do when a node is chosen. */
interface Props {
  nodes: readonly NetworkNode[];
  edges: readonly NetworkEdge[];
  /** The words of a link, read from its first organization. */
  edgeLabel: (edge: NetworkEdge) => string;
  onOpen: (id: number) => void;
  /** An organization to point out (the table's focused row). */
  highlighted: number | null;
  label: string;
  loadingLabel: string;
  height: number;
}

function elementsOf(nodes: readonly NetworkNode[], edges: readonly NetworkEdge[], edgeLabel: Props['edgeLabel']): ElementDefinition[] {
  return [
    ...nodes.map((n) => ({
      data: { id: String(n.id), label: n.acronym || n.name },
      classes: n.matched ? 'matched' : 'context',
    })),
    ...edges.map((e, i) => ({
      data: { id: `e${i}`, source: String(e.from_organization_id), target: String(e.to_organization_id), label: edgeLabel(e) },
      classes: e.kind === 'part_of' ? 'hierarchy' : 'relationship',
    })),
  ];
}

/**
 * The network drawn by cytoscape, loaded only when this page is opened (its
 * own chunk). The drawing is for the eye and the pointer: the same nodes and
 * links are in the table beside it, which is what keyboards and screen
 * readers use; the drawing points out the organization whose row has focus.
 */
export function NetworkGraph({ nodes, edges, edgeLabel, onOpen, highlighted, label, loadingLabel, height }: Props) {
  const container = useRef<HTMLDivElement>(null);
  const cy = useRef<Core | null>(null);
  const open = useRef(onOpen);
  open.current = onOpen;
  const [ready, setReady] = useState(false);

  useEffect(() => {
    let cancelled = false;
    void import('cytoscape').then(({ default: cytoscape }) => {
      if (cancelled || !container.current) return;
      const styles = getComputedStyle(container.current);
      const brand = styles.getPropertyValue('--mantine-color-liaison-6').trim() || '#1c7ed6';
      const gray = styles.getPropertyValue('--mantine-color-gray-5').trim() || '#adb5bd';
      const text = styles.getPropertyValue('--mantine-color-text').trim() || '#212529';
      const font = styles.fontFamily || 'sans-serif';
      cy.current = cytoscape({
        container: container.current,
        elements: elementsOf(nodes, edges, edgeLabel),
        // A handful of organizations sit on a circle (the force layout may stack
        // two of them); more are spread by the force layout.
        layout: nodes.length > 8 ? { name: 'cose', animate: false, padding: 24, idealEdgeLength: () => 140 } : { name: 'circle', padding: 40 },
        wheelSensitivity: 0.3,
        // A few organizations are not blown up to fill the box: labels stay the size of the page's text.
        minZoom: 0.2,
        maxZoom: 1.4,
        style: [
          {
            selector: 'node',
            style: {
              label: 'data(label)',
              'font-size': 11,
              'font-family': font,
              color: text,
              'text-valign': 'bottom',
              'text-margin-y': 4,
              'text-wrap': 'ellipsis',
              'text-max-width': '160px',
              'background-color': brand,
              width: 18,
              height: 18,
            },
          },
          { selector: 'node.context', style: { 'background-color': gray, width: 12, height: 12 } },
          { selector: 'node.highlighted', style: { 'border-width': 4, 'border-color': text, width: 26, height: 26 } },
          {
            selector: 'edge',
            style: {
              width: 1.5,
              'line-color': gray,
              'target-arrow-color': gray,
              'target-arrow-shape': 'triangle',
              'curve-style': 'bezier',
              label: 'data(label)',
              'font-size': 9,
              'font-family': font,
              color: text,
              'text-rotation': 'autorotate',
              'text-background-color': '#ffffff',
              'text-background-opacity': 0.8,
            },
          },
          { selector: 'edge.hierarchy', style: { 'line-style': 'dashed' } },
        ],
      });
      cy.current.on('tap', 'node', (event) => open.current(Number(event.target.id())));
      setReady(true);
    });
    return () => {
      cancelled = true;
      cy.current?.destroy();
      cy.current = null;
      setReady(false);
    };
  }, [nodes, edges, edgeLabel]);

  useEffect(() => {
    const graph = cy.current;
    if (!graph || !ready) return;
    graph.nodes().removeClass('highlighted');
    if (highlighted !== null) graph.getElementById(String(highlighted)).addClass('highlighted');
  }, [highlighted, ready]);

  return (
    <Box pos="relative" h={height}>
      {!ready && (
        <Center pos="absolute" inset={0} aria-live="polite">
          <Loader size="sm" aria-label={loadingLabel} />
        </Center>
      )}
      <div ref={container} role="img" aria-label={label} data-testid="network-graph" style={{ width: '100%', height: '100%' }} />
    </Box>
  );
}
