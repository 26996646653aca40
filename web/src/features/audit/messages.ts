// The audit log's messages, in both languages.
import type { Translation } from '../../i18n/types';

export const fr = {
  audit: {
    /** Its entry in the header's navigation. */
    nav: 'Journal d’audit',
    title: 'Journal d’audit',
    filters: 'Filtres',
    actor: 'Auteur',
    action: 'Action',
    from: 'Du',
    to: 'Au',
    apply: 'Filtrer',
    reset: 'Effacer les filtres',
    count: { one: '{count} entrée', other: '{count} entrées' },
    empty: 'Aucune entrée ne correspond à ces filtres.',
    colAt: 'Date',
    colActor: 'Auteur',
    colAction: 'Action',
    colResource: 'Ressource',
    colSource: 'Origine',
    colClient: 'Client',
    colOutcome: 'Résultat',
    colDetail: 'Détail',
    outcomeSuccess: 'Réussi',
    outcomeDenied: 'Refusé',
    outcomeFailure: 'Échec',
    caption: 'Entrées du journal d’audit, les plus récentes d’abord',
  },
};

export const en: Translation<typeof fr> = {
  audit: {
    nav: 'Audit log',
    title: 'Audit log',
    filters: 'Filters',
    actor: 'Actor',
    action: 'Action',
    from: 'From',
    to: 'To',
    apply: 'Filter',
    reset: 'Clear filters',
    count: { one: '{count} entry', other: '{count} entries' },
    empty: 'No entry matches these filters.',
    colAt: 'Date',
    colActor: 'Actor',
    colAction: 'Action',
    colResource: 'Resource',
    colSource: 'Source',
    colClient: 'Client',
    colOutcome: 'Outcome',
    colDetail: 'Detail',
    outcomeSuccess: 'Success',
    outcomeDenied: 'Denied',
    outcomeFailure: 'Failure',
    caption: 'Audit log entries, newest first',
  },
};
