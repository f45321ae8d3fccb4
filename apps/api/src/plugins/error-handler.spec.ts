import { describe, expect, it } from 'vitest';
import { validationDetails } from './error-handler.ts';

describe('validationDetails', () => {
  it('names every allowed value of a union of literals once, not "equal to constant"', () => {
    const constant = (value: string) => ({
      instancePath: '/kind',
      keyword: 'const',
      message: 'must be equal to constant',
      params: { allowedValue: value },
    });
    expect(
      validationDetails([
        constant('partnership'),
        constant('direct'),
        { instancePath: '/kind', keyword: 'anyOf', message: 'must match a schema', params: {} },
      ]),
    ).toEqual([{ field: 'kind', message: 'must be one of: partnership, direct' }]);
    expect(validationDetails([constant('direct')])).toEqual([
      { field: 'kind', message: 'must be direct' },
    ]);
  });

  it('lists an enum, and keeps other messages as they are', () => {
    expect(
      validationDetails([
        { instancePath: '/by', keyword: 'enum', params: { allowedValues: ['country', 'sdg'] } },
        { instancePath: '', keyword: 'required', params: { missingProperty: 'email' } },
      ]),
    ).toEqual([
      { field: 'by', message: 'must be one of: country, sdg' },
      { field: 'email', message: 'is required' },
    ]);
  });
});
