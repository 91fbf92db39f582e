import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { describeIdentifier } from '../src/identifiers/index.ts';

describe('describeIdentifier', () => {
  it('recognises a dossier code, lower case included', () => {
    const result = describeIdentifier('000.00.21.h70-250630-0001');
    assert.ok(result.ok);
    assert.equal(result.kind, 'dossier_code');
    if (result.kind === 'dossier_code') {
      assert.equal(result.details.date, '2025-06-30');
      assert.equal(result.details.sequence, 1);
    }
  });

  it('recognises an S10 item number', () => {
    const result = describeIdentifier('RR 123 456 785 VN');
    assert.ok(result.ok);
    assert.equal(result.kind, 's10');
  });

  it('recognises a citizen ID and an old CMND', () => {
    const citizen = describeIdentifier('070190012345');
    assert.ok(citizen.ok && citizen.kind === 'citizen_id');
    assert.equal(citizen.details.provinceName, 'Bình Phước');
    const cmnd = describeIdentifier('285123456');
    assert.ok(cmnd.ok);
    assert.equal(cmnd.kind, 'cmnd9');
  });

  it('gives the reason of the kind the value looks like', () => {
    const dossier = describeIdentifier('000.00.21.H70-250230-0001');
    assert.ok(!dossier.ok);
    assert.equal(dossier.code, 'INVALID_DATE');
    const s10 = describeIdentifier('RR123456784VN');
    assert.ok(!s10.ok);
    assert.equal(s10.code, 'INVALID_CHECK_DIGIT');
    const citizen = describeIdentifier('003090012345');
    assert.ok(!citizen.ok);
    assert.equal(citizen.code, 'UNKNOWN_PROVINCE');
    const shortAgency = describeIdentifier('000.00.21.H70');
    assert.ok(!shortAgency.ok);
    assert.equal(shortAgency.code, 'INVALID_SHAPE');
  });

  it('says plainly when it recognises nothing, quoting the input as typed', () => {
    const result = describeIdentifier('Nguyễn Thị Ánh');
    assert.ok(!result.ok);
    assert.equal(result.code, 'UNRECOGNISED');
    assert.match(result.reason.vi, /Không nhận ra "Nguyễn Thị Ánh"/);
    assert.match(result.reason.en, /not recognised/);
    const empty = describeIdentifier('   ');
    assert.ok(!empty.ok);
    assert.equal(empty.code, 'EMPTY');
  });
});
