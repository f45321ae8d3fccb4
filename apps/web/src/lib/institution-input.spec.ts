import { describe, expect, it } from 'vitest';
import { domainIndexOf, domainsText, parseDomains, websiteForApi } from './institution-input';

describe('parseDomains', () => {
  it('takes one per line, or separated by commas or semicolons', () => {
    expect(parseDomains('uni.edu\nmail.uni.edu')).toEqual(['uni.edu', 'mail.uni.edu']);
    expect(parseDomains('uni.edu, mail.uni.edu;alumni.uni.edu')).toEqual([
      'uni.edu',
      'mail.uni.edu',
      'alumni.uni.edu',
    ]);
    expect(parseDomains('  uni.edu \r\n\r\n  ')).toEqual(['uni.edu']);
    expect(parseDomains('')).toEqual([]);
  });

  it('keeps an entry with a space whole, for the API to name it', () => {
    expect(parseDomains('uni.edu\nnot a domain')).toEqual(['uni.edu', 'not a domain']);
  });

  it('lower-cases, drops a scheme, a path or an @, and repeats', () => {
    expect(parseDomains('https://Uni.EDU/about\n@uni.edu\nUNI.edu')).toEqual(['uni.edu']);
  });
});

describe('domainsText', () => {
  it('writes one domain per line, which parseDomains reads back', () => {
    const text = domainsText(['a.edu', 'b.edu']);
    expect(text).toBe('a.edu\nb.edu');
    expect(parseDomains(text)).toEqual(['a.edu', 'b.edu']);
  });
});

describe('websiteForApi', () => {
  it('adds https:// to a bare host and keeps a full address', () => {
    expect(websiteForApi(' www.uni.edu ')).toBe('https://www.uni.edu');
    expect(websiteForApi('http://uni.edu/en')).toBe('http://uni.edu/en');
    expect(websiteForApi('')).toBeNull();
    expect(websiteForApi('   ')).toBeNull();
  });

  it('passes another scheme on for the API to refuse', () => {
    expect(websiteForApi('javascript:alert(1)')).toBe('javascript:alert(1)');
  });
});

describe('domainIndexOf', () => {
  it('reads the index of a domain detail only', () => {
    expect(domainIndexOf('domains.3')).toBe(3);
    expect(domainIndexOf('domains')).toBeNull();
    expect(domainIndexOf('name')).toBeNull();
  });
});
