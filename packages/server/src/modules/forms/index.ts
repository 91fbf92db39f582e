export {
  editionFor,
  FORM_SPECS,
  FormError,
  FormErrorCode,
  type FormSpec,
  getFormSpec,
  TT03_2025_FROM,
} from './editions.ts';
export { datedLine } from './layout.ts';
export { renderForm } from './render-form.ts';
export * from './types.ts';
