import { describe, expect, it } from 'vitest';
import {
  institutionDomainProblem,
  isFreeMailDomain,
  isSectorSuffix,
} from './institution-domains.ts';

describe('institution domains', () => {
  it('refuses free-mail providers, their country variants and subdomains', () => {
    for (const domain of [
      'gmail.com',
      'GMAIL.com',
      'outlook.com',
      'yahoo.com',
      'yahoo.fr',
      'yahoo.co.jp',
      'mail.yahoo.com',
      'qq.com',
      '163.com',
      'naver.com',
      'students.gmail.com',
    ]) {
      expect(isFreeMailDomain(domain), domain).toBe(true);
      expect(institutionDomainProblem(domain), domain).toMatch(/free-mail provider/);
    }
  });

  it('accepts institutions’ own domains, also ones that only resemble free mail', () => {
    for (const domain of [
      'uni-hamburg.de',
      'tum.de',
      'kyoto-u.ac.jp',
      'notgmail.com',
      'qq.edu.cn',
    ]) {
      expect(isFreeMailDomain(domain), domain).toBe(false);
      expect(institutionDomainProblem(domain), domain).toBeNull();
    }
  });

  it('refuses a country’s sector suffix, which names every institution of the sector', () => {
    for (const domain of ['ac.jp', 'edu.vn', 'co.uk', 'de']) {
      expect(isSectorSuffix(domain), domain).toBe(true);
      expect(institutionDomainProblem(domain), domain).toMatch(/shared by many institutions/);
    }
    expect(isSectorSuffix('u-tokyo.ac.jp')).toBe(false);
    expect(isSectorSuffix('uni.lu')).toBe(false);
  });
});
