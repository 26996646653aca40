// The HR import (program managers): choose the CSV export or Excel workbook, check it (a dry run
// that writes nothing), read what it would do (and how the server read it: encoding and separator,
// or the sheet; the columns it does not use) or every error by line and column, in the server's
// words, then import it for real. The file's bytes are read once and sent as they are: the server
// decodes Windows-1252 or UTF-8 itself, so an accent never goes through the browser's text
// decoding, and reads a workbook by its bytes (the Content-Type only says which it is).
// A large file is imported by a background job (the server answers 202): the page then follows
// the job, whose id is in its address (?job=ID), so a reload, or coming back later from the list
// of recent imports, finds it again.
import type { RefObject } from 'preact';
import { useLocation } from 'preact-iso';
import { useEffect, useLayoutEffect, useRef, useState } from 'preact/hooks';
import { api, pageLanguage, type FieldError, type ImportProblem, type ImportResult, type Job } from '../../api/client';
import { unwrap } from '../../api/failure';
import { useResource } from '../../api/useResource';
import { format, formatBytes, formatList, formatNumber, messages, plural, type Plural } from '../../i18n';
import { Page } from '../../components/Page';
import { ProblemAlert } from '../../components/ProblemAlert';
import { TextField } from '../../components/TextField';
import { DirectoryNav } from './DirectoryNav';
import { JobProgress } from '../jobs/JobProgress';
import { RecentJobs } from '../jobs/RecentJobs';
import { isFinished, useJob } from '../jobs/useJob';

const MAX_BYTES = 64 * 1024 * 1024;

type Delimiter = 'auto' | 'semicolon' | 'comma' | 'tab';
type Encoding = 'auto' | 'utf-8' | 'windows-1252';
interface Options {
  delimiter: Delimiter;
  encoding: Encoding;
  /** A workbook's sheet, by name; empty: the first one. */
  sheet: string;
  deactivate: boolean;
}
const DEFAULT_OPTIONS: Options = { delimiter: 'auto', encoding: 'auto', sheet: '', deactivate: false };
const sameOptions = (a: Options, b: Options) =>
  a.delimiter === b.delimiter && a.encoding === b.encoding && a.sheet.trim() === b.sheet.trim() && a.deactivate === b.deactivate;

const XLSX_TYPE = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';
/** A ZIP archive (an .xlsx workbook) starts with "PK\x03\x04", whatever the file's name. */
function isZip(bytes: ArrayBuffer): boolean {
  const head = new Uint8Array(bytes, 0, Math.min(4, bytes.byteLength));
  return head.length === 4 && head[0] === 0x50 && head[1] === 0x4b && head[2] === 0x03 && head[3] === 0x04;
}

interface Chosen {
  name: string;
  size: number;
  bytes: ArrayBuffer;
}

/** What the last request said: a clean check, a file with errors, or a finished import. */
type Outcome =
  | { kind: 'checked'; result: ImportResult; options: Options; file: string }
  /** `lang`: the language the server wrote the errors in (the page's when the check was sent);
   *  `errorCount`: how many there were, set only when `errors` lists the first ones. */
  | { kind: 'invalid'; errors: FieldError[]; errorCount: number | undefined; lang: string | undefined; options: Options; file: string }
  | { kind: 'imported'; result: ImportResult; file: string }
  /** The server queued the import as a background job: the page follows it. */
  | { kind: 'job'; job: Job };

/** One call to the import endpoint: a check (dry run) or the import itself, of one file with its options. */
interface ImportRequest {
  dryRun: boolean;
  file: Chosen;
  options: Options;
}

function isImportProblem(e: unknown): e is ImportProblem {
  return !!e && typeof e === 'object' && (e as ImportProblem).code === 'import_invalid' && Array.isArray((e as ImportProblem).errors);
}

