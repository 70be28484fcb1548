import { describe, expect, it } from 'vitest';
import { parseCsv } from './csv';
import type { Dataset, DatasetError, DatasetResult } from './types';

function ok(r: DatasetResult): Dataset {
  if (!r.ok) throw new Error(`expected success, got ${JSON.stringify(r.errors)}`);
  return r.data;
}

function errs(r: DatasetResult): DatasetError[] {
  if (r.ok) throw new Error('expected errors, got a dataset');
  return r.errors;
}

describe('parseCsv: reading', () => {
  it('reads numeric features and the last column as labels', () => {
    const d = ok(parseCsv('x1,x2,label\n0.5,-1,0\n2e-1,3,1\n+4,.5,2\n'));
    expect(d.features).toBe(2);
    expect(d.classes).toBe(3);
    expect(d.featureNames).toEqual(['x1', 'x2']);
    expect([...d.x]).toEqual([0.5, -1, Math.fround(0.2), 3, 4, 0.5]);
    expect([...d.y]).toEqual([0, 1, 2]);
    expect(d.classNames).toBeUndefined();
    expect(d.name).toBe('csv');
  });

  it('reads RFC 4180 quoted cells: separators, quotes and line breaks inside', () => {
    const text = 'a,"b, with comma",label\n"1",2,"big, red"\n3,"4","say ""hi""\nthere"\n5,6,"big, red"\n';
    const d = ok(parseCsv(text));
    expect(d.featureNames).toEqual(['a', 'b, with comma']);
    expect([...d.x]).toEqual([1, 2, 3, 4, 5, 6]);
    expect(d.classNames).toEqual(['big, red', 'say "hi"\nthere']);
    expect([...d.y]).toEqual([0, 1, 0]);
  });

  it('accepts CRLF, a missing final newline, blank lines and a byte-order mark', () => {
    const d = ok(parseCsv('\uFEFFa,b,y\r\n\r\n1,2,0\r\n  \r\n3,4,1'));
    expect([...d.x]).toEqual([1, 2, 3, 4]);
    expect([...d.y]).toEqual([0, 1]);
    expect(d.featureNames).toEqual(['a', 'b']);
  });

  it('detects semicolons (with decimal commas) and tabs', () => {
    const semi = ok(parseCsv('a;b;label\n1,5;-2,25;0\n3;4;1\n'));
    expect([...semi.x]).toEqual([1.5, -2.25, 3, 4]);
    const tab = ok(parseCsv('a\tb\tlabel\n1.5\t2\t1\n3\t4\t0\n'));
    expect([...tab.x]).toEqual([1.5, 2, 3, 4]);
    expect([...tab.y]).toEqual([1, 0]);
  });

  it('prefers commas when both split consistently', () => {
    const d = ok(parseCsv('a;1,b,label\n1,2,0\n3,4,1\n'));
    expect(d.featureNames).toEqual(['a;1', 'b']);
  });

  it('numbers string labels in order of first appearance and keeps the names', () => {
    const d = ok(parseCsv('sepal,petal,species\n5.1,1.4,setosa\n7,4.7,versicolor\n5,1.5, setosa \n6.3,6,virginica\n'));
    expect(d.classNames).toEqual(['setosa', 'versicolor', 'virginica']);
    expect([...d.y]).toEqual([0, 1, 0, 2]);
    expect(d.classes).toBe(3);
  });

  it('takes the label column by name (exact, then ignoring case) or by 0-based index', () => {
    const text = 'a,Class,b\n1,0,2\n3,1,4\n';
    for (const labelColumn of ['Class', 'class', 1]) {
      const d = ok(parseCsv(text, { labelColumn }));
      expect(d.featureNames).toEqual(['a', 'b']);
      expect([...d.x]).toEqual([1, 2, 3, 4]);
      expect([...d.y]).toEqual([0, 1]);
    }
  });

  it('sizes the classes by the largest numeric label, accepting 1.0 as 1', () => {
    const d = ok(parseCsv('a,y\n1,0\n2,4\n3,1.0\n'));
    expect(d.classes).toBe(5);
    expect([...d.y]).toEqual([0, 4, 1]);
  });

  it('names unnamed header cells by their position', () => {
    const d = ok(parseCsv('a,,y\n1,2,0\n3,4,1\n'));
    expect(d.featureNames).toEqual(['a', 'column 2']);
  });

  it('reads exactly the row limit', () => {
    const rows = Array.from({ length: 100_000 }, (_, i) => `${i},${i % 2}`);
    const d = ok(parseCsv(`v,y\n${rows.join('\n')}\n`));
    expect(d.y.length).toBe(100_000);
    expect(d.x[99_999]).toBe(99_999);
  });
});

