/** A list query's parameter out of range (400 `invalid-request`); a leaf, so forms may share the vocabulary. */
export class InvalidQueryError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'InvalidQueryError';
  }
}
