import type { FormSpec } from '../editions.ts';
import type { Page } from '../layout.ts';
import type { Node } from '../pdf.ts';
import type { FormEdition } from '../types.ts';

export interface TemplateContext {
  edition: FormEdition;
  spec: FormSpec;
  page: Page;
}

export interface TemplateResult {
  content: Node[];
  /** Printed in the PDF title next to the form's name, e.g. the dossier code. */
  reference?: string;
}

export type Template<T> = (data: T, context: TemplateContext) => TemplateResult | Promise<TemplateResult>;
