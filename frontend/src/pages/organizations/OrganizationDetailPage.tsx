import { Anchor, Badge, Breadcrumbs, Button, Grid, Group, Menu, Paper, Skeleton, Stack, Text, Title } from '@mantine/core';
import { useDisclosure } from '@mantine/hooks';
import type { QueryClient } from '@tanstack/react-query';
import { IconArchive, IconChevronDown, IconEdit, IconGitMerge, IconSitemap, IconUserPlus } from '@tabler/icons-react';
import { memo } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate, useParams } from 'react-router';
import { canCreate, canEdit, canRestore } from '../../auth/permissions';
import { RecordAttachments } from '../../components/attachments/RecordAttachments';
import { ConfirmDialog } from '../../components/ConfirmDialog';
import { DetailList, ReachLinks, telHref } from '../../components/DetailList';
import { LogInteractionButton } from '../../components/LogInteraction';
import { PageLoader } from '../../components/PageLoader';
import { QueryError } from '../../components/QueryError';
import { RestrictedBadge } from '../../components/RestrictedBadge';
import { ScoreMeter } from '../../components/ScoreMeter';
import { TagList } from '../../components/TagList';
import { TimelinePanel } from '../../components/TimelinePanel';
import { WhenVisible } from '../../components/WhenVisible';
import { HistoryPanel } from '../../components/history/HistoryPanel';
import { notify } from '../../components/notify';
import { prefetchNames } from '../../components/prefetch/prefetchNames';
import { useCountryOptions } from '../../components/useCountryOptions';
import { useFormat } from '../../components/useFormat';
import { useOfficeName, useUserName } from '../../components/useNames';
import { useMe } from '../../hooks/auth';
import { contactsQuery, useContacts, type Contact } from '../../hooks/contacts';
import { flattenPages } from '../../hooks/list';
import {
  organizationsQuery,
  prefetchOrganizationWithAncestors,
  useArchiveOrganization,
  useOrganization,
  useOrganizationAncestors,
  useOrganizations,
  type Organization,
} from '../../hooks/organizations';
import { organizationRelationshipsQuery } from '../../hooks/relationships';
import { timelineQuery } from '../../hooks/timeline';
import { dateRange, isCurrent } from '../contacts/positions';
import { MergedRedirect } from '../merge/MergedRedirect';
import { MergeWithDialog } from '../merge/MergeWithDialog';
import { RelationshipsCard } from '../network/RelationshipsCard';

/**
 * The page's first requests, started before its first render
 * (src/pageData.ts), all at once: the organization and the parents of its
 * trail, its people, its units, its relationships, its timeline, and the
 * names they show. The page is then drawn once, with its name where the
 * server drew it (api/spa_shell.go), instead of once per answer. Its notes,
 * documents and history, below the fold, ask when they come into view.
 */
export async function prefetchOrganizationPage(queryClient: QueryClient, id: number) {
  await Promise.all([
    prefetchOrganizationWithAncestors(queryClient, id),
    queryClient.prefetchInfiniteQuery(contactsQuery(peopleFilter(id), PEOPLE_PAGE)),
    queryClient.prefetchInfiniteQuery(organizationsQuery(childrenFilter(id))),
    queryClient.prefetchQuery(organizationRelationshipsQuery(id)),
    queryClient.prefetchInfiniteQuery(timelineQuery('organization', id)),
    prefetchNames(queryClient),
  ]);
}

/** The organization's people as the page lists them (and starts them). */
const peopleFilter = (id: number) => ({ organization_id: [id], sort: 'full_name' as const });
const PEOPLE_PAGE = 100;

/** Its units as the page lists them (and starts them). */
const childrenFilter = (id: number) => ({ parent_id: [id], sort: 'name' as const });

export function OrganizationDetailPage() {
  const { id } = useParams();
  const { t } = useTranslation();
  const organization = useOrganization(Number(id));
  if (organization.isPending) return <PageLoader />;
  if (organization.isError) {
    return <QueryError title={t('organization.loadError')} error={organization.error} onRetry={() => void organization.refetch()} />;
  }
  if (organization.data.merged_into_id) return <MergedRedirect to={`/organizations/${organization.data.merged_into_id}`} />;
  return <OrganizationDetail organization={organization.data} />;
}

