// Moderation (the secretariat): the queue of what waits, finding an account by its email
// address, and suspending accounts or hiding offers with the reason kept.
import { Type, type Static } from 'typebox';

/** An account named by its email address: in a body, so it stays out of URLs and access logs. */
export const AccountLookupBody = Type.Object({
  email: Type.String({ minLength: 3, maxLength: 254 }),
});

export const AccountFound = Type.Object({
  id: Type.String(),
  name: Type.String(),
  email: Type.String(),
  role: Type.String(),
  suspended: Type.Boolean(),
});
export type AccountFound = Static<typeof AccountFound>;

export const ReasonBody = Type.Object({
  reason: Type.String({ minLength: 1, maxLength: 500, description: 'Kept with the record' }),
});

export const Suspension = Type.Object({
  id: Type.String(),
  suspended: Type.Boolean(),
  reason: Type.Union([Type.String(), Type.Null()]),
});

export const Hiding = Type.Object({
  id: Type.String(),
  hidden: Type.Boolean(),
  reason: Type.Union([Type.String(), Type.Null()]),
});

export const Moderation = Type.Object({
  pendingInstitutions: Type.Integer({
    description:
      'Institutions waiting for verification: unverified, and an admin registered or claimed it and was not refused (the verification queue’s length)',
  }),
  pendingAffiliations: Type.Array(
    Type.Object({
      id: Type.String(),
      userId: Type.String(),
      userName: Type.String(),
      email: Type.String(),
      institutionId: Type.String(),
      institutionName: Type.String(),
      role: Type.String(),
      createdAt: Type.String({ format: 'date-time' }),
    }),
  ),
  suspendedUsers: Type.Array(
    Type.Object({
      id: Type.String(),
      name: Type.String(),
      email: Type.String(),
      role: Type.String(),
      reason: Type.String(),
      suspendedAt: Type.String({ format: 'date-time' }),
    }),
  ),
  hiddenOffers: Type.Array(
    Type.Object({
      id: Type.String(),
      title: Type.String(),
      ownerName: Type.String(),
      reason: Type.String(),
      hiddenAt: Type.String({ format: 'date-time' }),
    }),
  ),
});
export type Moderation = Static<typeof Moderation>;
