// Wires services to their repositories once per app.
import type { Repositories } from '@twinning/db/repositories';
import { newId } from '../ids.ts';
import { createAccountService } from './accounts.ts';
import { createApplicationService } from './applications.ts';
import { createBalanceGoalService } from './balance-goals.ts';
import { createConversationService } from './conversations.ts';
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
) {
  const notifications = createNotificationService({ repositories, now, newId, events });
  return {
    events,
    repositories,
    notifications,
    accounts: createAccountService({ repositories, now, newId }),
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
  };
}

export type Services = ReturnType<typeof createServices>;
