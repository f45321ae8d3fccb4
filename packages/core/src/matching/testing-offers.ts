// Fixtures for the matching specs: one valid, open offer per region that each test varies.
import type { MatchOffer } from './offer-for-matching.ts';

export function europeOffer(changes: Partial<MatchOffer> = {}): MatchOffer {
  return {
    id: 'offer-eu',
    institutionId: 'inst-eu',
    country: 'DE',
    region: 'europe',
    status: 'open',
    title: 'Sustainable cities',
    description: 'Urban planning students compare their cities in mixed teams.',
    format: 'coil',
    fields: ['0731'],
    sdgs: [11],
    themes: [],
    languages: [{ code: 'en', level: 'B2', minPartnerLevel: 'B1' }],
    levels: ['bachelor'],
    startDate: '2027-03-01',
    endDate: '2027-06-30',
    timeZone: 'Europe/Berlin',
    windows: [{ weekday: 2, start: '09:00', end: '11:00' }],
    classSize: 30,
    seekingRegion: 'asia',
    openToStudents: false,
    ...changes,
  };
}

export function asiaOffer(changes: Partial<MatchOffer> = {}): MatchOffer {
  return europeOffer({
    id: 'offer-as',
    institutionId: 'inst-as',
    country: 'JP',
    region: 'asia',
    timeZone: 'Asia/Tokyo',
    windows: [{ weekday: 2, start: '16:00', end: '18:00' }],
    seekingRegion: 'europe',
    ...changes,
  });
}
