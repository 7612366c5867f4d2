import 'i18next';
import type en from './en.json';
import type insights from './areas/insights.en.json';
import type review from './areas/review.en.json';
import type security from './areas/security.en.json';
import type twofactor from './areas/twofactor.en.json';
import type visits from './areas/visits.en.json';
import type fields from './areas/fields.en.json';
import type shell from './areas/shell.en.json';
import type quicklog from './areas/quicklog.en.json';
import type commitmentEdit from './areas/commitmentEdit.en.json';
import type network from './areas/network.en.json';
import type notes from './areas/notes.en.json';
import type documents from './areas/documents.en.json';
import type history from './areas/history.en.json';
import type interaction from './areas/interaction.en.json';
import type duplicates from './areas/duplicates.en.json';
import type importArea from './areas/import.en.json';
import type merge from './areas/merge.en.json';
import type exportArea from './areas/export.en.json';
import type cards from './areas/cards.en.json';
import type calendar from './areas/calendar.en.json';
import type briefing from './areas/briefing.en.json';
import type notifications from './areas/notifications.en.json';
import type preferences from './areas/preferences.en.json';
import type jobs from './areas/jobs.en.json';
import type personalData from './areas/personalData.en.json';
import type list from './areas/list.en.json';

/**
 * One object type with the top-level keys of both catalogues: an
 * intersection of several large catalogue types is too deep for the
 * type checker to walk key paths through.
 */
type Merge<A, B> = {
  [K in keyof A | keyof B]: K extends keyof B ? (K extends keyof A ? Merge<A[K], B[K]> : B[K]) : K extends keyof A ? A[K] : never;
};

/** Merges the area catalogues into the base one, left to right. */
type MergeAll<A, L extends unknown[]> = L extends [infer H, ...infer R] ? MergeAll<Merge<A, H>, R> : A;

// English is the reference catalogue: keys are type-checked against it (the
// base file and the area files together, as they are merged at run time).
declare module 'i18next' {
  interface CustomTypeOptions {
    defaultNS: 'translation';
    resources: {
      translation: MergeAll<
        typeof en,
        [typeof visits, typeof review, typeof insights, typeof security, typeof twofactor, typeof fields, typeof shell, typeof quicklog, typeof commitmentEdit, typeof network, typeof notes, typeof documents, typeof history, typeof interaction, typeof duplicates, typeof importArea, typeof merge, typeof exportArea, typeof cards, typeof calendar, typeof briefing, typeof notifications, typeof preferences, typeof jobs, typeof personalData, typeof list]
      >;
    };
  }
}
