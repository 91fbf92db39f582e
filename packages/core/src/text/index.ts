/** Vietnamese text: normalisation, search keys, collation, personal names. */
export * from './collate.ts';
export * from './names.ts';
export * from './normalize.ts';
