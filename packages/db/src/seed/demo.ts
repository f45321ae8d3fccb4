// Realistic, reproducible demo data on top of the institution directory: verified
// institutions in every ASEM country, lecturers with COIL and virtual-exchange offers,
// partnerships in every state with their conversations, students with applications,
// notifications and the balance goals. The same directory and the same `now` always give
// the same rows (seeded PRNG, ids drawn from it, times = `now` minus fixed offsets), and all
// dates are relative to `now`, so the demo always looks current.
import { asc, eq } from 'drizzle-orm';
import { createRandom, type Random } from '@twinning/core/random';
import { findCountry, type Region } from '@twinning/core/vocabulary/countries';
import {
  canonicalThemeIds,
  cefrRank,
  type CefrLevel,
  type Format,
} from '@twinning/core/vocabulary/themes';
import type { Db } from '../client.ts';
import { transaction } from '../transaction.ts';
import { tablesFor } from '../dialect.ts';
import type * as schema from '../schema.ts';
import {
  dayMs,
  hourMs,
  isoDate,
  liveOverlap,
  longDate,
  minuteMs,
  mondayOf,
  utcOffsetMinutes,
  weekdayNames,
  weekMs,
  type Window,
} from './demo-calendar.ts';
import { personName, type PersonName } from './demo-names.ts';
import { broadOf, topicByTitle, topics, type Topic } from './demo-topics.ts';
import {
  beatText,
  collaborationTools,
  countryLabel,
  motivation,
  offerDescription,
  offerTitle,
  requestMessage,
  type Beat,
} from './demo-texts.ts';

/** One of the demo accounts start prints (all demo people share one password). */
export interface DemoAccountProfile {
  role: string;
  email: string;
  name: string;
  note?: string;
}

/** A demo account with the platform's demo password (see demo-password.ts). */
export interface DemoAccount extends DemoAccountProfile {
  password: string;
}

export interface SeedDemoOptions {
  hashPassword: (password: string) => Promise<string>;
  now: Date;
  /** The demo people's password: random per database, or DEMO_PASSWORD (demo-password.ts). */
  password: string;
}

const seed = 'twinning-demo/1';

/** The fixed demo accounts, in the order start prints them. */
export const demoAccounts: readonly DemoAccountProfile[] = [
  {
    role: 'secretariat',
    email: 'secretariat@twinning.test',
    name: 'Secretariat Demo',
    note: 'Verifies institutions, sets balance goals, runs matching rounds and sees statistics',
  },
  {
    role: 'institution_admin',
    email: 'admin@twinning.test',
    name: 'Katrin Vogel',
    note: "Admin of a German university (the demo lecturer's): its offers, requests and partnerships",
  },
  {
    role: 'lecturer',
    email: 'lecturer@twinning.test',
    name: 'Jonas Weber',
    note: 'Lecturer in Germany with 4 offers: requests waiting for him, an accepted and a completed partnership',
  },
  {
    role: 'lecturer',
    email: 'lecturer.asia@twinning.test',
    name: 'Yuki Tanaka',
    note: 'Lecturer in Japan with 3 offers and a pending request to lecturer@twinning.test',
  },
  {
    role: 'student',
    email: 'student@twinning.test',
    name: 'Linh Nguyen',
    note: 'Student with three applications: pending, accepted and declined',
  },
];

function account(email: string): DemoAccountProfile {
  const found = demoAccounts.find((a) => a.email === email);
  if (!found) throw new Error(`no demo account ${email}`);
  return found;
}

type Role = 'student' | 'lecturer' | 'institution_admin' | 'secretariat';
type Phase = 'ended' | 'running' | 'future';
type PartnershipStatus = 'pending' | 'accepted' | 'declined' | 'withdrawn' | 'completed';
type Language = { code: string; level: string; minPartnerLevel: string };

interface Institution {
  id: string;
  name: string;
  country: string;
  countryLabel: string;
  region: Region;
  type: string;
  domains: string[];
  timeZones: string[];
  languages: string[];
}

interface Person {
  id: string;
  email: string;
  name: string;
  callName: string;
  role: Role;
  institution: Institution | null;
  country: string;
  timeZone: string | null;
  languages: { code: string; level: string }[];
  createdAt: number;
}

interface Offer {
  id: string;
  owner: Person;
  institution: Institution;
  topic: Topic;
  title: string;
  description: string;
  format: Format;
  fields: string[];
  sdgs: number[];
  themes: string[];
  languages: Language[];
  levels: string[];
  startWeek: number;
  weeks: number;
  start: number;
  end: number;
  timeZone: string;
  windows: Window[];
  classSize: number;
  seekingRegion: Region | 'any';
  openToStudents: boolean;
  status: 'open' | 'matched' | 'closed';
  createdAt: number;
  updatedAt: number;
  partnerships: Partnership[];
  /** A demo lecturer's offer: its story is written by hand, not drawn at random. */
  pinned: boolean;
}

interface Partnership {
  id: string;
  offer: Offer;
  partner: Offer;
  status: PartnershipStatus;
  message: string;
  score: number;
  createdAt: number;
  decidedAt: number | null;
  completedAt: number | null;
  studentsA: number | null;
  studentsB: number | null;
  conversationId: string;
}

interface Application {
  id: string;
  offer: Offer;
  student: Person;
  motivation: string;
  status: 'pending' | 'accepted' | 'declined';
  createdAt: number;
  decidedAt: number | null;
}

interface Notification {
  user: Person;
  kind: string;
  payload: Record<string, unknown>;
  createdAt: number;
  readAt: number | null;
}

interface Conversation {
  id: string;
  kind: 'partnership' | 'direct';
  title: string;
  directKey: string | null;
  createdAt: number;
  members: Person[];
  messages: { author: Person; body: string; createdAt: number }[];
  /** Members whose read cursor stays one message behind (an unread message). */
  behind: Set<string>;
}

/**
 * Fills an empty platform (the directory already loaded) with demo data in one transaction
 * and returns the demo accounts to print. Rejects, and writes nothing, if anything fails.
 */
export async function seedDemo(db: Db, options: SeedDemoOptions): Promise<DemoAccount[]> {
  const passwordHash = await options.hashPassword(options.password);
  const profiles = await transaction(db, (tx) =>
    new DemoBuilder(tx, passwordHash, options.now).run(),
  );
  return profiles.map((a) => ({ ...a, password: options.password }));
}

const anglophone = new Set(['GB', 'IE', 'AU', 'NZ']);
const englishOfficial = new Set(['SG', 'MT', 'IN', 'PK', 'PH', 'MY', 'BN', 'BD']);

const broadWeights: [string, number][] = [
  ['04', 18],
  ['06', 14],
  ['07', 14],
  ['03', 12],
  ['09', 10],
  ['02', 9],
  ['05', 9],
  ['01', 6],
  ['10', 6],
  ['08', 5],
  ['00', 2],
];

const topicsByBroad = new Map<string, Topic[]>();
for (const topic of topics) {
  const list = topicsByBroad.get(broadOf(topic)) ?? [];
  list.push(topic);
  topicsByBroad.set(broadOf(topic), list);
}

function formatsCompatible(a: Format, b: Format): boolean {
  if (a === b) return true;
  const live = ['coil', 'virtual_exchange'];
  return live.includes(a) && live.includes(b);
}

function seeks(offer: Offer, region: Region): boolean {
  return offer.seekingRegion === 'any' || offer.seekingRegion === region;
}

function languageFits(a: Offer, b: Offer): boolean {
  return a.languages.some((la) =>
    b.languages.some(
      (lb) =>
        la.code === lb.code &&
        cefrRank(la.level as CefrLevel) >= cefrRank(lb.minPartnerLevel as CefrLevel) &&
        cefrRank(lb.level as CefrLevel) >= cefrRank(la.minPartnerLevel as CefrLevel),
    ),
  );
}

function overlapDays(a: Offer, b: Offer): number {
  return (Math.min(a.end, b.end) - Math.max(a.start, b.start)) / dayMs + 1;
}

/** The hard constraints of matching (PRODUCT.md), status aside. */
function compatible(a: Offer, b: Offer): boolean {
  return (
    a.institution.id !== b.institution.id &&
    seeks(a, b.institution.region) &&
    seeks(b, a.institution.region) &&
    languageFits(a, b) &&
    a.levels.some((l) => b.levels.includes(l)) &&
    formatsCompatible(a.format, b.format) &&
    overlapDays(a, b) >= 28
  );
}

function affinity(a: Offer, b: Offer): number {
  let topic = 0;
  if (a.fields.some((f) => b.fields.includes(f))) topic = 1;
  else if (a.fields.some((f) => b.fields.some((g) => g.slice(0, 3) === f.slice(0, 3))))
    topic = 0.75;
  else if (a.fields.some((f) => b.fields.some((g) => g.slice(0, 2) === f.slice(0, 2)))) topic = 0.5;
  const sdgs = a.sdgs.filter((s) => b.sdgs.includes(s)).length;
  const themes = a.themes.filter((t) => b.themes.includes(t)).length;
  return Math.min(1, topic + Math.min(0.2, 0.1 * sdgs) + Math.min(0.1, 0.05 * themes));
}

