import { api } from '../../api/client';
import { saveFile } from '../../app/download';

// The reports module's calls: files to download.
export type ReportFormat = 'pdf' | 'xlsx';
export type Lang = 'en' | 'fr';

export const downloadActivity = (scheme: string, from: string, to: string, format: ReportFormat, lang: Lang) =>
  saveFile(api.GET('/api/schemes/{scheme}/reports/activity', { params: { path: { scheme }, query: { from, to, format, lang } }, parseAs: 'blob' }), `${scheme}-activity-${from}-${to}.${format}`);

export const downloadAnnual = (scheme: string, year: number, format: ReportFormat, lang: Lang) =>
  saveFile(api.GET('/api/schemes/{scheme}/reports/annual', { params: { path: { scheme }, query: { year, format, lang } }, parseAs: 'blob' }), `${scheme}-annual-${year}.${format}`);

export const downloadDhis2 = (scheme: string, from: string, to: string, format: 'adx' | 'json') =>
  saveFile(api.GET('/api/schemes/{scheme}/reports/dhis2', { params: { path: { scheme }, query: { from, to, format } }, parseAs: 'blob' }), `${scheme}-dhis2-${from}-${to}.${format === 'adx' ? 'adx.xml' : 'json'}`);