function OrganizationDetail({ organization: o }: { organization: Organization }) {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const { data: me } = useMe();
  const countries = useCountryOptions();
  const format = useFormat();
  const userName = useUserName();
  const officeName = useOfficeName();
  const ancestors = useOrganizationAncestors(o);
  const archive = useArchiveOrganization();
  const [archiveOpened, archiveDialog] = useDisclosure(false);
  const [mergeOpened, mergeDialog] = useDisclosure(false);
  const editable = canEdit(me, o);
  const addContact = editable && canCreate(me);

  const confirmArchive = () =>
    archive.mutate(
      { id: o.id, version: o.version },
      {
        onSuccess: () => {
          notify.success(t('organization.archivedNotice', { name: o.name }));
          void navigate('/organizations');
        },
      },
    );

  return (
    <Stack gap="lg">
      <Breadcrumbs separator="›" component="nav" aria-label={t('organization.hierarchyTrail')}>
        <Anchor component={Link} to="/organizations" size="sm">
          {t('nav.organizations')}
        </Anchor>
        {ancestors.isPending && o.parent_id ? <Skeleton height={12} width={120} /> : null}
        {(ancestors.data ?? []).map((parent) => (
          <Anchor key={parent.id} component={Link} to={`/organizations/${parent.id}`} size="sm">
            <bdi>{parent.acronym || parent.name}</bdi>
          </Anchor>
        ))}
        <Text size="sm" c="dimmed" aria-current="page">
          <bdi>{o.acronym || o.name}</bdi>
        </Text>
      </Breadcrumbs>

      {/* The name on a line of its own, the actions below it: the name is
          what the page is, and it keeps its place and width whatever
          actions the viewer has (the server draws it there before the app
          has loaded, api/spa_shell.go). */}
      <Stack gap={6}>
        <Group gap="xs" wrap="wrap">
          <Title order={1} size="h2">
            <bdi>{o.name}</bdi>
          </Title>
          {o.acronym && (
            <Badge variant="outline" color="gray" radius="sm" tt="none" size="lg">
              {o.acronym}
            </Badge>
          )}
        </Group>
        <Group justify="space-between" align="flex-start" gap="md">
          <Stack gap={6} style={{ minWidth: 0, flex: '1 1 18rem' }}>
            {o.name_local && (
              <Text size="xl" c="dimmed" fw={500}>
                <bdi>{o.name_local}</bdi>
              </Text>
            )}
            <Group gap={6}>
              <Badge variant="light" radius="sm" tt="none">
                {t(`organization.types.${o.type}`)}
              </Badge>
              {o.level && (
                <Badge variant="light" color="gray" radius="sm" tt="none">
                  {t(`organization.levels.${o.level}`)}
                </Badge>
              )}
              {(o.city || o.country_code) && (
                <Text size="sm" c="dimmed">
                  <bdi>{[o.city, countries.nameOf(o.country_code)].filter(Boolean).join(t('common.separator'))}</bdi>
                </Text>
              )}
            </Group>
            {/* How to reach them comes first: on a phone, a tap calls or writes. */}
            <ReachLinks phone={o.phone} email={o.email} website={o.website} />
          </Stack>
          <Group gap="sm">
            <LogInteractionButton display="page" />
            {editable && (
              <Button component={Link} to={`/organizations/${o.id}/edit`} variant="default" leftSection={<IconEdit size={16} aria-hidden="true" />}>
                {t('common.edit')}
              </Button>
            )}
            {addContact && (
              <Button component={Link} to={`/contacts/new?organization=${o.id}`} variant="default" leftSection={<IconUserPlus size={16} aria-hidden="true" />}>
                {t('organization.addContact')}
              </Button>
            )}
            {editable && (
              <Menu position="bottom-end" withinPortal>
                <Menu.Target>
                  <Button variant="default" rightSection={<IconChevronDown size={14} aria-hidden="true" />}>
                    {t('common.more')}
                  </Button>
                </Menu.Target>
                <Menu.Dropdown>
                  <Menu.Item component={Link} to={`/organizations/new?parent=${o.id}`} leftSection={<IconSitemap size={16} aria-hidden="true" />}>
                    {t('organization.addChild')}
                  </Menu.Item>
                  {canRestore(me, o) && (
                    <Menu.Item leftSection={<IconGitMerge size={16} aria-hidden="true" />} onClick={mergeDialog.open}>
                      {t('merge.mergeWith')}
                    </Menu.Item>
                  )}
                  <Menu.Divider />
                  <Menu.Item color="red" leftSection={<IconArchive size={16} aria-hidden="true" />} onClick={archiveDialog.open}>
                    {t('common.archive')}
                  </Menu.Item>
                </Menu.Dropdown>
              </Menu>
            )}
            {mergeOpened && <MergeWithDialog kind="organizations" id={o.id} opened onClose={mergeDialog.close} />}
          </Group>
        </Group>
      </Stack>

      <Grid gap="lg">
        <Grid.Col span={{ base: 12, lg: 7 }}>
          <Stack gap="lg">
            <Paper withBorder radius="lg" p="lg" component="section" aria-labelledby="profile-title">
              <Title order={2} size="h4" mb="md" id="profile-title">
                {t('organization.profile')}
              </Title>
              <DetailList
                items={[
                  { label: t('organization.fields.name'), value: <bdi>{o.name}</bdi> },
                  { label: t('organization.fields.nameLocal'), value: o.name_local ? <bdi dir="auto">{o.name_local}</bdi> : '' },
                  { label: t('organization.fields.country'), value: countries.nameOf(o.country_code) },
                  { label: t('organization.fields.city'), value: o.city ? <bdi>{o.city}</bdi> : '' },
                  {
                    label: t('organization.fields.website'),
                    value: o.website ? (
                      <Anchor href={o.website} target="_blank" rel="noreferrer noopener" dir="ltr">
                        {o.website}
                      </Anchor>
                    ) : (
                      ''
                    ),
                  },
                  {
                    label: t('organization.fields.email'),
                    value: o.email ? (
                      <Anchor href={`mailto:${o.email}`} dir="ltr">
                        {o.email}
                      </Anchor>
                    ) : (
                      ''
                    ),
                  },
                  {
                    label: t('organization.fields.phone'),
                    value: o.phone ? (
                      <Anchor href={telHref(o.phone)} dir="ltr">
                        {o.phone}
                      </Anchor>
                    ) : (
                      ''
                    ),
                  },
                  { label: t('organization.fields.influence'), value: o.influence ? <ScoreMeter value={o.influence} /> : '' },
                  { label: t('organization.fields.interest'), value: o.interest ? <ScoreMeter value={o.interest} /> : '' },
                  { label: t('organization.fields.owner'), value: userName(o.owner_id) },
                  { label: t('organization.fields.office'), value: officeName(o.office_id) },
                  { label: t('organization.fields.tags'), value: o.tags.length ? <TagList tags={o.tags} /> : '', wide: true },
                  { label: t('organization.fields.description'), value: o.description ? <span dir="auto">{o.description}</span> : '', wide: true },
                  { label: t('organization.fields.updated'), value: format.dateTime(o.updated_at) },
                ]}
              />
            </Paper>
            <PeopleCard organization={o} />
            <ChildrenCard organization={o} canAdd={editable && canCreate(me)} />
            <RelationshipsCard organization={o} />
            <WhenVisible minHeight={160}>
              <RecordAttachments collection="organizations" recordId={o.id} canWrite={editable} />
            </WhenVisible>
          </Stack>
        </Grid.Col>
        <Grid.Col span={{ base: 12, lg: 5 }}>
          <TimelinePanel subject="organization" id={o.id} />
        </Grid.Col>
      </Grid>
      <HistoryPanel entity="organization" id={o.id} />

      <ConfirmDialog
        opened={archiveOpened}
        onClose={() => {
          archive.reset();
          archiveDialog.close();
        }}
        title={t('organization.archiveTitle', { name: o.name })}
        message={t('organization.archiveText')}
        confirmLabel={t('common.archive')}
        onConfirm={confirmArchive}
        loading={archive.isPending}
        error={archive.error}
      />
    </Stack>
  );
}