function truncate(text: string, max: number): string {
  return text.length <= max ? text : `${text.slice(0, max - 1).trimEnd()}…`;
}

function chunks<T>(rows: T[], size = 200): T[][] {
  const out: T[][] = [];
  for (let i = 0; i < rows.length; i += size) out.push(rows.slice(i, i + size));
  return out;
}

const levelPhrases: Record<string, string> = {
  bachelor: "bachelor's",
  master: "master's",
  doctoral: 'doctoral',
  short_cycle: 'short-cycle',
  tvet: 'vocational (TVET)',
  lifelong: 'continuing-education',
};

class DemoBuilder {
  private readonly now: number;
  private readonly anchor: number;
  private readonly ids: Random;
  private readonly emails = new Set<string>();
  private readonly people: Person[] = [];
  private readonly affiliationRows: (typeof schema.affiliations.$inferInsert)[] = [];
  private readonly offerList: Offer[] = [];
  private readonly partnershipList: Partnership[] = [];
  private readonly conversationList: Conversation[] = [];
  private readonly applicationList: Application[] = [];
  private readonly notificationList: Notification[] = [];
  private readonly pairs = new Set<string>();
  private verified: Institution[] = [];

  constructor(
    private readonly tx: Db,
    private readonly passwordHash: string,
    now: Date,
  ) {
    this.now = now.getTime();
    this.anchor = mondayOf(now);
    this.ids = createRandom(`${seed}/ids`);
  }

  private rng(label: string): Random {
    return createRandom(`${seed}/${label}`);
  }

  /** A time `days` (fractional) before now. */
  private ago(days: number): number {
    return Math.round(this.now - days * dayMs);
  }

  async run(): Promise<DemoAccountProfile[]> {
    const directory = await this.readDirectory();
    const demoEurope = this.pickInstitution(directory, 'DE', [
      'Universität Hamburg',
      'Universität Leipzig',
      'Georg-August Universität Göttingen',
    ]);
    const demoAsia = this.pickInstitution(directory, 'JP', [
      'Kyoto University',
      'Keio University',
      'Osaka University',
    ]);
    this.verified = this.chooseVerified(directory, [demoEurope, demoAsia]);

    const accounts = this.createDemoPeople(demoEurope, demoAsia);
    const lecturers = this.createLecturers();
    this.createOffers(accounts, lecturers);
    this.createDemoPartnerships(accounts);
    this.createRandomPartnerships();
    this.settleOffers();
    for (const p of this.partnershipList) this.createPartnershipConversation(p);
    this.createDirectConversations(accounts);
    const students = this.createStudents(accounts.student);
    this.createApplications(accounts, students);
    this.createNotifications(accounts);
    this.fixPeopleCreation();
    await this.insert(accounts.secretariat);

    return demoAccounts.map((a) => ({ ...a }));
  }

  // ------------------------------------------------------------ directory

  private async readDirectory(): Promise<Institution[]> {
    const { institutionDomains, institutions } = tablesFor(this.tx);
    const rows = await this.tx
      .select({
        id: institutions.id,
        name: institutions.name,
        country: institutions.country,
        region: institutions.region,
        type: institutions.type,
      })
      .from(institutions)
      .orderBy(asc(institutions.sortName), asc(institutions.id));
    const domainRows = await this.tx
      .select()
      .from(institutionDomains)
      .orderBy(asc(institutionDomains.institutionId), asc(institutionDomains.domain));
    const domains = new Map<string, string[]>();
    for (const d of domainRows) {
      const list = domains.get(d.institutionId) ?? [];
      list.push(d.domain);
      domains.set(d.institutionId, list);
    }
    const out: Institution[] = [];
    for (const row of rows) {
      const country = findCountry(row.country);
      const list = domains.get(row.id) ?? [];
      if (!country || list.length === 0) continue;
      out.push({
        id: row.id,
        name: row.name,
        country: country.code,
        countryLabel: countryLabel(country.code, country.name),
        region: country.region,
        type: row.type,
        domains: list,
        timeZones: country.timeZones,
        languages: country.languages,
      });
    }
    if (out.length === 0) {
      throw new Error('The demo data needs the institution directory: load it before seedDemo');
    }
    return out;
  }

  private pickInstitution(directory: Institution[], country: string, names: string[]): Institution {
    for (const name of names) {
      const found = directory.find((i) => i.country === country && i.name === name);
      if (found) return found;
    }
    const region = findCountry(country)?.region ?? 'europe';
    const fallback =
      directory.find((i) => i.country === country && i.type === 'university') ??
      directory.find((i) => i.region === region);
    if (!fallback) throw new Error(`The directory has no institution in ${region}`);
    return fallback;
  }

  /** About 0.45·√n institutions per country (at least one): many countries, big ones weighted. */
  private chooseVerified(directory: Institution[], forced: Institution[]): Institution[] {
    const random = this.rng('verified');
    const byCountry = new Map<string, Institution[]>();
    for (const i of directory) {
      const list = byCountry.get(i.country) ?? [];
      list.push(i);
      byCountry.set(i.country, list);
    }
    const chosen = new Set<string>(forced.map((i) => i.id));
    for (const list of byCountry.values()) {
      const quota = Math.min(list.length, Math.max(1, Math.round(Math.sqrt(list.length) * 0.45)));
      const have = list.filter((i) => chosen.has(i.id)).length;
      const rest = list.filter((i) => !chosen.has(i.id));
      for (const i of random.sample(rest, quota - have)) chosen.add(i.id);
    }
    return directory.filter((i) => chosen.has(i.id));
  }

  // ------------------------------------------------------------ people

  private uniqueEmail(locals: string[], domain: string): string {
    for (const local of locals) {
      const email = `${local}@${domain}`;
      if (local && !this.emails.has(email)) {
        this.emails.add(email);
        return email;
      }
    }
    for (let n = 2; ; n++) {
      const email = `${locals[0] ?? 'staff'}${n}@${domain}`;
      if (!this.emails.has(email)) {
        this.emails.add(email);
        return email;
      }
    }
  }

  private person(
    role: Role,
    name: PersonName,
    email: string,
    institution: Institution | null,
    country: string,
    languages: { code: string; level: string }[],
    createdAt: number,
  ): Person {
    const c = findCountry(country);
    const p: Person = {
      id: this.ids.id(),
      email,
      name: name.name,
      callName: name.callName,
      role,
      institution,
      country,
      timeZone: c?.timeZones[0] ?? null,
      languages,
      createdAt,
    };
    this.emails.add(email);
    this.people.push(p);
    return p;
  }

  private ownLanguages(random: Random, country: string, student = false) {
    const c = findCountry(country);
    const own = c?.languages[0] ?? 'en';
    if (own === 'en') return [{ code: 'en', level: 'native' }];
    const english = anglophone.has(country)
      ? 'native'
      : englishOfficial.has(country)
        ? 'C1'
        : random.pick(student ? ['B1', 'B2', 'B2', 'C1'] : ['B2', 'C1', 'C1', 'C2']);
    return [
      { code: own, level: 'native' },
      { code: 'en', level: english },
    ];
  }

  private affiliate(
    p: Person,
    role: 'lecturer' | 'admin',
    method: 'email_domain' | 'secretariat',
    by: Person | null,
  ) {
    if (!p.institution) return;
    this.affiliationRows.push({
      id: this.ids.id(),
      userId: p.id,
      institutionId: p.institution.id,
      role,
      status: 'verified',
      method,
      decidedBy: by?.id ?? null,
      decidedAt: new Date(p.createdAt + (method === 'email_domain' ? minuteMs : 6 * hourMs)),
      createdAt: new Date(p.createdAt),
    });
  }

  private createDemoPeople(europe: Institution, asia: Institution) {
    const secretariat = this.person(
      'secretariat',
      { name: account('secretariat@twinning.test').name, callName: 'Secretariat', emailLocals: [] },
      'secretariat@twinning.test',
      null,
      'BE',
      [
        { code: 'en', level: 'C2' },
        { code: 'fr', level: 'B2' },
      ],
      this.ago(320),
    );
    secretariat.timeZone = 'Europe/Brussels';
    const admin = this.person(
      'institution_admin',
      { name: account('admin@twinning.test').name, callName: 'Katrin', emailLocals: [] },
      'admin@twinning.test',
      europe,
      europe.country,
      [
        { code: 'de', level: 'native' },
        { code: 'en', level: 'C1' },
      ],
      this.ago(262),
    );
    const lecturer = this.person(
      'lecturer',
      { name: account('lecturer@twinning.test').name, callName: 'Jonas', emailLocals: [] },
      'lecturer@twinning.test',
      europe,
      europe.country,
      [
        { code: 'de', level: 'native' },
        { code: 'en', level: 'C1' },
      ],
      this.ago(240),
    );
    const lecturerAsia = this.person(
      'lecturer',
      { name: account('lecturer.asia@twinning.test').name, callName: 'Yuki', emailLocals: [] },
      'lecturer.asia@twinning.test',
      asia,
      asia.country,
      [
        { code: 'ja', level: 'native' },
        { code: 'en', level: 'C1' },
      ],
      this.ago(236),
    );
    const student = this.person(
      'student',
      { name: account('student@twinning.test').name, callName: 'Linh', emailLocals: [] },
      'student@twinning.test',
      null,
      'VN',
      [
        { code: 'vi', level: 'native' },
        { code: 'en', level: 'B2' },
      ],
      this.ago(95),
    );
    this.affiliate(admin, 'admin', 'secretariat', secretariat);
    this.affiliate(lecturer, 'lecturer', 'secretariat', secretariat);
    this.affiliate(lecturerAsia, 'lecturer', 'secretariat', secretariat);
    return { secretariat, admin, lecturer, lecturerAsia, student };
  }

