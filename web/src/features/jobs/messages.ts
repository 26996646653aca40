// Background jobs: the progress of a long import (later matching rounds, schedules, reports).
import type { Translation } from '../../i18n/types';

export const fr = {
  jobs: {
    progressTitle: 'Import en cours',
    queued: 'En attente d’un serveur…',
    progressLabel: 'Avancement',
    progressCount: '{done} sur {total}',
    leave: 'Vous pouvez quitter cette page\u202f: l’import continue sur le serveur. Retrouvez-le ensuite dans «\u202fImports récents\u202f», sur la page d’import.',
    cancel: 'Annuler l’import',
    cancelling: 'Annulation demandée…',
    cancelled: 'Import annulé',
    cancelledText: 'L’import a été annulé avant la fin\u202f: rien n’a été écrit dans l’annuaire.',
    failedTitle: 'L’import n’a pas abouti',
    recentTitle: 'Imports récents',
    recentEmpty: 'Aucun import en tâche de fond pour l’instant.',
    colStarted: 'Lancé le',
    colBy: 'Par',
    colStatus: 'État',
    open: 'Voir',
    status: {
      queued: 'En attente',
      running: 'En cours',
      succeeded: 'Terminé',
      failed: 'Échec',
      cancelled: 'Annulé',
    },
    dryRun: 'vérification',
    fileOfJob: 'l’import n° {id}',
  },
};

export const en: Translation<typeof fr> = {
  jobs: {
    progressTitle: 'Import in progress',
    queued: 'Waiting for a server…',
    progressLabel: 'Progress',
    progressCount: '{done} of {total}',
    leave: 'You may leave this page: the import goes on on the server. Find it later under “Recent imports”, on the import page.',
    cancel: 'Cancel the import',
    cancelling: 'Cancellation requested…',
    cancelled: 'Import cancelled',
    cancelledText: 'The import was cancelled before it finished: nothing was written to the directory.',
    failedTitle: 'The import did not go through',
    recentTitle: 'Recent imports',
    recentEmpty: 'No background import yet.',
    colStarted: 'Started',
    colBy: 'By',
    colStatus: 'Status',
    open: 'Open',
    status: {
      queued: 'Queued',
      running: 'Running',
      succeeded: 'Finished',
      failed: 'Failed',
      cancelled: 'Cancelled',
    },
    dryRun: 'check',
    fileOfJob: 'import #{id}',
  },
};
