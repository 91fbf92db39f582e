/** Postal logistics: shipments, tracking, delivery attempts, tariffs. */
export * from './shipment.ts';
