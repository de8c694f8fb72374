/** What every accounts function needs: the document client, the accounts table and a clock. */
import type { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';

export interface AccountsTable {
  readonly doc: DynamoDBDocumentClient;
  readonly tableName: string;
  readonly now: () => Date;
}

/** Errors a person can act on; the portal shows their message, the API maps them to 4xx. */
export class AccountError extends Error {
  constructor(
    message: string,
    readonly code: 'email-taken' | 'invalid-input' | 'invalid-invite' | 'not-found' | 'last-owner',
  ) {
    super(message);
    this.name = 'AccountError';
  }
}