  /** One lecturer in every country first, then more where there are more institutions. */
  private createLecturers(): Person[] {
    const random = this.rng('lecturers');
    const byCountry = new Map<string, Institution[]>();
    for (const i of this.verified) {
      const list = byCountry.get(i.country) ?? [];
      list.push(i);
      byCountry.set(i.country, list);
    }
    // One per country, then the rest shared out in proportion to verified institutions
    // (largest remainder), so big systems have more lecturers without random clumps.
    const extra = 128 - byCountry.size;
    const shares = [...byCountry.entries()].map(([country, list]) => {
      const exact = (extra * list.length) / this.verified.length;
      return { country, list, n: 1 + Math.floor(exact), rest: exact % 1 };
    });
    let left = 128 - shares.reduce((sum, x) => sum + x.n, 0);
    for (const x of [...shares].sort(
      (a, b) => b.rest - a.rest || a.country.localeCompare(b.country),
    )) {
      if (left-- <= 0) break;
      x.n++;
    }
    const homes: Institution[] = [];
    for (const x of shares) for (let i = 0; i < x.n; i++) homes.push(random.pick(x.list));
    return homes.map((institution) => {
      const name = personName(random, institution.country);
      const email = this.uniqueEmail(name.emailLocals, institution.domains[0] ?? 'example.org');
      const p = this.person(
        'lecturer',
        name,
        email,
        institution,
        institution.country,
        this.ownLanguages(random, institution.country),
        0, // set from the first offer in fixPeopleCreation
      );
      this.affiliate(p, 'lecturer', 'email_domain', null);
      return p;
    });
  }

  // ------------------------------------------------------------ offers

  private setTerm(offer: Offer, startWeek: number, weeks: number, random: Random) {
    offer.startWeek = startWeek;
    offer.weeks = weeks;
    offer.start = this.anchor + startWeek * weekMs;
    offer.end = offer.start + weeks * weekMs - 3 * dayMs; // Monday … Friday
    if (offer.createdAt > offer.start - 14 * dayMs) {
      offer.createdAt = offer.start - random.between(14, 56) * dayMs;
    }
    offer.createdAt = Math.round(Math.min(offer.createdAt, this.now - dayMs));
    offer.updatedAt = offer.createdAt;
  }

  private phaseOf(offer: Offer): Phase {
    if (offer.end < this.now) return 'ended';
    if (offer.start > this.now) return 'future';
    return 'running';
  }

  private languagesFor(random: Random, institution: Institution, vocational: boolean): Language[] {
    const country = institution.country;
    const english: Language = anglophone.has(country)
      ? { code: 'en', level: 'native', minPartnerLevel: random.pick(['B1', 'B2']) }
      : englishOfficial.has(country)
        ? {
            code: 'en',
            level: random.pick(['C1', 'C1', 'C2']),
            minPartnerLevel: random.pick(['B1', 'B2']),
          }
        : vocational && random.chance(0.4)
          ? { code: 'en', level: 'B1', minPartnerLevel: 'B1' }
          : {
              code: 'en',
              level: random.pick(['B2', 'B2', 'B2', 'C1', 'C1', 'C2']),
              minPartnerLevel: random.chance(0.55) ? 'B1' : 'B2',
            };
    const own = institution.languages.find((l) => l !== 'en');
    if (own && random.chance(0.2)) {
      const local: Language = {
        code: own,
        level: 'native',
        minPartnerLevel: random.pick(['A2', 'B1', 'B1', 'B2']),
      };
      return random.chance(0.15) ? [local, english] : [english, local];
    }
    return [english];
  }

  private levelsFor(random: Random, institution: Institution, topic: Topic): string[] {
    if (institution.type === 'tvet' || (topic.vocational && random.chance(0.5))) {
      return random.pick([
        ['tvet'],
        ['short_cycle'],
        ['tvet', 'short_cycle'],
        ['tvet', 'lifelong'],
      ]);
    }
    return random.weighted<string[]>([
      [['bachelor'], 55],
      [['master'], 18],
      [['bachelor', 'master'], 14],
      [['master', 'doctoral'], 4],
      [['bachelor', 'lifelong'], 4],
      [['short_cycle', 'bachelor'], 5],
    ]);
  }

  private windowsFor(random: Random, region: Region, format: Format): Window[] {
    const count = random.weighted([
      [1, 30],
      [2, 40],
      [3, 20],
      [4, 10],
    ]);
    const days = random.sample([1, 2, 3, 4, 5], count).sort((a, b) => a - b);
    const live = format === 'coil' || format === 'virtual_exchange';
    return days.map((weekday) => {
      const r = random.next();
      let start: number;
      if (live && r < 0.55) {
        // Europe's mornings meet East Asia's afternoons: where the live hours are.
        start =
          region === 'europe'
            ? random.pick([480, 510, 540, 570, 600])
            : random.pick([780, 810, 840, 870, 900, 930]);
      } else if (r < 0.7) {
        start = random.pick([690, 720, 750]); // across lunch
      } else {
        start = 480 + 30 * random.int(0, 16);
      }
      const length = random.pick([60, 90, 120, 120, 150, 180]);
      const end = Math.min(start + length, 19 * 60);
      const fix = (m: number) =>
        `${String(Math.floor(m / 60)).padStart(2, '0')}:${String(m % 60).padStart(2, '0')}`;
      return { weekday, start: fix(Math.min(start, end - 60)), end: fix(end) };
    });
  }

  private classSize(random: Random, format: Format): number {
    const bucket = random.weighted<[number, number]>([
      [[8, 14], 5],
      [[15, 35], 60],
      [[36, 60], 25],
      [[61, 120], format === 'virtual_mobility' ? 30 : 10],
    ]);
    return random.int(bucket[0], bucket[1]);
  }

  private makeOffer(random: Random, owner: Person, topic: Topic, phase: Phase): Offer {
    const institution = owner.institution as Institution;
    const region = institution.region;
    const format = random.weighted<Format>(
      topic.vocational
        ? [
            ['coil', 35],
            ['virtual_exchange', 30],
            ['virtual_mobility', 10],
            ['blended_mobility', 25],
          ]
        : [
            ['coil', 45],
            ['virtual_exchange', 35],
            ['virtual_mobility', 10],
            ['blended_mobility', 10],
          ],
    );
    const sdgs = topic.sdgs.filter(() => random.chance(0.85)).slice(0, 3);
    const themes = topic.themes.filter(() => random.chance(0.8));
    if (format !== 'blended_mobility' && random.chance(0.15)) themes.push('digitalisation');
    if (random.chance(0.1)) themes.push('balanced_mobility');
    const zones = institution.timeZones;
    const offer: Offer = {
      id: this.ids.id(),
      owner,
      institution,
      topic,
      title: offerTitle(random, topic, format, region, institution.countryLabel),
      description: '',
      format,
      fields: [...new Set(topic.fields)],
      sdgs: [...new Set(sdgs)].sort((a, b) => a - b),
      // Topics name old theme ids too; offers store the kept ones (vocabulary/themes.ts).
      themes: canonicalThemeIds(themes).slice(0, 3),
      languages: this.languagesFor(random, institution, Boolean(topic.vocational)),
      levels: this.levelsFor(random, institution, topic),
      startWeek: 0,
      weeks: 0,
      start: 0,
      end: 0,
      timeZone: zones.length > 1 && random.chance(0.15) ? random.pick(zones) : (zones[0] ?? 'UTC'),
      windows: this.windowsFor(random, region, format),
      classSize: this.classSize(random, format),
      seekingRegion: random.chance(0.15) ? 'any' : region === 'asia' ? 'europe' : 'asia',
      openToStudents: random.chance(0.6),
      status: 'open',
      createdAt: this.ago(random.between(1.2, 180)),
      updatedAt: 0,
      partnerships: [],
      pinned: false,
    };
    let startWeek: number;
    let weeks: number;
    if (phase === 'ended') {
      weeks = random.int(6, 12);
      startWeek = -(weeks + 2 + random.int(0, 6));
    } else if (phase === 'running') {
      weeks = random.int(8, 16);
      startWeek = -random.int(1, Math.min(8, weeks - 3));
    } else {
      weeks = random.int(6, 16);
      startWeek = random.weighted([
        [random.int(1, 4), 30],
        [random.int(5, 16), 55],
        [random.int(17, 30), 15],
      ]);
    }
    this.setTerm(offer, startWeek, weeks, random);
    this.offerList.push(offer);
    return offer;
  }

