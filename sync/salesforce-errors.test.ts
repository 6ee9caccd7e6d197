import { classifySalesforceError, describeSalesforceError, knownSalesforceErrorCodes, type ErrorHandling } from './salesforce-errors';

describe('classifySalesforceError by code', () => {
  test.each<[string, ErrorHandling]>([
    // access / validation (PRODUCT.md)
    ['FIELD_CUSTOM_VALIDATION_EXCEPTION', 'bad-record'],
    ['REQUIRED_FIELD_MISSING', 'bad-record'],
    ['INSUFFICIENT_ACCESS_OR_READONLY', 'bad-record'],
    ['INSUFFICIENT_ACCESS_ON_CROSS_REFERENCE_ENTITY', 'bad-record'],
    ['FIELD_INTEGRITY_EXCEPTION', 'bad-record'],
    ['INVALID_FIELD_FOR_INSERT_UPDATE', 'bad-record'],
    ['ENTITY_IS_LOCKED', 'bad-record'],
    ['CANNOT_UPDATE_CONVERTED_LEAD', 'bad-record'],
    // authentication
    ['INVALID_SESSION_ID', 'retry'],
    ['invalid_grant', 'needs-user'],
    ['INACTIVE_USER', 'needs-user'],
    ['INACTIVE_ORGANIZATION', 'needs-user'],
    ['API_CURRENTLY_DISABLED', 'needs-user'],
    ['API_DISABLED_FOR_ORG', 'needs-user'],
    // intermittent
    ['UNABLE_TO_LOCK_ROW', 'retry'],
    ['SERVER_UNAVAILABLE', 'retry'],
    ['QUERY_TIMEOUT', 'retry'],
    ['UNKNOWN_EXCEPTION', 'retry'],
    ['REQUEST_LIMIT_EXCEEDED', 'wait-for-allowance'],
    ['INSERT_UPDATE_DELETE_NOT_ALLOWED_DURING_MAINTENANCE', 'retry'],
    // record state
    ['NOT_FOUND', 'bad-record'],
    ['ENTITY_IS_DELETED', 'bad-record'],
    ['STRING_TOO_LONG', 'bad-record'],
  ])('%s → %s', (errorCode, handling) => {
    const c = classifySalesforceError({ errorCode, httpStatus: 400 });
    expect(c.code).toBe(errorCode);
    expect(c.handling).toBe(handling);
    expect(c.title.length).toBeGreaterThan(0);
    expect(c.explanation.length).toBeGreaterThan(20);
    expect(c.fix.length).toBeGreaterThan(20);
  });

  test('every known code has a cause and a fix', () => {
    for (const errorCode of knownSalesforceErrorCodes) {
      const c = classifySalesforceError({ errorCode });
      expect([c.code, c.explanation.length > 20, c.fix.length > 20]).toEqual([errorCode, true, true]);
    }
  });

  test('API_CURRENTLY_DISABLED names the editions and the add-on', () => {
    const c = classifySalesforceError({ errorCode: 'API_CURRENTLY_DISABLED', httpStatus: 403 });
    expect(c.explanation).toContain('Enterprise/Unlimited');
    expect(c.explanation).toContain('Web Services API add-on');
  });

  test('an expired session is retried after a refresh', () => {
    expect(classifySalesforceError({ errorCode: 'INVALID_SESSION_ID', httpStatus: 401 })).toMatchObject({ handling: 'retry', refreshSession: true });
  });

  test.each(['NOT_FOUND', 'ENTITY_IS_DELETED'])('%s says the record is gone', (errorCode) => {
    expect(classifySalesforceError({ errorCode }).recordGone).toBe(true);
  });

  test('invalid_grant tells the user to reconnect', () => {
    expect(classifySalesforceError({ errorCode: 'invalid_grant', httpStatus: 400 }).fix).toContain('connect your Salesforce account again');
  });
});

