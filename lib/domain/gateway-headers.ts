/** On an answer to a request that waited for a replica to start: the milliseconds it waited. */
export const HELD_HEADER = "x-ebb-held-ms";