  private demoOffer(
    random: Random,
    owner: Person,
    spec: {
      title: string;
      format: Format;
      startWeek: number;
      weeks: number;
      levels: string[];
      openToStudents: boolean;
      createdDaysAgo: number;
      languages?: Language[];
    },
  ): Offer {
    const topic = topicByTitle(spec.title);
    const offer = this.makeOffer(random, owner, topic, 'future');
    offer.title = topic.title;
    offer.format = spec.format;
    offer.fields = [...topic.fields];
    offer.sdgs = [...topic.sdgs];
    offer.themes = canonicalThemeIds(topic.themes).slice(0, 3);
    offer.levels = spec.levels;
    offer.openToStudents = spec.openToStudents;
    offer.seekingRegion = offer.institution.region === 'asia' ? 'europe' : 'asia';
    offer.languages = spec.languages ?? [{ code: 'en', level: 'C1', minPartnerLevel: 'B2' }];
    offer.windows = this.windowsFor(random, offer.institution.region, 'coil');
    offer.timeZone = offer.institution.timeZones[0] ?? 'UTC';
    offer.createdAt = this.ago(spec.createdDaysAgo);
    offer.pinned = true;
    this.setTerm(offer, spec.startWeek, spec.weeks, random);
    return offer;
  }

  private createOffers(accounts: ReturnType<DemoBuilder['createDemoPeople']>, lecturers: Person[]) {
    const random = this.rng('offers');
    const { lecturer, lecturerAsia } = accounts;
    // Jonas Weber (lecturer@): one finished, one running, two coming up.
    this.demoOffer(random, lecturer, {
      title: 'Cross-cultural management',
      format: 'coil',
      startWeek: -18,
      weeks: 12,
      levels: ['bachelor'],
      openToStudents: false,
      createdDaysAgo: 170,
    });
    this.demoOffer(random, lecturer, {
      title: 'Sustainable supply chains in ASEAN and the EU',
      format: 'coil',
      startWeek: -4,
      weeks: 14,
      levels: ['bachelor', 'master'],
      openToStudents: true,
      createdDaysAgo: 75,
      languages: [
        { code: 'en', level: 'C1', minPartnerLevel: 'B2' },
        { code: 'de', level: 'native', minPartnerLevel: 'B1' },
      ],
    });
    this.demoOffer(random, lecturer, {
      title: 'Digital marketing across cultures',
      format: 'virtual_exchange',
      startWeek: 6,
      weeks: 12,
      levels: ['bachelor'],
      openToStudents: true,
      createdDaysAgo: 35,
    });
    this.demoOffer(random, lecturer, {
      title: 'Green finance and ESG investing',
      format: 'coil',
      startWeek: 10,
      weeks: 10,
      levels: ['master'],
      openToStudents: false,
      createdDaysAgo: 20,
    });
    // Yuki Tanaka (lecturer.asia@).
    this.demoOffer(random, lecturerAsia, {
      title: 'E-commerce and retail innovation',
      format: 'virtual_exchange',
      startWeek: 5,
      weeks: 12,
      levels: ['bachelor'],
      openToStudents: true,
      createdDaysAgo: 28,
    });
    this.demoOffer(random, lecturerAsia, {
      title: 'Entrepreneurship and start-up ecosystems',
      format: 'coil',
      startWeek: -2,
      weeks: 12,
      levels: ['bachelor'],
      openToStudents: true,
      createdDaysAgo: 60,
    });
    this.demoOffer(random, lecturerAsia, {
      title: 'Project management for international teams',
      format: 'coil',
      startWeek: -19,
      weeks: 12,
      levels: ['bachelor'],
      openToStudents: false,
      createdDaysAgo: 175,
    });

    lecturers.forEach((owner, index) => {
      // One stream per lecturer: a draw more or less for one offer does not shift the others.
      const random = this.rng(`offers/${index}`);
      const institution = owner.institution as Institution;
      const vocational = institution.type === 'tvet';
      const count = random.weighted([
        [1, 20],
        [2, 30],
        [3, 30],
        [4, 15],
        [5, 5],
      ]);
      const broad = vocational
        ? random.pick(['07', '10', '06', '04'])
        : random.weighted(broadWeights);
      const home = topicsByBroad.get(broad) ?? [];
      const used = new Set<Topic>();
      for (let n = 0; n < count; n++) {
        let pool = random.chance(0.2) ? topics : home;
        if (vocational && random.chance(0.7)) pool = pool.filter((t) => t.vocational);
        pool = pool.filter((t) => !used.has(t));
        if (pool.length === 0) pool = topics.filter((t) => !used.has(t));
        const topic = random.pick(pool);
        used.add(topic);
        const phase = random.weighted<Phase>([
          ['ended', 18],
          ['running', 27],
          ['future', 55],
        ]);
        this.makeOffer(random, owner, topic, phase);
      }
    });
  }

  // ------------------------------------------------------------ partnerships

  private pairKey(a: Offer, b: Offer): string {
    return a.id < b.id ? `${a.id}:${b.id}` : `${b.id}:${a.id}`;
  }

  private matched(o: Offer): boolean {
    return o.partnerships.some((p) => p.status === 'accepted' || p.status === 'completed');
  }

  /**
   * Bends an offer with no partnerships yet so it can partner `target`: a term close to the
   * target's, in the same phase, and a shared level and language.
   */
  private align(partner: Offer, target: Offer, random: Random) {
    let weeks = Math.max(6, Math.min(16, target.weeks + random.int(-1, 1)));
    let startWeek = target.startWeek + random.int(-1, 1);
    // Stay in the same phase (over, running, to come) with the same margins as makeOffer.
    const phase = this.phaseOf(target);
    if (phase === 'ended') startWeek = Math.min(startWeek, -2 - weeks);
    else if (phase === 'running') {
      startWeek = Math.min(startWeek, -1);
      weeks = Math.max(weeks, 3 - startWeek);
    } else startWeek = Math.max(startWeek, 1);
    this.setTerm(partner, startWeek, weeks, random);
    if (!partner.levels.some((l) => target.levels.includes(l))) {
      partner.levels = [target.levels[0] ?? 'bachelor'];
    }
    if (!languageFits(partner, target)) {
      partner.languages = [
        {
          code: 'en',
          level: anglophone.has(partner.institution.country) ? 'native' : 'C1',
          minPartnerLevel: 'B2',
        },
        ...partner.languages.filter((l) => l.code !== 'en'),
      ];
    }
    partner.seekingRegion = partner.seekingRegion === 'any' ? 'any' : target.institution.region;
  }

  private demoPartner(demo: Offer, random: Random, exclude: Set<Offer> = new Set()): Offer {
    const region: Region = demo.institution.region === 'asia' ? 'europe' : 'asia';
    const pool = this.offerList.filter(
      (o) =>
        !o.pinned &&
        !exclude.has(o) &&
        ![...exclude].some((x) => x.owner === o.owner) &&
        o.partnerships.length === 0 &&
        o.institution.region === region &&
        o.institution.id !== demo.institution.id &&
        o.owner.role === 'lecturer' &&
        formatsCompatible(o.format, demo.format),
    );
    const ranked = pool
      .map((o) => ({ o, key: affinity(o, demo) + random.next() * 0.2 }))
      .sort((a, b) => b.key - a.key);
    const partner = ranked[0]?.o;
    if (!partner) throw new Error('No offer left to partner a demo offer');
    this.align(partner, demo, random);
    exclude.add(partner);
    return partner;
  }

  private addPartnership(
    random: Random,
    offer: Offer,
    partner: Offer,
    status: PartnershipStatus,
  ): Partnership {
    if (!compatible(offer, partner)) {
      throw new Error(`Demo partnership between incompatible offers: ${offer.id} ${partner.id}`);
    }
    const overlap = overlapDays(offer, partner);
    const live = liveOverlap(offer, partner, Math.max(offer.start, partner.start)).hours;
    const quality =
      0.45 * affinity(offer, partner) +
      0.25 * Math.min(1, overlap / Math.min(offer.weeks * 7, partner.weeks * 7)) +
      0.15 * Math.min(1, live / 3) +
      0.15 * random.next();
    const p: Partnership = {
      id: this.ids.id(),
      offer,
      partner,
      status,
      message: requestMessage(random, {
        toName: partner.owner.callName,
        fromTitle: offer.title,
        toRegion: partner.institution.region === 'asia' ? 'Asia' : 'Europe',
        weeks: Math.floor(overlap / 7),
      }),
      score: Math.round((0.45 + 0.5 * Math.min(1, Math.max(0, quality))) * 1000) / 1000,
      createdAt: 0,
      decidedAt: null,
      completedAt: null,
      studentsA: null,
      studentsB: null,
      conversationId: this.ids.id(),
    };
    offer.partnerships.push(p);
    partner.partnerships.push(p);
    this.pairs.add(this.pairKey(offer, partner));
    this.partnershipList.push(p);
    return p;
  }

