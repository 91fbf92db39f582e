import { createPublicKey, type KeyObject } from 'node:crypto';
import { readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import type { Command } from 'commander';
import {
  appendCheckpoint,
  auditKeyId,
  findAuditKey,
  makeCheckpoint,
  publicKeyPem,
  readCheckpoints,
} from '../audit/anchor.ts';
import { checkpointPublicKey, verifyAudit } from '../audit/audit.ts';
import { loadConfig, readEnvironment } from '../config.ts';
import { withDatabase } from './context.ts';

/** The audit key for a command that reads only: never created here (a new key would seal nothing). */
function configuredKey(): Buffer | null {
  const env = readEnvironment();
  return findAuditKey(loadConfig(env).dataDir, env)?.key ?? null;
}

const checkpointsFileOf = (dataDir: string) => path.join(dataDir, 'audit-checkpoints.jsonl');

export function registerAuditCommands(program: Command): void {
  const audit = program
    .command('audit')
    .description('The hash-chained audit log, its MACs and signed checkpoints');
  audit
    .command('verify')
    .description(
      'Recompute the chain, check each row’s MAC (with the audit key, when at hand) and signed checkpoints ' +
        '(--checkpoints); exits 1 if any row was edited or deleted',
    )
    .option('--checkpoints <file>', 'signed checkpoints to hold the log to (from motcua audit checkpoint)')
    .option(
      '--public-key <file>',
      'the PEM public key the checkpoints must be signed with (motcua audit public-key); default: derived from the audit key',
    )
    .action(async (o: { checkpoints?: string; publicKey?: string }) => {
      const key = configuredKey();
      let checkpoints:
        | { list: ReturnType<typeof readCheckpoints>['checkpoints']; publicKey: KeyObject }
        | undefined;
      if (o.checkpoints) {
        const { checkpoints: list, badLines } = readCheckpoints(o.checkpoints);
        if (badLines.length > 0)
          throw new Error(`${o.checkpoints}: line(s) ${badLines.join(', ')} are not checkpoints`);
        let publicKey: KeyObject;
        if (o.publicKey) publicKey = createPublicKey(readFileSync(o.publicKey));
        else if (key) publicKey = checkpointPublicKey(key);
        else throw new Error('--checkpoints needs --public-key when no audit key is at hand');
        checkpoints = { list, publicKey };
      }
      await withDatabase(
        async (database) => {
          const result = await verifyAudit(database, { key, checkpoints });
          const notes = [
            result.macChecked
              ? `MACs checked with the audit key ${auditKeyId(key!)}`
              : 'MACs NOT checked: no audit key (MOTCUA_AUDIT_KEY or the key file)',
            ...(result.unsealedRows > 0
              ? [`${result.unsealedRows} row(s) from before the audit key, without MAC`]
              : []),
            ...(checkpoints ? [`${result.checkpoints} signed checkpoint(s) checked`] : []),
          ];
          if (result.ok) {
            console.log(`Audit log intact: ${result.rows} rows verified; ${notes.join('; ')}.`);
            return;
          }
          console.error(
            `Audit log BROKEN: ${result.problems.length} problem(s) in ${result.rows} rows; ${notes.join('; ')}.`,
          );
          for (const p of result.problems.slice(0, 50)) console.error(`  seq ${p.seq}: ${p.problem}`);
          process.exitCode = 1;
        },
        { auditKey: false },
      );
    });

  audit
    .command('checkpoint')
    .description(
      'Sign the log’s current head (sequence number and hash) with the audit key and append it to a file; ' +
        'copy that file off the machine (a timer runs this, see docs/deployment.md)',
    )
    .option('--out <file>', 'the checkpoints file (default <data dir>/audit-checkpoints.jsonl)')
    .action(async (o: { out?: string }) => {
      const key = configuredKey();
      if (!key)
        throw new Error('no audit key: set MOTCUA_AUDIT_KEY or start the server once to create the key file');
      await withDatabase(
        async (database, config) => {
          const file = o.out ?? checkpointsFileOf(config.dataDir);
          const checkpoint = await makeCheckpoint(database, key);
          appendCheckpoint(file, checkpoint);
          console.log(
            `Checkpoint of seq ${checkpoint.seq} (${checkpoint.hash.slice(0, 16)}…) signed and added to ${file}.`,
          );
        },
        { auditKey: false },
      );
    });

  audit
    .command('public-key')
    .description(
      'Print (or write) the PEM public key that checks the signed checkpoints, to keep apart from them',
    )
    .option('--out <file>', 'write it to this file')
    .action((o: { out?: string }) => {
      const key = configuredKey();
      if (!key)
        throw new Error('no audit key: set MOTCUA_AUDIT_KEY or start the server once to create the key file');
      const pem = publicKeyPem(key);
      if (o.out) {
        writeFileSync(o.out, pem);
        console.log(`Public key of the audit key ${auditKeyId(key)} written to ${o.out}.`);
      } else {
        process.stdout.write(pem);
      }
    });
}
