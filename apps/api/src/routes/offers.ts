// Offers: post, search, read, edit, close (API.md, "Offers").
import { errorResponses, IdParams } from '@twinning/contracts/common';
import {
  MatchesQuery,
  MatchesReply,
  Offer,
  OfferBody,
  OfferDetail,
  OfferLanguageQuery,
  OfferLanguageUsage,
  OfferPage,
  OfferPatch,
  OfferQuery,
  StillOpenBody,
  StillOpenQuery,
} from '@twinning/contracts/offers';
import { HttpError } from '../errors.ts';
import { stillOpenLinkPurpose } from '../services/still-open.ts';
import type { Offer as StoredOffer } from '@twinning/db/repositories/offers';
import { requireUser } from '../plugins/sessions.ts';
import type { Api, RouteContext } from './types.ts';

/** The offer as API.md shows it: dates as ISO strings. */
export function publicOffer(offer: StoredOffer) {
  return {
    ...offer,
    createdAt: offer.createdAt.toISOString(),
    confirmedAt: offer.confirmedAt?.toISOString() ?? null,
  };
}

export default function offerRoutes(app: Api, { services, unsubscribeTokens }: RouteContext) {
  app.post(
    '/offers',
    {
      schema: {
        tags: ['offers'],
        summary: 'Post an offer (lecturers and admins of a verified institution)',
        body: OfferBody,
        response: { 201: Offer, ...errorResponses },
      },
    },
    async (request, reply) => {
      const offer = await services.offers.create(requireUser(request), request.body);
      return reply.status(201).send(publicOffer(offer));
    },
  );

  app.get(
    '/offers',
    {
      schema: {
        tags: ['offers'],
        summary: 'Search and filter offers; `q` is ranked full text',
        description:
          'Without `q`, newest first. `status` defaults to `open`, which leaves out offers whose end date has passed. `field` matches a broad, narrow or detailed ISCED-F code. Filters combine with AND.',
        querystring: OfferQuery,
        response: { 200: OfferPage, ...errorResponses },
      },
    },
    async (request) => {
      const { limit, ...query } = request.query;
      const page = await services.offers.search(request.user, { ...query, limit: limit ?? 20 });
      return {
        items: page.items.map(publicOffer),
        nextCursor: page.nextCursor,
        total: page.total,
        totalCapped: page.totalCapped,
      };
    },
  );

  app.get(
    '/offers/languages',
    {
      schema: {
        tags: ['offers'],
        summary: 'The languages open offers work in, most used first (for a language filter)',
        description:
          'Counts open offers (not past their end date) per ISO 639-1 code; with `openToStudents=true` only those open to students. May lag new offers by up to a minute.',
        querystring: OfferLanguageQuery,
        response: { 200: OfferLanguageUsage, ...errorResponses },
      },
    },
    async (request) => ({ items: await services.offers.languageUsage(request.query) }),
  );

  app.get(
    '/offers/:id',
    {
      schema: {
        tags: ['offers'],
        summary: 'One offer with its institution and owner',
        params: IdParams,
        response: { 200: OfferDetail, ...errorResponses },
      },
    },
    async (request) => {
      const detail = await services.offers.get(request.params.id);
      return {
        ...detail,
        offer: publicOffer(detail.offer),
        owner: { ...detail.owner, lastActiveAt: detail.owner.lastActiveAt?.toISOString() ?? null },
      };
    },
  );

  app.patch(
    '/offers/:id',
    {
      schema: {
        tags: ['offers'],
        summary: 'Change an offer (its owner); the whole result is validated again',
        params: IdParams,
        body: OfferPatch,
        response: { 200: Offer, ...errorResponses },
      },
    },
    async (request) =>
      publicOffer(
        await services.offers.update(requireUser(request), request.params.id, request.body),
      ),
  );

  app.post(
    '/offers/:id/close',
    {
      schema: {
        tags: ['offers'],
        summary: 'Close an offer (its owner)',
        params: IdParams,
        response: { 200: Offer, ...errorResponses },
      },
    },
    async (request) =>
      publicOffer(await services.offers.close(requireUser(request), request.params.id)),
  );

  app.post(
    '/offers/:id/confirm',
    {
      schema: {
        tags: ['offers'],
        summary: 'Confirm an open offer is still open (its owner)',
        description:
          'An open offer unconfirmed for 60 days gets a “still open?” mail; at 75 days it leaves the open lists. Confirming (or editing) starts the 60 days anew and lists it again. Not open → 409.',
        params: IdParams,
        response: { 200: Offer, ...errorResponses },
      },
    },
    async (request) =>
      publicOffer(await services.offers.confirm(requireUser(request), request.params.id)),
  );

  app.post(
    '/offers/:id/still-open',
    {
      schema: {
        tags: ['offers'],
        summary: 'Answer the “still open?” mail: confirm or close, by the mail’s signed link',
        description:
          'No session needed: the token (signed for this offer) says the owner sent it. A token of another offer or purpose → 400 `invalid_token`.',
        params: IdParams,
        querystring: StillOpenQuery,
        body: StillOpenBody,
        response: { 200: Offer, ...errorResponses },
      },
    },
    async (request) => {
      const offerId = await unsubscribeTokens.verifyFor(stillOpenLinkPurpose, request.query.token);
      if (offerId !== request.params.id) {
        throw new HttpError(
          400,
          'invalid_token',
          'This link is not valid for this offer. Log in and confirm or close the offer on its page.',
        );
      }
      return publicOffer(await services.offers.answerStillOpen(offerId, request.body.action));
    },
  );

  app.get(
    '/offers/:id/matches',
    {
      schema: {
        tags: ['matching'],
        summary: 'Ranked, explained partners for an offer (its owner, the secretariat)',
        description:
          'No candidate that breaks a hard constraint (PRODUCT.md) is returned; best first. The score is reciprocal (harmonic mean of both sides’ views) with a balance lift of at most 0.05.',
        params: IdParams,
        querystring: MatchesQuery,
        response: { 200: MatchesReply, ...errorResponses },
      },
    },
    async (request) => {
      const items = await services.matching.suggest(
        requireUser(request),
        request.params.id,
        request.query.limit ?? 20,
      );
      return {
        items: items.map((item) => ({
          ...item,
          offer: publicOffer(item.offer),
        })),
      };
    },
  );
}
