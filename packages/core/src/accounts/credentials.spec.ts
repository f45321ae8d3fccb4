import { describe, expect, it } from 'vitest';
import {
  emailIsOnDomains,
  isDomainName,
  isEmail,
  normalizeEmail,
  passwordMinScore,
  passwordProblem,
  personalFragments,
  strengthProblem,
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

describe('passwords and the person they belong to', () => {
  const owner = { email: 'Ana.Lim@NUS.edu.sg', name: 'Ana María Lim-Tan' };
  it('lists the fragments of email and name, longest first, none shorter than 3', () => {
    const fragments = personalFragments(owner);
    expect(fragments).toEqual(
      expect.arrayContaining([
        'ana.lim@nus.edu.sg',
        'ana.lim',
        'ana maría lim-tan',
        'maría',
        'lim',
        'tan',
      ]),
    );
    expect(fragments.every((f) => f.length >= 3)).toBe(true);
    expect(fragments[0]).toBe('ana.lim@nus.edu.sg');
    expect(personalFragments({ email: 'x@y.de', name: 'Li' })).toEqual(['x@y.de']);
  });
  it('refuses a password containing them, whatever the case, naming which', () => {
    expect(passwordProblem('my ANA.LIM account!', owner)).toMatch(/your email \("ana.lim"\)/);
    expect(passwordProblem('hello María 12345', owner)).toMatch(/your name \("maría"\)/);
    expect(passwordProblem('violet harbour lantern', owner)).toBeUndefined();
    // Without an owner only the length counts.
    expect(passwordProblem('my ANA.LIM account!')).toBeUndefined();
  });
  it('explains a low strength score with the estimator feedback and advice', () => {
    const weak = strengthProblem({
      score: 1,
      warning: 'This is a commonly used password.',
      suggestions: ['Add more words that are less common.'],
    });
    expect(weak).toMatch(
      /^is too easy to guess \(strength 1 of 4, 3 needed\)\. This is a commonly used password\. Add more words/,
    );
    expect(weak).toMatch(/password manager/);
    expect(strengthProblem({ score: 2, warning: null, suggestions: [] })).toMatch(
      /needed\)\. Pick/,
    );
    expect(
      strengthProblem({ score: passwordMinScore, warning: null, suggestions: [] }),
    ).toBeUndefined();
    expect(strengthProblem({ score: 4, warning: 'x', suggestions: [] })).toBeUndefined();
  });
});
