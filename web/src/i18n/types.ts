// The shape of the message catalogues. Types only: the browser tests load the catalogues from the
// sources, so nothing here may need a browser.

/** The same keys as `T`, any strings: what the English messages must be, given the French ones. */
export type Translation<T> = T extends string ? string : { [K in keyof T]: Translation<T[K]> };

/** A message that depends on a count, chosen by Intl.PluralRules ("one" or "other"). */
export type Plural = { one: string; other: string };
