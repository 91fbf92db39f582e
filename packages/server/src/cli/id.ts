import { describeIdentifier } from '@motcua/core';
import type { Command } from 'commander';

const KIND_NAMES: Record<string, string> = {
  dossier_code: 'mã hồ sơ (dossier code)',
  s10: 'số hiệu bưu gửi UPU S10 (postal item number)',
  citizen_id: 'số định danh cá nhân / căn cước 12 số (citizen ID)',
  cmnd9: 'chứng minh nhân dân 9 số (old ID card)',
};

export function registerIdCommands(program: Command): void {
  const id = program.command('id').description('Identifiers: dossier codes, S10 item numbers, citizen IDs');
  id.command('check <value>')
    .description('Exit 0 and name the kind of a valid identifier; exit 1 with the reason for an invalid one')
    .action((value: string) => {
      const result = describeIdentifier(value);
      if (result.ok) {
        console.log(`${result.kind}: ${KIND_NAMES[result.kind]}`);
        console.log(JSON.stringify(result.details));
        return;
      }
      console.error(`invalid: ${result.reason.vi}`);
      console.error(`         ${result.reason.en}`);
      process.exitCode = 1;
    });
}
