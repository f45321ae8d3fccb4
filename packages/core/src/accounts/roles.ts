// Who a user is on the platform. Secretariat accounts come only from the command line or demo data.
export const roles = ['student', 'lecturer', 'institution_admin', 'secretariat'] as const;
export type Role = (typeof roles)[number];

export const selfServiceRoles = ['student', 'lecturer', 'institution_admin'] as const;
export type SelfServiceRole = (typeof selfServiceRoles)[number];

export function isSelfServiceRole(value: string): value is SelfServiceRole {
  return (selfServiceRoles as readonly string[]).includes(value);
}
