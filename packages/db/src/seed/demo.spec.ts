// The demo data: reproducible, in range, and consistent with the rules the API enforces.
import { asc } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { countries, findCountry } from '@twinning/core/vocabulary/countries';
import { isIscedDetailed } from '@twinning/core/vocabulary/isced';
import { isLanguageCode } from '@twinning/core/vocabulary/languages';
import { isSdg } from '@twinning/core/vocabulary/sdgs';
import {
  canonicalThemeId,
  cefrRank,
  isCefrLevel,
  isFormat,
  isStudyLevel,
  isThemeId,
  type CefrLevel,
} from '@twinning/core/vocabulary/themes';
import { isTimeZone } from '@twinning/core/vocabulary/time-zones';
import {
  closeDatabase,
  connectDatabase,
  databaseOf,
  tablesOf,
  type AnyDatabaseHandle,
  type Db,
} from '../client.ts';
import { demoAccounts, seedDemo, type DemoAccount } from './demo.ts';

const demoPassword = 'plum orbit cascade 31';
import { readDirectory } from './directory.ts';
import { createInstitutionRepository } from '../repositories/institutions.ts';
import { databaseTemplate, testDialect, type DatabaseCopy } from '../testing/database-template.ts';

const {
  affiliations,
  applications,
  balanceGoals,
  conversationMembers,
  conversations,
  institutions,
  matchingRounds,
  messages,
  notifications,
  offerFields,
  offerLanguages,
  offerLevels,
  offerSdgs,
  offers,
  offerThemes,
  partnerships,
  users,
} = tablesOf(testDialect());

const now = new Date('2025-03-12T09:30:00.000Z');
const hashPassword = async (pw: string) => `test$${pw}`;
const opened: AnyDatabaseHandle[] = [];
const copies: DatabaseCopy[] = [];

/** The real directory (data/asem-universities.json), loaded as start loads it: once, then copied. */
const withDirectory = databaseTemplate((db) =>
  createInstitutionRepository(db).createMany(readDirectory()),
);

async function freshDatabase(): Promise<Db> {
  const copy = await withDirectory.copy();
  copies.push(copy);
  const handle = await connectDatabase(copy.url);
  opened.push(handle);
  return databaseOf(handle);
}

let db: Db;
let accounts: DemoAccount[];

beforeAll(async () => {
  db = await freshDatabase();
  accounts = await seedDemo(db, { hashPassword, now, password: demoPassword });
});

afterAll(async () => {
  for (const h of opened) await closeDatabase(h);
  for (const c of copies) await c.remove();
});