async function sendImport({ dryRun, file, options }: ImportRequest, signal: AbortSignal): Promise<Outcome> {
  const sheet = options.sheet.trim();
  const result = await api.POST('/api/v1/employees/import', {
    params: {
      // The check answers at once, whatever the size (it writes nothing, so it has no progress to
      // follow); the import itself lets the server make a large file a background job.
      query: {
        dry_run: dryRun,
        deactivate_missing: options.deactivate,
        delimiter: options.delimiter,
        encoding: options.encoding,
        ...(dryRun ? { background: false } : {}),
        // Recorded with the import in the directory's history (a name the server takes: 255 bytes at most).
        ...(new TextEncoder().encode(file.name).length <= 255 ? { file_name: file.name } : {}),
        ...(sheet ? { sheet } : {}),
      },
    },
    // The raw bytes, untouched; the schema types the body as a string (format: binary).
    body: file.bytes as unknown as string,
    bodySerializer: (body: unknown) => body as BodyInit,
    headers: { 'Content-Type': isZip(file.bytes) ? XLSX_TYPE : 'text/csv' },
    signal,
  });
  // A file with errors is an answer to show (every error by line), not a failure of the request.
  if (result.response.status === 422 && isImportProblem(result.error)) {
    // In the server's order: by line, then (when there are too many to list) one row per kind.
    const errors = result.error.errors;
    return { kind: 'invalid', errors, errorCount: result.error.error_count, lang: pageLanguage(), options, file: file.name };
  }
  if (result.response.status === 202) return { kind: 'job', job: unwrap(result) as Job };
  const data = unwrap(result) as ImportResult;
  return dryRun ? { kind: 'checked', result: data, options, file: file.name } : { kind: 'imported', result: data, file: file.name };
}