/** The people who hold or held a position at the organization. */
const PeopleCard = memo(function PeopleCard({ organization }: { organization: Organization }) {
  const { t } = useTranslation();
  const contacts = useContacts(peopleFilter(organization.id), PEOPLE_PAGE);
  const people = flattenPages(contacts.data?.pages);
  const withPositions = people.map((c) => ({ contact: c, positions: c.positions.filter((p) => p.organization_id === organization.id) }));
  const current = withPositions.filter(({ positions }) => positions.some(isCurrent));
  const former = withPositions.filter(({ positions }) => !positions.some(isCurrent));

  return (
    <Paper withBorder radius="lg" p="lg" component="section" aria-labelledby="people-title">
      <Group justify="space-between" mb="md">
        <Title order={2} size="h4" id="people-title">
          {t('organization.people')}
        </Title>
        <Anchor component={Link} to={`/contacts?organization=${organization.id}`} size="sm">
          {t('organization.allPeople')}
        </Anchor>
      </Group>
      {contacts.isPending ? (
        <Skeleton height={40} radius="md" />
      ) : contacts.isError ? (
        <QueryError title={t('contacts.loadError')} error={contacts.error} onRetry={() => void contacts.refetch()} />
      ) : people.length === 0 ? (
        <Text size="sm" c="dimmed">
          {t('organization.noPeople')}
        </Text>
      ) : (
        <Stack gap="md">
          {current.length > 0 && <PeopleList title={t('organization.currentPeople')} entries={current} />}
          {former.length > 0 && <PeopleList title={t('organization.formerPeople')} entries={former} />}
        </Stack>
      )}
    </Paper>
  );
});

