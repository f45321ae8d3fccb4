// Offers: /api/offers (API.md, "Offers"). The body schemas check shapes; the offer rules in
// @twinning/core check meaning (vocabularies, ranges, dates) and name every bad field.
import { Type, type Static, type TSchema } from 'typebox';
import { PageQuery } from './common.ts';
import { InstitutionShape } from './institutions.ts';

export const Format = Type.Enum([
  'coil',
  'virtual_exchange',
  'virtual_mobility',
  'blended_mobility',
]);
export const OfferStatus = Type.Enum(['open', 'matched', 'closed']);
export const SeekingRegion = Type.Enum(['asia', 'europe', 'any']);

export const OfferLanguage = Type.Object({
  code: Type.String({ description: 'ISO 639-1 code' }),
  level: Type.String({
    description: 'CEFR level of the offer’s own participants: A1…C2 or native',
  }),
  minPartnerLevel: Type.String({
    description: 'Least CEFR level needed from partners (default B1)',
  }),
});

export const OfferWindow = Type.Object({
  weekday: Type.Integer({ description: '1 = Monday … 7 = Sunday, in the offer’s time zone' }),
  start: Type.String({ description: 'HH:MM, local to the offer’s time zone' }),
  end: Type.String({
    description: 'HH:MM; an end before the start runs past midnight into the next day',
  }),
});

export const Offer = Type.Object(
  {
    id: Type.String(),
    institutionId: Type.String(),
    ownerId: Type.String(),
    title: Type.String(),
    description: Type.String(),
    format: Format,
    fields: Type.Array(Type.String(), { description: 'ISCED-F 2013 detailed codes' }),
    sdgs: Type.Array(Type.Integer()),
    themes: Type.Array(Type.String()),
    languages: Type.Array(OfferLanguage),
    levels: Type.Array(Type.String()),
    startDate: Type.String({ format: 'date' }),
    endDate: Type.String({ format: 'date' }),
    timeZone: Type.String(),
    windows: Type.Array(OfferWindow),
    classSize: Type.Integer(),
    seekingRegion: SeekingRegion,
    openToStudents: Type.Boolean(),
    status: OfferStatus,
    createdAt: Type.String({ format: 'date-time' }),
    confirmedAt: Type.Optional(
      Type.Union([Type.String({ format: 'date-time' }), Type.Null()], {
        description:
          'When its owner last confirmed it is still open (null: never, it counts from createdAt). Open offers unconfirmed for 75 days leave the open lists until confirmed again',
      }),
    ),
  },
  { title: 'Offer' },
);
export type Offer = Static<typeof Offer>;

export const StillOpenQuery = Type.Object({
  token: Type.String({ minLength: 1, maxLength: 300, description: 'From the mail’s link' }),
});
export const StillOpenBody = Type.Object({
  action: Type.Enum(['confirm', 'close'], {
    description: '`confirm`: still open (the 60 days start anew); `close`: status → closed',
  }),
});

/** One offer as its page shows it: the offer, its institution and who keeps it. */
export const OfferDetail = Type.Object({
  offer: Offer,
  institution: InstitutionShape,
  owner: Type.Object({
    id: Type.String(),
    name: Type.String(),
    lastActiveAt: Type.Union([Type.String({ format: 'date-time' }), Type.Null()], {
      description: 'When the owner last used Twinning (to the hour)',
    }),
  }),
  ended: Type.Boolean({ description: 'The end date has passed: it no longer shows in open lists' }),
  lapsed: Type.Optional(
    Type.Boolean({
      description:
        'Open but unconfirmed for 75 days: it no longer shows in open lists until its owner confirms it (POST /api/offers/{id}/confirm)',
    }),
  ),
});
export type OfferDetail = Static<typeof OfferDetail>;

const looseArray = <T extends TSchema>(item: T) => Type.Array(item, { maxItems: 50 });

export const OfferBody = Type.Object({
  title: Type.String({ maxLength: 1000 }),
  description: Type.String({ maxLength: 20000 }),
  format: Type.String({ maxLength: 40 }),
  fields: looseArray(Type.String({ maxLength: 10 })),
  sdgs: Type.Optional(looseArray(Type.Integer())),
  themes: Type.Optional(looseArray(Type.String({ maxLength: 60 }))),
  languages: looseArray(
    Type.Object({
      code: Type.String({ maxLength: 10 }),
      level: Type.String({ maxLength: 10 }),
      minPartnerLevel: Type.Optional(Type.String({ maxLength: 10 })),
    }),
  ),
  levels: looseArray(Type.String({ maxLength: 40 })),
  startDate: Type.String({ maxLength: 20 }),
  endDate: Type.String({ maxLength: 20 }),
  timeZone: Type.String({ maxLength: 80 }),
  windows: Type.Optional(
    looseArray(
      Type.Object({
        weekday: Type.Integer(),
        start: Type.String({ maxLength: 10 }),
        end: Type.String({ maxLength: 10 }),
      }),
    ),
  ),
  classSize: Type.Integer(),
  seekingRegion: Type.Optional(Type.String({ maxLength: 10 })),
  openToStudents: Type.Optional(Type.Boolean()),
});
export type OfferBody = Static<typeof OfferBody>;

