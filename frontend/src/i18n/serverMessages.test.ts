import { beforeAll, describe, expect, it } from 'vitest';
import i18n from '.';
import { knownServerMessage, translateServerMessage } from './serverMessages';

// Around a left-to-right value inside Arabic text, so that a date and time,
// a list of values or a parenthesis keeps its order.
const ltr = (text: string) => `\u2066${text}\u2069`;

/** What the import says (services/import_messages_test.go pins the wording), and what people read in each language. */
const MESSAGES: { server: string; en: string; ar: string; bs: string }[] = [
  { server: 'must be yes or no', en: 'Write yes or no', ar: 'اكتب نعم أو لا', bs: 'Upišite da ili ne' },
  { server: 'must be a whole number', en: 'Write a whole number', ar: 'اكتب عددًا صحيحًا', bs: 'Upišite cijeli broj' },
  {
    server: 'must be a date and time, such as 2026-11-20 10:00',
    en: 'Write a date and time, such as 2026-11-20 10:00',
    ar: `اكتب تاريخًا ووقتًا، مثل ${ltr('2026-11-20 10:00')}`,
    bs: 'Upišite datum i vrijeme, npr. 2026-11-20 10:00',
  },
  { server: 'must be a date YYYY-MM-DD', en: 'Write the date as YYYY-MM-DD', ar: `اكتب التاريخ بالصيغة ${ltr('YYYY-MM-DD')}`, bs: 'Upišite datum u obliku GGGG-MM-DD' },
  { server: 'cannot be in the future', en: 'The date cannot be in the future', ar: 'لا يمكن أن يكون التاريخ في المستقبل', bs: 'Datum ne može biti u budućnosti' },
  {
    server: 'must be one of ours, theirs, joint',
    en: 'Use one of: ours, theirs, joint',
    ar: `استخدم إحدى القيم: ${ltr('ours, theirs, joint')}`,
    bs: 'Koristite jednu od vrijednosti: ours, theirs, joint',
  },
  { server: 'must be between 1 and 5', en: 'Use a number from 1 to 5', ar: 'استخدم رقمًا من 1 إلى 5', bs: 'Upišite broj od 1 do 5' },
  { server: 'unknown country code "XX"', en: 'Unknown country code “XX”', ar: 'رمز البلد «XX» غير معروف', bs: 'Nepoznat kod države „XX“' },
  {
    server: "must be a phone number: international (+387 61 123 456), or national for the record's country",
    en: "Write a phone number: international (+387 61 123 456), or national for the record's country",
    ar: `اكتب رقم هاتف: دوليًا (${ltr('+387 61 123 456')})، أو محليًا لبلد السجل`,
    bs: 'Upišite broj telefona: međunarodni (+387 61 123 456) ili domaći za državu zapisa',
  },
  {
    server: '"english" is not an ISO 639-1 code',
    en: '“english” is not a two-letter language code (ISO 639-1)',
    ar: `«english» ليس رمز لغة من حرفين ${ltr('(ISO 639-1)')}`,
    bs: '„english“ nije dvoslovni kod jezika (ISO 639-1)',
  },
  { server: 'at most 20 languages', en: 'List at most 20 languages', ar: 'اذكر 20 لغةً على الأكثر', bs: 'Navedite najviše 20 jezika' },
  { server: 'the tag "sdg-16" is archived', en: 'The tag “sdg-16” is archived', ar: 'الوسم «sdg-16» مؤرشف', bs: 'Oznaka „sdg-16“ je arhivirana' },
  {
    server: 'no such contact',
    en: 'That contact does not exist or is not visible to you',
    ar: 'جهة الاتصال هذه غير موجودة أو لا يمكنك رؤيتها',
    bs: 'Taj kontakt ne postoji ili ga ne možete vidjeti',
  },
  { server: 'this organization is already a participant', en: 'This organization is already a participant', ar: 'هذه الجهة مشاركة بالفعل', bs: 'Ova organizacija već učestvuje' },
  { server: 'this person is already a participant', en: 'This person is already a participant', ar: 'هذا الشخص مشارك بالفعل', bs: 'Ova osoba već učestvuje' },
  { server: 'at most 200 participants', en: 'At most 200 participants', ar: '200 مشارك على الأكثر', bs: 'Najviše 200 učesnika' },
  {
    server: 'cannot be held: it starts in the future (planned until it happens)',
    en: 'It cannot be held yet: it starts in the future (it stays planned until it happens)',
    ar: 'لا يمكن أن يكون منعقدًا بعد: يبدأ في المستقبل (يبقى مخططًا حتى يُعقد)',
    bs: 'Ne može biti održan: počinje u budućnosti (ostaje planiran dok se ne održi)',
  },
  { server: 'is before starts_at', en: 'It ends before it starts', ar: 'ينتهي قبل أن يبدأ', bs: 'Završava prije nego što počne' },
  {
    server: 'no organization called "Nowhere" in your office',
    en: 'No organization called “Nowhere” in your office',
    ar: 'لا توجد في مكتبك جهة باسم «Nowhere»',
    bs: 'U vašem uredu nema organizacije pod nazivom „Nowhere“',
  },
  {
    server: 'no contact called "Amra Hodžić" in your office',
    en: 'No contact called “Amra Hodžić” in your office',
    ar: 'لا توجد في مكتبك جهة اتصال باسم «Amra Hodžić»',
    bs: 'U vašem uredu nema kontakta pod imenom „Amra Hodžić“',
  },
  {
    server: 'no organization or contact called "UNDP Iraq" in your office',
    en: 'No organization or contact called “UNDP Iraq” in your office',
    ar: 'لا توجد في مكتبك جهة ولا جهة اتصال باسم «UNDP Iraq»',
    bs: 'U vašem uredu nema organizacije ni kontakta pod nazivom „UNDP Iraq“',
  },
  {
    server: `"Twin Agency" names 2 records of your office: write the organization's id instead`,
    en: "“Twin Agency” matches 2 organizations in your office: write the organization's id instead",
    ar: '«Twin Agency» يطابق جهتين في مكتبك: اكتب رقم سجل الجهة بدلًا من الاسم',
    bs: '„Twin Agency“: u vašem uredu 2 organizacije imaju taj naziv; upišite broj (ID) organizacije',
  },
  {
    server: `"Amra Hodžić" names 5 records of your office: write the contact's id instead`,
    en: "“Amra Hodžić” matches 5 contacts in your office: write the contact's id instead",
    ar: '«Amra Hodžić» يطابق 5 جهات اتصال في مكتبك: اكتب رقم سجل جهة الاتصال بدلًا من الاسم',
    bs: '„Amra Hodžić“: u vašem uredu 5 kontakata ima to ime; upišite broj (ID) kontakta',
  },
  {
    server: 'no user with the email "nobody@example.org"',
    en: 'No user with the email “nobody@example.org”',
    ar: 'لا يوجد مستخدم بالبريد الإلكتروني «nobody@example.org»',
    bs: 'Nema korisnika s e-mail adresom „nobody@example.org“',
  },
  {
    server: 'a title needs the organization of the position',
    en: 'A title needs the organization of the position',
    ar: 'يحتاج المنصب إلى الجهة التي يُشغل فيها',
    bs: 'Uz funkciju navedite i organizaciju u kojoj je osoba obavlja',
  },
  {
    server: "the existing record 4812 is another office's: it cannot be updated",
    en: 'The existing record 4812 belongs to another office: it cannot be updated',
    ar: 'السجل الموجود 4812 يتبع مكتبًا آخر: لا يمكن تحديثه',
    bs: 'Postojeći zapis 4812 pripada drugom uredu: ne može se ažurirati',
  },
  {
    server: 'columns "Ime" and "Given name" both map to given_name',
    en: 'The columns “Ime” and “Given name” both map to “Given name”',
    ar: 'العمودان «Ime» و«Given name» مربوطان كلاهما بالحقل «الاسم الأول»',
    bs: 'Kolone „Ime“ i „Given name“ obje su povezane s poljem „Ime“',
  },
  {
    server: 'column "Name" maps to "given_name", which is not a field of organizations',
    en: 'The column “Name” maps to “Given name”, which is not a field of “Organizations”',
    ar: 'العمود «Name» مربوط بـ«الاسم الأول»، وهو ليس من حقول «الجهات»',
    bs: 'Kolona „Name“ povezana je s „Ime“, a to nije polje za „Organizacije“',
  },
  {
    server: 'column "X" maps to "shoe_size", which is not a field of contacts',
    en: 'The column “X” maps to “shoe_size”, which is not a field of “Contacts”',
    ar: 'العمود «X» مربوط بـ«shoe_size»، وهو ليس من حقول «جهات الاتصال»',
    bs: 'Kolona „X“ povezana je s „shoe_size“, a to nije polje za „Kontakti“',
  },
  { server: 'has no header row', en: 'The file has no header row', ar: 'لا يحتوي الملف على صف عناوين', bs: 'Datoteka nema red sa zaglavljem' },
  { server: 'has no data rows', en: 'The file has no data rows', ar: 'لا يحتوي الملف على صفوف بيانات', bs: 'Datoteka nema redova s podacima' },
  {
    server: 'not a CSV (UTF-8) or XLSX file',
    en: 'The file is not a CSV (UTF-8) or Excel (XLSX) file',
    ar: `الملف ليس بصيغة ${ltr('CSV (UTF-8)')} ولا ${ltr('Excel (XLSX)')}`,
    bs: 'Datoteka nije CSV (UTF-8) ni Excel (XLSX)',
  },
  {
    server: 'must be CSV in UTF-8 or XLSX',
    en: 'The file is not a CSV (UTF-8) or Excel (XLSX) file',
    ar: `الملف ليس بصيغة ${ltr('CSV (UTF-8)')} ولا ${ltr('Excel (XLSX)')}`,
    bs: 'Datoteka nije CSV (UTF-8) ni Excel (XLSX)',
  },
];

