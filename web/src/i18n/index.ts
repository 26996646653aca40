// The active language, its catalogue and Intl formatters. The choice is remembered in
// localStorage; the default follows navigator.language (French for "fr*", else English).
import { computed, effect, signal } from '@preact/signals';
import { fr, type Messages } from './fr';
import { en } from './en';

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

export type Plural = { one: string; other: string };

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