export default function DirectoryImport() {
  const msg = messages.value;
  const m = msg.import;
  const { query, route } = useLocation();
  const jobId = /^\d+$/.test(query.job ?? '') ? Number(query.job) : null;

  const [file, setFile] = useState<Chosen | null>(null);
  const [fileError, setFileError] = useState<string | null>(null);
  const [reading, setReading] = useState(false);
  const [options, setOptions] = useState<Options>(DEFAULT_OPTIONS);
  // The request last sent; choosing another file forgets it (and what it answered).
  const [request, setRequest] = useState<ImportRequest | null>(null);
  const sent = useResource(async (signal) => request && { request, outcome: await sendImport(request, signal) }, [request], { enabled: request !== null });
  // What the server last said about this very file (an import that failed leaves its check shown).
  const answered = sent.data;
  const outcome = request && answered && answered.request.file === request.file ? answered.outcome : null;
  const problem = request ? sent.problem : null;
  const busy = request && sent.loading ? (request.dryRun ? 'check' : 'import') : null;

  // A queued import is followed at its own address.
  useEffect(() => {
    if (outcome?.kind === 'job') route(`/directory/import?job=${outcome.job.id}`, true);
  }, [outcome]);

  const input = useRef<HTMLInputElement>(null);
  const checkButton = useRef<HTMLButtonElement>(null);
  const importButton = useRef<HTMLButtonElement>(null);
  const resultHeading = useRef<HTMLHeadingElement>(null);
  // The latest choice, for requests started while a file is still being read.
  const fileRef = useRef<Chosen | null>(null);
  const chosenFile = useRef<File | null>(null);
  const reads = useRef<{ seq: number; pending: Promise<void> }>({ seq: 0, pending: Promise.resolve() });

  // To the result as soon as it is in the page, before it is painted; after a failure, back to
  // the button that sent the request (enabled again by then).
  useLayoutEffect(() => {
    if (outcome && !busy) resultHeading.current?.focus();
  }, [outcome, busy]);
  useEffect(() => {
    if (problem && request) (request.dryRun ? checkButton : importButton).current?.focus();
  }, [problem]);

  // The input is emptied when opened (so choosing the same, corrected file again is seen as a new
  // choice); when the dialog is cancelled, the previous file is put back.
  useEffect(() => {
    const el = input.current;
    if (!el) return;
    const restore = () => {
      const f = chosenFile.current;
      if (f && el.files?.length === 0) {
        const dt = new DataTransfer();
        dt.items.add(f);
        el.files = dt.files;
      }
    };
    el.addEventListener('cancel', restore);
    return () => el.removeEventListener('cancel', restore);
  }, []);

  const choose = (f: File | null) => {
    const seq = ++reads.current.seq;
    chosenFile.current = f;
    fileRef.current = null;
    setFile(null);
    setRequest(null);
    if (jobId !== null) route('/directory/import', true);
    setFileError(null);
    if (!f) return;
    if (f.size > MAX_BYTES) {
      setFileError(m.fileTooLarge);
      return;
    }
    setReading(true);
    reads.current.pending = (async () => {
      try {
        const bytes = await f.arrayBuffer();
        if (seq !== reads.current.seq) return;
        fileRef.current = { name: f.name, size: f.size, bytes };
        setFile(fileRef.current);
      } catch {
        if (seq === reads.current.seq) setFileError(m.fileUnreadable);
      } finally {
        if (seq === reads.current.seq) setReading(false);
      }
    })();
  };

  const send = async (dryRun: boolean, opts: Options) => {
    // A request started while the file is still being read waits for its bytes.
    await reads.current.pending;
    const chosen = fileRef.current;
    if (!chosen) {
      setFileError((e) => e ?? m.fileRequired);
      input.current?.focus();
      return;
    }
    setRequest({ dryRun, file: chosen, options: opts });
  };

  const stale = !!outcome && (outcome.kind === 'checked' || outcome.kind === 'invalid') && !sameOptions(outcome.options, options);
  const canImport = outcome?.kind === 'checked' && !stale && busy === null;
  const fileHint = file ? format(m.fileChosen, { name: file.name, size: formatBytes(file.size) }) : m.fileHint;
  const setOption = <K extends keyof Options>(k: K, v: Options[K]) => setOptions((o) => ({ ...o, [k]: v }));

  return (
    <Page title={m.title} lead={<DirectoryNav />}>
      <p class="intro">{m.intro}</p>
      <form
        class="card form import-form"
        aria-labelledby="import-form-title"
        aria-busy={reading}
        noValidate
        onSubmit={(e) => {
          e.preventDefault();
          if (busy === null) void send(true, options);
        }}
      >
        <h2 id="import-form-title">{m.formTitle}</h2>
        <TextField
          id="import-file"
          label={m.file}
          hint={fileHint}
          error={fileError ?? undefined}
          inputRef={input}
          name="file"
          type="file"
          accept={`.csv,text/csv,.xlsx,${XLSX_TYPE}`}
          onClick={(e) => {
            e.currentTarget.value = '';
          }}
          onChange={(e) => choose(e.currentTarget.files?.[0] ?? null)}
        />
        <fieldset class="field">
          <legend>{m.options}</legend>
          <div class="options-grid">
            <div class="field">
              <label for="import-delimiter">{m.delimiter}</label>
              <select id="import-delimiter" value={options.delimiter} onChange={(e) => setOption('delimiter', e.currentTarget.value as Delimiter)}>
                <option value="auto">{m.delimiterAuto}</option>
                <option value="semicolon">{m.delimiterSemicolon}</option>
                <option value="comma">{m.delimiterComma}</option>
                <option value="tab">{m.delimiterTab}</option>
              </select>
            </div>
            <div class="field">
              <label for="import-encoding">{m.encoding}</label>
              <select id="import-encoding" value={options.encoding} onChange={(e) => setOption('encoding', e.currentTarget.value as Encoding)}>
                <option value="auto">{m.encodingAuto}</option>
                <option value="utf-8">{m.encodingUtf8}</option>
                <option value="windows-1252">{m.encodingWindows}</option>
              </select>
            </div>
          </div>
          <TextField
            id="import-sheet"
            label={m.sheet}
            hint={m.sheetHint}
            name="sheet"
            value={options.sheet}
            autoComplete="off"
            onInput={(e) => setOption('sheet', e.currentTarget.value)}
          />
          <label class="check">
            <input
              type="checkbox"
              name="deactivate_missing"
              checked={options.deactivate}
              aria-describedby="import-deactivate-hint"
              onChange={(e) => setOption('deactivate', e.currentTarget.checked)}
            />
            {m.deactivate}
          </label>
          <p id="import-deactivate-hint" class="field__hint">
            {m.deactivateHint}
          </p>
        </fieldset>
        <div class="form__actions">
          <button ref={checkButton} type="submit" class={`button ${canImport || outcome?.kind === 'imported' ? '' : 'button--primary'}`} disabled={busy !== null}>
            {busy === 'check' ? m.checking : m.check}
          </button>
          <button
            ref={importButton}
            type="button"
            class={`button ${canImport ? 'button--primary' : ''}`}
            disabled={!canImport}
            aria-describedby={canImport ? undefined : 'import-hint'}
            onClick={() => {
              if (canImport && outcome?.kind === 'checked') void send(false, outcome.options);
            }}
          >
            {busy === 'import' ? m.importing : m.import}
          </button>
        </div>
        {!canImport && outcome?.kind !== 'imported' && (
          <p id="import-hint" class={stale ? 'alert alert--info' : 'field__hint'}>
            {stale ? m.staleOptions : m.importHint}
          </p>
        )}
      </form>

      <ProblemAlert problem={problem} onRetry={sent.retry} />
      <section class="section import-result" aria-label={m.resultTitle} aria-busy={busy !== null}>
        <div role="status" class="progress">
          {busy !== null && (
            <p>
              <span class="spinner" aria-hidden="true" />
              {busy === 'check' ? m.checking : m.importing}
            </p>
          )}
        </div>
        {busy === null && jobId === null && outcome && outcome.kind !== 'job' && <OutcomeView outcome={outcome} headingRef={resultHeading} />}
        {jobId !== null && <ImportJob id={jobId} />}
      </section>
      <RecentJobs kind="employees.import" href={(job) => `/directory/import?job=${job.id}`} refresh={jobId} />
    </Page>
  );
}