describe('server messages of an import', () => {
  beforeAll(async () => {
    await i18n.loadLanguages(['en', 'ar', 'bs']);
  });

  it.each(MESSAGES)('reads "$server" in en, ar and bs', ({ server, en, ar, bs }) => {
    expect(translateServerMessage(server, i18n.getFixedT('en'))).toBe(en);
    expect(translateServerMessage(server, i18n.getFixedT('ar'))).toBe(ar);
    expect(translateServerMessage(server, i18n.getFixedT('bs'))).toBe(bs);
  });

  it('counts in each language’s plural forms', () => {
    const organizations = (n: number) => `"MCP" names ${n} records of your office: write the organization's id instead`;
    expect(translateServerMessage(organizations(3), i18n.getFixedT('ar'))).toBe('«MCP» يطابق 3 جهات في مكتبك: اكتب رقم سجل الجهة بدلًا من الاسم');
    expect(translateServerMessage(organizations(11), i18n.getFixedT('ar'))).toBe('«MCP» يطابق 11 جهةً في مكتبك: اكتب رقم سجل الجهة بدلًا من الاسم');
    expect(translateServerMessage(organizations(5), i18n.getFixedT('bs'))).toBe('„MCP“: u vašem uredu 5 organizacija ima taj naziv; upišite broj (ID) organizacije');
    expect(translateServerMessage('at most 2 languages', i18n.getFixedT('ar'))).toBe('اذكر لغتين على الأكثر');
  });

  it('passes a message it does not know through unchanged', () => {
    const t = i18n.getFixedT('ar');
    expect(knownServerMessage('the moon is made of cheese', t)).toBeNull();
    expect(translateServerMessage('the moon is made of cheese', t)).toBe('the moon is made of cheese');
    // A known message with something around it is not that message.
    expect(translateServerMessage('row 3: must be yes or no', t)).toBe('row 3: must be yes or no');
  });
});
