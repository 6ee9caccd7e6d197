import { salesforceAppConfigFromEnv } from './salesforce';

describe('the Pub/Sub API endpoint for change events', () => {
  it('verifies the server certificate unless told otherwise on a development setup', () => {
    expect(salesforceAppConfigFromEnv({ SALESFORCE_PUBSUB_ENDPOINT: 'api.pubsub.salesforce.com:7443' }).pubsub).toEqual({ endpoint: 'api.pubsub.salesforce.com:7443', verifyTls: true });
    expect(salesforceAppConfigFromEnv({ SALESFORCE_PUBSUB_ENDPOINT: '127.0.0.1:7443', SALESFORCE_PUBSUB_INSECURE_TLS: '1', SIA_DEV: '1' }).pubsub).toEqual({ endpoint: '127.0.0.1:7443', verifyTls: false });
  });

  it('refuses to skip the certificate check outside SIA_DEV=1', () => {
    expect(() => salesforceAppConfigFromEnv({ SALESFORCE_PUBSUB_INSECURE_TLS: '1' })).toThrow(/SIA_DEV=1/);
  });

  it('can be switched off: every org with an integration user is polled', () => {
    expect(salesforceAppConfigFromEnv({ SALESFORCE_PUBSUB_ENDPOINT: 'off' }).pubsub).toBeNull();
  });
});
