import { Anchor, Badge, Breadcrumbs, Button, Grid, Group, Menu, Paper, Skeleton, Stack, Text, ThemeIcon, Title } from '@mantine/core';
import { useDisclosure } from '@mantine/hooks';
import type { QueryClient } from '@tanstack/react-query';
import { IconArchive, IconBriefcase, IconChevronDown, IconEdit, IconGitMerge, IconStarFilled } from '@tabler/icons-react';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate, useParams } from 'react-router';
import { canEdit, canRestore } from '../../auth/permissions';
import { ConfirmDialog } from '../../components/ConfirmDialog';
import { DetailList, ReachLinks, telHref } from '../../components/DetailList';
import { LogInteractionButton } from '../../components/LogInteraction';
import { SaveContactButton } from '../../components/cards/SaveContactCards';
import { PageLoader } from '../../components/PageLoader';
import { QueryError } from '../../components/QueryError';
import { RestrictedBadge } from '../../components/RestrictedBadge';
import { TagList } from '../../components/TagList';
import { TimelinePanel } from '../../components/TimelinePanel';
import { WhenVisible } from '../../components/WhenVisible';
import { RecordAttachments } from '../../components/attachments/RecordAttachments';
import { HistoryPanel } from '../../components/history/HistoryPanel';
import { notify } from '../../components/notify';
import { prefetchNames } from '../../components/prefetch/prefetchNames';
import { useCountryOptions } from '../../components/useCountryOptions';
import { useFormat } from '../../components/useFormat';
import { useOfficeName, useUserName } from '../../components/useNames';
import { useMe } from '../../hooks/auth';
import { contactKeys, prefetchContact, useArchiveContact, useContact, type Contact, type Position } from '../../hooks/contacts';
import { prefetchOrganization, useOrganization } from '../../hooks/organizations';
import { timelineQuery } from '../../hooks/timeline';
import { MergedRedirect } from '../merge/MergedRedirect';
import { MergeWithDialog } from '../merge/MergeWithDialog';
import { canHandlePersonalData } from '../../auth/personalData';
import { ConsentPanel, ErasedBadge, ErasedNotice, WithdrawnAlert, WithdrawnBadge } from './ConsentPanel';
import { PersonalDataMenu } from './PersonalDataMenu';
import { dateRange, isCurrent, sortPositions } from './positions';

/**
 * The page's first requests, started before its first render
 * (src/pageData.ts): the contact, then the organizations of their
 * positions (the heading names the current one, the positions list them
 * all), and alongside them the timeline and the names the page shows. The
 * page is then drawn once, with its name where the server drew it
 * (api/spa_shell.go). Its notes, documents and history, below the fold,
 * ask when they come into view.
 */
export async function prefetchContactPage(queryClient: QueryClient, id: number) {
  const alongside = Promise.all([queryClient.prefetchInfiniteQuery(timelineQuery('contact', id)), prefetchNames(queryClient)]);
  await prefetchContact(queryClient, id);
  const contact = queryClient.getQueryData<Contact>(contactKeys.detail(id));
  const organizations = new Set((contact?.positions ?? []).map((position) => position.organization_id));
  await Promise.all([...organizations].map((organization) => prefetchOrganization(queryClient, organization)));
  await alongside;
}

export function ContactDetailPage() {
  const { id } = useParams();
  const { t } = useTranslation();
  const contact = useContact(Number(id));
  if (contact.isPending) return <PageLoader />;
  if (contact.isError) return <QueryError title={t('contact.loadError')} error={contact.error} onRetry={() => void contact.refetch()} />;
  if (contact.data.merged_into_id) return <MergedRedirect to={`/contacts/${contact.data.merged_into_id}`} />;
  return <ContactDetail contact={contact.data} />;
}

