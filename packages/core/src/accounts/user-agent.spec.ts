import { describe, expect, it } from 'vitest';
import { shortUserAgent, userAgentMaxLength } from './user-agent.ts';

describe('shortUserAgent', () => {
  it('names browser, major version and system of common browsers', () => {
    const cases: [string, string][] = [
      [
        'Mozilla/5.0 (X11; Linux x86_64; rv:128.0) Gecko/20100101 Firefox/128.0',
        'Firefox 128 on Linux',
      ],
      [
        'Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/131.0.0.0 Safari/537.36 Edg/131.0.2903.86',
        'Edge 131 on Windows',
      ],
      [
        'Mozilla/5.0 (Macintosh; Intel Mac OS X 10_15_7) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/17.6 Safari/605.1.15',
        'Safari 17 on macOS',
      ],
      [
        'Mozilla/5.0 (iPhone; CPU iPhone OS 17_6 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/17.6 Mobile/15E148 Safari/604.1',
        'Safari 17 on iOS',
      ],
      [
        'Mozilla/5.0 (Linux; Android 14; Pixel 8) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/131.0.6778.81 Mobile Safari/537.36',
        'Chrome 131 on Android',
      ],
      [
        'Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) HeadlessChrome/156.0.0.0 Safari/537.36',
        'Chrome 156 on Linux',
      ],
    ];
    for (const [header, short] of cases) expect(shortUserAgent(header), header).toBe(short);
  });

  it('keeps an unknown agent, cut to the limit, and gives null for none', () => {
    expect(shortUserAgent('curl/8.5.0')).toBe('curl/8.5.0');
    const long = shortUserAgent(`bot ${'x'.repeat(500)}`);
    expect(long).toHaveLength(userAgentMaxLength);
    expect(long?.endsWith('…')).toBe(true);
    expect(shortUserAgent(undefined)).toBeNull();
    expect(shortUserAgent('  \n ')).toBeNull();
  });
});
