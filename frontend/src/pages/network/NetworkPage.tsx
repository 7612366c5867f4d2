import { Alert, Anchor, Paper, Select, SimpleGrid, Stack, Text } from '@mantine/core';
import { IconInfoCircle } from '@tabler/icons-react';
import { useCallback, useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate } from 'react-router';
import { FiltersPanel } from '../../components/list/ListParts';
import { usePhone } from '../../components/list/usePhone';
import { useUrlFilters } from '../../components/list/useUrlFilters';
import { VirtualTable, type Column } from '../../components/list/VirtualTable';
import { PageHeader } from '../../components/PageHeader';
import { CountryMultiSelect, TagsSelect } from '../../components/pickers';
import { QueryError } from '../../components/QueryError';
import { useProjects } from '../../hooks/projects';
import { useNetwork, type NetworkEdge, type NetworkFilter, type NetworkNode } from '../../hooks/relationships';
import { NetworkGraph } from './NetworkGraph';
import { linkWording } from './relationshipWording';

/** One row of the table: a link with the organizations at both ends. */
interface LinkRow {
  key: string;
  edge: NetworkEdge;
  from: NetworkNode;
  to: NetworkNode;
}

function useNetworkFilter() {
  const url = useUrlFilters();
  const filter: NetworkFilter = {
    country_code: url.list('country'),
    project_id: url.ids('project').slice(0, 1),
    tag: url.list('tag'),
  };
  return { url, filter };
}

/**
 * `/network`: organizations as nodes, relationships and the parent
 * hierarchy as links, filtered by country, programme and tag. The drawing
 * is for the pointer; the table below holds the same links for keyboards
 * and screen readers, each organization a link that opens it.
 */
export function NetworkPage() {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const phone = usePhone();
  const { url, filter } = useNetworkFilter();
  const network = useNetwork(filter);
  const projects = useProjects('code');
  const [highlighted, setHighlighted] = useState<number | null>(null);
  const projectOptions = (projects.data ?? []).map((p) => ({ value: String(p.id), label: `${p.code} — ${p.name}` }));

  const nodes = network.data?.nodes;
  const edges = network.data?.edges;
  const rows = useMemo((): LinkRow[] => {
    const byId = new Map((nodes ?? []).map((n) => [n.id, n]));
    return (edges ?? []).flatMap((edge, i) => {
      const from = byId.get(edge.from_organization_id);
      const to = byId.get(edge.to_organization_id);
      return from && to ? [{ key: `${edge.relationship_id ?? 'p'}-${i}`, edge, from, to }] : [];
    });
  }, [nodes, edges]);
  const edgeLabel = useCallback((edge: NetworkEdge) => linkWording(t, edge.kind, true), [t]);
  const openOrganization = useCallback((id: number) => void navigate(`/organizations/${id}`), [navigate]);

  const organizationLink = (node: NetworkNode) => (
    <Anchor
      component={Link}
      to={`/organizations/${node.id}`}
      fw={node.matched ? 600 : 400}
      onFocus={() => setHighlighted(node.id)}
      onBlur={() => setHighlighted(null)}
      onMouseEnter={() => setHighlighted(node.id)}
      onMouseLeave={() => setHighlighted(null)}
    >
      <bdi>{node.name}</bdi>
    </Anchor>
  );
  const columns: Column<LinkRow>[] = [
    { id: 'from', header: t('network.columns.from'), cell: (row) => organizationLink(row.from) },
    { id: 'link', header: t('network.columns.link'), cell: (row) => linkWording(t, row.edge.kind, true) },
    { id: 'to', header: t('network.columns.to'), cell: (row) => organizationLink(row.to) },
  ];

  return (
    <Stack gap="lg">
      <PageHeader title={t('network.title')} description={t('network.subtitle')} />
      <FiltersPanel label={t('network.filters')}>
        <SimpleGrid cols={{ base: 1, sm: 3 }} spacing="sm" verticalSpacing="sm">
          <CountryMultiSelect
            label={t('network.country')}
            placeholder={filter.country_code?.length ? undefined : t('list.any')}
            value={filter.country_code ?? []}
            onChange={(v) => url.set({ country: v })}
          />
          <Select
            label={t('network.project')}
            placeholder={t('list.any')}
            data={projectOptions}
            value={filter.project_id?.[0] ? String(filter.project_id[0]) : null}
            onChange={(v) => url.set({ project: v })}
            searchable
            clearable
          />
          <TagsSelect
            label={t('network.tag')}
            placeholder={filter.tag?.length ? undefined : t('list.any')}
            value={filter.tag ?? []}
            onChange={(v) => url.set({ tag: v })}
          />
        </SimpleGrid>
      </FiltersPanel>

      {network.isError ? (
        <QueryError title={t('network.loadError')} error={network.error} onRetry={() => void network.refetch()} />
      ) : (
        <>
          {network.data?.truncated && (
            <Alert color="yellow" variant="light" icon={<IconInfoCircle aria-hidden="true" />} role="status">
              {t('network.truncated')}
            </Alert>
          )}
          {nodes && edges && nodes.length > 0 ? (
            <Paper withBorder radius="lg" p="xs" style={{ overflow: 'hidden' }}>
              <NetworkGraph
                nodes={nodes}
                edges={edges}
                edgeLabel={edgeLabel}
                onOpen={openOrganization}
                highlighted={highlighted}
                label={t('network.graph', { count: nodes.length, links: edges.length })}
                loadingLabel={t('network.loadingGraph')}
                height={phone ? 360 : 520}
              />
              <Text size="xs" c="dimmed" px="xs" pb={4}>
                {t('network.legend')}
              </Text>
            </Paper>
          ) : null}
          <VirtualTable
            label={t('network.tableLabel')}
            rows={rows}
            columns={columns}
            rowKey={(row) => row.key}
            pending={network.isPending}
            busy={network.isFetching}
            empty={t('network.empty')}
          />
        </>
      )}
    </Stack>
  );
}
