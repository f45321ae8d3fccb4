// The secretariat's balance goals: /api/balance-goals.
import { Type, type Static } from 'typebox';

export const BalanceGoals = Type.Object({
  asiaShareTarget: Type.Number({
    description:
      'Wanted share (0–1) of agreed partnerships started from Asia; 0.5 asks for even flows',
  }),
  maxCountryShare: Type.Number({
    description: 'No country should hold more than this share (0–1) of partnership sides',
  }),
  balanceWeight: Type.Number({
    description:
      'How strongly matching lifts under-represented partners (0–1); the lift never exceeds 0.05',
  }),
  priorityCountries: Type.Array(Type.String(), {
    description: 'ISO codes of ASEM countries to lift fully, e.g. ["KH", "LA"]',
  }),
});
export type BalanceGoals = Static<typeof BalanceGoals>;

export const BalanceGoalsBody = Type.Object({
  asiaShareTarget: Type.Number(),
  maxCountryShare: Type.Number(),
  balanceWeight: Type.Number(),
  priorityCountries: Type.Optional(Type.Array(Type.String({ maxLength: 10 }), { maxItems: 60 })),
});
