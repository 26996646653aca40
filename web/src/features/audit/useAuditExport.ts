// "Export (CSV)": the entries matching the filters in force, as the server writes them (UTF-8 with
// a BOM, `;` in French and `,` in English, headers and sentences in the reader's language).
// The file is fetched through the API client rather than by a plain link: a link would send the
// browser's own Accept-Language, not the language chosen in the page, and a refusal (more than
// 100,000 entries: `export_too_large`) would replace the page instead of being said in it. The
// answer is then saved through a Blob URL under the server's file name.
import { useEffect, useState } from 'preact/hooks';
import { api } from '../../api/client';
import { fileNameOf, saveFile } from '../../api/download';
import { failureOf, unwrap, type Failure } from '../../api/failure';
import { filterQuery, type AuditFilters } from './auditView';

export function useAuditExport(filters: AuditFilters, filtersKey: string, onExported: () => void) {
  const [busy, setBusy] = useState(false);
  const [problem, setProblem] = useState<Failure | null>(null);
  /** The name of the file last saved. */
  const [saved, setSaved] = useState<string | null>(null);

  // Other filters: what was said about the previous export no longer applies.
  useEffect(() => {
    setProblem(null);
    setSaved(null);
  }, [filtersKey]);

  const run = async () => {
    setBusy(true);
    setProblem(null);
    setSaved(null);
    try {
      const result = await api.GET('/api/v1/audit/export', { params: { query: filterQuery(filters) }, parseAs: 'blob' });
      // parseAs 'blob': the data is the file (the schema types it as the CSV's text).
      const blob = unwrap(result) as unknown as Blob;
      const name = fileNameOf(result.response) ?? 'binome-audit.csv';
      saveFile(blob, name);
      setSaved(name);
      onExported();
    } catch (error) {
      setProblem(failureOf(error));
    } finally {
      setBusy(false);
    }
  };

  return { run, busy, problem, saved };
}
