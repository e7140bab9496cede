import ExcelJS from 'exceljs';
import { describe, expect, it } from 'vitest';
import { headerKey, isKnownHeader, proposeColumns, proposeDateOrder, valueOf } from './columns.js';
import { decodeText, detectDelimiter, openTable, type SheetRow } from '../../platform/spreadsheet.js';
import { Problem, amountOf, birthOf, dateOf, serialDate } from './values.js';

async function rowsOf(table: { rows: AsyncIterable<SheetRow[]> }): Promise<SheetRow[]> {
  const rows: SheetRow[] = [];
  for await (const chunk of table.rows) rows.push(...chunk);
  return rows;
}

const open = (bytes: Buffer, fileName = 'file.csv', sheet: string | null = null) => openTable(bytes, fileName, { sheet, isKnownHeader });

describe('reading CSV files', () => {
  it('decodes UTF-8 with or without BOM, and Windows-1252 when the bytes are not UTF-8', () => {
    expect(decodeText(Buffer.from('\ufeffPrénom;Nom', 'utf8'))).toEqual({ text: 'Prénom;Nom', encoding: 'utf-8 with BOM' });
    expect(decodeText(Buffer.from('Prénom;Nom', 'utf8'))).toEqual({ text: 'Prénom;Nom', encoding: 'utf-8' });
    // "Prénom;Lien de parenté;Épouse" as Excel for Windows saves it.
    const latin = Buffer.from([0x50, 0x72, 0xe9, 0x6e, 0x6f, 0x6d, 0x3b, 0x4c, 0x69, 0x65, 0x6e, 0x20, 0x64, 0x65, 0x20, 0x70, 0x61, 0x72, 0x65, 0x6e, 0x74, 0xe9, 0x3b, 0xc9, 0x70, 0x6f, 0x75, 0x73, 0x65]);
    expect(decodeText(latin)).toEqual({ text: 'Prénom;Lien de parenté;Épouse', encoding: 'windows-1252' });
  });

  it('finds the delimiter among comma, semicolon and tab, not fooled by decimal commas or quoted text', () => {
    expect(detectDelimiter('a;b;c\n1,5;2;3\n4;5,5;6')).toBe(';');
    expect(detectDelimiter('a,b,c\n"x; y",2,3\n4,5,6')).toBe(',');
    expect(detectDelimiter('a\tb\tc\n1\t2\t3')).toBe('\t');
  });

  it('reads quoted fields (delimiters and line breaks inside) and numbers rows as a spreadsheet does', async () => {
    const table = await open(Buffer.from('Nom,Adresse\r\nNdiaye,"Quartier Escale, rue 2"\r\n\r\nSarr,"Keur\nMassar"\r\n'));
    expect(table.delimiter).toBe(',');
    expect(table.columns.map((c) => c.name)).toEqual(['Nom', 'Adresse']);
    const rows = await rowsOf(table);
    expect(rows).toEqual([
      { row: 2, cells: ['Ndiaye', 'Quartier Escale, rue 2'] },
      { row: 4, cells: ['Sarr', 'Keur\nMassar'] },
    ]);
  });

  it('finds the header below a title, and names blank and repeated headers', async () => {
    const table = await open(Buffer.from('Liste des adhérents 2025;;;\n;;;\nN° ménage;Nom;;Nom\nH1;Ndiaye;x;Fall\n'));
    expect(table.headerRow).toBe(3);
    expect(table.columns).toEqual([
      { name: 'N° ménage', letter: 'A' },
      { name: 'Nom', letter: 'B' },
      { name: 'Column C', letter: 'C' },
      { name: 'Nom (2)', letter: 'D' },
    ]);
    expect(await rowsOf(table)).toEqual([{ row: 4, cells: ['H1', 'Ndiaye', 'x', 'Fall'] }]);
  });

  it('refuses an old .xls workbook and an empty file with a reason', async () => {
    await expect(open(Buffer.from([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1]), 'old.xls')).rejects.toMatchObject({ code: 'unreadable_file', params: { reason: 'xls' } });
    await expect(open(Buffer.alloc(0))).rejects.toMatchObject({ code: 'unreadable_file', params: { reason: 'empty' } });
  });
});

describe('reading XLSX workbooks', () => {
  it('reads the first sheet or a named one, with date cells as dates and formulas by their result', async () => {
    const wb = new ExcelJS.Workbook();
    wb.addWorksheet('Notes').addRow(['Ceci n’est pas la liste']);
    const ws = wb.addWorksheet('Ménages');
    ws.addRow(['N° ménage', 'Date de naissance', 'Montant']);
    ws.addRow(['H1', new Date(Date.UTC(1986, 3, 12)), { formula: '1000+500', result: 1500 }]);
    const bytes = Buffer.from(await wb.xlsx.writeBuffer());
    const first = await open(bytes, 'f.xlsx');
    expect(first.format).toBe('xlsx');
    expect(first.columns.map((c) => c.name)).toEqual(['Ceci n’est pas la liste']);
    await rowsOf(first);
    const named = await open(bytes, 'f.xlsx', 'ménages');
    expect(named.columns.map((c) => c.name)).toEqual(['N° ménage', 'Date de naissance', 'Montant']);
    const rows = await rowsOf(named);
    expect(rows[0]!.cells[0]).toBe('H1');
    expect(dateOf(rows[0]!.cells[1]!, 'dmy')).toBe('1986-04-12');
    expect(rows[0]!.cells[2]).toBe(1500);
    expect(named.sheets).toEqual(['Notes', 'Ménages']);
    expect(named.sheet).toBe('Ménages');
    await expect(open(bytes, 'f.xlsx', 'Paiements').then(rowsOf)).rejects.toMatchObject({ params: { reason: 'no_such_sheet' } });
  });
});

