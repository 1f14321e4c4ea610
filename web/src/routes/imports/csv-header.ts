/** The CSV columns an import maps, and which header each comes from ('' for none). */
export const CSV_FIELDS = ['prompt', 'answer', 'topic', 'tags', 'difficulty'] as const;
export type CsvField = (typeof CSV_FIELDS)[number];
export type CsvColumns = Record<CsvField, string>;
export type Delimiter = ',' | ';' | 'tab';

export function isCsvName(name: string): boolean {
  return /\.(csv|tsv|txt)$/i.test(name);
}

/** Splits one header line on a delimiter, honouring RFC 4180 quotes (a header cell may be quoted). */
function cells(line: string, separator: string): string[] {
  const out: string[] = [];
  let cell = '';
  let quoted = false;
  for (let i = 0; i < line.length; i++) {
    const char = line[i]!;
    if (quoted) {
      if (char === '"' && line[i + 1] === '"') {
        cell += '"';
        i++;
      } else if (char === '"') quoted = false;
      else cell += char;
    } else if (char === '"') quoted = true;
    else if (char === separator) {
      out.push(cell.trim());
      cell = '';
    } else cell += char;
  }
  out.push(cell.trim());
  return out;
}

/**
 * The header row of a CSV's first bytes, the delimiter it most likely uses, and a first guess
 * at the mapping: each field from the header of the same name, in any case. The server parses
 * the whole file; this only fills the mapping form.
 */
export function csvHeader(text: string): { columns: string[]; delimiter: Delimiter; mapping: CsvColumns } {
  const firstLine = (text.startsWith('\uFEFF') ? text.slice(1) : text).split(/\r?\n/)[0] ?? '';
  const counts: Array<[Delimiter, string]> = [
    [',', ','],
    [';', ';'],
    ['tab', '\t'],
  ];
  const [delimiter, separator] = counts.reduce((best, candidate) =>
    cells(firstLine, candidate[1]).length > cells(firstLine, best[1]).length ? candidate : best,
  );
  const columns = cells(firstLine, separator).filter((c) => c !== '');
  const byName = (field: string) => columns.find((c) => c.toLowerCase() === field) ?? '';
  const mapping = Object.fromEntries(CSV_FIELDS.map((field) => [field, byName(field)])) as CsvColumns;
  return { columns, delimiter, mapping };
}
