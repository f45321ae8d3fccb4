import { describe, expect, it } from 'vitest';
import { safeRedirectTarget } from './redirect-target';

describe('safeRedirectTarget', () => {
  it('keeps paths of this site with their query and fragment', () => {
    expect(safeRedirectTarget('/institutions?country=JP')).toBe('/institutions?country=JP');
    expect(safeRedirectTarget('/institutions/abc#domains')).toBe('/institutions/abc#domains');
    expect(safeRedirectTarget('/')).toBe('/');
  });

  it('normalises dot segments without leaving the site', () => {
    expect(safeRedirectTarget('/a/../institutions')).toBe('/institutions');
    expect(safeRedirectTarget('/../../etc')).toBe('/etc');
  });

  it.each([
    ['empty', ''],
    ['absolute URL', 'https://evil.example/'],
    ['protocol-relative URL', '//evil.example'],
    ['backslash trick', '/\\evil.example'],
    ['backslash later on', '/x\\..\\evil'],
    ['javascript URL', 'javascript:alert(1)'],
    ['relative path', 'institutions'],
    ['tab inside the host part', '/\t/evil.example'],
    ['newline', '/a\nb'],
  ])('falls back for %s', (_label, value) => {
    expect(safeRedirectTarget(value)).toBe('/');
  });

  it('falls back for null, undefined and very long values, with a chosen fallback', () => {
    expect(safeRedirectTarget(null)).toBe('/');
    expect(safeRedirectTarget(undefined, '/institutions')).toBe('/institutions');
    expect(safeRedirectTarget(`/${'a'.repeat(2100)}`)).toBe('/');
  });
});
