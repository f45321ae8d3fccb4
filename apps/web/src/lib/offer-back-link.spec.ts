import { describe, expect, it } from 'vitest';
import { defaultOfferBack, offerPath, readOfferBack } from './offer-back-link';

describe('the way back from an offer', () => {
  it('carries the list with its filters along, and reads it back', () => {
    const path = offerPath('o1', '/opportunities?format=coil&q=water quality');
    expect(path).toBe('/offers/o1?back=%2Fopportunities%3Fformat%3Dcoil%26q%3Dwater+quality');
    const back = new URL(path, 'http://x').searchParams.get('back');
    expect(readOfferBack(back)).toEqual({
      kind: 'opportunities',
      href: '/opportunities?format=coil&q=water%20quality',
    });
    expect(offerPath('o 1')).toBe('/offers/o%201');
  });

  it('knows each list of the site', () => {
    expect(readOfferBack('/offers?language=ja')?.kind).toBe('catalogue');
    expect(readOfferBack('/my/offers')?.kind).toBe('my_offers');
    expect(readOfferBack('/my/applications?cursor=abc')?.kind).toBe('my_applications');
    expect(readOfferBack('/institutions/inst-1')?.kind).toBe('institution');
  });

  it('refuses other sites, other pages and nonsense', () => {
    for (const value of [
      null,
      '',
      'https://evil.example/offers',
      '//evil.example/offers',
      '/\\evil.example',
      '/offers/o2',
      '/logout',
      '/secretariat/statistics',
      'javascript:alert(1)',
      '/opportunities\u0000',
    ]) {
      expect(readOfferBack(value), String(value)).toBeNull();
    }
  });

  it('falls back by who looks: the owner, a student, anyone else', () => {
    expect(defaultOfferBack({ isOwner: true, role: 'lecturer' }).href).toBe('/my/offers');
    expect(defaultOfferBack({ isOwner: false, role: 'student' }).href).toBe('/opportunities');
    expect(defaultOfferBack({ isOwner: false, role: null }).href).toBe('/offers');
  });
});
