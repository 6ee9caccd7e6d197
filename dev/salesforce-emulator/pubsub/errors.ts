/**
 * Pub/Sub API failures as Salesforce sends them: a gRPC status whose description ends with
 * `rpcId: <id>`, and trailers carrying Salesforce's own `error-code` and the `rpc-id`.
 */
import { Metadata, status, type ServiceError } from '@grpc/grpc-js';

/** Error codes of the Pub/Sub API (trailer `error-code`); see README.md for which are documented. */
export const ERROR_CODES = {
  auth: 'sfdc.platform.eventbus.grpc.service.auth.error',
  unavailable: 'sfdc.platform.eventbus.grpc.service.unavailable',
  replayIdCorrupted: 'sfdc.platform.eventbus.grpc.subscription.fetch.replayid.corrupted',
  replayIdValidation: 'sfdc.platform.eventbus.grpc.subscription.fetch.replayid.validation.failed',
  requestedEventsInvalid: 'sfdc.platform.eventbus.grpc.subscription.fetch.requested.events.invalid',
  deliveryLimit: 'sfdc.platform.eventbus.grpc.subscription.limit.exceeded',
  topicNotFound: 'sfdc.platform.eventbus.grpc.topic.notfound',
  topicPermission: 'sfdc.platform.eventbus.grpc.subscription.topic.permission.denied',
  schemaNotFound: 'sfdc.platform.eventbus.grpc.schema.notfound',
  invalidArgument: 'sfdc.platform.eventbus.grpc.subscription.fetch.invalid.argument',
} as const;

export class PubSubError extends Error {
  constructor(
    readonly code: status,
    readonly errorCode: string,
    message: string,
  ) {
    super(message);
  }

  /** The error as grpc-js sends it: status, description with the rpc id, trailers. */
  toServiceError(rpcId: string): Partial<ServiceError> {
    const metadata = new Metadata();
    metadata.set('error-code', this.errorCode);
    metadata.set('rpc-id', rpcId);
    return { code: this.code, details: `${this.message} rpcId: ${rpcId}`, metadata };
  }
}

export const authError = (): PubSubError =>
  new PubSubError(status.UNAUTHENTICATED, ERROR_CODES.auth, 'An authentication exception occurred. Provide valid authentication via metadata headers.');

export const unavailable = (): PubSubError => new PubSubError(status.UNAVAILABLE, ERROR_CODES.unavailable, 'The Pub/Sub API service is unavailable.');

export const topicNotFound = (orgId: string, topic: string): PubSubError =>
  new PubSubError(
    status.NOT_FOUND,
    ERROR_CODES.topicNotFound,
    `The topic information for org ${orgId} and topic ${topic} not found. Ensure the topic name is correct and that the topic exists.`,
  );

export const topicPermission = (topic: string): PubSubError =>
  new PubSubError(status.PERMISSION_DENIED, ERROR_CODES.topicPermission, `You don't have the permissions required to subscribe to ${topic}.`);

export const replayIdCorrupted = (): PubSubError =>
  new PubSubError(status.INVALID_ARGUMENT, ERROR_CODES.replayIdCorrupted, 'The Replay ID validation failed. The Replay ID is invalid or outside the retention window.');

export const deliveryLimitExceeded = (): PubSubError =>
  new PubSubError(status.RESOURCE_EXHAUSTED, ERROR_CODES.deliveryLimit, 'You have exceeded the event delivery limit for your org.');
