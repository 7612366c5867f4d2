import { Center, Loader, VisuallyHidden } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { serverDrawnShell } from '../serverDrawnShell';

/**
 * Shown while a route's code or the session check is on its way. Full
 * screen, at the app's start, it is the page's heading the server drew
 * (src/serverDrawnShell.ts) when there is one, with the loading status for
 * assistive technology.
 */
export function PageLoader({ fullScreen = false }: { fullScreen?: boolean }) {
  const { t } = useTranslation();
  const drawn = fullScreen ? serverDrawnShell() : undefined;
  if (drawn) {
    return (
      <>
        <VisuallyHidden role="status" aria-live="polite">
          {t('common.loading')}
        </VisuallyHidden>
        {/* The server's own markup, as the browser parsed it from index.html (the user's name in it escaped there). */}
        <div dangerouslySetInnerHTML={{ __html: drawn }} />
      </>
    );
  }
  return (
    <Center mih={fullScreen ? '100dvh' : 240} role="status" aria-live="polite">
      <Loader aria-label={t('common.loading')} />
    </Center>
  );
}
