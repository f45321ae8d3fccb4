import { describe, expect, it } from 'vitest';
import { safeWebsiteHref, websiteLabel } from './web-address';

describe('safeWebsiteHref', () => {
  it('keeps http and https addresses', () => {
    expect(safeWebsiteHref('http://www.akbild.ac.at/')).toBe('http://www.akbild.ac.at/');
    expect(safeWebsiteHref('https://u-tokyo.ac.jp')).toBe('https://u-tokyo.ac.jp/');
  });

  it('adds https to a bare host name', () => {
    expect(safeWebsiteHref('www.nus.edu.sg')).toBe('https://www.nus.edu.sg/');
  });

  it.each([
    null,
    undefined,
    '',
    'javascript:alert(1)',
    'data:text/html,hi',
    'ftp://files.example',
    'https://user:pw@example.org',
  ])('refuses %s', (value) => {
    expect(safeWebsiteHref(value)).toBeNull();
  });
});

describe('websiteLabel', () => {
  it('shows the host without www.', () => {
    expect(websiteLabel('http://www.akbild.ac.at/path')).toBe('akbild.ac.at');
    expect(websiteLabel('https://u-tokyo.ac.jp/')).toBe('u-tokyo.ac.jp');
  });
});
