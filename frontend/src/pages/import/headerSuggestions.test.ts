import { describe, expect, it } from 'vitest';
import { suggestField, suggestMapping } from './headerSuggestions';

const contactFields = ['honorific', 'given_name', 'family_name', 'email', 'phone', 'organization', 'title', 'city'];

describe('header suggestions', () => {
  it('reads Bosnian headers with or without their accents', () => {
    expect(suggestField('Prezime', contactFields)).toBe('family_name');
    expect(suggestField('E-pošta', contactFields)).toBe('email');
    expect(suggestField('E-POSTA', contactFields)).toBe('email');
    expect(suggestField('Funkcija', contactFields)).toBe('title');
  });

  it('reads Arabic headers across alef and taa marbuta variants', () => {
    expect(suggestField('البريد الالكتروني', contactFields)).toBe('email');
    expect(suggestField('الاسم الأول', contactFields)).toBe('given_name');
    expect(suggestField('المنظمة', contactFields)).toBe('organization');
  });

  it('suggests only the fields of the kind, and each field once', () => {
    expect(suggestField('Vrsta', contactFields)).toBeNull();
    const mapping = suggestMapping(
      [{ header: 'Ime' }, { header: 'First name' }, { header: 'Whatever', field: 'city' }],
      contactFields,
    );
    expect(mapping).toEqual({ Ime: 'given_name', 'First name': '', Whatever: 'city' });
  });
});
