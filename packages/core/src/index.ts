/**
 * @motcua/core — the pure domain of motcua: no I/O, no clock, no environment.
 * Calendar and deadlines, identifiers, money, Vietnamese text, and the dossier lifecycle.
 * Deep imports (`@motcua/core/calendar/index`) work too.
 */
export * from './calendar/index.ts';
export * from './dossier/index.ts';
export * from './identifiers/index.ts';
export * from './money/index.ts';
export * from './payments/index.ts';
export * from './postal/index.ts';
export * from './text/index.ts';
