import { useCallback } from 'react';
import { useTranslation } from 'react-i18next';
import { useOffices } from '../hooks/offices';
import { useTags } from '../hooks/tags';
import { useUserDirectory } from '../hooks/users';

const SDG = /^sdg-(\d{1,2})$/;

/**
 * The theme tags the app ships with (the demo and the seeder create them), by
 * slug, with the English name they are created under. While a tag still has
 * that name it is shown in the UI language; once someone renames it, the
 * name they gave wins.
 */
export const THEME_TAGS: Readonly<Record<string, string>> = {
  pve: 'Preventing violent extremism',
  gender: 'Gender-inclusive approaches',
  'local-national-coordination': 'Local–national coordination',
  'civil-society': 'Civil society',
  youth: 'Youth',
  migration: 'Migration and displacement',
  'social-cohesion': 'Social cohesion',
  protection: 'Protection',
  livelihoods: 'Livelihoods',
  climate: 'Climate and environment',
};

/**
 * A tag's name for people: the 17 SDGs are translated here ("SDG 5: Gender
 * equality" in every language), and so are the built-in theme tags; other
 * tags keep the name they were given.
 */
export function useTagName() {
  const { t } = useTranslation();
  const tags = useTags();
  return useCallback(
    (slug: string) => {
      const sdg = SDG.exec(slug);
      if (sdg && Number(sdg[1]) >= 1 && Number(sdg[1]) <= 17) {
        return t('tags.sdgName', { number: Number(sdg[1]), name: t(`sdgs.${sdg[1]}` as 'sdgs.1') });
      }
      const stored = tags.data?.find((tag) => tag.slug === slug)?.name;
      const builtIn = Object.hasOwn(THEME_TAGS, slug) ? THEME_TAGS[slug] : undefined;
      if (builtIn && (stored === undefined || stored === builtIn)) return t(`themeTags.${slug}` as 'themeTags.pve');
      return stored ?? slug;
    },
    [t, tags.data],
  );
}

/** A user's display name by id ('' while unknown). */
export function useUserName() {
  const users = useUserDirectory();
  return useCallback(
    (id: number | null | undefined) => {
      if (!id) return '';
      const user = users.data?.find((u) => u.id === id);
      return user ? user.name || user.email : '';
    },
    [users.data],
  );
}

export function useOfficeName() {
  const offices = useOffices();
  return useCallback((id: number | null | undefined) => (id ? (offices.data?.find((o) => o.id === id)?.name ?? '') : ''), [offices.data]);
}
