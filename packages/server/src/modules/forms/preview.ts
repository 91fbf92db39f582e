/**
 * Writes every form of both editions, rendered from the sample data, into a folder for a visual check:
 * `node --import tsx packages/server/src/modules/forms/preview.ts /tmp/forms`.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { FORM_SPECS } from './editions.ts';
import { renderForm } from './render-form.ts';
import { sampleData } from './samples.ts';
import type { FormEdition, FormKind } from './types.ts';

const outDir = process.argv[2] ?? 'forms-preview';
mkdirSync(outDir, { recursive: true });
for (const edition of Object.keys(FORM_SPECS) as FormEdition[]) {
  for (const [kind, spec] of Object.entries(FORM_SPECS[edition]) as [FormKind, unknown][]) {
    if (!spec) continue;
    const pdf = await renderForm(kind, sampleData(kind), { edition });
    const file = join(outDir, `${edition}-${kind}.pdf`);
    writeFileSync(file, pdf);
    console.log(file);
  }
}
