import { Anchor } from '@mantine/core';
import { useCallback, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { useCounterpartNames } from '../../hooks/commitments';
import { useProjects } from '../../hooks/projects';
import { useVisit } from '../../hooks/visits';
import { intlLocale } from '../../i18n';
import { MENTION_PATTERN } from '../notes/mentions';
import { useCountryOptions } from '../useCountryOptions';
import { useFormat } from '../useFormat';
import { useOfficeName, useTagName, useUserName } from '../useNames';
import { DATE, humanSize, referenceKind, TIMESTAMP } from './historyValues';

/** Where a field's value is translated, per kind of record: `status` of a visit is not `status` of a commitment. */
const ENUMS: Record<string, Partial<Record<string, string>>> = {
  kind: { interaction: 'interaction.kinds', visit: 'visit.kinds' },
  status: { interaction: 'interaction.statuses', visit: 'visit.statuses', commitment: 'commitment.statuses' },
  type: { organization: 'organization.types' },
  level: { organization: 'organization.levels' },
  gender: { contact: 'contact.genders' },
  consent_basis: { contact: 'contact.consent' },
  direction: { commitment: 'commitment.directions' },
  priority: { commitment: 'commitmentEdit.priorities' },
  role: { interaction: 'itineraryEditor.roles', visit: 'visit.roles' },
  side: { visit: 'visit.sides' },
};

/** A visit's title by id (one query per visit, shared with its page). */
function VisitTitle({ id }: { id: number }) {
  const visit = useVisit(id);
  return (
    <Anchor component={Link} to={`/visits/${id}`} size="sm">
      <bdi>{visit.data?.title ?? `#${id}`}</bdi>
    </Anchor>
  );
}

/**
 * How one recorded value reads to people: names for ids (organizations and
 * people of the whole page asked for in one request each), translated
 * enumerations, dates and times in the reader's language, tags and
 * languages by name. `organizations` and `contacts` are the ids the page of
 * history mentions.
 */
export function useHistoryText(entity: string, ids: { organizations: number[]; contacts: number[] }) {
  const { t, i18n } = useTranslation();
  const format = useFormat();
  const countries = useCountryOptions();
  const userName = useUserName();
  const officeName = useOfficeName();
  const tagName = useTagName();
  const projects = useProjects();
  const names = useCounterpartNames(
    [
      ...ids.organizations.map((id) => ({ counterpart_organization_id: id, counterpart_contact_id: null })),
      ...ids.contacts.map((id) => ({ counterpart_organization_id: null, counterpart_contact_id: id })),
    ],
  );

  const fieldLabel = useCallback(
    (field: string) => {
      const key = `history.fields.${field}`;
      return i18n.exists(key) ? t(key as 'history.fields.name') : field.replaceAll('_', ' ');
    },
    [t, i18n],
  );

  const scalar = useCallback(
    (field: string, value: string | number | boolean): ReactNode => {
      if (typeof value === 'boolean') return value ? t('common.yes') : t('common.no');
      const reference = referenceKind(field, entity);
      const id = Number(value);
      if (reference && Number.isInteger(id) && id > 0) {
        switch (reference) {
          case 'organization':
            return (
              <Anchor component={Link} to={`/organizations/${id}`} size="sm">
                <bdi>{names.organization(id) || `#${id}`}</bdi>
              </Anchor>
            );
          case 'contact':
            return (
              <Anchor component={Link} to={`/contacts/${id}`} size="sm">
                <bdi>{names.contact(id) || `#${id}`}</bdi>
              </Anchor>
            );
          case 'user':
            return <bdi>{userName(id) || `#${id}`}</bdi>;
          case 'office':
            return <bdi>{officeName(id) || `#${id}`}</bdi>;
          case 'project': {
            const project = projects.data?.find((p) => p.id === id);
            return <bdi>{project ? `${project.code} — ${project.name}` : `#${id}`}</bdi>;
          }
          case 'visit':
            return <VisitTitle id={id} />;
          case 'interaction':
            return (
              <Anchor component={Link} to={`/interactions/${id}`} size="sm">
                #{id}
              </Anchor>
            );
        }
      }
      if (field === 'size' && typeof value === 'number') return humanSize(value, intlLocale(i18n.resolvedLanguage ?? 'en', 'dates'));
      const text = String(value);
      // A file's type without its parameters: "text/csv", not "text/csv; charset=utf-8".
      if (field === 'content_type') return <bdi>{text.split(';')[0]!.trim()}</bdi>;
      // A note's mentions as the note shows them: @Name, not the token it keeps.
      if (field === 'body') return <bdi>{text.replace(MENTION_PATTERN, '@$1')}</bdi>;
      if (field === 'tags') return <bdi>{tagName(text)}</bdi>;
      if (field === 'languages') return format.language(text);
      if (field.endsWith('country_code')) return countries.nameOf(text) || text;
      const translated = ENUMS[field]?.[entity];
      if (translated && i18n.exists(`${translated}.${text}`)) return t(`${translated}.${text}` as 'interaction.kinds.meeting');
      if (DATE.test(text)) return format.date(text);
      if (TIMESTAMP.test(text)) return format.dateTime(text);
      return <bdi>{text}</bdi>;
    },
    [entity, names, userName, officeName, projects.data, tagName, format, countries, t, i18n],
  );

  return { fieldLabel, scalar };
}
