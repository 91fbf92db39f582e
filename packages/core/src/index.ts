/**
 * @motcua/core — the pure domain of motcua: no I/O, no clock, no environment.
 * Modules are re-exported here as they land; deep imports (`@motcua/core/calendar/…`) work too.
 */
export {};