describe('classifySalesforceError without a known code', () => {
  test.each<[string, Parameters<typeof classifySalesforceError>[0], ErrorHandling, string]>([
    ['ECONNRESET', { networkCode: 'ECONNRESET' }, 'retry', 'ECONNRESET'],
    ['ETIMEDOUT', { networkCode: 'ETIMEDOUT' }, 'retry', 'ETIMEDOUT'],
    ['DNS failure', { networkCode: 'ENOTFOUND' }, 'retry', 'ENOTFOUND'],
    ['unfamiliar network code still retried', { networkCode: 'ESOMETHING' }, 'retry', 'ESOMETHING'],
    ['HTTP 401 without body', { httpStatus: 401 }, 'retry', 'HTTP_401'],
    ['HTTP 500', { httpStatus: 500 }, 'retry', 'HTTP_500'],
    ['HTTP 503', { httpStatus: 503 }, 'retry', 'HTTP_503'],
    ['HTTP 429', { httpStatus: 429 }, 'retry', 'HTTP_429'],
    ['HTTP 404', { httpStatus: 404 }, 'bad-record', 'HTTP_404'],
    ['HTTP 400 with an unknown code', { errorCode: 'SOME_NEW_CODE', httpStatus: 400 }, 'bad-record', 'SOME_NEW_CODE'],
    ['HTTP 502 with an unknown code', { errorCode: 'SOME_NEW_CODE', httpStatus: 502 }, 'retry', 'SOME_NEW_CODE'],
    ['nothing at all', {}, 'bad-record', 'UNKNOWN'],
  ])('%s', (_label, failure, handling, code) => {
    expect(classifySalesforceError(failure)).toMatchObject({ handling, code });
  });

  test('a known code wins over its HTTP status', () => {
    expect(classifySalesforceError({ errorCode: 'REQUEST_LIMIT_EXCEEDED', httpStatus: 403 }).handling).toBe('wait-for-allowance');
  });
});

describe('describeSalesforceError', () => {
  test.each<[string, Parameters<typeof classifySalesforceError>[0]]>([
    ['a known code', { errorCode: 'FIELD_CUSTOM_VALIDATION_EXCEPTION', httpStatus: 400 }],
    ['a lower-case OAuth error', { errorCode: 'invalid_grant', httpStatus: 400 }],
    ['a network code', { networkCode: 'ECONNRESET' }],
    ['an HTTP status saying Salesforce is unavailable', { httpStatus: 503 }],
    ['an HTTP 401', { httpStatus: 401 }],
    ['an unknown code', { errorCode: 'SOME_NEW_CODE', httpStatus: 400 }],
  ])('tells %s in English as it was classified', (_label, failure) => {
    const { code, title, explanation, fix } = classifySalesforceError(failure);
    expect(describeSalesforceError(code, 'en')).toEqual({ title, explanation, fix });
  });

  test('tells every known code in Spanish, each text its own', () => {
    for (const code of knownSalesforceErrorCodes) {
      const en = describeSalesforceError(code, 'en');
      const es = describeSalesforceError(code, 'es');
      expect([es.title === en.title, es.explanation === en.explanation, es.fix === en.fix]).toEqual([false, false, false]);
    }
  });

  test('names the editions in Spanish too, and an HTTP status with its number', () => {
    const disabled = describeSalesforceError('API_CURRENTLY_DISABLED', 'es');
    expect(disabled.title).toBe('La API de Salesforce no está disponible');
    expect(disabled.explanation).toContain('Enterprise/Unlimited');
    expect(describeSalesforceError('HTTP_503', 'es')).toEqual({
      title: 'Salesforce no está disponible',
      explanation: 'Salesforce respondió HTTP 503.',
      fix: 'Nada que hacer: la sincronización lo reintenta en breve.',
    });
    expect(describeSalesforceError('HTTP_503', 'en').explanation).toBe('Salesforce answered HTTP 503.');
  });
});
