/**
 * A small RFC 4180 reader: comma or semicolon separated (spreadsheets in French locales write
 * semicolons), quoted fields with doubled quotes, CRLF or LF. The first row names the columns.
 * Returns each data row with its line number in the file (1 = the header).
 */
export function readCsv(text: string): Array<{ line: number; values: Record<string, string> }> {
  const rows = splitRows(text.replace(/^\uFEFF/, ''));
  const header = rows.shift();
  if (!header) return [];
  const delimiter = header.raw.includes(';') && !header.raw.includes(',') ? ';' : ',';
  const columns = splitFields(header.raw, delimiter).map((c) => c.trim());
  return rows
    .filter((row) => row.raw.trim() !== '')
    .map((row) => {
      const fields = splitFields(row.raw, delimiter);
      return { line: row.line, values: Object.fromEntries(columns.map((column, i) => [column, (fields[i] ?? '').trim()])) };
    });
}

/** Rows, keeping newlines that sit inside quotes. */
function splitRows(text: string): Array<{ line: number; raw: string }> {
  const rows: Array<{ line: number; raw: string }> = [];
  let current = '';
  let quoted = false;
  let line = 1;
  let start = 1;
  for (const char of text) {
    if (char === '"') quoted = !quoted;
    if (char === '\n' && !quoted) {
      rows.push({ line: start, raw: current.replace(/\r$/, '') });
      current = '';
      start = ++line;
      continue;
    }
    if (char === '\n') line++;
    current += char;
  }
  if (current !== '') rows.push({ line: start, raw: current.replace(/\r$/, '') });
  return rows;
}

function splitFields(row: string, delimiter: string): string[] {
  const fields: string[] = [];
  let current = '';
  let quoted = false;
  for (let i = 0; i < row.length; i++) {
    const char = row[i]!;
    if (quoted && char === '"' && row[i + 1] === '"') {
      current += '"';
      i++;
    } else if (char === '"') quoted = !quoted;
    else if (char === delimiter && !quoted) {
      fields.push(current);
      current = '';
    } else current += char;
  }
  fields.push(current);
  return fields;
}
