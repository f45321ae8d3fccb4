// Offer search at 100k offers: a page of 20 through the whole API stack, for the default list,
// common and rare filter combinations and ranked full text, on SQLite and on PostgreSQL holding
// the same offers (dialects.ts), against the plainest page SQLite can give (newest 20 by index,
// no filter) measured in the same run.
import { offerDataSet, offerDataSetTime } from './offer-data.ts';
import { report, reportDialects, time } from './harness.ts';
import {
  benchApp,
  closeAll,
  newestPageBaseline,
  openOnBoth,
  postgresCopyOf,
  timeOnEach,
} from './dialects.ts';

/** The PostgreSQL copy of the offers' data set that the benchmarks reading offers share. */
export const offersCopyName = (total: number) => `bench_offers_${total}`;
export const offersCopy = (total: number, file: string) =>
  postgresCopyOf(offersCopyName(total), file);

export async function benchOfferSearch(total = 100_000): Promise<void> {
  const file = await offerDataSet(total);
  const databases = await openOnBoth(file, () => offersCopy(total, file));
  const now = () => new Date(offerDataSetTime);
  const apps = [];
  for (const database of databases) apps.push(await benchApp(database, now));

  const baseline = await newestPageBaseline(file);
  const postgres = databases.find((d) => d.dialect === 'postgres');
  if (postgres?.handle.dialect === 'postgres') {
    // The round trip to the server every PostgreSQL page pays, beside SQLite's in-process read.
    const { pool } = postgres.handle;
    const same = await time(
      'the same statement on PostgreSQL (pg pool)',
      () => pool.query('select * from offers order by created_at desc, id desc limit 21'),
      { runs: 300 },
    );
    report(
      `Offer search at ${total} offers — the baseline's statement on PostgreSQL`,
      same,
      baseline,
    );
  }

  const queries: [string, string][] = [
    ['default open list', '/api/offers'],
    ['field (broad) + language + region', '/api/offers?field=06&language=en&region=asia'],
    ['level + SDG + open to students', '/api/offers?level=master&sdg=13&openToStudents=true'],
    [
      'rare: country + theme + SDG + level',
      '/api/offers?country=MN&theme=recognition&sdg=14&level=doctoral',
    ],
    ['term window + format', '/api/offers?from=2027-01-01&to=2027-02-01&format=blended_mobility'],
    ['full text, ranked', '/api/offers?q=renewable%20energy'],
    ['full text + filters', '/api/offers?q=supply%20chains&region=europe&level=bachelor'],
  ];
  for (const [name, url] of queries) {
    const page = `${url}${url.includes('?') ? '&' : '?'}limit=20`;
    const timings = await timeOnEach(
      `GET ${url}`,
      apps,
      async (app) => {
        const res = await app.inject({ method: 'GET', url: page });
        if (res.statusCode !== 200) throw new Error(`${url}: ${res.statusCode} ${res.body}`);
      },
      { runs: 100, warmup: 10 },
    );
    reportDialects(`Offer search at ${total} offers — ${name}`, timings, baseline, 'p99 ≤ 50 ms');
  }

  for (const app of apps) await app.close();
  await closeAll(databases);
}
