/** One error in the REST API's shape: `[{"message","errorCode","fields"}]` on the wire. */
export interface SfErrorBody {
  message: string;
  errorCode: string;
  fields?: string[];
}

/**
 * An error that becomes a Salesforce-shaped REST answer. `status` is the HTTP status the
 * single-record resources answer with; collections put the same code and message in a
 * per-record `{statusCode, message, fields}` instead.
 */
export class SfError extends Error {
  constructor(
    readonly status: number,
    readonly errorCode: string,
    message: string,
    readonly fields: string[] = [],
  ) {
    super(message);
    this.name = errorCode;
  }
  body(): SfErrorBody[] {
    return [{ message: this.message, errorCode: this.errorCode, fields: this.fields }];
  }
}

export const notFound = (): SfError => new SfError(404, 'NOT_FOUND', 'The requested resource does not exist');
export const entityIsDeleted = (): SfError => new SfError(404, 'ENTITY_IS_DELETED', 'entity is deleted');
export const invalidSession = (): SfError => new SfError(401, 'INVALID_SESSION_ID', 'Session expired or invalid');
export const insufficientAccess = (): SfError =>
  new SfError(400, 'INSUFFICIENT_ACCESS_OR_READONLY', 'insufficient access rights on object id');
