// Institutions: /api/institutions.
import { Type, type Static } from 'typebox';
import { PageQuery } from './common.ts';

export const InstitutionType = Type.Enum(['university', 'tvet', 'college', 'other']);
export const RegionSchema = Type.Enum(['asia', 'europe']);
export type InstitutionType = Static<typeof InstitutionType>;

export const Institution = Type.Object(
  {
    id: Type.String(),
    name: Type.String(),
    country: Type.String({ description: 'ISO 3166-1 alpha-2 code of an ASEM partner' }),
    region: RegionSchema,
    city: Type.Union([Type.String(), Type.Null()]),
    website: Type.Union([Type.String(), Type.Null()]),
    domains: Type.Array(Type.String()),
    type: InstitutionType,
    verified: Type.Boolean(),
  },
  { $id: 'Institution' },
);
export type Institution = Static<typeof Institution>;

export const InstitutionQuery = Type.Object({
  q: Type.Optional(Type.String({ maxLength: 200, description: 'Words of the name' })),
  country: Type.Optional(
    Type.String({ pattern: '^[A-Za-z]{2}$', description: 'ISO 3166-1 alpha-2' }),
  ),
  region: Type.Optional(RegionSchema),
  verified: Type.Optional(Type.Boolean()),
  ...PageQuery,
});
export type InstitutionQuery = Static<typeof InstitutionQuery>;

export const InstitutionPage = Type.Object({
  items: Type.Array(Type.Ref('Institution')),
  nextCursor: Type.Union([Type.String(), Type.Null()]),
});
export type InstitutionPage = { items: Institution[]; nextCursor: string | null };

export const CreateInstitutionBody = Type.Object({
  name: Type.String(),
  country: Type.String(),
  city: Type.Optional(Type.Union([Type.String(), Type.Null()])),
  website: Type.Optional(Type.Union([Type.String(), Type.Null()])),
  domains: Type.Array(Type.String()),
  type: Type.String(),
});
export type CreateInstitutionBody = Static<typeof CreateInstitutionBody>;
