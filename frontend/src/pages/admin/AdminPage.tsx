import { Navigate, useNavigate, useParams } from 'react-router';
import { Stack, Tabs } from '@mantine/core';
import { IconBriefcase, IconBuilding, IconClockPlay, IconShieldLock, IconTags, IconUsers } from '@tabler/icons-react';
import { useTranslation } from 'react-i18next';
import { isAdmin } from '../../auth/permissions';
import { PageHeader } from '../../components/PageHeader';
import { useMe } from '../../hooks/auth';
import { JobsPanel } from './JobsPanel';
import { OfficesPanel } from './OfficesPanel';
import { PersonalDataLogPanel } from './PersonalDataLogPanel';
import { ProjectsPanel } from './ProjectsPanel';
import { TagsPanel } from './TagsPanel';
import { UsersPanel } from './UsersPanel';

const TABS = ['users', 'offices', 'projects', 'tags', 'jobs', 'personal-data'] as const;

/** `/admin/users`, `/admin/offices`, `/admin/projects`, `/admin/tags`, `/admin/jobs` and `/admin/personal-data`: the tabs are addresses, so each can be linked to. */
export function AdminPage() {
  const { t } = useTranslation();
  const { tab = 'users' } = useParams();
  const navigate = useNavigate();
  const { data: me } = useMe();
  if (!isAdmin(me)) return <Navigate to="/" replace />;
  if (!(TABS as readonly string[]).includes(tab)) return <Navigate to="/admin/users" replace />;
  return (
    <Stack gap="md">
      <PageHeader title={t('admin.title')} description={t('admin.subtitle')} />
      <Tabs value={tab} onChange={(value) => value && void navigate(`/admin/${value}`)} keepMounted={false}>
        <Tabs.List mb="md">
          <Tabs.Tab value="users" leftSection={<IconUsers size={16} aria-hidden="true" />}>
            {t('admin.users')}
          </Tabs.Tab>
          <Tabs.Tab value="offices" leftSection={<IconBuilding size={16} aria-hidden="true" />}>
            {t('admin.offices')}
          </Tabs.Tab>
          <Tabs.Tab value="projects" leftSection={<IconBriefcase size={16} aria-hidden="true" />}>
            {t('adminCatalogue.projects')}
          </Tabs.Tab>
          <Tabs.Tab value="tags" leftSection={<IconTags size={16} aria-hidden="true" />}>
            {t('adminCatalogue.tags')}
          </Tabs.Tab>
          <Tabs.Tab value="jobs" leftSection={<IconClockPlay size={16} aria-hidden="true" />}>
            {t('jobs.tab')}
          </Tabs.Tab>
          <Tabs.Tab value="personal-data" leftSection={<IconShieldLock size={16} aria-hidden="true" />}>
            {t('personalData.log.tab')}
          </Tabs.Tab>
        </Tabs.List>
        <Tabs.Panel value="users">
          <UsersPanel />
        </Tabs.Panel>
        <Tabs.Panel value="offices">
          <OfficesPanel />
        </Tabs.Panel>
        <Tabs.Panel value="projects">
          <ProjectsPanel />
        </Tabs.Panel>
        <Tabs.Panel value="tags">
          <TagsPanel />
        </Tabs.Panel>
        <Tabs.Panel value="jobs">
          <JobsPanel />
        </Tabs.Panel>
        <Tabs.Panel value="personal-data">
          <PersonalDataLogPanel />
        </Tabs.Panel>
      </Tabs>
    </Stack>
  );
}
