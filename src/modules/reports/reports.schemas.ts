import { type Static, Type } from '@sinclair/typebox';
import { CalendarDate, literals } from '../../platform/http/schemas.js';
import { locales } from '../../platform/i18n/index.js';
import { reportFormats } from './reports.service.js';

const Lang = Type.Optional(literals(locales, 'The report’s language; default the request’s'));

export const ActivityQuery = Type.Object(
  { from: CalendarDate(), to: CalendarDate(), format: Type.Optional(literals(reportFormats, 'pdf (default) or xlsx')), lang: Lang },
  { additionalProperties: false },
);
export type ActivityQuery = Static<typeof ActivityQuery>;

export const AnnualQuery = Type.Object(
  { year: Type.Integer({ minimum: 2000, maximum: 2200 }), format: Type.Optional(literals(reportFormats, 'pdf (default) or xlsx')), lang: Lang },
  { additionalProperties: false },
);
export type AnnualQuery = Static<typeof AnnualQuery>;

export const Dhis2Query = Type.Object(
  {
    from: CalendarDate(),
    to: CalendarDate(),
    format: Type.Optional(literals(['adx', 'json'] as const, 'adx (default, ADX XML, any period) or json (DHIS2 dataValueSets, a whole month or year)')),
  },
  { additionalProperties: false },
);
export type Dhis2Query = Static<typeof Dhis2Query>;
