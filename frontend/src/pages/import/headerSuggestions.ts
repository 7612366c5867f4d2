/**
 * Suggests the field a spreadsheet column holds from its header, in
 * English, Arabic or Bosnian. The server already maps headers that are
 * field names or English labels; these are the words people write in
 * their own lists ("Prezime", "البريد الإلكتروني").
 */
const SYNONYMS: Record<string, readonly string[]> = {
  name: ['name', 'organization name', 'organisation name', 'naziv', 'ime organizacije', 'naziv organizacije', 'naziv institucije', 'الاسم', 'اسم', 'اسم الجهة', 'اسم المنظمة', 'اسم المؤسسة'],
  name_local: ['local name', 'name in local script', 'lokalni naziv', 'naziv na lokalnom jeziku', 'الاسم المحلي', 'الاسم بالعربية'],
  acronym: ['acronym', 'abbreviation', 'short name', 'skraćenica', 'akronim', 'الاختصار', 'اختصار'],
  type: ['type', 'category', 'vrsta', 'tip', 'kategorija', 'النوع', 'الفئة'],
  level: ['level', 'nivo', 'razina', 'المستوى'],
  country_code: ['country', 'country code', 'država', 'zemlja', 'البلد', 'الدولة'],
  city: ['city', 'town', 'grad', 'mjesto', 'općina', 'opština', 'المدينة'],
  parent: ['parent', 'parent organization', 'nadređena organizacija', 'nadređena institucija', 'الجهة الأم', 'الجهة التابعة لها'],
  website: ['website', 'web', 'web site', 'url', 'web stranica', 'internet stranica', 'الموقع', 'الموقع الإلكتروني'],
  email: ['email', 'e-mail', 'mail', 'email address', 'e-pošta', 'email adresa', 'e-mail adresa', 'البريد الإلكتروني', 'البريد', 'الايميل'],
  phone: ['phone', 'telephone', 'tel', 'mobile', 'phone number', 'telefon', 'mobitel', 'broj telefona', 'الهاتف', 'رقم الهاتف', 'الجوال', 'الموبايل'],
  description: ['description', 'opis', 'الوصف'],
  influence: ['influence', 'uticaj', 'utjecaj', 'التأثير'],
  interest: ['interest', 'interes', 'الاهتمام'],
  owner: ['owner', 'responsible', 'focal point', 'vlasnik', 'odgovorna osoba', 'zadužen', 'المسؤول', 'المالك'],
  tags: ['tags', 'labels', 'oznake', 'tagovi', 'الوسوم', 'العلامات'],
  honorific: ['honorific', 'salutation', 'prefix', 'titula', 'oslovljavanje', 'اللقب'],
  given_name: ['first name', 'given name', 'forename', 'ime', 'الاسم الأول', 'الاسم الاول'],
  family_name: ['last name', 'surname', 'family name', 'prezime', 'اسم العائلة', 'الكنية', 'اللقب العائلي'],
  gender: ['gender', 'sex', 'spol', 'pol', 'الجنس', 'النوع الاجتماعي'],
  languages: ['languages', 'language', 'jezici', 'jezik', 'اللغات', 'اللغة'],
  organization: ['organization', 'organisation', 'employer', 'institution', 'organizacija', 'institucija', 'ustanova', 'المنظمة', 'الجهة', 'المؤسسة'],
  title: ['title', 'job title', 'position', 'function', 'funkcija', 'pozicija', 'radno mjesto', 'zvanje', 'المنصب', 'الوظيفة', 'المسمى الوظيفي'],
  notes: ['notes', 'note', 'remarks', 'bilješke', 'napomena', 'napomene', 'ملاحظات', 'ملاحظة'],
  restricted: ['restricted', 'confidential', 'ograničeno', 'povjerljivo', 'مقيد', 'سري'],
  consent_basis: ['consent', 'consent basis', 'saglasnost', 'pristanak', 'الموافقة', 'أساس الموافقة'],
  kind: ['kind', 'type', 'vrsta', 'tip', 'النوع'],
  status: ['status', 'state', 'stanje', 'الحالة'],
  subject: ['subject', 'topic', 'meeting', 'tema', 'predmet', 'sastanak', 'الموضوع', 'الاجتماع'],
  summary: ['summary', 'minutes', 'sažetak', 'zapisnik', 'الملخص', 'المحضر'],
  starts_at: ['date', 'start', 'starts', 'starts at', 'when', 'datum', 'početak', 'vrijeme', 'التاريخ', 'البداية', 'الموعد'],
  ends_at: ['end', 'ends', 'ends at', 'kraj', 'završetak', 'النهاية'],
  location: ['location', 'place', 'venue', 'lokacija', 'mjesto održavanja', 'المكان', 'الموقع'],
  participants: ['participants', 'attendees', 'with', 'učesnici', 'sudionici', 'prisutni', 'المشاركون', 'الحضور'],
  details: ['details', 'detalji', 'opis', 'التفاصيل'],
  direction: ['direction', 'smjer', 'الاتجاه'],
  counterpart_organization: ['counterpart organization', 'counterpart', 'partner', 'organization', 'organizacija', 'partner organizacija', 'الجهة المقابلة', 'الجهة', 'المنظمة'],
  counterpart_contact: ['counterpart contact', 'contact', 'contact person', 'kontakt', 'kontakt osoba', 'جهة الاتصال', 'الشخص'],
  due_date: ['due date', 'deadline', 'due', 'rok', 'krajnji rok', 'datum', 'الموعد النهائي', 'تاريخ الاستحقاق', 'المهلة'],
  priority: ['priority', 'prioritet', 'الأولوية'],
  closure_note: ['closure note', 'napomena o zatvaranju', 'ملاحظة الإغلاق'],
};

/** Folds a header for comparison: case, accents, Arabic letter variants, spacing and punctuation. */
export function foldHeader(header: string): string {
  return header
    .toLowerCase()
    .normalize('NFKD')
    .replace(/\p{M}/gu, '')
    .replace(/đ/g, 'dj')
    .replace(/[أإآٱ]/g, 'ا')
    .replace(/ة/g, 'ه')
    .replace(/ى/g, 'ي')
    .replace(/ـ/g, '')
    .replace(/[\s_\-.:*()/]+/g, '');
}

/** The field (of those given) a header suggests, or null. */
export function suggestField(header: string, fields: readonly string[]): string | null {
  const key = foldHeader(header);
  if (!key) return null;
  for (const field of fields) {
    if (foldHeader(field) === key) return field;
  }
  for (const field of fields) {
    if (SYNONYMS[field]?.some((word) => foldHeader(word) === key)) return field;
  }
  return null;
}

/**
 * A mapping for every column: the server's field where it found one, else
 * a suggestion; a field is given to its first column only.
 */
export function suggestMapping(columns: readonly { header: string; field?: string | null }[], fields: readonly string[]): Record<string, string> {
  const taken = new Set<string>();
  const mapping: Record<string, string> = {};
  for (const column of columns) {
    const field = column.field ?? suggestField(column.header, fields);
    if (field && !taken.has(field)) {
      taken.add(field);
      mapping[column.header] = field;
    } else {
      mapping[column.header] = '';
    }
  }
  return mapping;
}
