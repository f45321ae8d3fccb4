// Student applications: a student applies to an offer open to students; its owner decides.
import { isoDateOf } from '@twinning/core/offers/dates';
import { BadCursorError } from '@twinning/db/paging';
import type { Repositories } from '@twinning/db/repositories';
import { AlreadyAppliedError, type Application } from '@twinning/db/repositories/applications';
import type { User } from '@twinning/db/repositories/users';
import { conflict, forbidden, invalidInput, notFound } from '../errors.ts';

export const motivationLimits = { min: 50, max: 2000 } as const;

export function createApplicationService({
  repositories,
  now,
  newId,
  notify = async () => undefined,
}: {
  repositories: Pick<Repositories, 'applications' | 'offers'>;
  now: () => Date;
  newId: () => string;
  /** Pushes stored notifications to their users' sockets. */
  notify?: (ids: string[]) => Promise<void>;
}) {
  const { applications, offers } = repositories;

  async function decide(
    user: User,
    id: string,
    status: 'accepted' | 'declined',
  ): Promise<Application> {
    const application = await applications.findById(id);
    if (!application) throw notFound('application');
    if (application.offerOwnerId !== user.id)
      throw forbidden('Only the offer’s owner decides on its applications.');
    const notificationId = newId();
    const changed = await applications.decide({
      id,
      status,
      at: now(),
      notification: {
        id: notificationId,
        userId: application.studentId,
        payload: {
          applicationId: id,
          offerId: application.offerId,
          offerTitle: application.offerTitle,
          status,
        },
      },
    });
    if (!changed) throw conflict(`The application is ${application.status} already.`);
    await notify([notificationId]);
    return (await applications.findById(id))!;
  }

  return {
    async apply(user: User, offerId: string, motivationInput: string): Promise<Application> {
      if (user.role !== 'student') throw forbidden('Only students apply to offers.');
      const offer = await offers.findById(offerId);
      if (!offer) throw notFound('offer');
      const motivation = motivationInput.trim();
      if (motivation.length < motivationLimits.min || motivation.length > motivationLimits.max) {
        throw invalidInput([
          {
            field: 'motivation',
            message: `must be ${motivationLimits.min}–${motivationLimits.max} characters`,
          },
        ]);
      }
      if (!offer.openToStudents) throw conflict('This offer is not open to students.');
      if (offer.status !== 'open' || offer.endDate < isoDateOf(now())) {
        throw conflict('This offer no longer takes applications.');
      }
      const notificationId = newId();
      try {
        const created = await applications.create({
          id: newId(),
          offerId,
          studentId: user.id,
          motivation,
          createdAt: now(),
          notification: {
            id: notificationId,
            userId: offer.ownerId,
            payload: { offerId, offerTitle: offer.title, studentName: user.name },
          },
        });
        await notify([notificationId]);
        return created;
      } catch (error) {
        if (error instanceof AlreadyAppliedError)
          throw conflict('You have applied to this offer already.');
        throw error;
      }
    },

    async list(user: User, query: { offerId?: string; limit: number; cursor?: string }) {
      try {
        if (user.role === 'student') {
          return await applications.list({ studentId: user.id, ...query });
        }
        if (!query.offerId) {
          throw invalidInput([
            { field: 'offerId', message: 'is required: name the offer whose applications to list' },
          ]);
        }
        const offer = await offers.findById(query.offerId);
        if (!offer) throw notFound('offer');
        if (offer.ownerId !== user.id && user.role !== 'secretariat') {
          throw forbidden('Only the offer’s owner sees its applications.');
        }
        return await applications.list(query);
      } catch (error) {
        if (error instanceof BadCursorError)
          throw invalidInput([{ field: 'cursor', message: error.message }]);
        throw error;
      }
    },

    accept: (user: User, id: string) => decide(user, id, 'accepted'),
    decline: (user: User, id: string) => decide(user, id, 'declined'),

    /**
     * The student takes an application back, while it waits or after it was accepted (they
     * will not take part after all); the offer's owner is told. A declined or withdrawn one
     * stays as it is. Applying again later reopens it.
     */
    async withdraw(user: User, id: string): Promise<Application> {
      const application = await applications.findById(id);
      if (!application) throw notFound('application');
      if (application.studentId !== user.id)
        throw forbidden('Only the student who applied withdraws an application.');
      if (application.status !== 'pending' && application.status !== 'accepted') {
        throw conflict(`The application is ${application.status}, so it cannot be withdrawn.`);
      }
      const notificationId = newId();
      const changed = await applications.withdraw({
        id,
        at: now(),
        notification: {
          id: notificationId,
          userId: application.offerOwnerId,
          payload: {
            applicationId: id,
            offerId: application.offerId,
            offerTitle: application.offerTitle,
            studentName: application.studentName,
            previousStatus: application.status,
          },
        },
      });
      if (!changed) {
        const current = await applications.findById(id);
        throw conflict(
          `The application is ${current?.status ?? 'gone'}, so it cannot be withdrawn.`,
        );
      }
      await notify([notificationId]);
      const withdrawn = await applications.findById(id);
      if (!withdrawn) throw notFound('application');
      return withdrawn;
    },
  };
}
