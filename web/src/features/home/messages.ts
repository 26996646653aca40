// The home page's messages, in both languages.
import type { Translation } from '../../i18n/types';

export const fr = {
  home: {
    /** Its entry in the header's navigation. */
    nav: 'Accueil',
    greeting: 'Bonjour {name}',
    usersByRole: 'Utilisateurs par rôle',
    totalUsers: { one: '{count} compte au total', other: '{count} comptes au total' },
    latestAudit: 'Dernières entrées du journal d’audit',
    /** The table's name: its section is already named by `latestAudit`. */
    latestAuditCaption: { one: 'La dernière entrée', other: 'Les {count} dernières entrées, les plus récentes d’abord' },
    seeAllAudit: 'Voir tout le journal d’audit',
    manageUsers: 'Gérer les utilisateurs',
    noAudit: 'Aucune entrée pour l’instant.',
    pairTitle: 'Votre binôme',
    noPairMentor: 'Pas encore de binôme — votre responsable de programme va vous associer à un ou une mentoré·e.',
    noPairMentee: 'Pas encore de binôme — votre responsable de programme va vous associer à un ou une mentor.',
    noPairHint: 'Vous recevrez ici votre binôme, votre prochaine séance et ce qu’il faut préparer.',
    sponsorTitle: 'Impact du programme',
    noReport: 'Pas encore de rapport.',
    noReportHint: 'Les indicateurs agrégés apparaîtront ici dès qu’un programme aura produit des résultats.',
  },
};

export const en: Translation<typeof fr> = {
  home: {
    nav: 'Home',
    greeting: 'Hello {name}',
    usersByRole: 'Users by role',
    totalUsers: { one: '{count} account in total', other: '{count} accounts in total' },
    latestAudit: 'Latest audit log entries',
    latestAuditCaption: { one: 'The latest entry', other: 'The {count} latest entries, newest first' },
    seeAllAudit: 'See the whole audit log',
    manageUsers: 'Manage users',
    noAudit: 'No entries yet.',
    pairTitle: 'Your pair',
    noPairMentor: 'No pair yet — your program manager will pair you with a mentee.',
    noPairMentee: 'No pair yet — your program manager will pair you with a mentor.',
    noPairHint: 'Your pair, your next session and what to prepare will appear here.',
    sponsorTitle: 'Program impact',
    noReport: 'No report yet.',
    noReportHint: 'Aggregated indicators will appear here once a program has produced results.',
  },
};