describe('seedDemo', () => {
  it('returns the five demo accounts, in order, and creates them with their roles', async () => {
    expect(accounts.map((a) => [a.role, a.email])).toEqual([
      ['secretariat', 'secretariat@twinning.test'],
      ['institution_admin', 'admin@twinning.test'],
      ['lecturer', 'lecturer@twinning.test'],
      ['lecturer', 'lecturer.asia@twinning.test'],
      ['student', 'student@twinning.test'],
    ]);
    expect(accounts).toEqual(demoAccounts.map((a) => ({ ...a, password: demoPassword })));
    expect(accounts.every((a) => a.password === demoPassword && a.note)).toBe(true);
    // Every person of the demo is marked as such (the UI says so).
    expect((await db.select().from(users)).every((u) => u.demo)).toBe(true);
    const rows = await db.select().from(users);
    const byEmail = new Map(rows.map((u) => [u.email, u]));
    for (const a of accounts) {
      const u = byEmail.get(a.email);
      expect(u?.role).toBe(a.role);
      expect(u?.name).toBe(a.name);
    }
    expect(byEmail.get('secretariat@twinning.test')?.name).toBe('Secretariat Demo');
    expect(rows.every((u) => u.passwordHash === `test$${demoPassword}`)).toBe(true);

    const insts = new Map((await db.select().from(institutions)).map((i) => [i.id, i]));
    const admin = byEmail.get('admin@twinning.test');
    const lecturer = byEmail.get('lecturer@twinning.test');
    const asia = byEmail.get('lecturer.asia@twinning.test');
    expect(insts.get(admin?.institutionId ?? '')?.region).toBe('europe');
    expect(insts.get(admin?.institutionId ?? '')?.verified).toBe(true);
    expect(insts.get(lecturer?.institutionId ?? '')?.region).toBe('europe');
    expect(insts.get(asia?.institutionId ?? '')?.region).toBe('asia');
    const adminAffiliation = (await db.select().from(affiliations)).find(
      (a) => a.userId === admin?.id,
    );
    expect(adminAffiliation).toMatchObject({ role: 'admin', status: 'verified' });
  });

  it('is reproducible: the same directory and now give the same rows', async () => {
    const other = await freshDatabase();
    await seedDemo(other, { hashPassword, now, password: demoPassword });
    const dump = async (d: Db) => ({
      users: await d.select().from(users).orderBy(asc(users.id)),
      offers: await d.select().from(offers).orderBy(asc(offers.id)),
      partnerships: await d.select().from(partnerships).orderBy(asc(partnerships.id)),
      messages: await d.select().from(messages).orderBy(asc(messages.id)),
      applications: await d.select().from(applications).orderBy(asc(applications.id)),
      notifications: await d.select().from(notifications).orderBy(asc(notifications.id)),
    });
    expect(await dump(other)).toEqual(await dump(db));
  });

  it('verifies many institutions across most countries and both regions', async () => {
    const verified = (await db.select().from(institutions)).filter((i) => i.verified);
    expect(verified.length).toBeGreaterThanOrEqual(150);
    expect(verified.length).toBeLessThanOrEqual(250);
    expect(new Set(verified.map((i) => i.country)).size).toBeGreaterThanOrEqual(35);
    expect(new Set(verified.map((i) => i.region))).toEqual(new Set(['asia', 'europe']));
    // every lecturer and admin belongs to a verified institution through a verified affiliation
    const verifiedIds = new Set(verified.map((i) => i.id));
    const staff = (await db.select().from(users)).filter(
      (u) => u.role === 'lecturer' || u.role === 'institution_admin',
    );
    const affiliated = new Set(
      (await db.select().from(affiliations))
        .filter((a) => a.status === 'verified')
        .map((a) => `${a.userId}:${a.institutionId}`),
    );
    expect(staff.length).toBeGreaterThanOrEqual(100);
    for (const u of staff) {
      expect(verifiedIds.has(u.institutionId ?? '')).toBe(true);
      expect(affiliated.has(`${u.id}:${u.institutionId}`)).toBe(true);
    }
  });

  it('creates valid offers, consistent with their side tables', async () => {
    const rows = await db.select().from(offers);
    expect(rows.length).toBeGreaterThanOrEqual(300);
    expect(rows.length).toBeLessThanOrEqual(400);
    const userById = new Map((await db.select().from(users)).map((u) => [u.id, u]));
    const instById = new Map((await db.select().from(institutions)).map((i) => [i.id, i]));
    const today = now.toISOString().slice(0, 10);
    for (const o of rows) {
      expect(o.title.length).toBeGreaterThanOrEqual(5);
      expect(o.title.length).toBeLessThanOrEqual(200);
      expect(o.description.length).toBeGreaterThanOrEqual(80);
      expect(o.description.length).toBeLessThanOrEqual(600);
      expect(isFormat(o.format)).toBe(true);
      expect(o.fields.length).toBeGreaterThanOrEqual(1);
      expect(o.fields.length).toBeLessThanOrEqual(3);
      expect(o.fields.every(isIscedDetailed)).toBe(true);
      expect(o.sdgs.length).toBeLessThanOrEqual(3);
      expect(o.sdgs.every(isSdg)).toBe(true);
      expect(o.themes.length).toBeLessThanOrEqual(3);
      expect(o.themes.every(isThemeId)).toBe(true);
      // Stored under the kept ids only: no theme merged into another (vocabulary/themes.ts).
      expect(o.themes.every((id) => canonicalThemeId(id) === id)).toBe(true);
      expect(o.languages.length).toBeGreaterThanOrEqual(1);
      expect(o.languages.length).toBeLessThanOrEqual(2);
      for (const l of o.languages) {
        expect(isLanguageCode(l.code)).toBe(true);
        expect(isCefrLevel(l.level) && isCefrLevel(l.minPartnerLevel)).toBe(true);
      }
      expect(o.levels.length).toBeGreaterThanOrEqual(1);
      expect(o.levels.length).toBeLessThanOrEqual(2);
      expect(o.levels.every(isStudyLevel)).toBe(true);
      expect(o.startDate).toMatch(/^\d{4}-\d{2}-\d{2}$/);
      expect(o.startDate <= o.endDate).toBe(true);
      const weeks = (Date.parse(o.endDate) - Date.parse(o.startDate)) / 86_400_000 / 7;
      expect(weeks).toBeGreaterThan(5);
      expect(weeks).toBeLessThanOrEqual(16);
      expect(isTimeZone(o.timeZone)).toBe(true);
      expect(o.windows.length).toBeGreaterThanOrEqual(1);
      expect(o.windows.length).toBeLessThanOrEqual(4);
      for (const w of o.windows) {
        expect(w.weekday).toBeGreaterThanOrEqual(1);
        expect(w.weekday).toBeLessThanOrEqual(7);
        expect(w.start).toMatch(/^\d{2}:\d{2}$/);
        expect(w.start < w.end).toBe(true);
        expect(w.start >= '07:00' && w.end <= '19:00').toBe(true);
      }
      expect(o.classSize).toBeGreaterThanOrEqual(8);
      expect(o.classSize).toBeLessThanOrEqual(120);
      const institution = instById.get(o.institutionId);
      expect(institution?.verified).toBe(true);
      expect(o.country).toBe(institution?.country);
      expect(o.region).toBe(institution?.region);
      expect(findCountry(o.country)?.timeZones).toContain(o.timeZone);
      expect(userById.get(o.ownerId)?.institutionId).toBe(o.institutionId);
      expect(o.updatedAt.getTime()).toBeGreaterThanOrEqual(o.createdAt.getTime());
      expect(o.createdAt.getTime()).toBeLessThan(now.getTime());
      expect(o.createdAt.getTime()).toBeGreaterThan(now.getTime() - 215 * 86_400_000);
      if (o.status === 'open') expect(o.endDate >= today).toBe(true);
    }

    const byOffer = <T extends { offerId: string }>(list: T[]) => {
      const map = new Map<string, T[]>();
      for (const r of list) map.set(r.offerId, [...(map.get(r.offerId) ?? []), r]);
      return map;
    };
    const fields = byOffer(await db.select().from(offerFields));
    const langs = byOffer(await db.select().from(offerLanguages));
    const levels = byOffer(await db.select().from(offerLevels));
    const sdgs = byOffer(await db.select().from(offerSdgs));
    const themes = byOffer(await db.select().from(offerThemes));
    for (const o of rows) {
      const f = fields.get(o.id) ?? [];
      expect(f.map((r) => r.detailed).sort()).toEqual([...o.fields].sort());
      for (const r of f) {
        expect(r.narrow).toBe(r.detailed.slice(0, 3));
        expect(r.broad).toBe(r.detailed.slice(0, 2));
      }
      const l = (langs.get(o.id) ?? []).map(({ code, level, minPartnerLevel }) => ({
        code,
        level,
        minPartnerLevel,
      }));
      expect(l.sort((a, b) => a.code.localeCompare(b.code))).toEqual(
        [...o.languages].sort((a, b) => a.code.localeCompare(b.code)),
      );
      expect((levels.get(o.id) ?? []).map((r) => r.level).sort()).toEqual([...o.levels].sort());
      expect((sdgs.get(o.id) ?? []).map((r) => r.sdg).sort()).toEqual([...o.sdgs].sort());
      expect((themes.get(o.id) ?? []).map((r) => r.theme).sort()).toEqual([...o.themes].sort());
    }

    const offerCountries = new Set(rows.map((o) => o.country));
    expect(offerCountries.size).toBeGreaterThanOrEqual(35);
    expect(new Set(rows.map((o) => o.region))).toEqual(new Set(['asia', 'europe']));
    expect(new Set(rows.map((o) => o.format)).size).toBe(4);
    const statuses = rows.map((o) => o.status);
    expect(statuses.filter((s) => s === 'open').length).toBeGreaterThan(rows.length / 2);
    expect(statuses).toContain('matched');
    expect(statuses).toContain('closed');
    const share = rows.filter((o) => o.openToStudents).length / rows.length;
    expect(share).toBeGreaterThan(0.45);
    expect(share).toBeLessThan(0.75);
    // terms: some over, some running now, most to come
    const ended = rows.filter((o) => o.endDate < today).length;
    const running = rows.filter((o) => o.startDate <= today && o.endDate >= today).length;
    expect(ended).toBeGreaterThan(10);
    expect(running).toBeGreaterThan(30);
    expect(rows.length - ended - running).toBeGreaterThan(rows.length / 3);
    expect(countries.length).toBe(51);
  });

  it('creates partnerships in every state that respect the matching rules', async () => {
    const list = await db.select().from(partnerships);
    expect(list.length).toBeGreaterThanOrEqual(80);
    expect(list.length).toBeLessThanOrEqual(120);
    const byStatus = new Map<string, number>();
    for (const p of list) byStatus.set(p.status, (byStatus.get(p.status) ?? 0) + 1);
    for (const s of ['pending', 'accepted', 'declined', 'withdrawn', 'completed']) {
      expect(byStatus.get(s) ?? 0).toBeGreaterThanOrEqual(5);
    }
    const offerById = new Map((await db.select().from(offers)).map((o) => [o.id, o]));
    const agreed = new Map<string, number>();
    const seen = new Set<string>();
    let crossRegion = 0;
    for (const p of list) {
      const a = offerById.get(p.offerId);
      const b = offerById.get(p.partnerOfferId);
      if (!a || !b) throw new Error('partnership names a missing offer');
      const key = [a.id, b.id].sort().join(':');
      expect(seen.has(key)).toBe(false);
      seen.add(key);
      expect(a.institutionId).not.toBe(b.institutionId);
      if (a.region !== b.region) crossRegion++;
      expect(p.requestedBy).toBe(a.ownerId);
      expect(a.levels.some((l) => b.levels.includes(l))).toBe(true);
      expect(
        a.languages.some((la) =>
          b.languages.some(
            (lb) =>
              la.code === lb.code &&
              cefrRank(la.level as CefrLevel) >= cefrRank(lb.minPartnerLevel as CefrLevel) &&
              cefrRank(lb.level as CefrLevel) >= cefrRank(la.minPartnerLevel as CefrLevel),
          ),
        ),
      ).toBe(true);
      const overlap =
        (Date.parse(a.endDate < b.endDate ? a.endDate : b.endDate) -
          Date.parse(a.startDate > b.startDate ? a.startDate : b.startDate)) /
        86_400_000;
      expect(overlap).toBeGreaterThanOrEqual(27);
      expect(p.score).toBeGreaterThanOrEqual(0.45);
      expect(p.score).toBeLessThanOrEqual(0.95);
      expect(p.message.length).toBeGreaterThan(20);
      expect(p.conversationId).toBeTruthy();
      expect(p.createdAt.getTime()).toBeGreaterThanOrEqual(
        Math.max(a.createdAt.getTime(), b.createdAt.getTime()),
      );
      expect(p.createdAt.getTime()).toBeLessThan(now.getTime());
      if (['accepted', 'declined', 'completed'].includes(p.status)) {
        expect(p.decidedAt!.getTime()).toBeGreaterThan(p.createdAt.getTime());
        expect(p.decidedAt!.getTime()).toBeLessThan(now.getTime());
      } else {
        expect(p.decidedAt).toBeNull();
      }
      if (p.status === 'accepted' || p.status === 'completed') {
        expect(a.status).toBe('matched');
        expect(b.status).toBe('matched');
        for (const id of [a.id, b.id]) agreed.set(id, (agreed.get(id) ?? 0) + 1);
      }
      if (p.status === 'pending') {
        expect(a.status).toBe('open');
        expect(b.status).toBe('open');
      }
      if (p.status === 'completed') {
        expect(p.completedAt!.getTime()).toBeGreaterThan(p.decidedAt!.getTime());
        expect(p.completedAt!.getTime()).toBeLessThan(now.getTime());
        for (const n of [p.studentsA!, p.studentsB!]) {
          expect(n).toBeGreaterThanOrEqual(5);
          expect(n).toBeLessThanOrEqual(60);
        }
      } else {
        expect(p.completedAt).toBeNull();
        expect(p.studentsA).toBeNull();
      }
    }
    expect(crossRegion).toBeGreaterThan(list.length * 0.9);
    expect([...agreed.values()].every((n) => n === 1)).toBe(true);
    // every matched offer has its agreed partnership
    for (const o of offerById.values()) {
      if (o.status === 'matched') expect(agreed.get(o.id)).toBe(1);
    }
  });

  it('gives the demo lecturers their story', async () => {
    const byEmail = new Map((await db.select().from(users)).map((u) => [u.email, u]));
    const jonas = byEmail.get('lecturer@twinning.test')!;
    const yuki = byEmail.get('lecturer.asia@twinning.test')!;
    const ownerOf = new Map((await db.select().from(offers)).map((o) => [o.id, o.ownerId]));
    const mine = [...ownerOf.values()].filter((id) => id === jonas.id).length;
    expect(mine).toBeGreaterThanOrEqual(3);
    const list = await db.select().from(partnerships);
    const involves = (p: (typeof list)[number], id: string) =>
      ownerOf.get(p.offerId) === id || ownerOf.get(p.partnerOfferId) === id;
    const jonasList = list.filter((p) => involves(p, jonas.id));
    expect(
      jonasList.some((p) => p.status === 'pending' && ownerOf.get(p.partnerOfferId) === jonas.id),
    ).toBe(true);
    expect(jonasList.some((p) => p.status === 'accepted')).toBe(true);
    expect(jonasList.some((p) => p.status === 'completed')).toBe(true);
    expect(
      list.some(
        (p) =>
          p.status === 'pending' &&
          ownerOf.get(p.offerId) === yuki.id &&
          ownerOf.get(p.partnerOfferId) === jonas.id,
      ),
    ).toBe(true);

    const mail = (await db.select().from(notifications)).filter((n) => n.userId === jonas.id);
    const requested = mail.filter((n) => n.kind === 'partnership_requested');
    expect(requested.length).toBeGreaterThanOrEqual(2);
    expect(requested.some((n) => n.readAt === null)).toBe(true);
    for (const n of requested) {
      // Names both offers and who asked, as the platform's own notifications do.
      expect(Object.keys(n.payload).sort()).toEqual(
        [
          'fromId',
          'fromName',
          'offerId',
          'offerTitle',
          'partnerOfferId',
          'partnerOfferTitle',
          'partnershipId',
        ].sort(),
      );
    }
  });

  it('gives every partnership a gap-free conversation between its two owners', async () => {
    const convs = await db.select().from(conversations);
    const members = await db.select().from(conversationMembers);
    const msgs = await db.select().from(messages).orderBy(asc(messages.seq));
    const list = await db.select().from(partnerships);
    const ownerOf = new Map((await db.select().from(offers)).map((o) => [o.id, o.ownerId]));
    expect(convs.filter((c) => c.kind === 'partnership').length).toBe(list.length);
    const direct = convs.filter((c) => c.kind === 'direct');
    expect(direct.length).toBeGreaterThanOrEqual(2);
    expect(direct.length).toBeLessThanOrEqual(3);
    for (const c of direct) {
      const ids = members
        .filter((m) => m.conversationId === c.id)
        .map((m) => m.userId)
        .sort();
      expect(c.directKey).toBe(ids.join(':'));
    }
    const byConversation = new Map<string, typeof msgs>();
    for (const m of msgs) {
      byConversation.set(m.conversationId, [...(byConversation.get(m.conversationId) ?? []), m]);
    }
    const unreadSomewhere = { count: 0 };
    for (const c of convs) {
      expect(c.title.length).toBeGreaterThan(0);
      expect(c.title.length).toBeLessThanOrEqual(120);
      const list2 = byConversation.get(c.id) ?? [];
      expect(list2.length).toBeGreaterThanOrEqual(2);
      expect(list2.length).toBeLessThanOrEqual(8);
      expect(list2.map((m) => m.seq)).toEqual(list2.map((_, i) => i + 1));
      expect(c.lastSeq).toBe(list2.length);
      expect(c.lastMessageAt?.getTime()).toBe(list2[list2.length - 1]?.createdAt.getTime());
      const memberIds = members.filter((m) => m.conversationId === c.id);
      expect(memberIds.length).toBe(2);
      for (let i = 0; i < list2.length; i++) {
        const m = list2[i]!;
        expect(m.body.length).toBeGreaterThan(0);
        expect(m.body.length).toBeLessThanOrEqual(4000);
        expect(m.body).not.toMatch(/\{\w+\}/);
        expect(memberIds.some((x) => x.userId === m.authorId)).toBe(true);
        expect(m.createdAt.getTime()).toBeLessThan(now.getTime());
        // A partnership's request message opens its conversation when the request is made.
        if (c.kind === 'partnership' && i === 0) {
          expect(m.createdAt.getTime()).toBe(c.createdAt.getTime());
        } else {
          expect(m.createdAt.getTime()).toBeGreaterThan(c.createdAt.getTime());
        }
        if (i > 0) {
          expect(m.createdAt.getTime()).toBeGreaterThan(list2[i - 1]!.createdAt.getTime());
          expect(m.authorId).not.toBe(list2[i - 1]!.authorId);
        }
      }
      const last = list2[list2.length - 1]!;
      for (const m of memberIds) {
        expect(m.lastReadSeq).toBeLessThanOrEqual(c.lastSeq);
        if (m.userId === last.authorId) expect(m.lastReadSeq).toBe(c.lastSeq);
        if (m.lastReadSeq < c.lastSeq) unreadSomewhere.count++;
      }
    }
    expect(unreadSomewhere.count).toBeGreaterThan(0);
    // client message ids are unique per conversation and author
    const keys = msgs.map((m) => `${m.conversationId}:${m.authorId}:${m.clientMessageId}`);
    expect(new Set(keys).size).toBe(keys.length);
    for (const p of list) {
      const c = convs.find((x) => x.id === p.conversationId);
      expect(c?.kind).toBe('partnership');
      const ids = members
        .filter((m) => m.conversationId === p.conversationId)
        .map((m) => m.userId)
        .sort();
      expect(ids).toEqual([ownerOf.get(p.offerId), ownerOf.get(p.partnerOfferId)].sort());
      // The request's message is the conversation's first, by the requester, when it was made.
      const first = byConversation.get(p.conversationId ?? '')?.[0];
      expect(first).toMatchObject({
        seq: 1,
        authorId: p.requestedBy,
        body: p.message,
        createdAt: p.createdAt,
      });
    }
    expect(msgs.length).toBeGreaterThan(list.length * 3);
  });

  it('creates student applications on offers open to students', async () => {
    const list = await db.select().from(applications);
    expect(list.length).toBeGreaterThanOrEqual(40);
    expect(list.length).toBeLessThanOrEqual(80);
    const studentIds = new Set(list.map((a) => a.studentId));
    expect(studentIds.size).toBeGreaterThanOrEqual(15);
    expect(studentIds.size).toBeLessThanOrEqual(26);
    const offerById = new Map((await db.select().from(offers)).map((o) => [o.id, o]));
    const userById = new Map((await db.select().from(users)).map((u) => [u.id, u]));
    for (const a of list) {
      const offer = offerById.get(a.offerId);
      expect(offer?.openToStudents).toBe(true);
      expect(userById.get(a.studentId)?.role).toBe('student');
      expect(a.motivation.length).toBeGreaterThanOrEqual(60);
      expect(a.motivation.length).toBeLessThanOrEqual(600);
      expect(['pending', 'accepted', 'declined']).toContain(a.status);
      expect(a.createdAt.getTime()).toBeGreaterThan(offer!.createdAt.getTime());
      if (a.status === 'pending') expect(a.decidedAt).toBeNull();
      else expect(a.decidedAt!.getTime()).toBeGreaterThan(a.createdAt.getTime());
    }
    const student = [...userById.values()].find((u) => u.email === 'student@twinning.test')!;
    const mine = list.filter((a) => a.studentId === student.id);
    expect(mine.map((a) => a.status).sort()).toEqual(['accepted', 'declined', 'pending']);
    const decided = (await db.select().from(notifications)).filter(
      (n) => n.userId === student.id && n.kind === 'application_decided',
    );
    expect(decided.length).toBe(2);
    expect(decided.some((n) => n.readAt === null)).toBe(true);
    expect(decided.some((n) => n.readAt !== null)).toBe(true);
  });

  it('sets the balance goals and leaves matching rounds to the secretariat', async () => {
    const [goals] = await db.select().from(balanceGoals);
    expect(goals).toMatchObject({
      id: 'current',
      asiaShareTarget: 0.5,
      maxCountryShare: 0.1,
      balanceWeight: 0.1,
      priorityCountries: ['KH', 'LA', 'MM', 'MN', 'BN'],
    });
    expect(goals?.updatedAt.getTime()).toBe(now.getTime());
    expect(await db.select().from(matchingRounds)).toEqual([]);
  });

  it('writes nothing when it fails (one transaction)', async () => {
    const other = await freshDatabase();
    await seedDemo(other, { hashPassword, now, password: demoPassword });
    await expect(seedDemo(other, { hashPassword, now, password: demoPassword })).rejects.toThrow();
    expect((await other.select().from(users)).length).toBe((await db.select().from(users)).length);
  });
});
