// Partnerships: /api/partnerships (API.md, "Partnerships").
import { Type, type Static } from 'typebox';

export const PartnershipStatus = Type.Enum([
  'pending',
  'accepted',
  'declined',
  'withdrawn',
  'completed',
  // A pending request nobody answered for 14 days.
  'expired',
]);
export type PartnershipStatus = Static<typeof PartnershipStatus>;

export const Partnership = Type.Object(
  {
    id: Type.String(),
    offerId: Type.String({ description: 'The requesting side’s offer' }),
    partnerOfferId: Type.String({ description: 'The offer asked to partner' }),
    requestedBy: Type.String({ description: 'The user who asked' }),
    requesterName: Type.String({ description: 'Their name, for the side that was asked' }),
    status: PartnershipStatus,
    message: Type.String(),
    score: Type.Union([Type.Number(), Type.Null()]),
    conversationId: Type.Union([Type.String(), Type.Null()]),
    createdAt: Type.String({ format: 'date-time' }),
    decidedAt: Type.Union([Type.String({ format: 'date-time' }), Type.Null()]),
    studentsA: Type.Union([Type.Integer(), Type.Null()]),
    studentsB: Type.Union([Type.Integer(), Type.Null()]),
  },
  { title: 'Partnership' },
);
export type Partnership = Static<typeof Partnership>;

export const PartnershipBody = Type.Object({
  offerId: Type.String({ maxLength: 64 }),
  partnerOfferId: Type.String({ maxLength: 64 }),
  message: Type.Optional(Type.String({ maxLength: 20000, description: 'Up to 2000 characters' })),
});

export const CompleteBody = Type.Object({
  studentsA: Type.Integer({
    minimum: 0,
    maximum: 10000,
    description: 'Students of the requesting side',
  }),
  studentsB: Type.Integer({
    minimum: 0,
    maximum: 10000,
    description: 'Students of the partner side',
  }),
});

export const PartnershipQuery = Type.Object({
  status: Type.Optional(PartnershipStatus),
  limit: Type.Optional(Type.Integer({ minimum: 1, maximum: 100, default: 20 })),
  cursor: Type.Optional(Type.String({ maxLength: 500 })),
});

export const PartnershipPage = Type.Object({
  items: Type.Array(Partnership),
  nextCursor: Type.Union([Type.String(), Type.Null()]),
});
export type PartnershipPage = Static<typeof PartnershipPage>;
