// Wires services to their repositories once per app.
import type { Repositories } from '@twinning/db/repositories';
import { newId } from '../ids.ts';
import { createMailer, type Mailer } from '../mail/mailer.ts';
import { createUnsubscribeTokens } from '../mail/unsubscribe.ts';
import { createAccountService } from './accounts.ts';
import { createApplicationService } from './applications.ts';
import { createBalanceGoalService } from './balance-goals.ts';
import { createConversationService } from './conversations.ts';
import { createFollowUpService } from './follow-ups.ts';
import { createLocalEventBus, type EventBus } from '../realtime/event-bus.ts';
import { createInstitutionService } from './institutions.ts';
import { createMatchingService } from './matching.ts';
import { createModerationService } from './moderation.ts';
import { createNotificationService } from './notifications.ts';
import { createOfferService } from './offers.ts';
import { createPeopleService } from './people.ts';
import { createPartnershipService } from './partnerships.ts';
import { createStatisticsService } from './statistics.ts';

export function createServices(
  repositories: Repositories,
  now: () => Date = () => new Date(),
  events: EventBus = createLocalEventBus(),
  /** Where mail goes (the app's, with its worker); by default stored for another process. */
  mail?: Mailer,
) {
  const mailer =
    mail ??
    createMailer({
      outbox: repositories.mailOutbox,
      tokens: createUnsubscribeTokens(repositories.platformSettings),
      origin: process.env.ORIGIN?.trim() || 'http://localhost:3000',
      now,
      newId,
      wake: () => undefined,
    });
  const notifications = createNotificationService({ repositories, now, newId, events });
  return {
    events,
    repositories,
    notifications,
    mailer,
    accounts: createAccountService({ repositories, now, newId, mailer, events }),
    institutions: createInstitutionService({ repositories, now, newId, notifications }),
    offers: createOfferService({ repositories, now, newId }),
    applications: createApplicationService({ repositories, now, newId, notifications }),
    matching: createMatchingService({ repositories, now, newId, notifications }),
    conversations: createConversationService({ repositories, now, newId, events }),
    balanceGoals: createBalanceGoalService({ repositories, now }),
    partnerships: createPartnershipService({ repositories, now, newId, notifications }),
    statistics: createStatisticsService({ repositories, now }),
    people: createPeopleService({ repositories, now }),
    moderation: createModerationService({ repositories, now, events, notifications }),
    followUps: createFollowUpService({ repositories, now, notifications }),
  };
}

export type Services = ReturnType<typeof createServices>;
