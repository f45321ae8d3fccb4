// Institutions: /api/institutions.
import { Type, type Static } from 'typebox';
import { PageQuery } from './common.ts';

export const InstitutionType = Type.Enum(['university', 'tvet', 'college', 'other']);
export const RegionSchema = Type.Enum(['asia', 'europe']);
export type InstitutionType = Static<typeof InstitutionType>;

const institutionProperties = {
  id: Type.String(),
  name: Type.String(),
  country: Type.String({ description: 'ISO 3166-1 alpha-2 code of an ASEM partner' }),
  region: RegionSchema,
  city: Type.Union([Type.String(), Type.Null()]),
  website: Type.Union([Type.String(), Type.Null()]),
  domains: Type.Array(Type.String(), {
    description:
      'Web domains approved for it: a verified address on one counts for affiliations (domains its admin added that wait for the secretariat are not listed here)',
  }),
  type: InstitutionType,
  verified: Type.Boolean(),
};

/** Shared by reference (`Institution`) in the institution routes' replies. */
export const Institution = Type.Object(institutionProperties, { $id: 'Institution' });
export type Institution = Static<typeof Institution>;

/** The same shape without an $id, for embedding in other replies. */
export const InstitutionShape = Type.Object(institutionProperties, { title: 'Institution' });

export const InstitutionQuery = Type.Object({
  q: Type.Optional(Type.String({ maxLength: 200, description: 'Words of the name' })),
  country: Type.Optional(
    Type.String({ pattern: '^[A-Za-z]{2}$', description: 'ISO 3166-1 alpha-2' }),
  ),
  region: Type.Optional(RegionSchema),
  verified: Type.Optional(Type.Boolean()),
  awaitingVerification: Type.Optional(
    Type.Boolean({
      description:
        'The secretariat’s queue: unverified institutions that an admin registered or claimed, neither refused nor waiting for the admin’s answer',
    }),
  ),
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

export const UpdateInstitutionBody = Type.Partial(CreateInstitutionBody);
export type UpdateInstitutionBody = Static<typeof UpdateInstitutionBody>;

export const InstitutionSummary = Type.Object({
  offers: Type.Integer({ description: 'Offers posted, all statuses' }),
  openOffers: Type.Integer({ description: 'Open offers whose end date has not passed' }),
  partnerships: Type.Integer({ description: 'Agreed partnerships (accepted or completed)' }),
  lecturers: Type.Integer({ description: 'Lecturers with a verified affiliation' }),
});
export type InstitutionSummary = Static<typeof InstitutionSummary>;

export const AffiliationRequest = Type.Object({
  id: Type.String(),
  institutionId: Type.String(),
  userId: Type.String(),
  name: Type.String(),
  email: Type.String(),
  role: Type.Enum(['lecturer', 'admin']),
  status: Type.Enum(['pending', 'verified', 'refused']),
  createdAt: Type.String({ format: 'date-time' }),
  decidedAt: Type.Union([Type.String({ format: 'date-time' }), Type.Null()]),
});
export type AffiliationRequest = Static<typeof AffiliationRequest>;

export const AffiliationQuery = Type.Object({
  status: Type.Optional(Type.Enum(['pending', 'verified', 'refused'])),
});

export const AffiliationList = Type.Object({ items: Type.Array(AffiliationRequest) });
export type AffiliationList = Static<typeof AffiliationList>;

/** The secretariat's review of an unverified institution. */
export const ReviewStatus = Type.Enum(['pending', 'info_requested', 'refused'], {
  description:
    '`pending`: in the verification queue; `info_requested`: waiting for its admin’s answer to the secretariat’s question; `refused`: the secretariat refused it (with a reason)',
});
export type ReviewStatus = Static<typeof ReviewStatus>;

export const InstitutionReview = Type.Object({
  institutionId: Type.String(),
  verified: Type.Boolean(),
  status: ReviewStatus,
  note: Type.Union([Type.String(), Type.Null()], {
    description: 'Why it was refused, or what the secretariat asked',
  }),
  answer: Type.Union([Type.String(), Type.Null()], {
    description: 'The admin’s answer to the question',
  }),
  reviewedAt: Type.Union([Type.String({ format: 'date-time' }), Type.Null()]),
  answeredAt: Type.Union([Type.String({ format: 'date-time' }), Type.Null()]),
});
export type InstitutionReview = Static<typeof InstitutionReview>;

export const RefuseInstitutionBody = Type.Object({
  reason: Type.String({ maxLength: 1000, description: 'Told to the institution’s admin' }),
});

export const RequestInformationBody = Type.Object({
  question: Type.String({ maxLength: 2000, description: 'Told to the institution’s admin' }),
});

export const AnswerReviewBody = Type.Object({
  answer: Type.String({ maxLength: 4000 }),
});

export const VerificationQueueQuery = Type.Object({
  status: Type.Optional(ReviewStatus),
  ...PageQuery,
});

export const VerificationQueue = Type.Object({
  items: Type.Array(
    Type.Object({
      institution: InstitutionShape,
      requestedBy: Type.Union(
        [
          Type.Object({ id: Type.String(), name: Type.String(), email: Type.String() }),
          Type.Null(),
        ],
        { description: 'The admin who registered or claimed it' },
      ),
      requestedAt: Type.String({ format: 'date-time', description: 'When that admin asked' }),
      review: InstitutionReview,
    }),
  ),
  nextCursor: Type.Union([Type.String(), Type.Null()]),
});
export type VerificationQueue = Static<typeof VerificationQueue>;

const Requester = Type.Union(
  [Type.Object({ id: Type.String(), name: Type.String(), email: Type.String() }), Type.Null()],
  { description: 'The admin who asked' },
);

/** A web domain an admin added, waiting for the secretariat. */
export const PendingDomain = Type.Object({
  institutionId: Type.String(),
  institutionName: Type.String(),
  institutionVerified: Type.Boolean(),
  domain: Type.String(),
  requestedBy: Requester,
  requestedAt: Type.Union([Type.String({ format: 'date-time' }), Type.Null()]),
});
export type PendingDomain = Static<typeof PendingDomain>;

export const PendingDomainList = Type.Object({ items: Type.Array(PendingDomain) });
export type PendingDomainList = Static<typeof PendingDomainList>;

export const InstitutionDomainParams = Type.Object({
  id: Type.String({ description: 'The institution' }),
  domain: Type.String({ maxLength: 253, description: 'The pending domain, e.g. uni-example.edu' }),
});

/** An admin's claim on a verified institution, waiting for its admin or the secretariat. */
export const AdminClaim = Type.Object({
  ...AffiliationRequest.properties,
  institutionName: Type.String(),
  institutionVerified: Type.Boolean(),
});
export type AdminClaim = Static<typeof AdminClaim>;

export const AdminClaimList = Type.Object({ items: Type.Array(AdminClaim) });
export type AdminClaimList = Static<typeof AdminClaimList>;

/** One of an institution's web domains, with its state. */
export const InstitutionDomain = Type.Object({
  domain: Type.String(),
  status: Type.Enum(['approved', 'pending'], {
    description: '`pending`: added by its admin, waits for the secretariat and does not count yet',
  }),
  requestedBy: Requester,
  requestedAt: Type.Union([Type.String({ format: 'date-time' }), Type.Null()]),
});
export type InstitutionDomain = Static<typeof InstitutionDomain>;

export const InstitutionDomainList = Type.Object({ items: Type.Array(InstitutionDomain) });
export type InstitutionDomainList = Static<typeof InstitutionDomainList>;
