const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** Order ids are UUIDs the service made; anything else cannot name an order. */
export function isOrderId(text: string): boolean {
  return UUID.test(text);
}