  private createDemoPartnerships(accounts: ReturnType<DemoBuilder['createDemoPeople']>) {
    const random = this.rng('demo-partnerships');
    const mine = this.offerList.filter((o) => o.owner === accounts.lecturer);
    const asias = this.offerList.filter((o) => o.owner === accounts.lecturerAsia);
    const [e1, e2, e3, e4] = mine;
    const [j1, j2, j3] = asias;
    if (!e1 || !e2 || !e3 || !e4 || !j1 || !j2 || !j3) throw new Error('demo offers missing');
    const used = new Set<Offer>();
    // Jonas: completed (he asked), accepted (he was asked), two requests waiting for him
    // (one from Yuki), one of his own waiting, one declined, one withdrawn by its sender.
    this.addPartnership(random, e1, this.demoPartner(e1, random, used), 'completed');
    this.addPartnership(random, this.demoPartner(e2, random, used), e2, 'accepted');
    this.addPartnership(random, j1, e3, 'pending');
    this.addPartnership(random, this.demoPartner(e3, random, used), e3, 'pending');
    this.addPartnership(random, e4, this.demoPartner(e4, random, used), 'pending');
    this.addPartnership(random, e4, this.demoPartner(e4, random, used), 'declined');
    this.addPartnership(random, this.demoPartner(e4, random, used), e4, 'withdrawn');
    // Yuki: accepted (she asked) and completed (she was asked).
    this.addPartnership(random, j2, this.demoPartner(j2, random, used), 'accepted');
    this.addPartnership(random, this.demoPartner(j3, random, used), j3, 'completed');
  }

  private createRandomPartnerships() {
    const random = this.rng('partnerships');
    const targets: [PartnershipStatus, number][] = [
      ['completed', 17],
      ['accepted', 23],
      ['pending', 27],
      ['declined', 14],
      ['withdrawn', 10],
    ];
    const eligible = (o: Offer, status: PartnershipStatus) => {
      if (o.pinned || o.partnerships.length >= 3 || this.matched(o)) return false;
      const phase = this.phaseOf(o);
      if (status === 'completed') return phase === 'ended';
      if (status === 'accepted' || status === 'pending') return phase !== 'ended';
      return true;
    };
    for (const [status, target] of targets) {
      let have = this.partnershipList.filter((p) => p.status === status).length;
      for (const a of random.shuffle(this.offerList)) {
        if (have >= target) break;
        if (!eligible(a, status)) continue;
        let best: Offer | undefined;
        let bestKey = -1;
        for (const b of this.offerList) {
          if (b === a || !eligible(b, status) || this.pairs.has(this.pairKey(a, b))) continue;
          if (!compatible(a, b)) continue;
          const fit = affinity(a, b);
          // People ask partners who teach something related; a decline may follow a long shot.
          if (fit < (status === 'declined' || status === 'withdrawn' ? 0.1 : 0.5)) continue;
          const crossRegion = a.institution.region !== b.institution.region;
          const key = fit + random.next() * 0.35 + (crossRegion ? 0.5 : 0);
          if (key > bestKey) {
            bestKey = key;
            best = b;
          }
        }
        if (!best && status === 'completed') best = this.alignedPartner(a, random);
        if (!best) continue;
        const [requester, recipient] = random.chance(0.5) ? [a, best] : [best, a];
        this.addPartnership(random, requester, recipient, status);
        have++;
      }
    }
    this.partnershipTimes(random);
  }

  /**
   * Few finished terms happen to fit each other; a finished offer on a related topic in the
   * other region, not yet in any partnership, is moved onto a fitting term instead.
   */
  private alignedPartner(a: Offer, random: Random): Offer | undefined {
    // Same field first; else an interdisciplinary pair sharing SDGs (climate policy × energy).
    return this.alignedPartnerAt(a, random, 0.5) ?? this.alignedPartnerAt(a, random, 0.2);
  }

  private alignedPartnerAt(a: Offer, random: Random, least: number): Offer | undefined {
    const candidates = this.offerList
      .filter(
        (b) =>
          b !== a &&
          !b.pinned &&
          b.partnerships.length === 0 &&
          this.phaseOf(b) === 'ended' &&
          b.institution.region !== a.institution.region &&
          seeks(a, b.institution.region) &&
          seeks(b, a.institution.region) &&
          formatsCompatible(a.format, b.format) &&
          affinity(a, b) >= least,
      )
      .map((b) => ({ b, key: affinity(a, b) + random.next() * 0.3 }))
      .sort((x, y) => y.key - x.key);
    const b = candidates[0]?.b;
    if (!b) return undefined;
    this.align(b, a, random);
    return compatible(a, b) ? b : undefined;
  }

  private within(random: Random, lo: number, hi: number): number {
    return Math.round(hi <= lo ? lo : lo + random.next() * (hi - lo));
  }

  private partnershipTimes(random: Random) {
    const now = this.now;
    for (const p of this.partnershipList) {
      const a = p.offer;
      const b = p.partner;
      const base = Math.max(a.createdAt, b.createdAt) + hourMs;
      switch (p.status) {
        case 'completed':
        case 'accepted': {
          let hi = Math.min(Math.min(a.start, b.start) - 2 * dayMs, now - 2 * dayMs);
          if (hi <= base) hi = base + (now - base) / 2;
          p.createdAt = this.within(random, base, hi);
          const decided = p.createdAt + this.within(random, 3 * hourMs, 6 * dayMs);
          p.decidedAt = Math.round(Math.min(decided, p.createdAt + (now - p.createdAt) * 0.8));
          if (p.status === 'completed') {
            const done = Math.max(a.end, b.end) + random.int(2, 14) * dayMs + 9 * hourMs;
            p.completedAt = Math.max(p.decidedAt + hourMs, Math.min(done, now - hourMs));
            p.studentsA = random.int(5, Math.max(5, Math.min(60, a.classSize)));
            p.studentsB = random.int(5, Math.max(5, Math.min(60, b.classSize)));
          }
          break;
        }
        case 'pending':
          p.createdAt = this.within(random, Math.max(base, now - 28 * dayMs), now - hourMs);
          break;
        case 'declined': {
          p.createdAt = this.within(random, base, now - 12 * hourMs);
          const decided = p.createdAt + this.within(random, hourMs, 5 * dayMs);
          p.decidedAt = Math.round(Math.min(decided, p.createdAt + (now - p.createdAt) * 0.8));
          break;
        }
        case 'withdrawn':
          // A withdrawal is not a decision by the other side: decidedAt stays null, so
          // time-to-decision statistics count only real accept/decline answers.
          p.createdAt = this.within(random, base, now - dayMs);
          break;
      }
    }
    // Yuki's request to Jonas arrived two days ago, so it tops his list.
    const fromYuki = this.partnershipList.find(
      (p) => p.status === 'pending' && p.offer.pinned && p.partner.pinned,
    );
    if (fromYuki) {
      fromYuki.createdAt = Math.max(
        this.now - 2 * dayMs - 3 * hourMs,
        Math.max(fromYuki.offer.createdAt, fromYuki.partner.createdAt) + hourMs,
      );
    }
  }

  /** Statuses and update times once partnerships are known; descriptions from final terms. */
  private settleOffers() {
    const random = this.rng('settle');
    for (const o of this.offerList) {
      const agreed = o.partnerships.find(
        (p) => p.status === 'accepted' || p.status === 'completed',
      );
      const phase = this.phaseOf(o);
      const pending = o.partnerships.some((p) => p.status === 'pending');
      if (agreed) {
        o.status = 'matched';
        o.updatedAt = Math.max(o.createdAt, agreed.decidedAt ?? o.createdAt);
      } else if (phase === 'ended') {
        o.status = 'closed';
        o.updatedAt = Math.min(this.now - hourMs, o.end + random.int(1, 10) * dayMs + 8 * hourMs);
      } else if (!o.pinned && !pending && random.chance(0.03)) {
        o.status = 'closed';
        o.updatedAt = this.within(random, o.createdAt, this.now - hourMs);
      } else {
        o.status = 'open';
        o.updatedAt = random.chance(0.4)
          ? this.within(random, o.createdAt, Math.min(this.now - hourMs, o.createdAt + 20 * dayMs))
          : o.createdAt;
      }
      o.updatedAt = Math.max(o.updatedAt, o.createdAt);
      const seeking =
        o.seekingRegion === 'any'
          ? 'Asia or Europe'
          : o.seekingRegion === 'asia'
            ? 'Asia'
            : 'Europe';
      o.description = offerDescription(random, o.topic, {
        format: o.format,
        weeks: o.weeks,
        seeking,
        level: levelPhrases[o.levels[0] ?? 'bachelor'] ?? "bachelor's",
      });
    }
  }

  // ------------------------------------------------------------ conversations