describe('parseCsv: errors', () => {
  it('says an empty file is empty', () => {
    for (const text of ['', '   \n\r\n  \n', '\uFEFF']) {
      expect(errs(parseCsv(text))).toEqual([{ message: expect.stringMatching(/file is empty/) }]);
    }
  });

  it('asks for a header when the first row is data', () => {
    expect(errs(parseCsv('\n1,2,0\n3,4,1\n'))).toEqual([{ row: 2, message: expect.stringMatching(/Line 2: .*must be a header/) }]);
    expect(errs(parseCsv('5.1,3.5,setosa\n4.9,3.0,setosa\n7,3.2,versicolor\n'))).toEqual([
      { row: 1, message: expect.stringMatching(/Line 1: the first row looks like data.*must be a header/) },
    ]);
  });

  it('needs at least 2 columns', () => {
    expect(errs(parseCsv('value\n1\n2\n'))).toEqual([{ row: 1, message: expect.stringMatching(/only 1 column \("value"\).*at least 2/) }]);
  });

  it('needs data rows after the header', () => {
    expect(errs(parseCsv('a,b,y\n\n'))).toEqual([{ message: expect.stringMatching(/no data rows/) }]);
  });

  it('names the line and the counts of a row with the wrong number of columns', () => {
    const e = errs(parseCsv('a,b,y\n1,2,0\n\n3,4\n5,6,1,7\n8,9,1\n'));
    expect(e).toEqual([
      { row: 4, message: 'Line 4: expected 3 columns (as in the header), got 2.' },
      { row: 5, message: 'Line 5: expected 3 columns (as in the header), got 4.' },
    ]);
  });

  it('counts lines as an editor does when a quoted cell spans lines', () => {
    const e = errs(parseCsv('a,b,y\n1,2,"multi\nline"\n3,x,other\n'));
    expect(e).toEqual([{ row: 4, column: 'b', message: 'Line 4, column "b": "x" is not a number.' }]);
  });

  it('names the line, column and value of a non-numeric cell', () => {
    const e = errs(parseCsv('height,weight,y\n1.5,abc,0\n1.6,70,1\n,71,0\n'));
    expect(e).toEqual([
      { row: 2, column: 'weight', message: 'Line 2, column "weight": "abc" is not a number.' },
      { row: 4, column: 'height', message: 'Line 4, column "height": the cell is empty.' },
    ]);
  });

  it('refuses NaN, Infinity and values beyond float32', () => {
    const e = errs(parseCsv('a,b,y\nNaN,1,0\n2,Infinity,1\n-inf,3,0\n1e39,1,1\n'));
    expect(e.map((x) => [x.row, x.column])).toEqual([
      [2, 'a'],
      [3, 'b'],
      [4, 'a'],
      [5, 'a'],
    ]);
    expect(e[0].message).toBe('Line 2, column "a": "NaN" is not a finite number (NaN and Infinity are not allowed).');
    expect(e[1].message).toMatch(/"Infinity" is not a finite number/);
    expect(e[3].message).toMatch(/"1e39" is too large for a 32-bit float/);
  });

  it('refuses numeric notations other than decimals', () => {
    const e = errs(parseCsv('a,y\n0x10,0\n1_000,1\n1.2.3,0\n', {}));
    expect(e.map((x) => x.row)).toEqual([2, 3, 4]);
  });

  it('refuses negative, fractional and too large numeric labels', () => {
    const e = errs(parseCsv('a,label\n1,-1\n2,1.5\n3,1000\n4,0\n5,1\n6,NaN\n'));
    expect(e).toEqual([
      { row: 2, column: 'label', message: 'Line 2, column "label": the label "-1" is out of range: class numbers start at 0.' },
      { row: 3, column: 'label', message: 'Line 3, column "label": the label "1.5" is out of range: class numbers are whole numbers 0, 1, 2, … (if the column holds numbers to fit, read it as numbers: regression).' },
      { row: 4, column: 'label', message: 'Line 4, column "label": the label "1000" is out of range: at most 1000 classes (labels 0 to 999).' },
      { row: 7, column: 'label', message: 'Line 7, column "label": "NaN" is not a finite number (NaN and Infinity are not allowed).' },
    ]);
  });

  it('flags a stray name among mostly numeric labels', () => {
    const e = errs(parseCsv('a,y\n1,0\n2,1\n3,l\n'));
    expect(e).toEqual([{ row: 4, column: 'y', message: expect.stringMatching(/label "l" is not a class number/) }]);
  });

  it('refuses an empty label', () => {
    expect(errs(parseCsv('a,y\n1,0\n2,\n3,1\n'))).toEqual([{ row: 3, column: 'y', message: 'Line 3, column "y": the label is empty.' }]);
  });

  it('needs at least 2 classes', () => {
    expect(errs(parseCsv('a,y\n1,0\n2,0\n'))).toEqual([{ column: 'y', message: expect.stringMatching(/label "0".*at least 2 classes/) }]);
    expect(errs(parseCsv('a,kind\n1,cat\n2,cat\n'))).toEqual([{ column: 'kind', message: expect.stringMatching(/label "cat"/) }]);
  });

  it('refuses more than 1000 named classes', () => {
    const rows = Array.from({ length: 1002 }, (_, i) => `${i},c${i}`);
    const e = errs(parseCsv(`a,y\n${rows.join('\n')}\n`));
    // The 1001st name, c1000, is on line 1002.
    expect(e).toEqual([{ row: 1002, column: 'y', message: expect.stringMatching(/more than 1000 distinct labels/) }]);
  });

  it('refuses more rows than the limit, naming it', () => {
    const rows = Array.from({ length: 100_001 }, (_, i) => `${i},${i % 2}`);
    expect(errs(parseCsv(`v,y\n${rows.join('\n')}\n`))).toEqual([
      { message: 'The file has more than 100,000 data rows; the limit is 100,000.' },
    ]);
    expect(errs(parseCsv('v,y\n1,0\n2,1\n3,0\n', { maxRows: 2 }))).toEqual([{ message: 'The file has more than 2 data rows; the limit is 2.' }]);
  });

  it('reports an unclosed quote and text after a closing quote', () => {
    expect(errs(parseCsv('a,y\n1,0\n"2,1\n3,0\n'))).toEqual([{ row: 3, message: expect.stringMatching(/Line 3: a quoted cell is never closed/) }]);
    expect(errs(parseCsv('a,y\n"1"x,0\n2,1\n'))).toEqual([{ row: 2, message: expect.stringMatching(/Line 2: unexpected text after the closing quote/) }]);
  });

  it('explains a label column that cannot be found', () => {
    expect(errs(parseCsv('a,b,y\n1,2,0\n', { labelColumn: 'target' }))).toEqual([
      { row: 1, message: 'There is no column named "target" for the labels; the columns are "a", "b", "y".' },
    ]);
    expect(errs(parseCsv('a,b,y\n1,2,0\n', { labelColumn: 3 }))[0].message).toMatch(/out of range: the file has 3 columns, numbered 0 to 2/);
    expect(errs(parseCsv('a,y,y\n1,2,0\n', { labelColumn: 'y' }))[0].message).toMatch(/ambiguous: 2 columns/);
  });

  it('lists at most 20 errors, then how many more there are', () => {
    const rows = Array.from({ length: 50 }, (_, i) => `${i},bad,0`);
    const e = errs(parseCsv(`a,b,y\n${rows.join('\n')}\n9,9,1\n`));
    expect(e).toHaveLength(21);
    expect(e[0]).toEqual({ row: 2, column: 'b', message: 'Line 2, column "b": "bad" is not a number.' });
    expect(e[19].row).toBe(21);
    expect(e[20]).toEqual({ message: '… and 30 more errors.' });
  });

  it('lists the errors in line order', () => {
    const e = errs(parseCsv('a,y\nx,0\n2,1\n"3,0\n'));
    expect(e.map((x) => x.row)).toEqual([2, 4]);
  });
});
