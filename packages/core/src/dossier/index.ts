/** The dossier lifecycle: statuses, actions, derived state, deadline rules and the applicant's rating. */
export * from './deadlines.ts';
export * from './lifecycle.ts';
export * from './rating.ts';
