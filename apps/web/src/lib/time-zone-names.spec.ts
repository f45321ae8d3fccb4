import { describe, expect, it } from 'vitest';
import { currentZoneName, isKnownZone, zoneNameList } from './time-zone-names';

describe('time zone names', () => {
  it('gives old ICU names their current spelling', () => {
    expect(currentZoneName('Asia/Calcutta')).toBe('Asia/Kolkata');
    expect(currentZoneName('Asia/Rangoon')).toBe('Asia/Yangon');
    expect(currentZoneName('Europe/Kiev')).toBe('Europe/Kyiv');
    expect(currentZoneName('Europe/Berlin')).toBe('Europe/Berlin');
  });

  it('lists each zone once under its current name, and Intl knows every one', () => {
    const list = zoneNameList(['Asia/Calcutta', 'Europe/Berlin'], ['Asia/Kolkata', 'Asia/Yangon']);
    expect(list).toEqual(['Asia/Kolkata', 'Asia/Yangon', 'Europe/Berlin']);
    const everything = zoneNameList(Intl.supportedValuesOf('timeZone'));
    expect(everything).toContain('Asia/Ho_Chi_Minh');
    expect(everything).not.toContain('Asia/Saigon');
    expect(everything.filter((zone) => !isKnownZone(zone))).toEqual([]);
  });

  it('tells known zones from unknown ones', () => {
    expect(isKnownZone('Asia/Kathmandu')).toBe(true);
    expect(isKnownZone('Mars/Olympus')).toBe(false);
    expect(isKnownZone('')).toBe(false);
  });
});
