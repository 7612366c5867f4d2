import { Button, Group, Paper, Select, SimpleGrid, Stack, Text, TextInput, type SelectProps } from '@mantine/core';
import { useDebouncedValue } from '@mantine/hooks';
import { IconBuilding, IconPlus, IconUser } from '@tabler/icons-react';
import { useMemo, useRef, useState, type KeyboardEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { useCreateContact, type Contact } from '../../hooks/contacts';
import { DuplicateWarning } from '../duplicates/DuplicateWarning';
import { useOrganization, type Organization } from '../../hooks/organizations';
import { usePeopleSearch, type PeopleMatches } from '../../hooks/search';
import { errorMessage } from '../../i18n/errorMessage';
import { formErrors } from '../../i18n/serverMessages';
import { FormAlert } from '../FormParts';
import { OrganizationPicker } from '../pickers';
import { splitName } from '../visit/ParticipantPicker';

/** Someone picked in the quick log: an organization, or a person with the organization they work for. */
export interface PickedParty {
  organization_id?: number;
  contact_id?: number;
  name: string;
  /** A person's current organization, shown beside their name. */
  employer_id?: number | null;
}

export const partyKeyOf = (p: { organization_id?: number | null; contact_id?: number | null }) =>
  p.organization_id ? `o:${p.organization_id}` : `c:${p.contact_id ?? 0}`;

export function organizationLabel(o: Pick<Organization, 'name' | 'acronym'>) {
  return o.acronym ? `${o.name} (${o.acronym})` : o.name;
}

export function contactLabel(c: Pick<Contact, 'full_name' | 'given_name' | 'family_name' | 'name_local'>) {
  return c.full_name || [c.given_name, c.family_name].filter(Boolean).join(' ') || c.name_local;
}

/** The organization a person works for now: the primary current position, else the first current one. */
export function employerOf(c: Pick<Contact, 'positions'>): number | null {
  const current = (c.positions ?? []).filter((p) => !p.end_date);
  return (current.find((p) => p.primary) ?? current[0])?.organization_id ?? null;
}

/** The picker's groups: organizations, then people, then "create person …" for what was typed. */
export function partyGroups(
  matches: PeopleMatches | undefined,
  chosen: ReadonlySet<string>,
  labels: { organizations: string; people: string; create: string; createPerson: string },
  typed: string,
) {
  const organizations = (matches?.organizations ?? []).filter((o) => !chosen.has(`o:${o.id}`)).map((o) => ({ value: `o:${o.id}`, label: organizationLabel(o) }));
  const people = (matches?.contacts ?? []).filter((c) => !chosen.has(`c:${c.id}`)).map((c) => ({ value: `c:${c.id}`, label: contactLabel(c) }));
  const groups: { group: string; items: { value: string; label: string }[] }[] = [];
  if (organizations.length) groups.push({ group: labels.organizations, items: organizations });
  if (people.length) groups.push({ group: labels.people, items: people });
  if (typed) groups.push({ group: labels.create, items: [{ value: 'new:contact', label: labels.createPerson }] });
  return groups;
}

/** An organization's name by id, for a person's line ("Ali Hasan · Ministry of Security"). */
export function OrganizationNameOf({ id }: { id: number | null | undefined }) {
  const organization = useOrganization(id ?? null);
  if (!id || !organization.data) return null;
  return <bdi>{organizationLabel(organization.data)}</bdi>;
}

/**
 * One box for who took part: typing searches organizations and people
 * together (the server folds case, accents and Arabic letter forms), grouped
 * and with each person's organization. Enter picks the first match; a
 * person who is not there yet is created in place, with the meeting's
 * organization as theirs.
 */
export function PartyPicker({
  onPick,
  chosen,
  defaultOrganization,
  ...props
}: Omit<SelectProps, 'data' | 'value' | 'onChange'> & {
  onPick: (party: PickedParty) => void;
  chosen: ReadonlySet<string>;
  /** The organization a new person is given unless changed. */
  defaultOrganization: number | null;
}) {
  const { t } = useTranslation();
  const [search, setSearch] = useState('');
  const [focused, setFocused] = useState(false);
  const [creating, setCreating] = useState<string | null>(null);
  const [term] = useDebouncedValue(search, 200);
  const matches = usePeopleSearch(term, focused);
  const typed = search.trim();
  const input = useRef<HTMLInputElement>(null);
  // Results for an older term are not offered for Enter while a new search runs.
  const current = term === search;

  const data = useMemo(
    () =>
      partyGroups(
        current ? matches.data : undefined,
        chosen,
        {
          organizations: t('participantPicker.organizations'),
          people: t('participantPicker.contacts'),
          create: t('participantPicker.createGroup'),
          createPerson: t('participantPicker.createContactNamed', { name: typed }),
        },
        typed,
      ),
    [matches.data, chosen, t, typed, current],
  );
  const byValue = useMemo(() => {
    const map = new Map<string, PickedParty>();
    for (const o of matches.data?.organizations ?? []) map.set(`o:${o.id}`, { organization_id: o.id, name: organizationLabel(o) });
    for (const c of matches.data?.contacts ?? []) map.set(`c:${c.id}`, { contact_id: c.id, name: contactLabel(c), employer_id: employerOf(c) });
    return map;
  }, [matches.data]);

  return (
    <Stack gap="xs">
      <Select
        {...props}
        ref={input}
        data={data}
        value={null}
        onChange={(value) => {
          if (!value) return;
          if (value === 'new:contact') setCreating(typed);
          else {
            const party = byValue.get(value);
            if (party) onPick(party);
          }
          setSearch('');
        }}
        searchable
        selectFirstOptionOnChange
        openOnFocus={false}
        searchValue={search}
        onSearchChange={setSearch}
        onFocus={(e) => {
          setFocused(true);
          props.onFocus?.(e);
        }}
        filter={({ options }) => options}
        nothingFoundMessage={matches.isError ? errorMessage(matches.error, t) : matches.isFetching || !current ? t('common.loading') : t('participantPicker.nothing')}
        placeholder={props.placeholder ?? t('participantPicker.placeholder')}
        renderOption={({ option }) => {
          const party = byValue.get(option.value);
          const Icon = option.value.startsWith('new:') ? IconPlus : option.value.startsWith('o:') ? IconBuilding : IconUser;
          return (
            <Group gap={8} wrap="nowrap">
              <Icon size={16} aria-hidden="true" style={{ flexShrink: 0 }} />
              <div>
                <Text size="sm">
                  <bdi>{party?.name ?? option.label}</bdi>
                </Text>
                {party?.employer_id ? (
                  <Text size="xs" c="dimmed">
                    <OrganizationNameOf id={party.employer_id} />
                  </Text>
                ) : null}
              </div>
            </Group>
          );
        }}
      />
      {creating !== null && (
        <NewPerson
          name={creating}
          defaultOrganization={defaultOrganization}
          onCancel={() => {
            setCreating(null);
            input.current?.focus();
          }}
          onCreated={(party) => {
            setCreating(null);
            onPick(party);
            input.current?.focus();
          }}
        />
      )}
    </Stack>
  );
}

/**
 * A new person with just enough to find them again: given and family name
 * and their organization. Not a form of its own (it sits inside the log's
 * form): Enter in a box creates, Escape cancels.
 */
function NewPerson({
  name,
  defaultOrganization,
  onCancel,
  onCreated,
}: {
  name: string;
  defaultOrganization: number | null;
  onCancel: () => void;
  onCreated: (party: PickedParty) => void;
}) {
  const { t } = useTranslation();
  const create = useCreateContact();
  const [split] = useState(() => splitName(name));
  const [given, setGiven] = useState(split.given);
  const [family, setFamily] = useState(split.family);
  const [organization, setOrganization] = useState<number | null>(defaultOrganization);
  const [missing, setMissing] = useState(false);
  const { fieldErrors, otherErrors } = formErrors(create.error, t, ['given_name', 'family_name', 'positions']);
  const general = !create.error ? [] : otherErrors.length ? otherErrors : Object.keys(fieldErrors).length ? [] : [errorMessage(create.error, t)];

  const submit = () => {
    if (!given.trim() && !family.trim()) {
      setMissing(true);
      return;
    }
    create.mutate(
      {
        given_name: given.trim(),
        family_name: family.trim(),
        ...(organization ? { positions: [{ organization_id: organization, primary: true }] } : {}),
      },
      { onSuccess: (c) => onCreated({ contact_id: c.id, name: contactLabel(c), employer_id: employerOf(c) }) },
    );
  };
  const keys = (e: KeyboardEvent) => {
    // Enter and Escape in the organization box's open list belong to that list.
    if ((e.target as HTMLElement).getAttribute('aria-expanded') === 'true') return;
    if (e.key === 'Enter' && !e.nativeEvent.isComposing) {
      e.preventDefault();
      e.stopPropagation();
      submit();
    } else if (e.key === 'Escape') {
      e.stopPropagation();
      onCancel();
    }
  };
  return (
    <Paper withBorder radius="md" p="sm" role="group" aria-label={t('participantPicker.newContactTitle')} onKeyDown={keys}>
      <Stack gap="xs">
        <Text size="sm" fw={600}>
          {t('participantPicker.newContactTitle')}
        </Text>
        <FormAlert title={t('participantPicker.createFailed')} messages={general} />
        <SimpleGrid cols={{ base: 1, xs: 2 }} spacing="xs">
          <TextInput
            label={t('contact.fields.givenName')}
            value={given}
            dir="auto"
            onChange={(e) => {
              setGiven(e.currentTarget.value);
              setMissing(false);
            }}
            error={missing ? t('serverErrors.contactName') : fieldErrors.given_name}
            data-autofocus
            autoFocus
          />
          <TextInput
            label={t('contact.fields.familyName')}
            value={family}
            dir="auto"
            onChange={(e) => {
              setFamily(e.currentTarget.value);
              setMissing(false);
            }}
            error={fieldErrors.family_name}
          />
        </SimpleGrid>
        <DuplicateWarning kind="contacts" probe={{ given_name: given, family_name: family }} />
        <OrganizationPicker
          label={t('contact.fields.organization')}
          value={organization}
          onChange={(id) => setOrganization(id)}
          error={fieldErrors.positions}
        />
        <Group justify="flex-end" gap="xs">
          <Button variant="default" size="xs" onClick={onCancel}>
            {t('common.cancel')}
          </Button>
          <Button size="xs" onClick={submit} loading={create.isPending}>
            {t('participantPicker.createAndAdd')}
          </Button>
        </Group>
      </Stack>
    </Paper>
  );
}
