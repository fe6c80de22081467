import { describe, expect, it } from '@jest/globals';
import { isUuid, uuidArg } from '../src/ids.js';

describe('ids', () => {
  it('are uuids of any version and case, and nothing else', () => {
    for (const id of ['6f1c1d1e-0000-4000-8000-000000000001', '00000000-0000-0000-0000-000000000000', 'FFFFFFFF-FFFF-FFFF-FFFF-FFFFFFFFFFFF']) expect(isUuid(id)).toBe(true);
    for (const value of ['', 'model-1', '6f1c1d1e00004000800000000000001a', ' 6f1c1d1e-0000-4000-8000-000000000001', '6f1c1d1e-0000-4000-8000-00000000000g', null, 42]) expect(isUuid(value)).toBe(false);
  });

  it('as arguments come back lower-cased, or as BAD_USER_INPUT naming the argument', () => {
    expect(uuidArg('id', '6F1C1D1E-0000-4000-8000-00000000000A')).toBe('6f1c1d1e-0000-4000-8000-00000000000a');
    expect(() => uuidArg('input.taskId', 'task-1')).toThrow(expect.objectContaining({ message: 'input.taskId: is not a valid id', extensions: expect.objectContaining({ code: 'BAD_USER_INPUT', field: 'input.taskId' }) }));
  });
});
