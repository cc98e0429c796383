import { escapeMarkdownCell, formatCsv, parseCsv } from '../src';
import { csvCell } from '../src/csv';

describe('user strings in Markdown and CSV', () => {
  it('Markdown: raw HTML becomes text, pipes and line breaks cannot split the cell', () => {
    expect(escapeMarkdownCell('<img src=x onerror="alert(1)">')).toBe('&lt;img src=x onerror="alert(1)"&gt;');
    expect(escapeMarkdownCell('a|b\nc\\d & e')).toBe('a\\|b c\\\\d &amp; e');
    expect(escapeMarkdownCell('&lt;')).toBe('&amp;lt;');
  });

  it.each([
    ['=HYPERLINK("http://x")', `"'=HYPERLINK(""http://x"")"`],
    ['+cmd', "'+cmd"],
    ['-2+3', "'-2+3"],
    ['@SUM(A1)', "'@SUM(A1)"],
    ['\tx', "'\tx"],
  ])('CSV: %j cannot run as a spreadsheet formula', (text, cell) => {
    expect(csvCell(text)).toBe(cell);
  });

  it.each(['-0.25', '+3', '-1e-5', '12.5%', '-Infinity', '-3'])('CSV: the number %j stays a number', (text) => {
    expect(csvCell(text)).toBe(text);
  });

  it('CSV: RFC 4180 quoting round-trips through the reader', () => {
    const records = [['name', 'value'], ['a,"b"\nc', '-1'], ['=1+1', 'x']];
    const parsed = parseCsv(formatCsv(records, { newline: '\r\n' }), 't.csv');
    expect(parsed.header).toEqual(['name', 'value']);
    expect(parsed.rows.map((r) => r.cells)).toEqual([['a,"b"\nc', '-1'], ["'=1+1", 'x']]);
    expect(csvCell(-2)).toBe('-2');
  });
});
