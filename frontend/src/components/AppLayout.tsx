import { Alert, AppShell, Avatar, Burger, Divider, Group, Menu, NavLink, Progress, Text, UnstyledButton, VisuallyHidden } from '@mantine/core';
import { useDisclosure, useMediaQuery } from '@mantine/hooks';
import {
  IconBuildingCommunity,
  IconAffiliate,
  IconBell,
  IconChartDots3,
  IconCheck,
  IconChecklist,
  IconChevronDown,
  IconClipboardCheck,
  IconCopy,
  IconHourglass,
  IconLanguage,
  IconLayoutDashboard,
  IconLogout,
  IconMessages,
  IconPlaneDeparture,
  IconReportAnalytics,
  IconSettings,
  IconKey,
  IconShieldLock,
  IconTableImport,
  IconUsers,
  IconWifiOff,
} from '@tabler/icons-react';
import { useEffect, useState, type ComponentType, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, NavLink as RouterNavLink, ScrollRestoration, useLocation, useNavigation } from 'react-router';
import { canReviewRetention } from '../auth/personalData';
import { canCreate, canReview, isAdmin } from '../auth/permissions';
import { useChangeLanguage, useLogout, useMe, type User } from '../hooks/auth';
import { forgetServerDrawnShell } from '../serverDrawnShell';
import { LANGUAGES, changeLanguage, currentLanguage, directionOf, isLanguage } from '../i18n';
import { GlobalSearch } from './GlobalSearch';
import { LogInteractionButton } from './LogInteraction';
import { NotificationBell } from './notifications/NotificationBell';
import { NOTIFICATION_SETTINGS_PATH } from './notifications/NotificationPanel';
import { OutboxStatus } from '../offline/OutboxStatus';
import { useOnline } from '../offline/useOnline';
import { Logo } from './Logo';
import { prefetchOnIntent } from './prefetch/prefetchRoute';
import { scrollKey } from './scrollKey';
import { TWO_FACTOR_PATH, TwoFactorGate } from './TwoFactorGate';
import layout from './AppLayout.module.css';
import classes from './SkipLink.module.css';

type NavKey =
  | 'nav.dashboard'
  | 'nav.organizations'
  | 'nav.contacts'
  | 'nav.visits'
  | 'nav.interactions'
  | 'nav.commitments'
  | 'nav.review'
  | 'nav.duplicates'
  | 'nav.retention'
  | 'nav.map'
  | 'nav.network'
  | 'nav.reports'
  | 'nav.import'
  | 'nav.admin';

interface NavItem {
  to: string;
  label: NavKey;
  icon: ComponentType<{ size?: number; stroke?: number; 'aria-hidden'?: boolean }>;
  end?: boolean;
  /** Shown only to those this returns true for. */
  allowed?: (me: User | null | undefined) => boolean;
}

const NAV_ITEMS: NavItem[] = [
  { to: '/', label: 'nav.dashboard', icon: IconLayoutDashboard, end: true },
  { to: '/organizations', label: 'nav.organizations', icon: IconBuildingCommunity },
  { to: '/contacts', label: 'nav.contacts', icon: IconUsers },
  { to: '/visits', label: 'nav.visits', icon: IconPlaneDeparture },
  { to: '/interactions', label: 'nav.interactions', icon: IconMessages },
  { to: '/commitments', label: 'nav.commitments', icon: IconChecklist },
  { to: '/review', label: 'nav.review', icon: IconClipboardCheck, allowed: canReview },
  { to: '/duplicates', label: 'nav.duplicates', icon: IconCopy, allowed: canReview },
  { to: '/retention', label: 'nav.retention', icon: IconHourglass, allowed: canReviewRetention },
  { to: '/map', label: 'nav.map', icon: IconChartDots3 },
  { to: '/network', label: 'nav.network', icon: IconAffiliate },
  { to: '/reports', label: 'nav.reports', icon: IconReportAnalytics, allowed: canReview },
  { to: '/import', label: 'nav.import', icon: IconTableImport, allowed: canCreate },
  { to: '/admin', label: 'nav.admin', icon: IconSettings, allowed: isAdmin },
];