describe('values as spreadsheets write them', () => {
  it('dates: dd/mm/yyyy, yyyy-mm-dd, Excel serial numbers; impossible days are refused', () => {
    expect(dateOf('12/04/1986', 'dmy')).toBe('1986-04-12');
    expect(dateOf('4/12/1986', 'mdy')).toBe('1986-04-12');
    expect(dateOf('1986-04-12', 'dmy')).toBe('1986-04-12');
    expect(dateOf('12.04.1986', 'dmy')).toBe('1986-04-12');
    expect(dateOf('12/04/1986 00:00:00', 'dmy')).toBe('1986-04-12');
    expect(dateOf(31514, 'dmy')).toBe('1986-04-12');
    expect(dateOf('31514', 'dmy')).toBe('1986-04-12');
    expect(serialDate(1)).toBe('1900-01-01');
    expect(serialDate(61)).toBe('1900-03-01');
    expect(dateOf('31/02/1990', 'dmy')).toEqual(new Problem('not_a_date', { value: '31/02/1990' }));
    expect(dateOf('12/04/86', 'dmy')).toEqual(new Problem('short_year', { value: '12/04/86' }));
  });

  it('a birth is a date or an estimated year', () => {
    expect(birthOf('1975', 'dmy')).toEqual({ date: null, year: 1975 });
    expect(birthOf('vers 1960', 'dmy')).toEqual({ date: null, year: 1960 });
    expect(birthOf(1948, 'dmy')).toEqual({ date: null, year: 1948 });
    expect(birthOf('03/07/2019', 'dmy')).toEqual({ date: '2019-07-03', year: 2019 });
  });

  it('amounts are whole minor units, written with spaces or thousands separators', () => {
    for (const text of ['12500', '12 500', '12\u00a0500', '12.500', '12,500', '12 500,00', '12500.00', '12 500 F', 'FCFA 12500']) expect(amountOf(text), text).toBe(12500);
    expect(amountOf(1500)).toBe(1500);
    expect(amountOf('12,50')).toMatchObject({ code: 'not_whole_amount' });
    expect(amountOf(12.5)).toMatchObject({ code: 'not_whole_amount' });
    expect(amountOf('douze')).toMatchObject({ code: 'not_an_amount' });
    expect(amountOf('0')).toMatchObject({ code: 'amount_range' });
  });
});

describe('headers and words in English and French', () => {
  it('matches headers ignoring case, accents, punctuation and small words', () => {
    expect(headerKey('N° de ménage')).toBe(headerKey('numero menage'));
    const columns = ['N° ménage', 'NOM', 'Prénom(s)', 'Sexe', 'Date de naissance (jj/mm/aaaa)', 'Lien de parenté', 'Téléphone', 'Téléphone membre', 'N° carte', "Date d'adhésion", 'Observations'];
    expect(proposeColumns('households', columns)).toMatchObject({
      householdNumber: 'N° ménage',
      lastName: 'NOM',
      firstName: 'Prénom(s)',
      sex: 'Sexe',
      birthDate: 'Date de naissance (jj/mm/aaaa)',
      relationship: 'Lien de parenté',
      householdPhone: 'Téléphone',
      memberPhone: 'Téléphone membre',
      card: 'N° carte',
      joinedOn: "Date d'adhésion",
      category: null,
    });
    expect(proposeColumns('payments', ['Ménage', 'Date', 'Montant versé', 'Mode de paiement', 'N° reçu', 'Collecteur'])).toMatchObject({
      household: 'Ménage',
      date: 'Date',
      amount: 'Montant versé',
      method: 'Mode de paiement',
      receipt: 'N° reçu',
      collector: 'Collecteur',
    });
  });

  it('understands the usual words for sex, relationship and payment method, and the mapping’s own first', () => {
    expect(valueOf('sex', 'Homme', undefined)).toBe('M');
    expect(valueOf('sex', 'h', undefined)).toBe('M');
    expect(valueOf('sex', 'Femme', undefined)).toBe('F');
    expect(valueOf('relationship', 'Chef de ménage', undefined)).toBe('head');
    expect(valueOf('relationship', 'Épouse', undefined)).toBe('spouse');
    expect(valueOf('relationship', 'conjoint', undefined)).toBe('spouse');
    expect(valueOf('relationship', 'Enfant', undefined)).toBe('child');
    expect(valueOf('method', 'Espèces', undefined)).toBe('cash');
    expect(valueOf('method', 'Wave', undefined)).toBe('mobile_money');
    expect(valueOf('sex', '1', { '1': 'M', '2': 'F' })).toBe('M');
    expect(valueOf('relationship', 'FILS AINE', { 'fils aîné': 'child' })).toBe('child');
    expect(valueOf('sex', 'X', undefined)).toBeUndefined();
  });

  it('guesses mm/dd only when a month position goes past 12', () => {
    expect(proposeDateOrder(['12/04/1986', '31/01/2000'])).toBe('dmy');
    expect(proposeDateOrder(['04/12/1986', '01/31/2000'])).toBe('mdy');
    expect(proposeDateOrder(['01/02/2000'])).toBe('dmy');
  });
});
