import { Button, Group, Modal, Select, SimpleGrid, Stack, Text, TextInput, type SelectProps } from '@mantine/core';
import { useDebouncedValue } from '@mantine/hooks';
import { IconBuilding, IconPlus, IconUser } from '@tabler/icons-react';
import { useEffect, useMemo, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { typeOptions } from '../organizationOptions';
import { CountrySelect } from '../pickers';
import { FormAlert } from '../FormParts';
import { useCreateContact, type Contact } from '../../hooks/contacts';
import { useCreateOrganization, type Organization, type OrganizationType } from '../../hooks/organizations';
import { usePeopleSearch, type PeopleMatches } from '../../hooks/search';
import { errorMessage } from '../../i18n/errorMessage';
import { formErrors } from '../../i18n/serverMessages';

/** Someone picked to take part: an organization or a person, with what is known of them. */
export interface Party {
  kind: 'organization' | 'contact';
  id: number;
  name: string;
  country_code: string | null;
  /** The organization's type (ministry, donor …), to guess a side and role. */
  type?: OrganizationType;
}

export const partyKey = (p: { organization_id?: number | null; contact_id?: number | null }) =>
  p.organization_id ? `o:${p.organization_id}` : `c:${p.contact_id ?? 0}`;

/** A picked party as a participant row names it (by organization or contact id), with its name. */
export const partyRow = (p: Party) => ({ ...(p.kind === 'organization' ? { organization_id: p.id } : { contact_id: p.id }), name: p.name });

export function organizationParty(o: Organization): Party {
  return { kind: 'organization', id: o.id, name: o.acronym ? `${o.name} (${o.acronym})` : o.name, country_code: o.country_code ?? null, type: o.type };
}

export function contactParty(c: Contact): Party {
  const name = c.full_name || [c.given_name, c.family_name].filter(Boolean).join(' ') || c.name_local;
  return { kind: 'contact', id: c.id, name, country_code: c.country_code ?? null };
}

type Option = { value: string; label: string };
type Group = { group: string; items: Option[] };

/**
 * The picker's choices: organizations and contacts in their own groups,
 * already chosen ones left out, then "Create …" for what was typed.
 */
export function pickerGroups(
  matches: PeopleMatches | undefined,
  chosen: ReadonlySet<string>,
  labels: { organizations: string; contacts: string; create: string; createOrganization: string; createContact: string },
): Group[] {
  const organizations = (matches?.organizations ?? [])
    .filter((o) => !chosen.has(`o:${o.id}`))
    .map((o) => ({ value: `o:${o.id}`, label: organizationParty(o).name }));
  const contacts = (matches?.contacts ?? []).filter((c) => !chosen.has(`c:${c.id}`)).map((c) => ({ value: `c:${c.id}`, label: contactParty(c).name }));
  const groups: Group[] = [];
  if (organizations.length) groups.push({ group: labels.organizations, items: organizations });
  if (contacts.length) groups.push({ group: labels.contacts, items: contacts });
  groups.push({
    group: labels.create,
    items: [
      { value: 'new:organization', label: labels.createOrganization },
      { value: 'new:contact', label: labels.createContact },
    ],
  });
  return groups;
}

/**
 * One box to find who took part: typing searches organizations and contacts
 * together; what is not there yet is created in a small dialog and picked.
 * Everything works from the keyboard (arrows, Enter, Escape).
 */
export function ParticipantPicker({
  onPick,
  chosen,
  defaultCountry,
  ...props
}: Omit<SelectProps, 'data' | 'value' | 'onChange'> & {
  onPick: (party: Party) => void;
  /** Keys (`o:12`, `c:7`) already taken, left out of the choices. */
  chosen: ReadonlySet<string>;
  /** Country given to what is created here unless changed. */
  defaultCountry?: string | null;
}) {
  const { t } = useTranslation();
  const [search, setSearch] = useState('');
  const [focused, setFocused] = useState(false);
  const [creating, setCreating] = useState<{ kind: Party['kind']; name: string } | null>(null);
  const [term] = useDebouncedValue(search, 250);
  const matches = usePeopleSearch(term, focused);
  const typed = search.trim();

  const data = useMemo(
    () =>
      pickerGroups(matches.data, chosen, {
        organizations: t('participantPicker.organizations'),
        contacts: t('participantPicker.contacts'),
        create: t('participantPicker.createGroup'),
        createOrganization: typed ? t('participantPicker.createOrganizationNamed', { name: typed }) : t('participantPicker.createOrganization'),
        createContact: typed ? t('participantPicker.createContactNamed', { name: typed }) : t('participantPicker.createContact'),
      }),
    [matches.data, typed, chosen, t],
  );
  const byValue = useMemo(() => {
    const map = new Map<string, Party>();
    for (const o of matches.data?.organizations ?? []) map.set(`o:${o.id}`, organizationParty(o));
    for (const c of matches.data?.contacts ?? []) map.set(`c:${c.id}`, contactParty(c));
    return map;
  }, [matches.data]);

  return (
    <>
      <Select
        {...props}
        data={data}
        value={null}
        onChange={(value) => {
          if (!value) return;
          if (value === 'new:organization' || value === 'new:contact') {
            setCreating({ kind: value === 'new:organization' ? 'organization' : 'contact', name: typed });
          } else {
            const party = byValue.get(value);
            if (party) onPick(party);
          }
          setSearch('');
        }}
        searchable
        // When nothing matches, the options are "create …": Enter must not create one unasked.
        selectFirstOptionOnChange={false}
        // Focus comes back here after each pick and after the "create" dialog: the list opens on typing, not on focus.
        openOnFocus={false}
        searchValue={search}
        onSearchChange={setSearch}
        onFocus={(e) => {
          setFocused(true);
          props.onFocus?.(e);
        }}
        filter={({ options }) => options}
        nothingFoundMessage={matches.isFetching ? t('common.loading') : t('participantPicker.nothing')}
        placeholder={props.placeholder ?? t('participantPicker.placeholder')}
        renderOption={({ option }) => {
          const party = byValue.get(option.value);
          const Icon = option.value.startsWith('new:') ? IconPlus : option.value.startsWith('o:') ? IconBuilding : IconUser;
          return (
            <Group gap={8} wrap="nowrap">
              <Icon size={16} aria-hidden="true" style={{ flexShrink: 0 }} />
              <Text size="sm">
                <bdi>{party?.name ?? option.label}</bdi>
              </Text>
            </Group>
          );
        }}
      />
      <CreatePartyModal
        request={creating}
        defaultCountry={defaultCountry ?? null}
        onClose={() => setCreating(null)}
        onCreated={(party) => {
          setCreating(null);
          onPick(party);
        }}
      />
    </>
  );
}

/** Splits a typed name into given and family name at the last space ("Ali Abdullah" → Ali, Abdullah). */
export function splitName(name: string): { given: string; family: string } {
  const words = name.trim().split(/\s+/).filter(Boolean);
  if (words.length < 2) return { given: words[0] ?? '', family: '' };
  return { given: words.slice(0, -1).join(' '), family: words[words.length - 1]! };
}

/** A new organization or contact with the few fields needed to find it again; the rest is filled in later on its own page. */
function CreatePartyModal({
  request,
  defaultCountry,
  onClose,
  onCreated,
}: {
  request: { kind: Party['kind']; name: string } | null;
  defaultCountry: string | null;
  onClose: () => void;
  onCreated: (party: Party) => void;
}) {
  const { t } = useTranslation();
  const title = request?.kind === 'contact' ? t('participantPicker.newContactTitle') : t('participantPicker.newOrganizationTitle');
  return (
    <Modal opened={request !== null} onClose={onClose} title={title} closeButtonProps={{ 'aria-label': t('common.close') }}>
      {request?.kind === 'organization' && <NewOrganization name={request.name} defaultCountry={defaultCountry} onCancel={onClose} onCreated={onCreated} />}
      {request?.kind === 'contact' && <NewContact name={request.name} defaultCountry={defaultCountry} onCancel={onClose} onCreated={onCreated} />}
    </Modal>
  );
}

function useServerErrors(error: unknown, fields: readonly string[]) {
  const { t } = useTranslation();
  const { fieldErrors, otherErrors } = formErrors(error, t, fields);
  const general = !error ? [] : otherErrors.length ? otherErrors : Object.keys(fieldErrors).length ? [] : [errorMessage(error, t)];
  return { fieldErrors, general };
}

function NewOrganization({
  name: initialName,
  defaultCountry,
  onCancel,
  onCreated,
}: {
  name: string;
  defaultCountry: string | null;
  onCancel: () => void;
  onCreated: (party: Party) => void;
}) {
  const { t } = useTranslation();
  const create = useCreateOrganization();
  const [name, setName] = useState(initialName);
  const [type, setType] = useState<string | null>(null);
  const [country, setCountry] = useState<string | null>(defaultCountry);
  const [local, setLocal] = useState<Record<string, string>>({});
  const server = useServerErrors(create.error, ['name', 'type', 'country_code']);
  useEffect(() => setLocal({}), [name, type]);

  const submit = (e: FormEvent) => {
    e.preventDefault();
    e.stopPropagation();
    const problems: Record<string, string> = {};
    if (!name.trim()) problems.name = t('organization.form.nameRequired');
    if (!type) problems.type = t('organization.form.typeRequired');
    setLocal(problems);
    if (Object.keys(problems).length) return;
    create.mutate(
      { name: name.trim(), type: type as OrganizationType, ...(country ? { country_code: country } : {}) },
      { onSuccess: (o) => onCreated(organizationParty(o)) },
    );
  };
  return (
    <form onSubmit={submit} noValidate>
      <Stack gap="sm">
        <Text size="sm" c="dimmed">
          {t('participantPicker.newHint')}
        </Text>
        <FormAlert title={t('participantPicker.createFailed')} messages={server.general} />
        <TextInput
          label={t('organization.fields.name')}
          value={name}
          onChange={(e) => setName(e.currentTarget.value)}
          error={local.name ?? server.fieldErrors.name}
          required
          data-autofocus
        />
        <SimpleGrid cols={{ base: 1, sm: 2 }}>
          <Select
            label={t('organization.fields.type')}
            data={typeOptions(t)}
            value={type}
            onChange={setType}
            searchable
            required
            error={local.type ?? server.fieldErrors.type}
          />
          <CountrySelect label={t('organization.fields.country')} value={country} onChange={setCountry} error={server.fieldErrors.country_code} />
        </SimpleGrid>
        <Group justify="flex-end" gap="sm">
          <Button variant="default" onClick={onCancel}>
            {t('common.cancel')}
          </Button>
          <Button type="submit" loading={create.isPending}>
            {t('participantPicker.createAndAdd')}
          </Button>
        </Group>
      </Stack>
    </form>
  );
}

function NewContact({
  name,
  defaultCountry,
  onCancel,
  onCreated,
}: {
  name: string;
  defaultCountry: string | null;
  onCancel: () => void;
  onCreated: (party: Party) => void;
}) {
  const { t } = useTranslation();
  const create = useCreateContact();
  const [split] = useState(() => splitName(name));
  const [given, setGiven] = useState(split.given);
  const [family, setFamily] = useState(split.family);
  const [nameLocal, setNameLocal] = useState('');
  const [country, setCountry] = useState<string | null>(defaultCountry);
  const [missing, setMissing] = useState(false);
  const server = useServerErrors(create.error, ['given_name', 'family_name', 'name_local', 'country_code']);

  const submit = (e: FormEvent) => {
    e.preventDefault();
    e.stopPropagation();
    if (!given.trim() && !family.trim() && !nameLocal.trim()) {
      setMissing(true);
      return;
    }
    create.mutate(
      {
        given_name: given.trim(),
        family_name: family.trim(),
        name_local: nameLocal.trim(),
        ...(country ? { country_code: country } : {}),
      },
      { onSuccess: (c) => onCreated(contactParty(c)) },
    );
  };
  const nameError = missing ? t('serverErrors.contactName') : undefined;
  return (
    <form onSubmit={submit} noValidate>
      <Stack gap="sm">
        <Text size="sm" c="dimmed">
          {t('participantPicker.newHint')}
        </Text>
        <FormAlert title={t('participantPicker.createFailed')} messages={server.general} />
        <SimpleGrid cols={{ base: 1, sm: 2 }}>
          <TextInput
            label={t('contact.fields.givenName')}
            value={given}
            onChange={(e) => {
              setGiven(e.currentTarget.value);
              setMissing(false);
            }}
            error={nameError ?? server.fieldErrors.given_name}
            data-autofocus
          />
          <TextInput
            label={t('contact.fields.familyName')}
            value={family}
            onChange={(e) => {
              setFamily(e.currentTarget.value);
              setMissing(false);
            }}
            error={server.fieldErrors.family_name}
          />
        </SimpleGrid>
        <TextInput
          label={t('contact.fields.nameLocal')}
          value={nameLocal}
          dir="auto"
          onChange={(e) => {
            setNameLocal(e.currentTarget.value);
            setMissing(false);
          }}
          error={server.fieldErrors.name_local}
        />
        <CountrySelect label={t('contact.fields.country')} value={country} onChange={setCountry} error={server.fieldErrors.country_code} />
        <Group justify="flex-end" gap="sm">
          <Button variant="default" onClick={onCancel}>
            {t('common.cancel')}
          </Button>
          <Button type="submit" loading={create.isPending}>
            {t('participantPicker.createAndAdd')}
          </Button>
        </Group>
      </Stack>
    </form>
  );
}