function initials(name: string): string {
  return name
    .split(/\s+/)
    .filter(Boolean)
    .slice(0, 2)
    .map((part) => part[0]?.toUpperCase())
    .join('');
}

/** The account menu: who is signed in, the language (saved on the account), sign-out. */
function UserMenu() {
  const { t } = useTranslation();
  const { data: me } = useMe();
  const logout = useLogout();
  const change = useChangeLanguage();
  if (!me) return null;
  const name = me.name || me.email;
  const current = currentLanguage();
  return (
    <Menu position="bottom-end" width={260} withinPortal>
      <Menu.Target>
        <UnstyledButton style={{ borderRadius: 'var(--mantine-radius-md)', flexShrink: 0 }} p={4} data-testid="account-menu">
          <Group gap={6} wrap="nowrap">
            <Avatar color="liaison" radius="xl" size={32} aria-hidden="true">
              {initials(name)}
            </Avatar>
            <Text component="span" size="sm" fw={500} visibleFrom="md" maw={160} truncate="end">
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
          <span dir="ltr">{me.email}</span> · {t(`roles.${me.role}`)}
        </Text>
        <Menu.Divider />
        <Menu.Label>
          <Group gap={6}>
            <IconLanguage size={14} aria-hidden="true" />
            {t('header.language')}
          </Group>
        </Menu.Label>
        {LANGUAGES.map((language) => (
          <Menu.Item
            key={language}
            lang={language}
            dir={directionOf(language)}
            onClick={() => change.mutate(language)}
            rightSection={language === current ? <IconCheck size={16} aria-hidden="true" /> : null}
            aria-current={language === current ? 'true' : undefined}
          >
            {t(`languages.${language}`)}
          </Menu.Item>
        ))}
        <Menu.Divider />
        <Menu.Item component={Link} to="/account/security" leftSection={<IconShieldLock size={16} aria-hidden="true" />}>
          {t('security.menu')}
        </Menu.Item>
        <Menu.Item component={Link} to={TWO_FACTOR_PATH} leftSection={<IconKey size={16} aria-hidden="true" />}>
          {t('twoFactor.menu')}
        </Menu.Item>
        <Menu.Item component={Link} to={NOTIFICATION_SETTINGS_PATH} leftSection={<IconBell size={16} aria-hidden="true" />}>
          {t('preferences.menu')}
        </Menu.Item>
        {/* Once the session is gone the auth guard takes the person to /login. */}
        <Menu.Item leftSection={<IconLogout size={16} aria-hidden="true" />} onClick={() => logout.mutate()}>
          {t('header.signOut')}
        </Menu.Item>
      </Menu.Dropdown>
    </Menu>
  );
}

/** The account's language wins once signed in: the same on every browser. */
function useAccountLanguage() {
  const { data: me } = useMe();
  const locale = me?.locale;
  useEffect(() => {
    if (isLanguage(locale) && locale !== currentLanguage()) void changeLanguage(locale);
  }, [locale]);
}

/**
 * A record's own page (an organization, a person, a visit) has its own "Log
 * interaction" button among its actions, prefilled from it, which answers
 * the L key there: the header's would be a second one.
 */
const RECORD_PAGE = /^\/(organizations|contacts|visits)\/\d+\/?$/;

/** Said under the header while the browser has no connection: what is on screen stays, new pages wait. */
function OfflineNotice() {
  const { t } = useTranslation();
  const online = useOnline();
  if (online) return null;
  return (
    <Alert color="orange" variant="light" icon={<IconWifiOff aria-hidden="true" />} title={t('shell.offlineTitle')} role="status" mb="md">
      {t('shell.offlineText')}
    </Alert>
  );
}

/** The signed-in frame: header with search, notifications and account menu, navigation, content. */
export function AppLayout() {
  return (
    <AppFrame>
      <TwoFactorGate />
    </AppFrame>
  );
}

/**
 * The frame around every signed-in page. A page that fails to load is shown
 * inside it too (RouteError), so the navigation and the account menu stay.
 */
