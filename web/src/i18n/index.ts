// The active language, its catalogue and Intl formatters. The choice is remembered in
// localStorage; the default follows navigator.language (French for "fr*", else English).
import { computed, effect, signal } from '@preact/signals';
import { en, fr, type Messages } from './catalogues';
import type { Plural } from './types';

export type { Messages, Plural };

export type Lang = 'fr' | 'en';
export const LANGS: readonly Lang[] = ['fr', 'en'];
const STORAGE_KEY = 'binome.lang';
const catalogues: Record<Lang, Messages> = { fr, en };
/** BCP 47 locales for formatting: English uses British day-first dates (the users work in France). */
const LOCALES: Record<Lang, string> = { fr: 'fr-FR', en: 'en-GB' };

function initialLang(): Lang {
  try {
    const saved = localStorage.getItem(STORAGE_KEY);
    if (saved === 'fr' || saved === 'en') return saved;
  } catch {
    // Storage may be unavailable (privacy mode): fall through to the browser's language.
  }
  const nav = (navigator.languages?.[0] ?? navigator.language ?? '').toLowerCase();
  return nav.startsWith('fr') ? 'fr' : 'en';
}

export const lang = signal<Lang>(initialLang());
export const messages = computed<Messages>(() => catalogues[lang.value]);
export const locale = computed(() => LOCALES[lang.value]);

export function setLang(next: Lang): void {
  lang.value = next;
  try {
    localStorage.setItem(STORAGE_KEY, next);
  } catch {
    // Not remembered; the switch still applies to this page.
  }
}

effect(() => {
  document.documentElement.lang = lang.value;
});

/** Replaces `{key}` placeholders; numbers are formatted for the active locale. */
export function format(template: string, params: Record<string, string | number> = {}): string {
  return template.replace(/\{(\w+)\}/g, (whole, key: string) => {
    const v = params[key];
    if (v === undefined) return whole;
    return typeof v === 'number' ? formatNumber(v) : v;
  });
}

/** Chooses the plural form for `count` and fills `{count}` and other placeholders. */
export function plural(forms: Plural, count: number, params: Record<string, string | number> = {}): string {
  const rule = new Intl.PluralRules(locale.value).select(count);
  const template = rule === 'one' ? forms.one : forms.other;
  return format(template, { count, ...params });
}

export function formatNumber(n: number): string {
  return new Intl.NumberFormat(locale.value).format(n);
}

/** A date and time in the active locale and the browser's time zone, e.g. 27/11/2026 15:56. */
export function formatDateTime(iso: string): string {
  const d = new Date(iso);
  if (Number.isNaN(d.getTime())) return iso;
  return new Intl.DateTimeFormat(locale.value, { dateStyle: 'short', timeStyle: 'short' }).format(d);
}

export function formatDate(iso: string): string {
  const d = new Date(iso);
  if (Number.isNaN(d.getTime())) return iso;
  return new Intl.DateTimeFormat(locale.value, { dateStyle: 'short' }).format(d);
}

/**
 * A calendar day with no time (`YYYY-MM-DD`, e.g. a hire date) in the active locale: 27/11/2026.
 * Formatted in UTC so that the day never shifts with the browser's time zone.
 */
export function formatDay(day: string): string {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(day);
  if (!m) return day;
  const d = new Date(Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3])));
  if (Number.isNaN(d.getTime())) return day;
  return new Intl.DateTimeFormat(locale.value, { dateStyle: 'short', timeZone: 'UTC' }).format(d);
}

/** A file size in the locale's units: "12,3 ko" in French, "12.3 kB" in English. */
export function formatBytes(bytes: number): string {
  // From kilobytes up ("0.6 kB" reads better than "585 byte"); decimal units, as file managers show.
  const units = ['kilobyte', 'megabyte', 'gigabyte'] as const;
  let value = bytes / 1000;
  let i = 0;
  while (value >= 1000 && i < units.length - 1) {
    value /= 1000;
    i++;
  }
  return new Intl.NumberFormat(locale.value, {
    style: 'unit',
    unit: units[i],
    unitDisplay: 'short',
    maximumFractionDigits: 1,
  }).format(value);
}

/** A language's name from its ISO 639-1 code, in the active language ("anglais", "English"). */
export function languageName(code: string): string {
  try {
    return new Intl.DisplayNames([locale.value], { type: 'language', fallback: 'code' }).of(code) ?? code;
  } catch {
    return code; // not a well-formed language code
  }
}

/** "a, b et c" / "a, b and c". */
export function formatList(items: readonly string[]): string {
  return new Intl.ListFormat(locale.value, { style: 'long', type: 'conjunction' }).format(items);
}

/** The generic name of an IANA time zone in the active language ("heure d’Europe centrale"), or "" if unknown. */
export function timeZoneName(zone: string): string {
  try {
    const parts = new Intl.DateTimeFormat(locale.value, { timeZone: zone, timeZoneName: 'longGeneric' }).formatToParts(new Date());
    return parts.find((p) => p.type === 'timeZoneName')?.value ?? '';
  } catch {
    return ''; // not a zone this browser knows
  }
}
