// Student applications: a student applies to an offer open to students; its owner decides.
import { isoDateOf } from '@twinning/core/offers/dates';
import { BadCursorError } from '@twinning/db/paging';
import type { Repositories } from '@twinning/db/repositories';
import { AlreadyAppliedError, type Application } from '@twinning/db/repositories/applications';
import type { User } from '@twinning/db/repositories/users';
import { conflict, invalidInput, notFound } from '../errors.ts';
import {
  requireOwner,
  requireOwnerOrSecretariat,
  requireRole,
  requireVerifiedEmail,
} from './guards.ts';
import type { NotificationService } from './notifications.ts';

export const motivationLimits = { min: 50, max: 2000 } as const;

export function createApplicationService({
  repositories,
  now,
  newId,
  notifications,
}: {
  repositories: Pick<Repositories, 'applications' | 'offers'>;
  now: () => Date;
  newId: () => string;
  notifications: NotificationService;
}) {
  const { applications, offers } = repositories;

  async function decide(
    user: User,
    id: string,
    status: 'accepted' | 'declined',
  ): Promise<Application> {
    const application = await applications.findById(id);
    if (!application) throw notFound('application');
    requireOwner(
      user,
      application.offerOwnerId,
      'Only the offer’s owner decides on its applications.',
    );
    requireVerifiedEmail(user, 'decide on applications');
    const notification = notifications.draft(application.studentId, 'application_decided', {
      applicationId: id,
      offerId: application.offerId,
      offerTitle: application.offerTitle,
      status,
      byId: user.id,
      byName: user.name,
    });
    const changed = await applications.decide({ id, status, at: now(), notification });
    if (!changed) throw conflict(`The application is ${application.status} already.`);
    await notifications.publish([notification.id]);
    const decided = await applications.findById(id);
    if (!decided) throw notFound('application');
    return decided;
  }

  return {
    async apply(user: User, offerId: string, motivationInput: string): Promise<Application> {
      requireRole(user, ['student'], 'Only students apply to offers.');
      requireVerifiedEmail(user, 'apply to offers');
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
      // A withdrawn application is reopened rather than made again.
      const earlier = await applications.findOf(offerId, user.id);
      if (earlier && earlier.status !== 'withdrawn') {
        throw conflict('You have applied to this offer already.');
      }
      const id = earlier?.id ?? newId();
      const notification = notifications.draft(offer.ownerId, 'application_received', {
        applicationId: id,
        offerId,
        offerTitle: offer.title,
        studentId: user.id,
        studentName: user.name,
      });
      try {
        const created = await applications.create({
          id,
          offerId,
          studentId: user.id,
          motivation,
          createdAt: now(),
          notification,
        });
        await notifications.publish([notification.id]);
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
        requireOwnerOrSecretariat(
          user,
          offer.ownerId,
          'Only the offer’s owner sees its applications.',
        );
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
      requireOwner(
        user,
        application.studentId,
        'Only the student who applied withdraws an application.',
      );
      if (application.status !== 'pending' && application.status !== 'accepted') {
        throw conflict(`The application is ${application.status}, so it cannot be withdrawn.`);
      }
      const notification = notifications.draft(application.offerOwnerId, 'application_withdrawn', {
        applicationId: id,
        offerId: application.offerId,
        offerTitle: application.offerTitle,
        studentId: application.studentId,
        studentName: application.studentName,
        previousStatus: application.status,
      });
      const changed = await applications.withdraw({ id, at: now(), notification });
      if (!changed) {
        const current = await applications.findById(id);
        throw conflict(
          `The application is ${current?.status ?? 'gone'}, so it cannot be withdrawn.`,
        );
      }
      await notifications.publish([notification.id]);
      const withdrawn = await applications.findById(id);
      if (!withdrawn) throw notFound('application');
      return withdrawn;
    },
  };
}