export function AppFrame({ children }: { children: ReactNode }) {
  const { t } = useTranslation();
  const { data: me } = useMe();
  // Drawn now: the server's heading has done its part (src/serverDrawnShell.ts).
  useEffect(forgetServerDrawnShell, []);
  const [opened, { toggle, close }] = useDisclosure(false);
  // On a phone the navigation is off screen until the burger opens it: its
  // links are drawn when first wanted, not with the first page (fewer
  // elements in the longest task of a first visit). The breakpoint is the
  // navbar's (sm); read at once, so a wide screen draws it with the page.
  const wide = useMediaQuery('(min-width: 48em)', false, { getInitialValueInEffect: false });
  const [navWanted, setNavWanted] = useState(false);
  if (opened && !navWanted) setNavWanted(true);
  const drawNav = wide || navWanted;
  const location = useLocation();
  const navigation = useNavigation();
  useAccountLanguage();

  // On small screens the navigation is an overlay: close it once a link was followed.
  useEffect(close, [location.pathname, close]);

  const items = NAV_ITEMS.filter((item) => !item.allowed || item.allowed(me));
  const managed = ['/review', '/duplicates', '/retention', '/admin'];
  const main = items.filter((item) => !managed.includes(item.to));
  const management = items.filter((item) => managed.includes(item.to));

  const link = ({ to, label, icon: Icon, end }: NavItem) => (
    <NavLink
      key={to}
      component={RouterNavLink}
      to={to}
      end={end}
      {...prefetchOnIntent(to)}
      label={t(label)}
      leftSection={<Icon size={20} stroke={1.6} aria-hidden />}
      active={end ? location.pathname === to : location.pathname === to || location.pathname.startsWith(`${to}/`)}
      variant="light"
      style={{ borderRadius: 'var(--mantine-radius-md)' }}
      mb={4}
    />
  );

  return (
    <AppShell header={{ height: 60 }} navbar={{ width: 240, breakpoint: 'sm', collapsed: { mobile: !opened } }} padding={{ base: 'sm', sm: 'lg' }}>
      {/* A new page starts at the top; going back returns to where one was. */}
      <ScrollRestoration getKey={scrollKey} />
      <a href="#main-content" className={classes.skip}>
        {t('a11y.skipToContent')}
      </a>
      <AppShell.Header>
        {/*
          At 360 px wide everything still fits: the search and "Log interaction" become icons, the gaps
          narrow, and the brand gives way first, so the account menu is never pushed off the screen.
          Between the tablet and the laptop the account shows its initials only, leaving the bell room.
        */}
        <Group h="100%" px={{ base: 'xs', sm: 'md' }} justify="space-between" wrap="nowrap" gap="xs">
          <Group gap="xs" wrap="nowrap" miw={0} style={{ flexShrink: 1, overflow: 'hidden' }}>
            <Burger opened={opened} onClick={toggle} hiddenFrom="sm" size="sm" aria-label={t('header.toggleNavigation')} />
            <Logo />
          </Group>
          <Group gap="sm" wrap="nowrap" role="search" style={{ flexShrink: 0 }}>
            <GlobalSearch />
          </Group>
          <div className={layout.controls}>
            <OutboxStatus />
            {!RECORD_PAGE.test(location.pathname) && <LogInteractionButton />}
            <NotificationBell />
            <UserMenu />
          </div>
        </Group>
      </AppShell.Header>

      <AppShell.Navbar p="sm" component="nav" aria-label={t('nav.main')}>
        <AppShell.Section grow className={layout.navLinks}>
          {drawNav && main.map(link)}
          {drawNav && management.length > 0 && (
            <>
              <Divider my="sm" />
              {management.map(link)}
            </>
          )}
        </AppShell.Section>
      </AppShell.Navbar>

      <AppShell.Main id="main-content" tabIndex={-1} bg="var(--mantine-color-gray-0)">
        {navigation.state === 'loading' && (
          <Progress value={100} animated size="xs" radius={0} pos="fixed" top={60} left={0} right={0} style={{ zIndex: 200 }} aria-hidden />
        )}
        <OfflineNotice />
        {children}
      </AppShell.Main>
    </AppShell>
  );
}
