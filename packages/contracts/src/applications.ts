// Student applications: /api/offers/:id/applications, /api/applications.
import { Type, type Static } from 'typebox';

export const ApplicationStatus = Type.Enum(['pending', 'accepted', 'declined', 'withdrawn'], {
  description: '`withdrawn`: the student took it back (while pending or after acceptance)',
});

export const Application = Type.Object(
  {
    id: Type.String(),
    offerId: Type.String(),
    offerTitle: Type.String(),
    studentId: Type.String(),
    studentName: Type.String(),
    studentEmail: Type.String({ description: 'Shown to the offer’s owner and the student only' }),
    motivation: Type.String(),
    status: ApplicationStatus,
    createdAt: Type.String({ format: 'date-time' }),
    decidedAt: Type.Union([Type.String({ format: 'date-time' }), Type.Null()]),
  },
  { title: 'Application' },
);
export type Application = Static<typeof Application>;

export const ApplicationBody = Type.Object({
  motivation: Type.String({ maxLength: 20000, description: '50–2000 characters' }),
});

export const ApplicationQuery = Type.Object({
  offerId: Type.Optional(
    Type.String({ maxLength: 64, description: 'Owner: the applications for one offer' }),
  ),
  limit: Type.Optional(Type.Integer({ minimum: 1, maximum: 100, default: 20 })),
  cursor: Type.Optional(Type.String({ maxLength: 500 })),
});

export const ApplicationPage = Type.Object({
  items: Type.Array(Application),
  nextCursor: Type.Union([Type.String(), Type.Null()]),
});
export type ApplicationPage = Static<typeof ApplicationPage>;
