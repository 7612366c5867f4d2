import { DirectionProvider, MantineProvider, useDirection } from '@mantine/core';
import { Notifications } from '@mantine/notifications';
import { QueryClientProvider, type QueryClient } from '@tanstack/react-query';
import { useEffect, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { applyDocumentLanguage, directionOf } from './i18n';
import { cssVariablesResolver, theme } from './theme';

/** Keeps <html lang dir> and Mantine's direction in step with the UI language. */
function LanguageSync() {
  const { i18n } = useTranslation();
  const { setDirection } = useDirection();
  const language = i18n.resolvedLanguage ?? i18n.language;
  useEffect(() => {
    applyDocumentLanguage(language);
    setDirection(directionOf(language));
  }, [language, setDirection]);
  return null;
}

export function AppProviders({
  queryClient,
  children,
  env = 'default',
}: {
  queryClient: QueryClient;
  children: ReactNode;
  /** 'test' turns off Mantine's transitions and portals for jsdom. */
  env?: 'default' | 'test';
}) {
  const { i18n } = useTranslation();
  return (
    <QueryClientProvider client={queryClient}>
      <DirectionProvider initialDirection={directionOf(i18n.language)} detectDirection>
        <MantineProvider theme={theme} cssVariablesResolver={cssVariablesResolver} defaultColorScheme="light" env={env}>
          <LanguageSync />
          <Notifications position="top-center" limit={3} />
          {children}
        </MantineProvider>
      </DirectionProvider>
    </QueryClientProvider>
  );
}
