/**
 * Kinesis sequence numbers as sortable strings. They are decimal numbers of up to 128 bits whose
 * length varies, so they are zero-padded before DynamoDB compares them as strings.
 */
const WIDTH = 64;

/** `'49590338271490256608559692538361571095921575989136588898'` -> padded to a fixed width. */
export function sortableSequence(sequenceNumber: string): string {
  return sequenceNumber.padStart(WIDTH, '0');
}

/** Attribute that holds the highest sequence number of `shardId` applied to an item. */
export function watermarkAttribute(shardId: string): string {
  return `w_${shardId.replace(/[^A-Za-z0-9_]/g, '_')}`;
}
