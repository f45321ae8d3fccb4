// When a daily digest goes out: at 08:00 on the person's own clock (their time zone; UTC when
// they have none), holding what they were told and not yet mailed before that moment. The digest
// is named by that local date, so it is sent once however often the sender looks.
import { localToUtc, utcToLocal } from '../matching/zones.ts';

export const digestLocalTime = '08:00';

export interface DigestSlot {
  /** The local date (`YYYY-MM-DD`) whose 08:00 it is: the digest's name. */
  date: string;
  /** That 08:00 as an instant: the digest holds what happened before it. */
  at: Date;
}

/** The latest digest time that has come at `now` for someone in `timeZone`. */
export function latestDigestSlot(now: Date, timeZone: string | null): DigestSlot {
  const zone = timeZone ?? 'UTC';
  const today = utcToLocal(now, zone).date;
  const todayAt = localToUtc(today, digestLocalTime, zone);
  if (todayAt.getTime() <= now.getTime()) return { date: today, at: todayAt };
  const yesterday = new Date(Date.parse(`${today}T00:00:00Z`) - 86_400_000)
    .toISOString()
    .slice(0, 10);
  return { date: yesterday, at: localToUtc(yesterday, digestLocalTime, zone) };
}

/** The once-only key of a person's digest for a slot (the outbox's dedupe key). */
export function digestKey(userId: string, slot: DigestSlot): string {
  return `digest:${userId}:${slot.date}`;
}
