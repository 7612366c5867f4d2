import { afterEach, describe, expect, it } from 'vitest';
import { changeLanguage, initialLanguage } from '.';

const clearCookie = () => {
  document.cookie = 'liaison_lang=; path=/; max-age=0';
};

describe('the language a page starts in', () => {
  afterEach(async () => {
    clearCookie();
    window.localStorage.clear();
    await changeLanguage('en');
    window.localStorage.clear();
    clearCookie();
  });

  it("is the account's, from the cookie set at sign-in, on a browser that has chosen none", () => {
    document.cookie = 'liaison_lang=bs; path=/';
    expect(initialLanguage()).toBe('bs');
  });

  it('is the one chosen on this browser before the cookie', () => {
    document.cookie = 'liaison_lang=bs; path=/';
    window.localStorage.setItem('liaison.language', 'ar');
    expect(initialLanguage()).toBe('ar');
  });

  it('ignores a cookie naming a language the app does not have', () => {
    document.cookie = 'liaison_lang=de; path=/';
    expect(initialLanguage()).toBe('en');
  });

  it('is remembered in the cookie when switched, for the page the server serves next', async () => {
    await changeLanguage('ar');
    expect(document.cookie).toContain('liaison_lang=ar');
  });
});