  private hoursSentence(from: Offer, to: Offer, at: number): string {
    const diff = (utcOffsetMinutes(from.timeZone, at) - utcOffsetMinutes(to.timeZone, at)) / 60;
    if (diff === 0) return 'We are in the same time zone, which makes live sessions easy.';
    const hours = Math.abs(diff);
    const h = Number.isInteger(hours) ? String(hours) : hours.toFixed(1);
    const unit = hours === 1 ? 'hour' : 'hours';
    return diff > 0
      ? `${from.institution.countryLabel} is ${h} ${unit} ahead of ${to.institution.countryLabel} at this time of year.`
      : `${from.institution.countryLabel} is ${h} ${unit} behind ${to.institution.countryLabel} at this time of year.`;
  }

  private overlapSentence(from: Offer, to: Offer, at: number): string {
    const live = liveOverlap(from, to, at);
    if (!live.first) {
      return "Our live-session windows don't overlap, so I suggest asynchronous teamwork on a shared board plus one optional call every two weeks.";
    }
    const f = live.first;
    return `Our live-session windows overlap on ${weekdayNames[f.weekdayA - 1]} from ${f.startA} to ${f.endA} my time (${f.startB}–${f.endB} for you). Shall we use that slot for the joint sessions?`;
  }

  private createPartnershipConversation(p: Partnership) {
    const random = this.rng(`conversation/${p.id}`);
    const requester = p.offer.owner;
    const recipient = p.partner.owner;
    const lengths: Record<PartnershipStatus, number> = {
      pending: random.int(2, 4),
      accepted: random.int(4, 8),
      completed: random.int(5, 8),
      declined: random.int(2, 3),
      withdrawn: random.int(2, 3),
    };
    const n = lengths[p.status];
    let plan: Beat[];
    switch (p.status) {
      case 'pending':
        plan = ['opener', random.chance(0.6) ? 'reply' : 'question', 'followUp', 'schedule'];
        break;
      case 'accepted':
        plan = [
          'opener',
          'reply',
          'schedule',
          'confirm',
          'syllabus',
          'logistics',
          'logistics',
          'syllabus',
        ];
        break;
      case 'completed': {
        const full: Beat[] = [
          'opener',
          'reply',
          'schedule',
          'confirm',
          'logistics',
          'midterm',
          'wrapUp',
          'thanks',
        ];
        const drop = 8 - n;
        plan = full.filter(
          (b) =>
            !(drop >= 1 && b === 'midterm') &&
            !(drop >= 2 && b === 'logistics') &&
            !(drop >= 3 && b === 'schedule'),
        );
        break;
      }
      case 'declined':
        plan = ['opener', 'decline', 'declineAck'];
        break;
      case 'withdrawn':
        plan = ['opener', 'question', 'withdraw'];
        break;
    }
    // Yuki's request to Jonas: she wrote last and he has not read it yet.
    const fromYuki = p.status === 'pending' && p.offer.pinned && p.partner.pinned;
    plan = plan.slice(0, fromYuki ? 3 : n);

    const overlapStart = Math.max(p.offer.start, p.partner.start);
    const overlapEnd = Math.min(p.offer.end, p.partner.end);
    const decided = p.decidedAt ?? p.createdAt;
    const times: number[] = [];
    const bodies: { author: Person; body: string }[] = [];
    const usedTexts = new Set<string>();
    plan.forEach((beat, i) => {
      const mineIsOffer = i % 2 === 0;
      const author = mineIsOffer ? requester : recipient;
      const own = mineIsOffer ? p.offer : p.partner;
      const other = mineIsOffer ? p.partner : p.offer;
      const prev = times[i - 1] ?? p.createdAt;
      let t: number;
      switch (beat) {
        case 'opener':
          t = p.createdAt + this.within(random, 2 * minuteMs, 40 * minuteMs);
          break;
        case 'reply':
        case 'question':
          t = prev + this.within(random, 2 * hourMs, 2 * dayMs);
          break;
        case 'decline':
          t = decided - this.within(random, 5 * minuteMs, 60 * minuteMs);
          break;
        case 'confirm':
          t = decided + this.within(random, minuteMs, 20 * minuteMs);
          break;
        case 'logistics':
        case 'withdraw':
          t = prev + this.within(random, dayMs, 5 * dayMs);
          break;
        case 'midterm':
          t = Math.round((overlapStart + overlapEnd) / 2) + 10 * hourMs;
          break;
        case 'wrapUp':
          t = (p.completedAt ?? this.now) - this.within(random, hourMs, 2 * dayMs);
          break;
        case 'declineAck':
          t = decided + this.within(random, hourMs, dayMs);
          break;
        default:
          t = prev + this.within(random, 3 * hourMs, 3 * dayMs);
      }
      times.push(t);
      const jointFrom = random.int(2, 4);
      const values = {
        toName: other.owner.callName,
        fromName: author.name,
        fromTitle: own.title,
        toTitle: other.title,
        fromInstitution: own.institution.name,
        fromCountry: own.institution.countryLabel,
        toCountry: other.institution.countryLabel,
        weeks: Math.max(4, Math.floor(((overlapEnd - overlapStart) / dayMs + 1) / 7)),
        hoursSentence: this.hoursSentence(own, other, overlapStart),
        overlapSentence: this.overlapSentence(own, other, overlapStart),
        fromClassSize: own.classSize,
        jointFrom,
        jointTo: Math.min(own.weeks, jointFrom + random.int(4, 6)),
        tool: random.pick(collaborationTools),
        fromStart: longDate(own.start),
        fromStudents: (mineIsOffer ? p.studentsA : p.studentsB) ?? 0,
      };
      let body = beatText(random, beat, values);
      for (let retry = 0; retry < 3 && usedTexts.has(body); retry++) {
        body = beatText(random, beat, values);
      }
      usedTexts.add(body);
      bodies.push({ author, body });
    });

    const local = times.map((t, i) =>
      this.workingHours(t, (i % 2 === 0 ? p.offer : p.partner).timeZone, random),
    );
    // A conversation has not got further than now: later messages are not written yet.
    while (local.length > 2 && (local[local.length - 1] ?? 0) > this.now - 5 * minuteMs) {
      local.pop();
      bodies.pop();
    }
    const stamped = this.orderTimes(local, p.createdAt);
    // The request's own message opens the conversation, as the platform stores it: seq 1, by
    // the requester, when the request was made.
    if (plan[0] === 'opener' && bodies[0] && p.message) {
      bodies[0] = { author: requester, body: p.message };
      stamped[0] = p.createdAt;
    }
    const conversation: Conversation = {
      id: p.conversationId,
      kind: 'partnership',
      title: truncate(`${p.offer.title} × ${p.partner.title}`, 120),
      directKey: null,
      createdAt: p.createdAt,
      members: [requester, recipient],
      messages: bodies.map((b, i) => ({ ...b, createdAt: stamped[i] ?? p.createdAt })),
      behind: new Set(),
    };
    this.markUnread(conversation, random);
    if (fromYuki) conversation.behind.add(recipient.id);
    this.conversationList.push(conversation);
  }

  /** People write between 08:00 and 20:00 their time: a later message waits for the morning. */
  private workingHours(t: number, timeZone: string, random: Random): number {
    const offset = utcOffsetMinutes(timeZone, t) * minuteMs;
    const local = t + offset;
    const hour = Math.floor((local % dayMs) / hourMs);
    if (hour >= 8 && hour < 20) return t;
    const midnight = local - (local % dayMs) + (hour >= 20 ? dayMs : 0);
    return midnight + 8 * hourMs + random.int(0, 150) * minuteMs - offset;
  }

  /** Strictly increasing, after `after`, none later than now. */
  private orderTimes(times: number[], after: number): number[] {
    const gap = 3 * minuteMs;
    const out = times.map((t) => Math.round(t));
    for (let i = 0; i < out.length; i++) {
      out[i] = Math.max(out[i] ?? 0, (i === 0 ? after : (out[i - 1] ?? after)) + gap);
    }
    for (let i = out.length - 1; i >= 0; i--) {
      const cap = i === out.length - 1 ? this.now - gap : (out[i + 1] ?? this.now) - gap;
      out[i] = Math.min(out[i] ?? 0, cap);
    }
    return out;
  }

  /** Recent conversations: the member who did not write last has sometimes not read it yet. */
  private markUnread(conversation: Conversation, random: Random) {
    const last = conversation.messages[conversation.messages.length - 1];
    if (!last || last.createdAt < this.now - 21 * dayMs) return;
    for (const m of conversation.members) {
      if (m === last.author) continue;
      const demo = m.email.endsWith('@twinning.test');
      if (random.chance(demo ? 0.5 : 0.3)) conversation.behind.add(m.id);
    }
  }

