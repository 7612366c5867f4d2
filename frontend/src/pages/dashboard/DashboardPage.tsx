import { Button, Card, Group, SimpleGrid, Stack, Text, ThemeIcon, Title } from '@mantine/core';
import { IconArrowLeft, IconArrowRight, IconBuildingCommunity } from '@tabler/icons-react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { PageHeader } from '../../components/PageHeader';
import { useMe } from '../../hooks/auth';
import { directionOf } from '../../i18n';

export function DashboardPage() {
  const { t, i18n } = useTranslation();
  const { data: me } = useMe();
  const Arrow = directionOf(i18n.language) === 'rtl' ? IconArrowLeft : IconArrowRight;
  return (
    <>
      <PageHeader title={t('dashboard.welcome', { name: me?.name || me?.email || '' })} description={t('dashboard.intro')} />
      <SimpleGrid cols={{ base: 1, sm: 2, lg: 3 }}>
        <Card withBorder radius="lg" padding="lg">
          <Stack gap="sm" h="100%">
            <Group gap="sm">
              <ThemeIcon variant="light" size="lg" radius="md">
                <IconBuildingCommunity size={20} aria-hidden="true" />
              </ThemeIcon>
              <Title order={2} size="h4">
                {t('dashboard.organizationsTitle')}
              </Title>
            </Group>
            <Text c="dimmed" size="sm" style={{ flex: 1 }}>
              {t('dashboard.organizationsText')}
            </Text>
            <Group>
              <Button component={Link} to="/organizations" variant="light" rightSection={<Arrow size={16} aria-hidden="true" />}>
                {t('dashboard.organizationsAction')}
              </Button>
            </Group>
          </Stack>
        </Card>
      </SimpleGrid>
    </>
  );
}
