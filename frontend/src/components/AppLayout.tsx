import { AppShell, Avatar, Burger, Group, Menu, NavLink, Progress, Text, UnstyledButton, VisuallyHidden } from '@mantine/core';
import { useDisclosure } from '@mantine/hooks';
import { IconBuildingCommunity, IconChevronDown, IconLayoutDashboard, IconLogout } from '@tabler/icons-react';
import { useEffect, type ComponentType } from 'react';
import { useTranslation } from 'react-i18next';
import { NavLink as RouterNavLink, Outlet, useLocation, useNavigation } from 'react-router';
import { useLogout, useMe } from '../hooks/auth';
import { LanguageMenu } from './LanguageMenu';
import { Logo } from './Logo';
import classes from './SkipLink.module.css';

interface NavItem {
  to: string;
  label: 'nav.dashboard' | 'nav.organizations';
  icon: ComponentType<{ size?: number; stroke?: number; 'aria-hidden'?: boolean }>;
  end?: boolean;
}

const NAV_ITEMS: NavItem[] = [
  { to: '/', label: 'nav.dashboard', icon: IconLayoutDashboard, end: true },
  { to: '/organizations', label: 'nav.organizations', icon: IconBuildingCommunity },
];

function initials(name: string): string {
  return name
    .split(/\s+/)
    .filter(Boolean)
    .slice(0, 2)
    .map((part) => part[0]?.toUpperCase())
    .join('');
}

function UserMenu() {
  const { t } = useTranslation();
  const { data: me } = useMe();
  const logout = useLogout();
  if (!me) return null;
  const name = me.name || me.email;
  return (
    <Menu position="bottom-end" width={240} withinPortal>
      <Menu.Target>
        <UnstyledButton style={{ borderRadius: 'var(--mantine-radius-md)' }} p={4}>
          <Group gap={8} wrap="nowrap">
            <Avatar color="liaison" radius="xl" size={32} aria-hidden="true">
              {initials(name)}
            </Avatar>
            <Text component="span" size="sm" fw={500} visibleFrom="sm" maw={160} truncate="end">
              {name}
            </Text>
            {/* The visible name comes first so the button's name contains what is seen. */}
            <VisuallyHidden>{t('header.account')}</VisuallyHidden>
            <IconChevronDown size={14} aria-hidden="true" />
          </Group>
        </UnstyledButton>
      </Menu.Target>
      <Menu.Dropdown>
        <Menu.Label>{t('header.signedInAs')}</Menu.Label>
        <Text size="sm" px="sm" fw={500} truncate="end">
          {name}
        </Text>
        <Text size="xs" px="sm" pb="xs" c="dimmed" truncate="end">
          {me.email} · {t(`roles.${me.role}`)}
        </Text>
        <Menu.Divider />
        {/* Once the session is gone the auth guard takes the person to /login. */}
        <Menu.Item leftSection={<IconLogout size={16} aria-hidden="true" />} onClick={() => logout.mutate()}>
          {t('header.signOut')}
        </Menu.Item>
      </Menu.Dropdown>
    </Menu>
  );
}

/** The signed-in frame: header with language and account menus, navigation, content. */
export function AppLayout() {
  const { t } = useTranslation();
  const [opened, { toggle, close }] = useDisclosure(false);
  const location = useLocation();
  const navigation = useNavigation();

  // On small screens the navigation is an overlay: close it once a link was followed.
  useEffect(close, [location.pathname, close]);

  return (
    <AppShell
      header={{ height: 60 }}
      navbar={{ width: 240, breakpoint: 'sm', collapsed: { mobile: !opened } }}
      padding="lg"
    >
      <a href="#main-content" className={classes.skip}>
        {t('a11y.skipToContent')}
      </a>
      <AppShell.Header>
        <Group h="100%" px="md" justify="space-between" wrap="nowrap">
          <Group gap="sm" wrap="nowrap">
            <Burger opened={opened} onClick={toggle} hiddenFrom="sm" size="sm" aria-label={t('header.toggleNavigation')} />
            <Logo />
          </Group>
          <Group gap="xs" wrap="nowrap">
            <LanguageMenu />
            <UserMenu />
          </Group>
        </Group>
      </AppShell.Header>

      <AppShell.Navbar p="sm" component="nav" aria-label={t('nav.main')}>
        {NAV_ITEMS.map(({ to, label, icon: Icon, end }) => (
          <NavLink
            key={to}
            component={RouterNavLink}
            to={to}
            end={end}
            label={t(label)}
            leftSection={<Icon size={20} stroke={1.6} aria-hidden />}
            active={end ? location.pathname === to : location.pathname.startsWith(to)}
            variant="light"
            style={{ borderRadius: 'var(--mantine-radius-md)' }}
            mb={4}
          />
        ))}
      </AppShell.Navbar>

      <AppShell.Main id="main-content" tabIndex={-1} bg="var(--mantine-color-gray-0)">
        {navigation.state === 'loading' && (
          <Progress value={100} animated size="xs" radius={0} pos="fixed" top={60} left={0} right={0} style={{ zIndex: 200 }} aria-hidden />
        )}
        <Outlet />
      </AppShell.Main>
    </AppShell>
  );
}
