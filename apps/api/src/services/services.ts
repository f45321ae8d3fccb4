// Wires services to their repositories once per app.
import type { Repositories } from '@twinning/db/repositories';
import { newId } from '../ids.ts';
import { createAccountService } from './accounts.ts';
import { createApplicationService } from './applications.ts';
import { createBalanceGoalService } from './balance-goals.ts';
import { createConversationService, createNotifier } from './conversations.ts';
import { createLocalEventBus, type EventBus } from '../realtime/event-bus.ts';
import { createInstitutionService } from './institutions.ts';
import { createMatchingService } from './matching.ts';
import { createOfferService } from './offers.ts';
import { createPartnershipService } from './partnerships.ts';
import { createStatisticsService } from './statistics.ts';

export function createServices(
  repositories: Repositories,
  now: () => Date = () => new Date(),
  events: EventBus = createLocalEventBus(),
) {
  const notify = createNotifier(repositories, events);
  return {
    events,
    repositories,
    accounts: createAccountService({ repositories, now, newId }),
    institutions: createInstitutionService({ repositories, now, newId, notify }),
    offers: createOfferService({ repositories, now, newId }),
    applications: createApplicationService({ repositories, now, newId, notify }),
    matching: createMatchingService({ repositories, now, newId, notify }),
    conversations: createConversationService({ repositories, now, newId, events }),
    balanceGoals: createBalanceGoalService({ repositories, now }),
    partnerships: createPartnershipService({ repositories, now, newId, notify }),
    statistics: createStatisticsService({ repositories, now, events }),
    stats: {
      summary: () => repositories.stats.summary(now().toISOString().slice(0, 10)),
    },
  };
}

export type Services = ReturnType<typeof createServices>;