function PeopleList({ title, entries }: { title: string; entries: { contact: Contact; positions: Contact['positions'] }[] }) {
  const format = useFormat();
  const { t } = useTranslation();
  return (
    <Stack gap={6}>
      <Text size="xs" fw={700} c="dimmed" tt="uppercase" lts={0.3} component="h3" m={0}>
        {title}
      </Text>
      <Stack gap={0} component="ul" m={0} p={0} style={{ listStyle: 'none' }}>
        {entries.map(({ contact, positions }) => (
          <Group
            key={contact.id}
            component="li"
            justify="space-between"
            py={8}
            gap="sm"
            wrap="nowrap"
            style={{ borderTop: '1px solid var(--mantine-color-gray-2)' }}
          >
            <Stack gap={0} style={{ minWidth: 0 }}>
              <Group gap={6}>
                <Anchor component={Link} to={`/contacts/${contact.id}`} fw={600} size="sm">
                  <bdi>{contact.full_name || contact.name_local}</bdi>
                </Anchor>
                {contact.restricted && <RestrictedBadge size="xs" />}
              </Group>
              {contact.name_local && contact.full_name && (
                <Text size="xs" c="dimmed">
                  <bdi>{contact.name_local}</bdi>
                </Text>
              )}
            </Stack>
            <Stack gap={0} align="flex-end" style={{ textAlign: 'end' }}>
              {positions.map((p, i) => (
                <Text key={i} size="sm">
                  <bdi>{p.title || t('contact.positionUntitled')}</bdi>{' '}
                  <Text span size="xs" c="dimmed">
                    <bdi>{dateRange(p.start_date, p.end_date, format.date, t('contact.present'))}</bdi>
                  </Text>
                </Text>
              ))}
            </Stack>
          </Group>
        ))}
      </Stack>
    </Stack>
  );
}

/** The organization's own sub-units: directorates, municipalities. */
const ChildrenCard = memo(function ChildrenCard({ organization, canAdd }: { organization: Organization; canAdd: boolean }) {
  const { t } = useTranslation();
  const children = useOrganizations(childrenFilter(organization.id));
  const items = flattenPages(children.data?.pages);
  if (!canAdd && !children.isPending && items.length === 0) return null;
  return (
    <Paper withBorder radius="lg" p="lg" component="section" aria-labelledby="children-title">
      <Group justify="space-between" mb="md">
        <Title order={2} size="h4" id="children-title">
          {t('organization.children')}
        </Title>
        {canAdd && (
          <Button
            component={Link}
            to={`/organizations/new?parent=${organization.id}`}
            variant="light"
            size="xs"
            leftSection={<IconSitemap size={14} aria-hidden="true" />}
          >
            {t('organization.addChild')}
          </Button>
        )}
      </Group>
      {children.isPending ? (
        <Skeleton height={32} radius="md" />
      ) : items.length === 0 ? (
        <Text size="sm" c="dimmed">
          {t('organization.noChildren')}
        </Text>
      ) : (
        <Stack gap={6} component="ul" m={0} p={0} style={{ listStyle: 'none' }}>
          {items.map((child) => (
            <Group key={child.id} component="li" gap={8}>
              <Anchor component={Link} to={`/organizations/${child.id}`} size="sm" fw={500}>
                <bdi>{child.name}</bdi>
              </Anchor>
              <Badge size="xs" variant="light" color="gray" tt="none">
                {t(`organization.types.${child.type}`)}
              </Badge>
            </Group>
          ))}
          {children.hasNextPage && (
            <Anchor component={Link} to={`/organizations?parent=${organization.id}`} size="sm">
              {t('organization.allChildren')}
            </Anchor>
          )}
        </Stack>
      )}
    </Paper>
  );
});
