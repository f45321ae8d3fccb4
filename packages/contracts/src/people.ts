// People: public profiles, one's own profile and settings, avatars (API.md, "Accounts, e-mail
// and people").
import { Type, type Static } from 'typebox';
import { Role, UserLanguage } from './accounts.ts';

export const PublicProfile = Type.Object({
  id: Type.String(),
  name: Type.String(),
  title: Type.Union([Type.String(), Type.Null()]),
  bio: Type.Union([Type.String(), Type.Null()]),
  role: Role,
  institutionId: Type.Union([Type.String(), Type.Null()]),
  languages: Type.Array(UserLanguage),
  timeZone: Type.Union([Type.String(), Type.Null()]),
  avatarUrl: Type.Union([Type.String(), Type.Null()], {
    description:
      'The avatar image (WebP, 256 px square), versioned so it may be cached; null: none',
  }),
});
export type PublicProfile = Static<typeof PublicProfile>;

// The schema checks shapes; the people service checks meaning (IANA zone, ISO 639-1 codes,
// supported locales, lengths) and names every bad field in one 400.
export const UpdateMeBody = Type.Object(
  {
    name: Type.Optional(Type.String({ maxLength: 1000 })),
    title: Type.Optional(Type.Union([Type.String({ maxLength: 1000 }), Type.Null()])),
    bio: Type.Optional(Type.Union([Type.String({ maxLength: 10_000 }), Type.Null()])),
    languages: Type.Optional(
      Type.Array(
        Type.Object({
          code: Type.String({ maxLength: 16 }),
          level: Type.String({ maxLength: 16 }),
        }),
        {
          maxItems: 50,
          description: 'ISO 639-1 codes with a CEFR level (A1, A2, B1, B2, C1, C2 or native)',
        },
      ),
    ),
    timeZone: Type.Optional(Type.Union([Type.String({ maxLength: 100 }), Type.Null()])),
    locale: Type.Optional(Type.Union([Type.String({ maxLength: 16 }), Type.Null()])),
    emailNotifications: Type.Optional(Type.String({ maxLength: 16 })),
  },
  { additionalProperties: false },
);
export type UpdateMeBody = Static<typeof UpdateMeBody>;

export const PersonOffer = Type.Object({
  id: Type.String(),
  title: Type.String(),
  format: Type.String(),
  fields: Type.Array(Type.String()),
  startDate: Type.String(),
  endDate: Type.String(),
  status: Type.Enum(['open', 'matched', 'closed']),
});

export const FinishedPartnership = Type.Object({
  id: Type.String(),
  completedAt: Type.Union([Type.String({ format: 'date-time' }), Type.Null()]),
  offerId: Type.String(),
  offerTitle: Type.String(),
  partnerOfferId: Type.String(),
  partnerOfferTitle: Type.String(),
  partnerId: Type.String(),
  partnerName: Type.String(),
  partnerInstitutionId: Type.String(),
  partnerInstitutionName: Type.String(),
});

export const PersonActivity = Type.Object({
  fields: Type.Array(Type.String(), {
    description: 'The ISCED-F fields the person teaches in, from their offers',
  }),
  openOffers: Type.Array(PersonOffer),
  finishedPartnerships: Type.Array(FinishedPartnership),
});
export type PersonActivity = Static<typeof PersonActivity>;

export const AvatarQuery = Type.Object({
  v: Type.Optional(Type.String({ maxLength: 32, description: 'The version in avatarUrl' })),
});
