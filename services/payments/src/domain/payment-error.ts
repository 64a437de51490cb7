import { PlatformError } from '../../../../libs/errors/platform-error';

/**
 * Errors of the payments service. Codes: `payment_decided_concurrently` (retriable: another
 * handler wrote the order's payment first, and a second try decides from that row) and
 * `wallet_missing` (a captured payment whose wallet is gone: a broken invariant, not retried).
 */
export class PaymentError extends PlatformError {}