/** An import run by a background job: its progress, then what it did or why it did not. */
function ImportJob({ id }: { id: number }) {
  const m = messages.value;
  const { job, problem, replace } = useJob(id);
  const heading = useRef<HTMLHeadingElement>(null);
  const finished = job !== null && isFinished(job);
  useLayoutEffect(() => {
    if (finished) heading.current?.focus();
  }, [finished]);
  if (problem) return <ProblemAlert problem={problem} />;
  if (!job) return null;
  if (!finished) return <JobProgress job={job} onChange={replace} />;
  const file = format(m.jobs.fileOfJob, { id: job.id });
  if (job.status === 'succeeded' && job.result) {
    const outcome: Outcome =
      job.params['dry_run'] === true
        ? { kind: 'checked', result: job.result, options: DEFAULT_OPTIONS, file }
        : { kind: 'imported', result: job.result, file };
    return <OutcomeView outcome={outcome} headingRef={heading} />;
  }
  const error = job.error;
  if (job.status === 'failed' && error && isImportProblem(error)) {
    return (
      <OutcomeView
        outcome={{ kind: 'invalid', errors: error.errors, errorCount: error.error_count, lang: pageLanguage(), options: DEFAULT_OPTIONS, file }}
        headingRef={heading}
      />
    );
  }
  return (
    <div class="card" id="job-ended" data-status={job.status}>
      <h2 ref={heading} tabIndex={-1}>
        {job.status === 'cancelled' ? m.jobs.cancelled : m.jobs.failedTitle}
      </h2>
      {job.status === 'cancelled' ? <p>{m.jobs.cancelledText}</p> : <ProblemAlert problem={error ? { ...error, request_id: '' } : 'generic'} />}
    </div>
  );
}

