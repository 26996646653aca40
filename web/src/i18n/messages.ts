// Messages every page shares (the frame, roles, pager, errors), in both languages. Each feature
// keeps its own in features/<feature>/messages.ts; src/i18n/catalogues.ts merges them all.
import type { Translation } from './types';

export const fr = {
  meta: {
    language: 'Français',
    appName: 'Binôme',
    tagline: 'Mentorat inversé',
  },
  layout: {
    skipToContent: 'Aller au contenu principal',
    mainNav: 'Navigation principale',
    signedIn: 'Connecté·e\u202f:',
    logout: 'Se déconnecter',
    switchLanguage: 'Langue',
    loading: 'Chargement…',
    pageLoadErrorTitle: 'Page indisponible',
    pageLoadError: 'Cette page n’a pas pu être chargée. Rechargez la page pour réessayer.',
    notFoundTitle: 'Page introuvable',
    notFoundText: 'Cette adresse ne correspond à aucune page.',
    forbiddenTitle: 'Accès réservé',
    forbiddenText: 'Cette page est réservée à ces rôles\u202f: {roles}.',
    backHome: 'Retour à l’accueil',
    sessionExpired: 'Votre session a expiré. Reconnectez-vous pour continuer.',
  },
  roles: {
    admin: 'Responsable de programme',
    mentor: 'Mentor',
    mentee: 'Mentoré·e',
    sponsor: 'Sponsor',
  },
  rolesPlural: {
    admin: 'Responsables de programme',
    mentor: 'Mentors',
    mentee: 'Mentoré·e·s',
    sponsor: 'Sponsors',
  },
  pager: {
    labelTop: 'Pagination, en haut de la liste',
    labelBottom: 'Pagination, en bas de la liste',
    previous: 'Page précédente',
    next: 'Page suivante',
    pageOf: 'Page {page} sur {pages}',
  },
  errors: {
    generic: 'Une erreur est survenue.',
    supportReference: 'Référence pour le support',
    supportReferenceHint: 'Si le problème persiste, donnez cette référence au support\u202f:',
    network: 'Le serveur ne répond pas. Réessayez dans un instant.',
    retry: 'Réessayer',
  },
};

export const en: Translation<typeof fr> = {
  meta: {
    language: 'English',
    appName: 'Binôme',
    tagline: 'Reverse mentoring',
  },
  layout: {
    skipToContent: 'Skip to main content',
    mainNav: 'Main navigation',
    signedIn: 'Signed in:',
    logout: 'Log out',
    switchLanguage: 'Language',
    loading: 'Loading…',
    pageLoadErrorTitle: 'Page unavailable',
    pageLoadError: 'This page could not be loaded. Reload the page to try again.',
    notFoundTitle: 'Page not found',
    notFoundText: 'No page has this address.',
    forbiddenTitle: 'Restricted page',
    forbiddenText: 'This page is only for these roles: {roles}.',
    backHome: 'Back to home',
    sessionExpired: 'Your session has expired. Log in again to continue.',
  },
  roles: {
    admin: 'Program manager',
    mentor: 'Mentor',
    mentee: 'Mentee',
    sponsor: 'Sponsor',
  },
  rolesPlural: {
    admin: 'Program managers',
    mentor: 'Mentors',
    mentee: 'Mentees',
    sponsor: 'Sponsors',
  },
  pager: {
    labelTop: 'Pagination, top of the list',
    labelBottom: 'Pagination, bottom of the list',
    previous: 'Previous page',
    next: 'Next page',
    pageOf: 'Page {page} of {pages}',
  },
  errors: {
    generic: 'Something went wrong.',
    supportReference: 'Reference for support',
    supportReferenceHint: 'If the problem persists, give support this reference:',
    network: 'The server does not answer. Try again in a moment.',
    retry: 'Retry',
  },
};
