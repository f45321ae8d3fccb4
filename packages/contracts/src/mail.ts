// One-click unsubscribe (RFC 8058): the link in a notification mail's List-Unsubscribe header.
import { Type, type Static } from 'typebox';

export const UnsubscribeQuery = Type.Object(
  { token: Type.String({ minLength: 1, maxLength: 500 }) },
  { additionalProperties: false },
);

export const Unsubscribed = Type.Object(
  {
    /** What the user's e-mail setting is now. */
    emailNotifications: Type.Literal('off'),
  },
  { additionalProperties: false },
);
export type Unsubscribed = Static<typeof Unsubscribed>;