function ContactDetail({ contact: c }: { contact: Contact }) {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const { data: me } = useMe();
  const countries = useCountryOptions();
  const format = useFormat();
  const userName = useUserName();
  const officeName = useOfficeName();
  const archive = useArchiveContact();
  const [archiveOpened, archiveDialog] = useDisclosure(false);
  const [mergeOpened, mergeDialog] = useDisclosure(false);
  const name = c.full_name || c.name_local;
  const positions = sortPositions(c.positions);
  const current = positions.filter(isCurrent);
  const past = positions.filter((p) => !isCurrent(p));
  // A tombstone holds no one's data: nothing on it may be edited, logged or exported.
  const erased = !!c.erased_at;
  const editable = !erased && canEdit(me, c);

  return (
    <Stack gap="lg">
      <Breadcrumbs separator="›" component="nav" aria-label={t('contact.trail')}>
        <Anchor component={Link} to="/contacts" size="sm">
          {t('nav.contacts')}
        </Anchor>
        <Text size="sm" c="dimmed" aria-current="page">
          <bdi>{name}</bdi>
        </Text>
      </Breadcrumbs>

      {/* The name on a line of its own, the actions below it: the name is
          what the page is, and it keeps its place and width whatever
          actions the viewer has (the server draws it there before the app
          has loaded, api/spa_shell.go). */}
      <Stack gap={6}>
        <Group gap="xs" wrap="wrap">
          <Title order={1} size="h2">
            <bdi>{c.full_name || c.name_local}</bdi>
          </Title>
          {c.restricted && <RestrictedBadge size="lg" />}
          {erased && <ErasedBadge />}
          {!erased && c.consent_withdrawn_at && <WithdrawnBadge />}
        </Group>
        <Group justify="space-between" align="flex-start" gap="md">
          <Stack gap={6} style={{ minWidth: 0, flex: '1 1 18rem' }}>
            {c.name_local && c.full_name && (
              <Text size="xl" c="dimmed" fw={500}>
                <bdi>{c.name_local}</bdi>
              </Text>
            )}
            {current[0] && <PositionLine position={current[0]} />}
            {/* How to reach them comes first: on a phone, a tap calls or writes. */}
            <ReachLinks phone={c.phone} email={c.email} />
          </Stack>
          {!erased && (
            <Group gap="sm">
              <LogInteractionButton display="page" />
              <SaveContactButton contactId={c.id} />
              {canHandlePersonalData(me, c) && <PersonalDataMenu contact={c} />}
              {editable && (
                <Button component={Link} to={`/contacts/${c.id}/edit`} variant="default" leftSection={<IconEdit size={16} aria-hidden="true" />}>
                  {t('common.edit')}
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
                    {canRestore(me, c) && (
                      <Menu.Item leftSection={<IconGitMerge size={16} aria-hidden="true" />} onClick={mergeDialog.open}>
                        {t('merge.mergeWith')}
                      </Menu.Item>
                    )}
                    <Menu.Item color="red" leftSection={<IconArchive size={16} aria-hidden="true" />} onClick={archiveDialog.open}>
                      {t('common.archive')}
                    </Menu.Item>
                  </Menu.Dropdown>
                </Menu>
              )}
              {mergeOpened && <MergeWithDialog kind="contacts" id={c.id} opened onClose={mergeDialog.close} />}
            </Group>
          )}
        </Group>
      </Stack>
      {erased ? <ErasedNotice contact={c} /> : <WithdrawnAlert contact={c} />}

      <Grid gap="lg">
        <Grid.Col span={{ base: 12, lg: 7 }}>
          <Stack gap="lg">
            <Paper withBorder radius="lg" p="lg" component="section" aria-labelledby="positions-title">
              <Title order={2} size="h4" mb="md" id="positions-title">
                {t('contact.positionsTitle')}
              </Title>
              {positions.length === 0 ? (
                <Text size="sm" c="dimmed">
                  {t('contact.noPositions')}
                </Text>
              ) : (
                <Stack gap="md">
                  {current.length > 0 && <PositionGroup title={t('contact.currentPositions')} positions={current} />}
                  {past.length > 0 && <PositionGroup title={t('contact.pastPositions')} positions={past} />}
                </Stack>
              )}
            </Paper>
            <Paper withBorder radius="lg" p="lg" component="section" aria-labelledby="profile-title">
              <Title order={2} size="h4" mb="md" id="profile-title">
                {t('contact.profile')}
              </Title>
              <DetailList
                items={[
                  { label: t('contact.fields.givenName'), value: c.given_name ? <bdi>{c.given_name}</bdi> : '' },
                  { label: t('contact.fields.familyName'), value: c.family_name ? <bdi>{c.family_name}</bdi> : '' },
                  { label: t('contact.fields.nameLocal'), value: c.name_local ? <bdi dir="auto">{c.name_local}</bdi> : '' },
                  { label: t('contact.fields.gender'), value: c.gender ? t(`contact.genders.${c.gender}`) : '' },
                  {
                    label: t('contact.fields.email'),
                    value: c.email ? (
                      <Anchor href={`mailto:${c.email}`} dir="ltr">
                        {c.email}
                      </Anchor>
                    ) : (
                      ''
                    ),
                  },
                  {
                    label: t('contact.fields.phone'),
                    value: c.phone ? (
                      <Anchor href={telHref(c.phone)} dir="ltr">
                        {c.phone}
                      </Anchor>
                    ) : (
                      ''
                    ),
                  },
                  { label: t('contact.fields.languages'), value: c.languages.map(format.language).join(t('common.separator')) },
                  {
                    label: t('contact.fields.country'),
                    value: c.city || c.country_code ? <bdi>{[c.city, countries.nameOf(c.country_code)].filter(Boolean).join(t('common.separator'))}</bdi> : '',
                  },
                  { label: t('contact.fields.restricted'), value: c.restricted ? t('contact.restrictedYes') : t('common.no') },
                  { label: t('contact.fields.owner'), value: userName(c.owner_id) },
                  { label: t('contact.fields.office'), value: officeName(c.office_id) },
                  { label: t('contact.fields.tags'), value: c.tags.length ? <TagList tags={c.tags} /> : '', wide: true },
                  { label: t('contact.fields.notes'), value: c.notes ? <span dir="auto">{c.notes}</span> : '', wide: true },
                  { label: t('organization.fields.updated'), value: format.dateTime(c.updated_at) },
                ]}
              />
            </Paper>
            {!erased && <ConsentPanel contact={c} />}
            <WhenVisible minHeight={160}>
              <RecordAttachments collection="contacts" recordId={c.id} canWrite={editable} />
            </WhenVisible>
          </Stack>
        </Grid.Col>
        <Grid.Col span={{ base: 12, lg: 5 }}>
          <TimelinePanel subject="contact" id={c.id} />
        </Grid.Col>
      </Grid>
      <HistoryPanel entity="contact" id={c.id} />

      <ConfirmDialog
        opened={archiveOpened}
        onClose={() => {
          archive.reset();
          archiveDialog.close();
        }}
        title={t('contact.archiveTitle', { name })}
        message={t('contact.archiveText')}
        confirmLabel={t('common.archive')}
        onConfirm={() =>
          archive.mutate(
            { id: c.id, version: c.version },
            {
              onSuccess: () => {
                notify.success(t('contact.archivedNotice', { name }));
                void navigate('/contacts');
              },
            },
          )
        }
        loading={archive.isPending}
        error={archive.error}
      />
    </Stack>
  );
}

