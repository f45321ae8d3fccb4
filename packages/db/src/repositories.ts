// Every repository over one database; services receive this and never see drizzle.
import type { Db } from './client.ts';
import { createAffiliationRepository } from './repositories/affiliations.ts';
import { createApplicationRepository } from './repositories/applications.ts';
import { createBalanceGoalRepository } from './repositories/balance-goals.ts';
import { createConversationRepository } from './repositories/conversations.ts';
import { createEmailTokenRepository } from './repositories/email-tokens.ts';
import { createMailOutboxRepository } from './repositories/mail-outbox.ts';
import { createMatchingRoundRepository } from './repositories/matching-rounds.ts';
import { createModerationRepository } from './repositories/moderation.ts';
import { createNotificationRepository } from './repositories/notifications.ts';
import { createOfferRepository } from './repositories/offers.ts';
import { createPeopleRepository } from './repositories/people.ts';
import { createPartnershipRepository } from './repositories/partnerships.ts';
import { createPlatformSettingRepository } from './repositories/platform-settings.ts';
import { createRateLimitRepository } from './repositories/rate-limits.ts';
import { createInstitutionRepository } from './repositories/institutions.ts';
import { createStatisticsRepository } from './repositories/statistics.ts';
import { createSessionRepository, createUserRepository } from './repositories/users.ts';

export function createRepositories(db: Db) {
  return {
    users: createUserRepository(db),
    sessions: createSessionRepository(db),
    institutions: createInstitutionRepository(db),
    statistics: createStatisticsRepository(db),
    moderation: createModerationRepository(db),
    notifications: createNotificationRepository(db),
    balanceGoals: createBalanceGoalRepository(db),
    offers: createOfferRepository(db),
    matchingRounds: createMatchingRoundRepository(db),
    conversations: createConversationRepository(db),
    partnerships: createPartnershipRepository(db),
    applications: createApplicationRepository(db),
    affiliations: createAffiliationRepository(db),
    rateLimits: createRateLimitRepository(db),
    mailOutbox: createMailOutboxRepository(db),
    emailTokens: createEmailTokenRepository(db),
    platformSettings: createPlatformSettingRepository(db),
    people: createPeopleRepository(db),
  };
}

export type Repositories = ReturnType<typeof createRepositories>;
