import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it } from 'vitest';
import i18n from '../../i18n';
import { contact, json, organization, signedInRoutes, stubApi, type SeenRequest } from '../../test/api';
import { renderWithProviders } from '../../test/render';
import { HistoryPanel } from './HistoryPanel';
import { compareRecords, humanSize, shapeOf, snakeCase } from './historyValues';

const event = (id: number, action: string, changes: Record<string, { old?: unknown; new?: unknown }>, extra: Record<string, unknown> = {}) => ({
  id,
  action,
  actor_id: 2,
  at: '2026-12-02T10:00:00Z',
  entity: 'contact',
  entity_id: 8,
  office_id: 1,
  request_id: '',
  changes,
  ...extra,
});

/** The names the panel asks for in one request per kind, by `id=`. */
function nameRoutes() {
  return {
    'GET /api/v1/organizations': (r: SeenRequest) =>
      json({
        items: [organization(5, 'Ministry of Security'), organization(6, 'Zenica Youth Council')].filter((o) => r.url.searchParams.getAll('id').join(',').split(',').includes(String(o.id))),
        next_cursor: null,
      }),
    'GET /api/v1/contacts': (r: SeenRequest) =>
      json({ items: [contact(8, 'Ali', 'Hasan'), contact(9, 'Amela', 'Kurtović')].filter((c) => r.url.searchParams.getAll('id').join(',').split(',').includes(String(c.id))), next_cursor: null }),
    'GET /api/v1/projects': json({ items: [], next_cursor: null }),
  };
}

describe('the shapes a recorded value comes in', () => {
  it.each([
    ['a missing value', null, { kind: 'empty' }],
    ['an empty text', '', { kind: 'empty' }],
    ['a scalar', 'held', { kind: 'scalar', value: 'held' }],
    ['a number', 4, { kind: 'scalar', value: 4 }],
    ['an array of scalars', ['sdg-5', 'pve'], { kind: 'list', items: ['sdg-5', 'pve'] }],
    ['an empty array', [], { kind: 'empty' }],
    ['an array as JSON text', '["ar","bs"]', { kind: 'list', items: ['ar', 'bs'] }],
    ['Go field names', [{ OrganizationID: 5, StartDate: '2024-01-01' }], { kind: 'records', items: [{ organization_id: 5, start_date: '2024-01-01' }] }],
    ['snake_case objects', [{ organization_id: 5, title: 'Adviser' }], { kind: 'records', items: [{ organization_id: 5, title: 'Adviser' }] }],
    ['one object', { contact_id: 8, role: 'host' }, { kind: 'records', items: [{ contact_id: 8, role: 'host' }] }],
  ])('reads %s', (_name, value, shape) => {
    expect(shapeOf(value)).toEqual(shape);
  });

  it('reads languages kept as comma-separated text as a list', () => {
    expect(shapeOf('ar,en', 'languages')).toEqual({ kind: 'list', items: ['ar', 'en'] });
    expect(shapeOf(['ar', 'en'], 'languages')).toEqual({ kind: 'list', items: ['ar', 'en'] });
  });

  it.each([
    ['OrganizationID', 'organization_id'],
    ['StartDate', 'start_date'],
    ['Primary', 'primary'],
    ['counterpart_contact_id', 'counterpart_contact_id'],
  ])('names %s as %s', (key, name) => expect(snakeCase(key)).toBe(name));

  it('tells who joined, who left and whose role changed', () => {
    const change = compareRecords(
      [
        { organization_id: 5, contact_id: null, role: 'participant' },
        { organization_id: null, contact_id: 8, role: 'participant' },
      ],
      [
        { organization_id: null, contact_id: 8, role: 'speaker' },
        { organization_id: null, contact_id: 9, role: 'host' },
      ],
    );
    expect(change.changed).toEqual([{ before: { organization_id: null, contact_id: 8, role: 'participant' }, after: { organization_id: null, contact_id: 8, role: 'speaker' } }]);
    expect(change.added).toEqual([{ organization_id: null, contact_id: 9, role: 'host' }]);
    expect(change.removed).toEqual([{ organization_id: 5, contact_id: null, role: 'participant' }]);
  });
});