  private createDirectConversations(accounts: ReturnType<DemoBuilder['createDemoPeople']>) {
    const random = this.rng('direct');
    const { admin, lecturer, lecturerAsia } = accounts;
    const completed = this.partnershipList.find(
      (p) => p.status === 'completed' && p.offer.owner === lecturer,
    );
    const formerPartner = completed?.partner.owner;
    const europeans = this.people.filter(
      (p) =>
        p.role === 'lecturer' &&
        p.institution?.region === 'europe' &&
        !p.email.endsWith('@twinning.test') &&
        !this.partnershipList.some(
          (x) =>
            (x.offer.owner === p && x.partner.owner === lecturerAsia) ||
            (x.partner.owner === p && x.offer.owner === lecturerAsia),
        ),
    );
    const colleague = europeans[random.int(0, europeans.length - 1)];
    const talks: [Person, Person, number, string[], boolean][] = [
      [
        admin,
        lecturer,
        6,
        [
          `Hi ${lecturer.callName}, the international office would like to feature your COIL work at the faculty day next month. Would you give a 15-minute talk?`,
          `Happy to! I could present the project we ran with ${formerPartner?.name ?? 'our partner'}; the students' final presentations were really good.`,
          'Perfect, I will put you on the programme. Could you also look at the new partnership requests for your marketing course?',
        ],
        true,
      ],
    ];
    if (formerPartner) {
      talks.push([
        formerPartner,
        lecturer,
        15,
        [
          `Hi ${lecturer.callName}, I hope the new term started well! My students still talk about our joint project. Would you like to run it again next year?`,
          `Hi ${formerPartner.callName}, great to hear from you! Yes, definitely. Maybe with a longer joint phase this time?`,
          'Agreed. I will post a new offer once our timetable is fixed, probably next month.',
        ],
        false,
      ]);
    }
    if (colleague) {
      talks.push([
        lecturerAsia,
        colleague,
        9,
        [
          `Dear ${colleague.callName}, I saw your offers on Twinning and I think our interests overlap. Would you be open to a short call about a joint course next year?`,
          `Hello ${lecturerAsia.callName}, thank you for writing! Yes, I would be glad to. Mornings my time work best, which should be your late afternoon.`,
          'Wonderful. How about Thursday next week? I will send an invitation.',
        ],
        false,
      ]);
    }
    for (const [a, b, daysAgo, texts, unread] of talks) {
      const createdAt = this.ago(daysAgo) + random.int(0, 8 * 60) * minuteMs;
      const times = texts.map((_, i) =>
        this.workingHours(
          createdAt + i * this.within(random, 2 * hourMs, 20 * hourMs),
          (i % 2 === 0 ? a : b).timeZone ?? 'UTC',
          random,
        ),
      );
      const stamped = this.orderTimes(times, createdAt);
      const [first, second] = a.id < b.id ? [a, b] : [b, a];
      const conversation: Conversation = {
        id: this.ids.id(),
        kind: 'direct',
        title: `${first.name} & ${second.name}`,
        directKey: `${first.id}:${second.id}`,
        createdAt,
        members: [a, b],
        messages: texts.map((body, i) => ({
          author: i % 2 === 0 ? a : b,
          body,
          createdAt: stamped[i] ?? createdAt,
        })),
        behind: new Set(),
      };
      const last = conversation.messages[conversation.messages.length - 1];
      if (unread && last) {
        for (const m of conversation.members) if (m !== last.author) conversation.behind.add(m.id);
      }
      this.conversationList.push(conversation);
    }
  }

  // ------------------------------------------------------------ students

  private createStudents(demoStudent: Person): Person[] {
    const random = this.rng('students');
    const students: Person[] = [demoStudent];
    const homes = random.sample(this.verified, 20);
    for (const institution of homes) {
      const name = personName(random, institution.country);
      const email = this.uniqueEmail(
        name.emailLocals.map((l) => l.replace(/^(\w)\./, '$1')),
        institution.domains[0] ?? 'example.org',
      );
      students.push(
        this.person(
          'student',
          name,
          email,
          null,
          institution.country,
          this.ownLanguages(random, institution.country, true),
          this.ago(random.between(30, 150)),
        ),
      );
    }
    return students;
  }

  private apply(
    random: Random,
    student: Person,
    offer: Offer,
    status: Application['status'],
    withinDays = 60,
  ): Application {
    const lo = Math.max(offer.createdAt, student.createdAt, this.now - withinDays * dayMs) + hourMs;
    const createdAt = this.within(random, lo, this.now - 2 * hourMs);
    const decidedAt =
      status === 'pending'
        ? null
        : Math.min(
            createdAt + this.within(random, hourMs, 7 * dayMs),
            Math.round(createdAt + (this.now - createdAt) * 0.8),
          );
    const english = student.languages.find((l) => l.code === 'en')?.level ?? 'B2';
    const own = student.languages.find((l) => l.code !== 'en');
    const application: Application = {
      id: this.ids.id(),
      offer,
      student,
      motivation: motivation(random, {
        title: offer.title,
        level: english,
        language: own
          ? (new Intl.DisplayNames(['en'], { type: 'language' }).of(own.code) ?? own.code)
          : 'French',
      }),
      status,
      createdAt,
      decidedAt,
    };
    this.applicationList.push(application);
    return application;
  }

  private createApplications(
    accounts: ReturnType<DemoBuilder['createDemoPeople']>,
    students: Person[],
  ) {
    const random = this.rng('applications');
    const open = this.offerList.filter(
      (o) => o.openToStudents && o.status !== 'closed' && this.phaseOf(o) !== 'ended',
    );
    const taken = new Set<string>();
    const take = (student: Person, offer: Offer, status: Application['status'], days = 60) => {
      taken.add(`${offer.id}:${student.id}`);
      return this.apply(random, student, offer, status, days);
    };
    const jonasOpen = open.filter((o) => o.owner === accounts.lecturer);
    const yukiOpen = open.filter((o) => o.owner === accounts.lecturerAsia);
    const others = open.filter((o) => !o.pinned);
    // The demo student: one waiting on Jonas's offer, one accepted, one declined.
    const [first] = jonasOpen;
    if (first) take(accounts.student, first, 'pending');
    const [accepted, declined] = random.sample(
      others.filter((o) => o.status === 'open'),
      2,
    );
    if (accepted) take(accounts.student, accepted, 'accepted');
    if (declined) take(accounts.student, declined, 'declined');
    // A few students apply to the demo lecturers' offers, so both have applications to decide.
    const extras = students.slice(1);
    extras.slice(0, 3).forEach((student, i) => {
      const offer = jonasOpen[i % Math.max(1, jonasOpen.length)];
      if (offer) take(student, offer, i === 0 ? 'accepted' : 'pending', i === 0 ? 60 : 8);
    });
    extras.slice(3, 5).forEach((student, i) => {
      const offer = yukiOpen[i % Math.max(1, yukiOpen.length)];
      if (offer) take(student, offer, 'pending', 8);
    });
    for (const student of extras) {
      const count = random.int(1, 4);
      for (const offer of random.sample(others, count * 2)) {
        if (taken.size >= 80) break;
        if (taken.has(`${offer.id}:${student.id}`)) continue;
        if (count <= this.applicationList.filter((a) => a.student === student).length) break;
        // Once a term runs, its applications are mostly decided; for later terms most wait.
        const status = random.weighted<Application['status']>(
          this.phaseOf(offer) === 'running'
            ? [
                ['pending', 15],
                ['accepted', 60],
                ['declined', 25],
              ]
            : [
                ['pending', 60],
                ['accepted', 25],
                ['declined', 15],
              ],
        );
        take(student, offer, status);
      }
    }
  }

  // ------------------------------------------------------------ notifications

  private notify(
    user: Person,
    kind: string,
    payload: Record<string, unknown>,
    at: number,
    read: boolean,
  ) {
    this.notificationList.push({
      user,
      kind,
      payload,
      createdAt: at,
      readAt: read ? Math.min(this.now - minuteMs, at + 3 * hourMs) : null,
    });
  }

  /** A partnership as its notifications name it (apps/api notifications: PartnershipNote). */
  private partnershipNote(p: Partnership) {
    return {
      partnershipId: p.id,
      offerId: p.offer.id,
      offerTitle: p.offer.title,
      partnerOfferId: p.partner.id,
      partnerOfferTitle: p.partner.title,
    };
  }

  private createNotifications(accounts: ReturnType<DemoBuilder['createDemoPeople']>) {
    const { admin, lecturer, lecturerAsia, student } = accounts;
    const old = (t: number) => t < this.now - 7 * dayMs;
    for (const user of [lecturer, lecturerAsia]) {
      for (const p of this.partnershipList) {
        if (p.partner.owner === user) {
          this.notify(
            user,
            'partnership_requested',
            {
              ...this.partnershipNote(p),
              fromId: p.offer.owner.id,
              fromName: p.offer.owner.name,
            },
            p.createdAt,
            p.status !== 'pending' || old(p.createdAt),
          );
        }
        if (p.offer.owner === user && p.decidedAt !== null) {
          this.notify(
            user,
            'partnership_decided',
            {
              ...this.partnershipNote(p),
              status: p.status === 'completed' ? 'accepted' : p.status,
              byId: p.partner.owner.id,
              byName: p.partner.owner.name,
            },
            p.decidedAt,
            old(p.decidedAt),
          );
        }
      }
      for (const a of this.applicationList) {
        if (a.offer.owner !== user) continue;
        this.notify(
          user,
          'application_received',
          {
            applicationId: a.id,
            offerId: a.offer.id,
            offerTitle: a.offer.title,
            studentId: a.student.id,
            studentName: a.student.name,
          },
          a.createdAt,
          a.status !== 'pending' || old(a.createdAt),
        );
      }
    }
    for (const a of this.applicationList) {
      if (a.student !== student || a.decidedAt === null) continue;
      this.notify(
        student,
        'application_decided',
        {
          applicationId: a.id,
          offerId: a.offer.id,
          offerTitle: a.offer.title,
          status: a.status,
          byId: a.offer.owner.id,
          byName: a.offer.owner.name,
        },
        a.decidedAt,
        a.status === 'declined',
      );
    }
    if (admin.institution) {
      this.notify(
        admin,
        'affiliation_verified',
        { institutionId: admin.institution.id, institutionName: admin.institution.name },
        admin.createdAt + 6 * hourMs,
        true,
      );
    }
  }

