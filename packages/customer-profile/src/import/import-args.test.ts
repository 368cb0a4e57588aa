import { describe, expect, it } from 'vitest';
import { parseImportArgs } from './import-args.ts';

describe('parseImportArgs', () => {
  it('takes one file and an optional batch size', () => {
    expect(parseImportArgs(['orders.csv'])).toEqual({ file: 'orders.csv', batchSize: 1000, help: false });
    expect(parseImportArgs(['--batch-size', '200', 'orders.jsonl'])).toEqual({
      file: 'orders.jsonl',
      batchSize: 200,
      help: false,
    });
    expect(parseImportArgs(['--format', 'shopify', 'export.jsonl'])).toEqual({ file: 'export.jsonl', batchSize: 1000, help: false, source: 'shopify' });
  });

  it('says what is wrong with the arguments', () => {
    expect(() => parseImportArgs([])).toThrow('give the file to import, e.g. npm run import -- orders.jsonl');
    expect(() => parseImportArgs(['a.csv', 'b.csv'])).toThrow('give one file at a time (got 2)');
    expect(() => parseImportArgs(['a.csv', '--batch-size', '0'])).toThrow('--batch-size must be at least 1');
    expect(() => parseImportArgs(['a.csv', '--dry-run'])).toThrow('unknown option --dry-run');
    expect(() => parseImportArgs(['--format', 'woo', 'a.jsonl'])).toThrow('--format takes shopify');
  });
});
