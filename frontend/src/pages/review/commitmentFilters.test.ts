import { describe, expect, it } from 'vitest';
import {
  EMPTY_FILTERS,
  addDays,
  commitmentsLink,
  filtersFromParams,
  filtersToParams,
  filtersToQuery,
  hasFilters,
  reviewFilters,
  type CommitmentFilters,
} from './commitmentFilters';

const params = (s: string) => new URLSearchParams(s);

describe('commitment filters in the address', () => {
  it('reads every filter under the API’s own parameter names', () => {
    const f = filtersFromParams(
      params('q=plan&status=open,in_progress&owner_id=3,4&office_id=1&project_id=2&organization_id=9&contact_id=5&due_after=2026-11-01&due_before=2026-12-01&overdue=true&country_code=ba&view=board'),
    );
    expect(f).toEqual({
      q: 'plan',
      status: ['open', 'in_progress'],
      owner: [3, 4],
      office: [1],
      project: [2],
      organization: [9],
      contact: [5],
      dueAfter: '2026-11-01',
      dueBefore: '2026-12-01',
      overdue: true,
      country: 'BA',
      view: 'board',
    });
  });

  it('ignores what does not parse instead of sending it to the server', () => {
    const f = filtersFromParams(params('status=open,late&owner_id=x,0,-2,7&due_after=tomorrow&overdue=yes&country_code=Bosnia&view=grid'));
    expect(f).toEqual({ ...EMPTY_FILTERS, status: ['open'], owner: [7] });
  });

  it('shows what is still to do unless asked for every status, so done items of past years never lead', () => {
    expect(filtersFromParams(params('')).status).toEqual(['open', 'in_progress']);
    expect(filtersFromParams(params('status=late')).status).toEqual(['open', 'in_progress']);
    expect(filtersToQuery(filtersFromParams(params(''))).status).toEqual(['open', 'in_progress']);
    // Clearing the status filter is an explicit "every status", kept in the address.
    const all = filtersToParams({ ...filtersFromParams(params('')), status: [] });
    expect(all.toString()).toBe('status=all');
    expect(filtersFromParams(all).status).toEqual([]);
    expect(filtersToQuery(filtersFromParams(all)).status).toBeUndefined();
    expect(hasFilters(filtersFromParams(params('')))).toBe(false);
    expect(hasFilters(filtersFromParams(all))).toBe(true);
  });

  it('round-trips through the address, leaving out empty filters and the default view', () => {
    const f: CommitmentFilters = { ...EMPTY_FILTERS, owner: [3], overdue: true, dueBefore: '2026-12-01', status: ['open', 'in_progress'] };
    const written = filtersToParams(f);
    expect(written.toString()).toBe('status=open%2Cin_progress&owner_id=3&due_before=2026-12-01&overdue=true');
    expect(filtersFromParams(written)).toEqual(f);
    expect(filtersToParams({ view: 'board' }).toString()).toBe('view=board');
    expect(commitmentsLink({})).toBe('/commitments');
  });

  it('maps filters to the API query', () => {
    const f = filtersFromParams(params('owner_id=3&office_id=1&project_id=2&organization_id=9&contact_id=5&due_after=2026-11-01&overdue=true&status=open'));
    expect(filtersToQuery(f)).toEqual({
      sort: 'due_date',
      status: ['open'],
      owner_id: [3],
      office_id: [1],
      project_id: [2],
      organization_id: [9],
      contact_id: [5],
      due_after: '2026-11-01',
      overdue: 'true',
    });
  });

  it('sends a country as the API’s country filter', () => {
    expect(filtersToQuery(filtersFromParams(params('country_code=BA&overdue=true')))).toEqual({
      sort: 'due_date',
      status: ['open', 'in_progress'],
      country_code: ['BA'],
      overdue: 'true',
    });
  });
});

describe('review click-through', () => {
  it('overdue of an owner is overdue=true and that owner', () => {
    expect(commitmentsLink(reviewFilters('2026-11-27', 'overdue', 'owner', '7'))).toBe('/commitments?owner_id=7&overdue=true');
  });

  it('"due within 7 days" is open or in progress, due from today to today + 7 inclusive', () => {
    expect(reviewFilters('2026-11-27', 'due7', 'project', '2')).toEqual({
      status: ['open', 'in_progress'],
      dueAfter: '2026-11-26',
      dueBefore: '2026-12-05',
      project: [2],
    });
    expect(reviewFilters('2026-12-30', 'due30')).toMatchObject({ dueAfter: '2026-12-29', dueBefore: '2027-01-30' });
  });

  it('a country goes to the country filter; a group without a key adds no filter', () => {
    expect(commitmentsLink(reviewFilters('2026-11-27', 'overdue', 'country', 'BA'))).toBe('/commitments?overdue=true&country_code=BA');
    expect(reviewFilters('2026-11-27', 'overdue', 'project', null)).toEqual({ overdue: true });
  });

  it('adds days across month and year ends', () => {
    expect(addDays('2026-02-28', 1)).toBe('2026-03-01');
    expect(addDays('2027-01-01', -1)).toBe('2026-12-31');
  });
});