  // ------------------------------------------------------------ insert

  /** Lecturers join shortly before their first offer; affiliations follow their accounts. */
  private fixPeopleCreation() {
    const random = this.rng('joined');
    for (const p of this.people) {
      if (p.createdAt !== 0) continue;
      const first = Math.min(
        ...this.offerList.filter((o) => o.owner === p).map((o) => o.createdAt),
      );
      p.createdAt = Math.round(
        (Number.isFinite(first) ? first : this.now - 30 * dayMs) - random.between(1, 30) * dayMs,
      );
    }
    const byId = new Map(this.people.map((p) => [p.id, p]));
    for (const a of this.affiliationRows) {
      const p = byId.get(a.userId);
      if (!p) continue;
      const method = a.method === 'email_domain' ? minuteMs : 6 * hourMs;
      a.createdAt = new Date(p.createdAt);
      a.decidedAt = new Date(p.createdAt + method);
    }
  }

  private async insert(secretariat: Person) {
    const tx = this.tx;
    // The tables of the database's dialect (SQLite's or PostgreSQL's).
    const {
      affiliations,
      applications,
      balanceGoals,
      conversationMembers,
      conversations,
      institutions,
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
    } = tablesFor(tx);
    const verifyRandom = this.rng('verified-at');
    for (const i of this.verified) {
      await tx
        .update(institutions)
        .set({
          verified: true,
          verifiedAt: new Date(this.ago(verifyRandom.between(240, 300))),
          verifiedBy: secretariat.id,
        })
        .where(eq(institutions.id, i.id));
    }
    for (const rows of chunks(
      this.people.map((p) => ({
        id: p.id,
        email: p.email,
        passwordHash: this.passwordHash,
        name: p.name,
        role: p.role,
        institutionId: p.institution?.id ?? null,
        languages: p.languages,
        timeZone: p.timeZone,
        createdAt: new Date(p.createdAt),
        // Demo people read the mail they were made with, and are marked as demo accounts.
        emailVerifiedAt: new Date(p.createdAt),
        demo: true,
      })),
    )) {
      await tx.insert(users).values(rows);
    }
    for (const rows of chunks(this.affiliationRows)) await tx.insert(affiliations).values(rows);

    for (const rows of chunks(
      this.offerList.map((o) => ({
        id: o.id,
        institutionId: o.institution.id,
        ownerId: o.owner.id,
        title: o.title,
        description: o.description,
        format: o.format,
        fields: o.fields,
        sdgs: o.sdgs,
        themes: o.themes,
        languages: o.languages,
        levels: o.levels,
        startDate: isoDate(o.start),
        endDate: isoDate(o.end),
        timeZone: o.timeZone,
        windows: o.windows,
        classSize: o.classSize,
        seekingRegion: o.seekingRegion,
        openToStudents: o.openToStudents,
        status: o.status,
        country: o.institution.country,
        region: o.institution.region,
        createdAt: new Date(o.createdAt),
        updatedAt: new Date(o.updatedAt),
        // Their owners confirmed the open ones lately (core/offers/still-open.ts): a new demo
        // shows a full catalogue, and no "still open?" mail goes out for weeks.
        confirmedAt:
          o.status === 'open' ? new Date(Math.max(o.createdAt, this.now - 20 * dayMs)) : null,
      })),
      100,
    )) {
      await tx.insert(offers).values(rows);
    }
    const fieldRows = this.offerList.flatMap((o) =>
      o.fields.map((f) => ({
        offerId: o.id,
        detailed: f,
        narrow: f.slice(0, 3),
        broad: f.slice(0, 2),
      })),
    );
    for (const rows of chunks(fieldRows, 500)) await tx.insert(offerFields).values(rows);
    const languageRows = this.offerList.flatMap((o) =>
      o.languages.map((l) => ({ offerId: o.id, ...l })),
    );
    for (const rows of chunks(languageRows, 500)) await tx.insert(offerLanguages).values(rows);
    const levelRows = this.offerList.flatMap((o) =>
      o.levels.map((level) => ({ offerId: o.id, level })),
    );
    for (const rows of chunks(levelRows, 500)) await tx.insert(offerLevels).values(rows);
    const sdgRows = this.offerList.flatMap((o) => o.sdgs.map((sdg) => ({ offerId: o.id, sdg })));
    for (const rows of chunks(sdgRows, 500)) await tx.insert(offerSdgs).values(rows);
    const themeRows = this.offerList.flatMap((o) =>
      o.themes.map((theme) => ({ offerId: o.id, theme })),
    );
    for (const rows of chunks(themeRows, 500)) await tx.insert(offerThemes).values(rows);

    const conversationRows = this.conversationList.map((c) => {
      const last = c.messages[c.messages.length - 1];
      return {
        id: c.id,
        kind: c.kind,
        title: c.title,
        directKey: c.directKey,
        lastSeq: c.messages.length,
        lastMessageAt: last ? new Date(last.createdAt) : null,
        createdAt: new Date(c.createdAt),
      };
    });
    for (const rows of chunks(conversationRows)) await tx.insert(conversations).values(rows);
    const memberRows = this.conversationList.flatMap((c) =>
      c.members.map((m) => {
        const n = c.messages.length;
        let own = 0;
        c.messages.forEach((msg, i) => {
          if (msg.author === m) own = i + 1;
        });
        return {
          conversationId: c.id,
          userId: m.id,
          lastReadSeq: c.behind.has(m.id) ? Math.max(own, n - 1) : n,
          joinedAt: new Date(c.createdAt),
        };
      }),
    );
    for (const rows of chunks(memberRows)) await tx.insert(conversationMembers).values(rows);
    const messageRows = this.conversationList.flatMap((c, ci) =>
      c.messages.map((m, i) => ({
        id: this.ids.id(),
        conversationId: c.id,
        seq: i + 1,
        authorId: m.author.id,
        body: m.body,
        clientMessageId: `seed-${ci + 1}-${i + 1}`,
        createdAt: new Date(m.createdAt),
      })),
    );
    for (const rows of chunks(messageRows)) await tx.insert(messages).values(rows);

    for (const rows of chunks(
      this.partnershipList.map((p) => ({
        id: p.id,
        offerId: p.offer.id,
        partnerOfferId: p.partner.id,
        requestedBy: p.offer.owner.id,
        status: p.status,
        message: p.message,
        score: p.score,
        conversationId: p.conversationId,
        createdAt: new Date(p.createdAt),
        decidedAt: p.decidedAt === null ? null : new Date(p.decidedAt),
        completedAt: p.completedAt === null ? null : new Date(p.completedAt),
        studentsA: p.studentsA,
        studentsB: p.studentsB,
      })),
    )) {
      await tx.insert(partnerships).values(rows);
    }
    for (const rows of chunks(
      this.applicationList.map((a) => ({
        id: a.id,
        offerId: a.offer.id,
        studentId: a.student.id,
        motivation: a.motivation,
        status: a.status,
        createdAt: new Date(a.createdAt),
        decidedAt: a.decidedAt === null ? null : new Date(a.decidedAt),
      })),
    )) {
      await tx.insert(applications).values(rows);
    }
    const sorted = [...this.notificationList].sort((a, b) => a.createdAt - b.createdAt);
    for (const rows of chunks(
      sorted.map((n) => ({
        id: this.ids.id(),
        userId: n.user.id,
        kind: n.kind,
        payload: n.payload,
        createdAt: new Date(n.createdAt),
        readAt: n.readAt === null ? null : new Date(n.readAt),
        // The demo's history: nobody is mailed about it.
        mailedAt: new Date(n.createdAt),
      })),
    )) {
      await tx.insert(notifications).values(rows);
    }
    await tx
      .insert(balanceGoals)
      .values({
        id: 'current',
        asiaShareTarget: 0.5,
        maxCountryShare: 0.1,
        balanceWeight: 0.1,
        priorityCountries: ['KH', 'LA', 'MM', 'MN', 'BN'],
        updatedBy: secretariat.id,
        updatedAt: new Date(this.now),
      })
      .onConflictDoUpdate({
        target: balanceGoals.id,
        set: {
          asiaShareTarget: 0.5,
          maxCountryShare: 0.1,
          balanceWeight: 0.1,
          priorityCountries: ['KH', 'LA', 'MM', 'MN', 'BN'],
          updatedBy: secretariat.id,
          updatedAt: new Date(this.now),
        },
      });
  }
}
