/** The database cannot be opened, migrated or written. */
export class CollectorStorageError extends Error {
  override readonly name = 'CollectorStorageError';
}

/** A query to `/v1/stats` or `/v1/series` that cannot be answered; `parameter` names the culprit. */
export class CollectorQueryError extends Error {
  override readonly name = 'CollectorQueryError';
  readonly parameter: string;
  constructor(parameter: string, message: string) {
    super(`${parameter}: ${message}`);
    this.parameter = parameter;
  }
}
