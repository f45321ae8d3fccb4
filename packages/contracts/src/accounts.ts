// Accounts and sessions: /api/auth/*, /api/me.
import { Type, type Static } from 'typebox';

export const Role = Type.Enum(['student', 'lecturer', 'institution_admin', 'secretariat']);
export type Role = Static<typeof Role>;

export const CefrLevel = Type.Enum(['A1', 'A2', 'B1', 'B2', 'C1', 'C2', 'native']);

export const UserLanguage = Type.Object({
  code: Type.String({ description: 'ISO 639-1 code' }),
  level: CefrLevel,
});

export const User = Type.Object(
  {
    id: Type.String(),
    email: Type.String(),
    name: Type.String(),
    role: Role,
    institutionId: Type.Union([Type.String(), Type.Null()]),
    languages: Type.Array(UserLanguage),
    timeZone: Type.Union([Type.String(), Type.Null()]),
    emailVerified: Type.Boolean({
      description: 'Whether the address is proved (the link of the verification mail was followed)',
    }),
    demo: Type.Boolean({
      description: 'A demo account of the demo data (its password is printed at start)',
    }),
    title: Type.Union([Type.String(), Type.Null()], { description: 'Academic title, e.g. "Dr."' }),
    bio: Type.Union([Type.String(), Type.Null()]),
    locale: Type.Union([Type.String(), Type.Null()], {
      description:
        'The language pages and mails are in, when chosen (en, zh, ja, ko, vi, th, id, fr, de, es)',
    }),
    emailNotifications: Type.Enum(['instant', 'daily', 'off'], {
      description: 'A mail at once, a daily digest at 08:00 in the user’s time zone, or no mail',
    }),
  },
  { $id: 'User' },
);
export type User = Static<typeof User>;

export const Affiliation = Type.Object({
  institutionId: Type.String(),
  institutionName: Type.String(),
  role: Type.Enum(['lecturer', 'admin']),
  status: Type.Enum(['pending', 'verified', 'refused']),
});
export type Affiliation = Static<typeof Affiliation>;

export const UserReply = Type.Object({ user: Type.Ref('User') });
export type UserReply = { user: User };

export const MeReply = Type.Object({
  user: Type.Ref('User'),
  affiliation: Type.Union([Affiliation, Type.Null()], {
    description: 'The institution link of a lecturer or admin and whether it is verified yet',
  }),
});
export type MeReply = { user: User; affiliation: Affiliation | null };

// The schema checks shapes; the accounts service checks meaning (a real email, a long enough
// password, an institution that exists) and names every bad field in one 400.
export const SignupBody = Type.Object({
  email: Type.String({ maxLength: 254, description: 'Becomes the login; lower-cased' }),
  password: Type.String({ maxLength: 256, description: 'At least 10 characters' }),
  name: Type.String({ maxLength: 120 }),
  role: Type.Enum(['student', 'lecturer', 'institution_admin'], {
    description: 'Secretariat accounts are made with `pnpm admin:create` only',
  }),
  institutionId: Type.Optional(
    Type.Union([Type.String({ maxLength: 64 }), Type.Null()], {
      description: 'Required for lecturers: the institution they teach at',
    }),
  ),
});
export type SignupBody = Static<typeof SignupBody>;

export const VerifyEmailBody = Type.Object({
  token: Type.String({ minLength: 1, maxLength: 200, description: 'From the mail’s link' }),
});
export type VerifyEmailBody = Static<typeof VerifyEmailBody>;

export const PasswordResetBody = Type.Object({
  email: Type.String({ maxLength: 254, description: 'The address the account signed up with' }),
});
export type PasswordResetBody = Static<typeof PasswordResetBody>;

export const PasswordResetConfirmBody = Type.Object({
  token: Type.String({ minLength: 1, maxLength: 200, description: 'From the reset mail’s link' }),
  password: Type.String({
    maxLength: 256,
    description:
      'The new password: at least 10 characters, zxcvbn strength 3 of 4 or more, not containing the email or name',
  }),
});
export type PasswordResetConfirmBody = Static<typeof PasswordResetConfirmBody>;

export const LoginBody = Type.Object({
  email: Type.String({ maxLength: 254 }),
  password: Type.String({ maxLength: 256 }),
});
export type LoginBody = Static<typeof LoginBody>;

export const ChangePasswordBody = Type.Object({
  currentPassword: Type.String({ maxLength: 256 }),
  newPassword: Type.String({
    maxLength: 256,
    description:
      'At least 10 characters, zxcvbn strength 3 of 4 or more (common and English dictionaries), not containing the email or name',
  }),
});
export type ChangePasswordBody = Static<typeof ChangePasswordBody>;

export const AccountSession = Type.Object({
  id: Type.String({
    description: 'Opaque id of the session for this list: not its token, useless for logging in',
  }),
  createdAt: Type.String({ format: 'date-time' }),
  lastSeenAt: Type.Union([Type.String({ format: 'date-time' }), Type.Null()], {
    description: 'Last use, to within a few minutes',
  }),
  userAgent: Type.Union([Type.String(), Type.Null()], {
    description: 'The browser and system at log-in, shortened, e.g. "Firefox 128 on Linux"',
  }),
  current: Type.Boolean({ description: 'The session this request was made with' }),
});
export type AccountSession = Static<typeof AccountSession>;

export const SessionListReply = Type.Object({ items: Type.Array(AccountSession) });
export type SessionListReply = Static<typeof SessionListReply>;

export const SessionIdParams = Type.Object({ id: Type.String({ minLength: 1, maxLength: 64 }) });
