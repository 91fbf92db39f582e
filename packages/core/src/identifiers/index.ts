/** Identifiers: dossier codes, S10 item numbers, citizen IDs, phone numbers, tax codes. */
export * from './citizen-id.ts';
export * from './describe.ts';
export * from './dossier-code.ts';
export * from './errors.ts';
export * from './phone.ts';
export * from './provinces.ts';
export * from './s10.ts';
export * from './tax-code.ts';
