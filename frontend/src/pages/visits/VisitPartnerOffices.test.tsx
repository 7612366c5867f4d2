import { screen } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { adminUser, json, signedInRoutes, stubApi } from '../../test/api';
import { visitKeys } from '../../hooks/visits';
import { renderApp } from '../../test/render';
import { valuesToBody, valuesToCreate, visitToValues, EMPTY_VISIT } from './visitForm';

const officer = { ...adminUser, id: 2, role: 'officer', office_id: 1 };

function visitOf(office: number, partners: number[]) {
  return {
    id: 4,
    version: 2,
    created_at: '2026-09-01T10:00:00Z',
    updated_at: '2026-09-01T10:00:00Z',
    office_id: office,
    owner_id: 1,
    title: 'Study visit on PVE',
    kind: 'study_visit',
    status: 'planned',
    start_date: '2026-09-25',
    end_date: '2026-09-29',
    origin_country_code: 'IQ',
    host_country_code: 'BA',
    city: 'Sarajevo',
    purpose: '',
    outcomes: '',
    project_id: null,
    tags: [],
    participants: [],
    partner_office_ids: partners,
  };
}

/** The MultiSelect's search box (its hidden input carries the label too). */
async function partnerField() {
  const labelled = await screen.findAllByLabelText('Partner offices');
  return labelled.find((e) => e.tagName === 'INPUT' && e.getAttribute('type') !== 'hidden')!;
}

describe('a visit’s partner offices', () => {
  it('are sent whole, sorted, and left out of a new visit when none is chosen', () => {
    const values = visitToValues(visitOf(1, [5, 2]) as never);
    expect(values.partner_office_ids).toEqual([5, 2]);
    expect(valuesToBody(values).partner_office_ids).toEqual([2, 5]);
    expect(valuesToCreate({ ...EMPTY_VISIT, title: 'x' })).not.toHaveProperty('partner_office_ids');
    expect(valuesToCreate({ ...EMPTY_VISIT, title: 'x', partner_office_ids: [2] }).partner_office_ids).toEqual([2]);
  });

  it('are chosen by the visit’s own office, among the other offices', async () => {
    stubApi({ ...signedInRoutes(officer), 'GET /api/v1/projects': json({ items: [], next_cursor: null }) });
    renderApp('/visits/4/edit', { seed: (qc) => qc.setQueryData(visitKeys.detail(4), visitOf(1, [2])) });
    const field = await partnerField();
    expect(field).toBeEnabled();
    expect((await screen.findAllByText('IOM Iraq')).length).toBeGreaterThan(0);
    expect(screen.getByText(/their officers can edit it/)).toBeInTheDocument();
  });

  it('are shown but not changed by a partner office’s officer, with the reason', async () => {
    stubApi({ ...signedInRoutes(officer), 'GET /api/v1/projects': json({ items: [], next_cursor: null }) });
    renderApp('/visits/4/edit', { seed: (qc) => qc.setQueryData(visitKeys.detail(4), visitOf(2, [1])) });
    const field = await partnerField();
    expect(field).toBeDisabled();
    expect(screen.getByText('Only the visit’s own office changes its partner offices.'.replace('’', "'"))).toBeInTheDocument();
  });
});
