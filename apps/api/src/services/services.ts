// Wires services to their repositories once per app.
import type { Repositories } from '@twinning/db/repositories';
import { newId } from '../ids.ts';
import { createAccountService } from './accounts.ts';
import { createApplicationService } from './applications.ts';
import { createBalanceGoalService } from './balance-goals.ts';
import { createInstitutionService } from './institutions.ts';
import { createMatchingService } from './matching.ts';
import { createOfferService } from './offers.ts';
import { createPartnershipService } from './partnerships.ts';

export function createServices(repositories: Repositories, now: () => Date = () => new Date()) {
  return {
    repositories,
    accounts: createAccountService({ repositories, now, newId }),
    institutions: createInstitutionService({ repositories, now, newId }),
    offers: createOfferService({ repositories, now, newId }),
    applications: createApplicationService({ repositories, now, newId }),
    matching: createMatchingService({ repositories, now, newId }),
    balanceGoals: createBalanceGoalService({ repositories, now }),
    partnerships: createPartnershipService({ repositories, now, newId }),
    stats: {
      summary: () => repositories.stats.summary(now().toISOString().slice(0, 10)),
    },
  };
}

export type Services = ReturnType<typeof createServices>;
