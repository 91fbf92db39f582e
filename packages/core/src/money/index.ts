/** Money: integer đồng, formatting, parsing, amounts in words, allocation. */
export * from './amount.ts';
export * from './errors.ts';
export * from './format.ts';
export * from './words.ts';
