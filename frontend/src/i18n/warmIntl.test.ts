import { warmIntl } from '.';

describe('warmIntl', () => {
  it("makes a date formatter in the language's Intl locale, so that its data is loaded before the first render", () => {
    const made = vi.spyOn(Intl, 'DateTimeFormat');
    warmIntl('ar');
    expect(made).toHaveBeenCalledWith('ar', expect.objectContaining({ dateStyle: 'medium' }));
  });

  it('lets the app start when the browser cannot make the formatter', () => {
    vi.spyOn(Intl, 'DateTimeFormat').mockImplementation(() => {
      throw new RangeError('no locale data');
    });
    expect(() => warmIntl('bs')).not.toThrow();
  });
});
