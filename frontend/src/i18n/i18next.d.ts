import 'i18next';
import type en from './en.json';
import type insights from './areas/insights.en.json';
import type review from './areas/review.en.json';
import type visits from './areas/visits.en.json';

// English is the reference catalogue: keys are type-checked against it (the
// base file and the area files together, as they are merged at run time).
declare module 'i18next' {
  interface CustomTypeOptions {
    defaultNS: 'translation';
    resources: { translation: typeof en & typeof visits & typeof review & typeof insights };
  }
}
