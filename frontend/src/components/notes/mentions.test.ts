import { describe, expect, it } from 'vitest';
import { insertMention, matchesMention, mentionQueryAt, mentionToken } from './mentions';

describe('mentions', () => {
  it.each([
    ['@', 1, { start: 0, query: '' }],
    ['Ask @em', 7, { start: 4, query: 'em' }],
    ['(@Ami', 5, { start: 1, query: 'Ami' }],
    ['Ask @emi to call', 8, { start: 4, query: 'emi' }],
    ['write to emina@example', 22, null],
    ['Ask @em and', 11, null],
    ['@em', 1, { start: 0, query: '' }],
  ])('finds the mention being typed in %j at %i', (text, caret, want) => {
    expect(mentionQueryAt(text, caret)).toEqual(want);
  });

  it('inserts the unambiguous form and puts the caret after it', () => {
    const text = 'Ask @emi to call';
    expect(insertMention(text, 4, 8, { id: 2, name: 'Emina Kovač' })).toEqual({
      text: 'Ask @[Emina Kovač](user:2)  to call',
      caret: 'Ask @[Emina Kovač](user:2) '.length,
    });
  });

  it('keeps a label from ending the token early', () => {
    expect(mentionToken({ id: 7, name: 'A] (x)\nB' })).toBe('@[A  (x) B](user:7)');
    expect(mentionToken({ id: 7, name: '' })).toBe('@[7](user:7)');
  });

  it.each([
    ['', true],
    ['hadz', true],
    ['amina', true],
    ['AMI', true],
    ['kov', false],
    ['emina', false],
  ])('matches a colleague by a word of the name or the email: %j', (query, want) => {
    expect(matchesMention({ name: 'Amina Hadžić', email: 'amina@example.org' }, query)).toBe(want);
  });
});
