import { EvalkitError } from '@evalkit/core';
import { checkOutputFileCount, OUTPUT_LIMITS } from '../src/io/output-limits';

describe('a folder of reports above the file-count limit', () => {
  it('is refused naming the folder, the count and the limit; the limit itself passes', () => {
    expect(() => checkOutputFileCount('/data/reports', OUTPUT_LIMITS.files)).not.toThrow();
    let error: unknown;
    try {
      checkOutputFileCount('/data/reports', 100_001);
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(EvalkitError);
    expect((error as EvalkitError).message).toBe('/data/reports, field "files", value 100001: 100001 .json files is above the limit of 100000 reports in a folder');
  });
});
