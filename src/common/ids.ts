const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** Whether a path segment can be an id at all; anything else is a 404 without a query. */
export function isUuid(value: string): boolean {
  return UUID.test(value);
}