describe('the history panel', { timeout: 30_000 }, () => {
  it('says who changed which field from what to what, with labels, values and names in the reader’s language', async () => {
    stubApi({
      ...signedInRoutes(),
      ...nameRoutes(),
      'GET /api/v1/audit': json({
        items: [
          event(12, 'update', {
            gender: { old: null, new: 'female' },
            restricted: { old: false, new: true },
            tags: { old: ['sdg-5'], new: ['sdg-5', 'pve'] },
            languages: { old: 'bs', new: 'ar,en' },
            // Older entries keep Go's field names; newer ones snake_case: both read alike.
            positions: {
              old: [{ OrganizationID: 5, Title: 'Adviser', StartDate: '2024-01-01', EndDate: null, Primary: true }],
              new: [
                { organization_id: 5, title: 'Adviser', start_date: '2024-01-01', end_date: '2026-11-30', primary: true },
                { organization_id: 6, title: 'Mentor', start_date: '2026-12-01', end_date: null, primary: false },
              ],
            },
          }),
          event(11, 'create', { given_name: { new: 'Ali' }, family_name: { new: 'Hasan' } }, { actor_id: 1 }),
        ],
        next_cursor: null,
      }),
    });
    renderWithProviders(<HistoryPanel entity="contact" id={8} />);
    const panel = await screen.findByRole('region', { name: 'History' });
    expect(await within(panel).findByText('Changed')).toBeInTheDocument();
    expect(within(panel).getByText(/Emina Kovač/)).toBeInTheDocument();
    // Field labels translated; an enumeration's value too.
    expect(within(panel).getByText('Gender')).toBeInTheDocument();
    expect(within(panel).getByText('Female')).toBeInTheDocument();
    expect(within(panel).getByText('Restricted')).toBeInTheDocument();
    // Tags by name, languages by name.
    expect(within(panel).getAllByText('SDG 5: Gender equality').length).toBeGreaterThan(0);
    expect(within(panel).getByText(/Arabic, English/)).toBeInTheDocument();
    // A position: the organization named (one request for every name on the page), its title and dates.
    expect(await within(panel).findByRole('link', { name: 'Zenica Youth Council' })).toHaveAttribute('href', '/organizations/6');
    expect(within(panel).getByText('Added')).toBeInTheDocument();
    // The ministry position was ended: named once, with its dates before and after.
    expect(within(panel).getAllByRole('link', { name: 'Ministry of Security' })).toHaveLength(1);
    // A creation's fields fold away until asked for.
    expect(within(panel).getByText('Created')).toBeInTheDocument();
    expect(within(panel).getByRole('button', { name: /Show what was set \(2 fields set\)/ })).toBeInTheDocument();
  });

  it('shows a participant’s new role, and a protected person as such', async () => {
    stubApi({
      ...signedInRoutes(),
      ...nameRoutes(),
      'GET /api/v1/audit': json({
        items: [
          event(
            30,
            'update',
            {
              participants: {
                old: [
                  { organization_id: 5, contact_id: null, role: 'participant' },
                  { organization_id: null, contact_id: 9, role: 'participant' },
                  { organization_id: null, contact_id: null, role: 'observer', restricted: true },
                ],
                new: [
                  { organization_id: 5, contact_id: null, role: 'participant' },
                  { organization_id: null, contact_id: 9, role: 'speaker' },
                ],
              },
            },
            { entity: 'interaction', entity_id: 40 },
          ),
        ],
        next_cursor: null,
      }),
    });
    renderWithProviders(<HistoryPanel entity="interaction" id={40} />);
    const panel = await screen.findByRole('region', { name: 'History' });
    expect(await within(panel).findByText('Participants')).toBeInTheDocument();
    expect(await within(panel).findByRole('link', { name: 'Amela Kurtović' })).toHaveAttribute('href', '/contacts/9');
    expect(within(panel).getByText('Speaker')).toBeInTheDocument();
    expect(within(panel).getByText('Removed')).toBeInTheDocument();
    expect(within(panel).getByText(/A protected person \(not shown to you\) · Observer/)).toBeInTheDocument();
    // Unchanged participants are not repeated.
    expect(within(panel).queryByRole('link', { name: 'Ministry of Security' })).toBeNull();
  });

  it('loads older changes a page at a time', async () => {
    const { requests } = stubApi({
      ...signedInRoutes(),
      ...nameRoutes(),
      'GET /api/v1/audit': (r: SeenRequest) =>
        r.url.searchParams.get('cursor')
          ? json({ items: [event(1, 'update', { city: { old: 'Zenica', new: 'Tuzla' } })], next_cursor: null })
          : json({ items: [event(2, 'update', { city: { old: 'Tuzla', new: 'Sarajevo' } })], next_cursor: 'older' }),
    });
    const user = userEvent.setup();
    renderWithProviders(<HistoryPanel entity="contact" id={8} />);
    const panel = await screen.findByRole('region', { name: 'History' });
    expect(await within(panel).findByText('Sarajevo')).toBeInTheDocument();
    expect(requests.find((r) => r.url.pathname === '/api/v1/audit')!.url.searchParams.get('entity')).toBe('contact');
    await user.click(within(panel).getByRole('button', { name: 'Show older changes' }));
    expect(await within(panel).findByText('Zenica')).toBeInTheDocument();
    await waitFor(() => expect(within(panel).queryByRole('button', { name: 'Show older changes' })).toBeNull());
  });

  it('names what happened to the record’s notes and documents, and an unknown kind by its code', async () => {
    stubApi({
      ...signedInRoutes(),
      ...nameRoutes(),
      'GET /api/v1/audit': json({
        items: [event(3, 'note_create', {}), event(2, 'document_delete', {}), event(1, 'something_new', {})],
        next_cursor: null,
      }),
    });
    renderWithProviders(<HistoryPanel entity="contact" id={8} />);
    const panel = await screen.findByRole('region', { name: 'History' });
    expect(await within(panel).findByText('Note added')).toBeInTheDocument();
    expect(within(panel).getByText('Document removed')).toBeInTheDocument();
    expect(within(panel).getByText('Other change (something_new)')).toBeInTheDocument();
    expect(within(panel).queryByText(/Other change \(note_create\)/)).toBeNull();
  });

  describe.each([
    {
      language: 'en',
      actions: { noteCreate: 'Note added', noteUpdate: 'Note edited', noteDelete: 'Note deleted', documentCreate: 'Document attached', documentDelete: 'Document removed' },
      labels: { body: 'Text', mentions: 'Mentioned', contentType: 'File type', size: 'Size', createdBy: 'Attached by', author: 'Author', name: 'Name' },
      size: /^12\.3 kB$/,
      none: 'none',
    },
    {
      language: 'ar',
      actions: { noteCreate: 'أُضيفت ملاحظة', noteUpdate: 'عُدّلت ملاحظة', noteDelete: 'حُذفت ملاحظة', documentCreate: 'أُرفقت وثيقة', documentDelete: 'أُزيلت وثيقة' },
      labels: { body: 'النص', mentions: 'المُشار إليهم', contentType: 'نوع الملف', size: 'الحجم', createdBy: 'أرفقها', author: 'الكاتب', name: 'الاسم' },
      // Arabic units, in whichever digits the Arabic locale writes.
      size: /^(12[.٫]3|١٢٫٣)\s*كيلوبايت$/,
      none: 'لا شيء',
    },
  ])('notes and documents, in $language', ({ language, actions, labels, size, none }) => {
    /** What the history lists under a field's label in one event. */
    function valueUnder(item: HTMLElement, label: string): string {
      const term = within(item).getByText(label, { selector: 'dt' });
      return term.nextElementSibling?.textContent?.replace(/[\u2066-\u2069]/g, '') ?? '';
    }
    /** The labels of all the fields one event lists. */
    const labelsOf = (item: HTMLElement) => [...item.querySelectorAll('dt')].map((dt) => dt.textContent);

    async function renderNotesAndDocuments() {
      await i18n.changeLanguage(language);
      stubApi({
        ...signedInRoutes(),
        ...nameRoutes(),
        'GET /api/v1/audit': json({
          items: [
            event(5, 'document_delete', {
              document_id: { old: 31 },
              name: { old: 'Wrong file.pdf' },
              content_type: { old: 'application/pdf' },
              size: { old: 812 },
              sha256: { old: 'c0ffee00c0ffee00c0ffee00c0ffee00c0ffee00c0ffee00c0ffee00c0ffee00' },
              created_by: { old: 2 },
            }),
            // The fields in the order the server writes them (alphabetical).
            event(4, 'document_create', {
              content_type: { new: 'application/pdf; charset=binary' },
              created_by: { new: 1 },
              document_id: { new: 30 },
              name: { new: 'Consent form.pdf' },
              sha256: { new: '5e1f00005e1f00005e1f00005e1f00005e1f00005e1f00005e1f00005e1f0000' },
              size: { new: 12_345 },
            }),
            event(3, 'note_delete', { note_id: { old: 8 }, author_id: { old: 2 } }),
            event(2, 'note_update', {
              note_id: { old: 7, new: 7 },
              body: { old: 'Met in Zenica.', new: 'Met in Zenica; @[Emina Kovač](user:2) follows up.' },
              mentions: { old: [2], new: [2] },
            }),
            event(1, 'note_create', {
              note_id: { new: 7 },
              body: { new: 'Met in Zenica.' },
              mentions: { new: [1, 2] },
            }),
            event(0, 'note_create', { note_id: { new: 6 }, body: { new: 'Call back.' }, mentions: { new: null } }),
          ],
          next_cursor: null,
        }),
      });
      renderWithProviders(<HistoryPanel entity="contact" id={8} />);
      const panel = await screen.findByRole('region', { name: language === 'en' ? 'History' : i18n.t('history.title') });
      await within(panel).findByText(actions.documentDelete);
      const items = within(panel).getAllByRole('listitem');
      // The people are named once the directory has come.
      await waitFor(() => expect(panel.textContent).toContain('Emina Kovač'));
      return { panel, items };
    }

    it('lists a note’s text and the people it mentions by name, under translated labels', async () => {
      const { items } = await renderNotesAndDocuments();
      const created = items[4]!;
      expect(within(created).getByText(actions.noteCreate)).toBeInTheDocument();
      expect(labelsOf(created)).toEqual([labels.body, labels.mentions]);
      expect(valueUnder(created, labels.body)).toBe('Met in Zenica.');
      expect(valueUnder(created, labels.mentions)).toMatch(/^Amina Hadžić.+Emina Kovač$/);
      // A note that mentions no one says nothing about mentions.
      expect(labelsOf(items[5]!)).toEqual([labels.body]);
    });

    it('lists of an edited note only what changed, its mentions as the note reads them', async () => {
      const { items } = await renderNotesAndDocuments();
      const edited = items[3]!;
      expect(within(edited).getByText(actions.noteUpdate)).toBeInTheDocument();
      // The note's id (7 → 7) and its unchanged mentions are not listed.
      expect(labelsOf(edited)).toEqual([labels.body]);
      expect(valueUnder(edited, labels.body)).toContain('Met in Zenica; @Emina Kovač follows up.');
      expect(edited.textContent).not.toMatch(/note.id|7 → 7|user:2/);
    });

    it('names who wrote a deleted note, as it was rather than as changed to nothing', async () => {
      const { items } = await renderNotesAndDocuments();
      const deleted = items[2]!;
      expect(within(deleted).getByText(actions.noteDelete)).toBeInTheDocument();
      expect(labelsOf(deleted)).toEqual([labels.author]);
      expect(valueUnder(deleted, labels.author)).toBe('Emina Kovač');
      expect(deleted.textContent).not.toContain(none);
    });

    it('describes a document by its name, file type, size in the reader’s units and who attached it; never its id or hash', async () => {
      const { items } = await renderNotesAndDocuments();
      const attached = items[1]!;
      expect(within(attached).getByText(actions.documentCreate)).toBeInTheDocument();
      expect(labelsOf(attached)).toEqual([labels.name, labels.contentType, labels.size, labels.createdBy]);
      expect(valueUnder(attached, labels.contentType)).toBe('application/pdf');
      expect(valueUnder(attached, labels.size)).toMatch(size);
      expect(valueUnder(attached, labels.createdBy)).toBe('Amina Hadžić');
      expect(attached.textContent).not.toMatch(/sha256|5e1f|document.id|created.by|content.type/i);

      const removed = items[0]!;
      expect(within(removed).getByText(actions.documentDelete)).toBeInTheDocument();
      expect(valueUnder(removed, labels.name)).toBe('Wrong file.pdf');
      expect(valueUnder(removed, labels.createdBy)).toBe('Emina Kovač');
      expect(removed.textContent).not.toMatch(/c0ffee|31/);
      expect(removed.textContent).not.toContain(none);
    });
  });

  it.each([
    [512, 'en', '512 bytes'],
    [1, 'en', '1 byte'],
    [12_345, 'en', '12.3 kB'],
    [4_150_000, 'en', '4.2 MB'],
    [12_345, 'bs', '12,3 kB'],
  ])('writes %d bytes in %s as %s', (bytes, locale, shown) => {
    expect(humanSize(bytes, locale)).toBe(shown);
  });

  it('says so when nothing was recorded', async () => {
    stubApi({ ...signedInRoutes(), ...nameRoutes(), 'GET /api/v1/audit': json({ items: [], next_cursor: null }) });
    renderWithProviders(<HistoryPanel entity="visit" id={3} />);
    expect(await screen.findByText('No changes recorded yet.')).toBeInTheDocument();
  });
});
