import { describe, expect, it } from 'vitest';
import {
  emailIsOnDomains,
  isDomainName,
  isEmail,
  normalizeEmail,
  passwordProblem,
} from './credentials.ts';

describe('emails', () => {
  it('normalises case and spaces', () => {
    expect(normalizeEmail('  Ana.Lim@NUS.edu.SG ')).toBe('ana.lim@nus.edu.sg');
  });
  it('accepts addresses and refuses what is not one', () => {
    expect(isEmail('ana@nus.edu.sg')).toBe(true);
    for (const bad of ['ana', 'ana@', '@nus.edu.sg', 'ana@nus', 'a na@nus.edu', 'a@b@c.de', '']) {
      expect(isEmail(bad), bad).toBe(false);
    }
    expect(isEmail(`${'a'.repeat(250)}@b.de`)).toBe(false);
  });
});

describe('institution domains', () => {
  const domains = ['tum.de', 'mytum.de'];
  it('matches the domain and its subdomains', () => {
    expect(emailIsOnDomains('a@tum.de', domains)).toBe(true);
    expect(emailIsOnDomains('a@in.tum.de', domains)).toBe(true);
    expect(emailIsOnDomains('A@MYTUM.DE', domains)).toBe(true);
  });
  it('refuses look-alikes and other domains', () => {
    expect(emailIsOnDomains('a@evil-tum.de', domains)).toBe(false);
    expect(emailIsOnDomains('a@tum.de.evil.com', domains)).toBe(false);
    expect(emailIsOnDomains('a@gmail.com', domains)).toBe(false);
    expect(emailIsOnDomains('a@tum.de', [])).toBe(false);
    expect(emailIsOnDomains('a@tum.de', [''])).toBe(false);
  });
  it('knows a domain name', () => {
    expect(isDomainName('rupp.edu.kh')).toBe(true);
    expect(isDomainName('fh-burgenland.at')).toBe(true);
    expect(isDomainName('localhost')).toBe(false);
    expect(isDomainName('not a domain')).toBe(false);
    expect(isDomainName('-bad.com')).toBe(false);
  });
});

describe('passwords', () => {
  it('needs at least ten characters and at most 256', () => {
    expect(passwordProblem('123456789')).toMatch(/at least 10/);
    expect(passwordProblem('1234567890')).toBeUndefined();
    expect(passwordProblem('x'.repeat(257))).toMatch(/at most 256/);
  });
});