/** "Minister, Ministry of Security" under the name. */
function PositionLine({ position }: { position: Position }) {
  const { t } = useTranslation();
  const organization = useOrganization(position.organization_id);
  return (
    // The icon stays beside the first line, and a long organization's name
    // wraps beside it, instead of the line falling below the icon on a phone.
    <Group gap={6} c="dimmed" wrap="nowrap" align="flex-start">
      <IconBriefcase size={16} aria-hidden="true" style={{ flexShrink: 0, marginTop: 3 }} />
      <Text size="sm" style={{ minWidth: 0 }}>
        <bdi>{position.title}</bdi>
        {position.title && organization.data ? t('common.separator') : ''}
        {organization.data && (
          <Anchor component={Link} to={`/organizations/${organization.data.id}`} size="sm">
            <bdi>{organization.data.name}</bdi>
          </Anchor>
        )}
      </Text>
    </Group>
  );
}

function PositionGroup({ title, positions }: { title: string; positions: Position[] }) {
  return (
    <Stack gap={6}>
      <Text size="xs" fw={700} c="dimmed" tt="uppercase" lts={0.3} component="h3" m={0}>
        {title}
      </Text>
      <Stack gap={0} component="ul" m={0} p={0} style={{ listStyle: 'none' }}>
        {positions.map((p, i) => (
          <PositionRow key={`${p.organization_id}-${i}`} position={p} />
        ))}
      </Stack>
    </Stack>
  );
}

function PositionRow({ position }: { position: Position }) {
  const { t } = useTranslation();
  const format = useFormat();
  const organization = useOrganization(position.organization_id);
  const current = isCurrent(position);
  return (
    <Group component="li" gap="sm" py={10} wrap="nowrap" align="flex-start" style={{ borderTop: '1px solid var(--mantine-color-gray-2)' }}>
      <ThemeIcon variant="light" color={current ? 'liaison' : 'gray'} radius="md" size="lg">
        <IconBriefcase size={18} aria-hidden="true" />
      </ThemeIcon>
      <Stack gap={2} style={{ minWidth: 0, flex: 1 }}>
        <Group gap={6} wrap="wrap">
          <Text fw={600} size="sm">
            <bdi>{position.title || t('contact.positionUntitled')}</bdi>
          </Text>
          {position.primary && (
            <Badge size="xs" variant="light" leftSection={<IconStarFilled size={10} aria-hidden="true" />} tt="none">
              {t('contact.fields.primary')}
            </Badge>
          )}
        </Group>
        {organization.isPending ? (
          <Skeleton height={12} width={180} />
        ) : organization.data ? (
          <Anchor component={Link} to={`/organizations/${organization.data.id}`} size="sm">
            <bdi>{organization.data.name}</bdi>
            {organization.data.name_local && (
              <Text span size="sm" c="dimmed">
                {' · '}
                <bdi>{organization.data.name_local}</bdi>
              </Text>
            )}
          </Anchor>
        ) : (
          <Text size="sm" c="dimmed">
            {t('contact.organizationUnavailable')}
          </Text>
        )}
        <Text size="xs" c="dimmed">
          {dateRange(position.start_date, position.end_date, format.date, t('contact.present'))}
        </Text>
      </Stack>
    </Group>
  );
}
