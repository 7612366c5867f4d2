import { screen, within } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { contact, json, signedInRoutes, stubApi } from '../../test/api';
import { renderApp } from '../../test/render';

const amra = contact(8, 'Amra', 'Hodžić', { email: 'amra@example.org', consent_basis: 'consent', consent_date: '2025-03-01', consent_source: 'signed form, Zenica workshop', consent_withdrawn_at: null });

const exported = {
  exported_at: '2026-12-01T10:00:00Z',
  contact: amra,
  participations: [
    { entity: 'interaction', id: 40, title: 'Debrief on the youth programme', when: '2026-10-05T09:00:00Z', role: 'speaker', archived: false },
    { entity: 'visit', id: 5, title: 'Study visit to Vienna', when: '2026-06-10', role: 'delegate', side: 'visiting', archived: true },
  ],
  commitments: [],
  notes: [{ id: 3, entity: 'contact', entity_id: 8, author_id: 1, body: 'Prefers calls in the morning.', mentions: [], created_at: '2026-11-02T10:00:00Z', updated_at: '2026-11-02T10:00:00Z', version: 1 }],
  documents: [],
  history: [
    { id: 70, at: '2026-11-20T10:00:00Z', actor_id: 1, action: 'create', entity: 'contact', entity_id: 8, office_id: 1, changes: { given_name: { old: null, new: 'Amra' } }, request_id: 'r1' },
    { id: 71, at: '2026-11-21T10:00:00Z', actor_id: 1, action: 'update', entity: 'contact', entity_id: 8, office_id: 1, changes: { email: { old: null, new: null, erased: true } }, request_id: 'r2' },
  ],
};

describe('the printable subject access export', () => {
  it('reads the person, their meetings and visits, notes and the history in the reader’s language', async () => {
    stubApi({ ...signedInRoutes(), 'GET /api/v1/contacts/8/subject-export': json(exported) });
    renderApp('/contacts/8/subject-export');

    expect(await screen.findByRole('heading', { level: 1, name: 'Amra Hodžić' })).toBeInTheDocument();
    expect(screen.getByText('Subject access export')).toBeInTheDocument();
    expect(screen.getByText('signed form, Zenica workshop')).toBeInTheDocument();

    const meetings = screen.getByRole('heading', { name: /Meetings and visits/ }).closest('section')!;
    expect(within(meetings).getByRole('link', { name: 'Debrief on the youth programme' })).toHaveAttribute('href', '/interactions/40');
    expect(within(meetings).getByRole('link', { name: 'Study visit to Vienna' })).toHaveAttribute('href', '/visits/5');
    expect(meetings).toHaveTextContent('Speaker');
    expect(meetings).toHaveTextContent('Delegate');
    expect(meetings).toHaveTextContent('archived');

    expect(screen.getByText('Prefers calls in the morning.')).toBeInTheDocument();

    const history = screen.getByRole('heading', { name: /History of the record/ }).closest('section')!;
    expect(history).toHaveTextContent('Created');
    expect(history).toHaveTextContent('Changed');
    expect(within(history).getByText('changed (value erased)')).toBeInTheDocument();
    expect(screen.getByRole('button', { name: 'Print' })).toBeInTheDocument();
  });
});