function OutcomeView({ outcome, headingRef }: { outcome: Outcome; headingRef: RefObject<HTMLHeadingElement | null> }) {
  const m = messages.value.import;
  if (outcome.kind === 'job') return null;
  if (outcome.kind === 'invalid') {
    const errors = outcome.errors;
    return (
      <div class="card" id="import-errors">
        <h2 ref={headingRef} tabIndex={-1} id="import-result-title">
          {plural(m.errorsTitle, outcome.errorCount ?? errors.length)}
        </h2>
        <div class="alert alert--error">
          <p>{m.errorsText}</p>
          {outcome.errorCount !== undefined && <p>{m.errorsListed}</p>}
        </div>
        <div class="table-wrap" tabIndex={0} role="region" aria-labelledby="import-errors-caption">
          <table class="table" id="import-errors-table">
            <caption id="import-errors-caption">{format(m.errorsCaption, { file: outcome.file })}</caption>
            <thead>
              <tr>
                <th scope="col" class="num">
                  {m.colLine}
                </th>
                <th scope="col">{m.colColumn}</th>
                <th scope="col">{m.colMessage}</th>
              </tr>
            </thead>
            <tbody>
              {errors.map((e, i) => (
                <tr key={i}>
                  <td class="num">{e.line ? formatNumber(e.line) : ''}</td>
                  <td>{e.column ? <code>{e.column}</code> : <span class="muted">{m.wholeLine}</span>}</td>
                  {/* The server's words, in the language the check was sent in. */}
                  <td lang={outcome.lang}>{e.message}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      </div>
    );
  }
  const done = outcome.kind === 'imported';
  const r = outcome.result;
  const counters: [string, number, Plural][] = done
    ? [
        ['created', r.created, m.created],
        ['updated', r.updated, m.updated],
        ['unchanged', r.unchanged, m.unchanged],
        ['deactivated', r.deactivated, m.deactivated],
      ]
    : [
        ['created', r.created, m.willCreate],
        ['updated', r.updated, m.willUpdate],
        ['unchanged', r.unchanged, m.willKeep],
        ['deactivated', r.deactivated, m.willDeactivate],
      ];
  return (
    <div class={`card ${done ? 'result--done' : ''}`} id="import-summary">
      <h2 ref={headingRef} tabIndex={-1} id="import-result-title">
        {done ? m.doneTitle : m.checkOkTitle}
      </h2>
      <ul class="stat-grid">
        {counters.map(([key, n, forms]) => (
          <li class="stat" key={key} data-count={key}>
            <span class="stat__value">{formatNumber(n)}</span>
            <span class="stat__label">{plural(forms, n)}</span>
          </li>
        ))}
      </ul>
      <p>{done ? m.doneText : m.checkOkText}</p>
      <ReadAs result={r} />
      {done && (
        <a class="button button--primary" href="/directory">
          {m.seeDirectory}
        </a>
      )}
    </div>
  );
}

/** How the server read the file (encoding and separator, or the sheet), and the columns it did not use, if any. */
function ReadAs({ result }: { result: ImportResult }) {
  const m = messages.value.import;
  const ignoredView = <IgnoredColumns columns={result.ignored_columns} />;
  if (result.format === 'xlsx') {
    return (
      <>
        <p class="muted" id="import-read-as">
          {format(m.readAsSheet, { sheet: result.sheet ?? '' })}
        </p>
        {ignoredView}
      </>
    );
  }
  const encoding = result.encoding === 'windows-1252' ? m.readWindows1252 : result.encoding === 'utf-8' ? m.readUtf8 : (result.encoding ?? '');
  const delimiter =
    result.delimiter === ';' ? m.readSemicolon : result.delimiter === ',' ? m.readComma : result.delimiter === 'tab' || result.delimiter === '\t' ? m.readTab : (result.delimiter ?? '');
  return (
    <>
      <p class="muted" id="import-read-as">
        {format(m.readAs, { encoding, delimiter })}
      </p>
      {ignoredView}
    </>
  );
}

function IgnoredColumns({ columns }: { columns: string[] }) {
  const m = messages.value.import;
  if (columns.length === 0) return null;
  return (
    <div class="alert alert--info" id="import-ignored">
      <p>{plural(m.ignoredColumns, columns.length, { columns: formatList(columns.map((c) => format(m.quoted, { text: c }))) })}</p>
      <p>{m.ignoredHint}</p>
    </div>
  );
}
