import { type Static, Type } from '@sinclair/typebox';
import { CalendarDate, Code, literals, Nullable } from '../../platform/http/schemas.js';
import { thresholdLevels } from './indicators.rules.js';

export const indicatorScopes = ['scheme', 'federation', 'all'] as const;

export const IndicatorsQuery = Type.Object(
  { from: CalendarDate(), to: CalendarDate() },
  { additionalProperties: false },
);
export type IndicatorsQuery = Static<typeof IndicatorsQuery>;

export const SeriesQuery = Type.Object(
  {
    from: CalendarDate(),
    to: CalendarDate(),
    code: Type.String({ minLength: 1, maxLength: 60, pattern: '^[a-z_]+(\\.[a-z_]+)?$', description: 'An indicator code, e.g. claims_ratio or utilization_rate.consultation' }),
  },
  { additionalProperties: false },
);
export type SeriesQuery = Static<typeof SeriesQuery>;

export const FederationParams = Type.Object({ federation: Code('The federation code') }, { additionalProperties: false });

const Figure = {
  value: Nullable(Type.Number({ description: 'null when the denominator is 0' })),
  numerator: Nullable(Type.Number()),
  denominator: Nullable(Type.Number({ description: 'null for a count or an amount' })),
};

export const IndicatorView = Type.Object({
  code: Type.String(),
  ...Figure,
  extra: Type.Optional(Type.Record(Type.String(), Type.Number(), { description: 'settlement_days: claims paid within 0-7, 8-30, 31-90 and over 90 days of care' })),
  threshold: Type.Object({
    level: Nullable(literals(thresholdLevels)),
    meaning: Type.String({ description: 'What the value means, in the request’s language' }),
  }),
  previousYear: Type.Object(Figure, { description: 'The same dates one year earlier' }),
});
export type IndicatorView = Static<typeof IndicatorView>;

export const IndicatorsReport = Type.Object({
  scope: Type.Object({ kind: literals(indicatorScopes), code: Nullable(Type.String()), schemes: Type.Array(Type.String(), { description: 'Codes of the schemes counted' }) }),
  from: CalendarDate(),
  to: CalendarDate(),
  indicators: Type.Array(IndicatorView),
});
export type IndicatorsReport = Static<typeof IndicatorsReport>;

export const SeriesPoint = Type.Object({ month: Type.String({ description: 'YYYY-MM' }), from: CalendarDate(), to: CalendarDate(), ...Figure });
export const IndicatorSeries = Type.Object({
  scope: IndicatorsReport.properties.scope,
  code: Type.String(),
  from: CalendarDate(),
  to: CalendarDate(),
  points: Type.Array(SeriesPoint),
});
export type IndicatorSeries = Static<typeof IndicatorSeries>;

export const ThresholdView = Type.Object({
  code: Type.String(),
  direction: literals(['above', 'below'] as const, 'above: the higher the worse; below: the lower the worse'),
  watch: Nullable(Type.Number()),
  bad: Nullable(Type.Number()),
  custom: Type.Boolean({ description: 'true: the scheme’s own limits; false: the defaults' }),
});
export type ThresholdView = Static<typeof ThresholdView>;

export const PutThresholds = Type.Object(
  {
    thresholds: Type.Array(
      Type.Object(
        {
          code: Type.String({ minLength: 1, maxLength: 60 }),
          watch: Nullable(Type.Number({ minimum: -1_000_000, maximum: 1_000_000 })),
          bad: Nullable(Type.Number({ minimum: -1_000_000, maximum: 1_000_000 })),
        },
        { additionalProperties: false },
      ),
      { maxItems: 50 },
    ),
    reset: Type.Optional(Type.Array(Type.String({ minLength: 1, maxLength: 60 }), { maxItems: 50, description: 'Codes going back to the default limits' })),
  },
  { additionalProperties: false },
);
export type PutThresholds = Static<typeof PutThresholds>;