export const OfferPatch = Type.Partial(OfferBody);
export type OfferPatch = Static<typeof OfferPatch>;

export const OfferQuery = Type.Object({
  q: Type.Optional(
    Type.String({ maxLength: 200, description: 'Full text over title and description, ranked' }),
  ),
  format: Type.Optional(Format),
  field: Type.Optional(
    Type.String({ pattern: '^[0-9]{2,4}$', description: 'ISCED-F broad, narrow or detailed code' }),
  ),
  language: Type.Optional(Type.String({ maxLength: 3 })),
  region: Type.Optional(Type.Enum(['asia', 'europe'])),
  country: Type.Optional(Type.String({ pattern: '^[A-Za-z]{2}$' })),
  level: Type.Optional(Type.String({ maxLength: 40 })),
  sdg: Type.Optional(Type.Integer({ minimum: 1, maximum: 17 })),
  theme: Type.Optional(Type.String({ maxLength: 60 })),
  from: Type.Optional(Type.String({ format: 'date', description: 'Runs on or after this date' })),
  to: Type.Optional(Type.String({ format: 'date', description: 'Runs on or before this date' })),
  openToStudents: Type.Optional(Type.Boolean()),
  status: Type.Optional(
    Type.Enum(['open', 'matched', 'closed', 'all'], {
      description:
        '`open` (default) leaves out offers whose end date has passed; `all` lists every status',
    }),
  ),
  institution: Type.Optional(
    Type.String({ maxLength: 64, description: 'Offers of one institution' }),
  ),
  owner: Type.Optional(
    Type.Literal('me', { description: '`me`: the signed-in user’s own offers' }),
  ),
  ...PageQuery,
});
export type OfferQuery = Static<typeof OfferQuery>;

export const OfferPage = Type.Object({
  items: Type.Array(Offer),
  nextCursor: Type.Union([Type.String(), Type.Null()]),
  total: Type.Integer({
    minimum: 0,
    description:
      'How many offers the whole search finds (all pages), counted up to 100; see `totalCapped`',
  }),
  totalCapped: Type.Boolean({
    description: 'True when the search finds more than `total` (100+): counting stops there',
  }),
});
export type OfferPage = Static<typeof OfferPage>;

export const OfferLanguageQuery = Type.Object({
  openToStudents: Type.Optional(
    Type.Boolean({ description: 'Only offers open to students (the students’ opportunities)' }),
  ),
});

export const OfferLanguageUsage = Type.Object({
  items: Type.Array(
    Type.Object({
      code: Type.String({ description: 'ISO 639-1' }),
      offers: Type.Integer({ minimum: 1, description: 'Open offers that work in it' }),
    }),
    { description: 'Most used first, then by code' },
  ),
});
export type OfferLanguageUsage = Static<typeof OfferLanguageUsage>;

export const MatchBreakdown = Type.Object({
  topic: Type.Number(),
  language: Type.Number(),
  liveHours: Type.Number(),
  weeks: Type.Number(),
  fit: Type.Number(),
  balance: Type.Number({
    description:
      'How much the balance goals lift this partner (0–1); moves the score by at most 0.05',
  }),
});
/** The six parts of a match score, each 0–1. */
export type MatchBreakdown = Static<typeof MatchBreakdown>;

export const MatchesQuery = Type.Object({
  limit: Type.Optional(Type.Integer({ minimum: 1, maximum: 100, default: 20 })),
});

/** One suggested partner offer, with why it fits and what to watch out for. */
export const Match = Type.Object({
  offer: Offer,
  institution: InstitutionShape,
  score: Type.Number({ description: 'Reciprocal score, 0–1' }),
  breakdown: MatchBreakdown,
  reasons: Type.Array(Type.String(), {
    description:
      'Why it fits, most telling first: live hours, every shared field, SDG and theme, language, term, class sizes, and balance when it lifted the score',
  }),
  cautions: Type.Array(Type.String(), {
    description:
      'What to watch out for: no or little live time, no shared field, a language just at the level asked, a tight term, lopsided class sizes, different formats',
  }),
});
export type Match = Static<typeof Match>;

export const MatchesReply = Type.Object({ items: Type.Array(Match) });
export type MatchesReply = Static<typeof MatchesReply>;
