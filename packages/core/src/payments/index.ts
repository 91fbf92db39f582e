/**
 * Money at the post office: the ledger and its posting templates, voluntary social insurance,
 * household health insurance, traffic fines, payouts, payout-list import and the cash count. Every rate
 * is dated configuration (rates.ts); every amount is integer đồng. See docs/money.md.
 */
export * from './arithmetic.ts';
export * from './cash-count.ts';
export * from './household-health-insurance.ts';
export * from './ledger.ts';
export * from './ledger-operations.ts';
export * from './payout-import.ts';
export * from './payouts.ts';
export * from './period.ts';
export * from './problems.ts';
export * from './rates.ts';
export * from './traffic-fine.ts';
export * from './voluntary-social-insurance.ts';
