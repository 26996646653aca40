// Background jobs: their phases as people read them, and why one did not finish.
#include "core/messages.hpp"

namespace binome::core {

namespace {

constexpr MessageText kJobsMessages[] = {
    {"jobs.no_job",
     "there is no job {id}",
     "il n’y a pas de tâche {id}"},
    {"jobs.already_finished",
     "job {id} has already finished ({status}): there is nothing to cancel",
     "la tâche {id} est déjà terminée ({status})\u202F: il n’y a rien à annuler"},
    {"jobs.abandoned",
     "the job was started {attempts} times and its server stopped each time before it finished; nothing was written",
     "la tâche a été lancée {attempts} fois et son serveur s’est arrêté à chaque fois avant la fin\u202F; rien n’a été écrit"},
    {"jobs.cancelled",
     "the job was cancelled; nothing was written",
     "la tâche a été annulée\u202F; rien n’a été écrit"},
    {"jobs.starter_inactive",
     "the account that started the job is no longer active",
     "le compte qui a lancé la tâche n’est plus actif"},
    {"jobs.unknown_kind",
     "this server does not know jobs of kind {kind}",
     "ce serveur ne connaît pas les tâches de type {kind}"},
    {"jobs.input_invalid",
     "the job's stored parameters cannot be read: {reason}",
     "les paramètres enregistrés de la tâche sont illisibles\u202F: {reason}"},
    {"jobs.status_invalid",
     "status must be one of {values}",
     "status doit valoir l’une de ces valeurs\u202F: {values}"},
    // Phases, as a progress bar's label says them.
    {"jobs.phase.queued", "waiting for a worker", "en attente d’un serveur"},
    {"jobs.phase.reading", "reading the file", "lecture du fichier"},
    {"jobs.phase.checking", "checking the rows", "vérification des lignes"},
    {"jobs.phase.writing", "writing to the directory", "écriture dans l’annuaire"},
    {"jobs.phase.done", "finished", "terminé"},
    // Kinds.
    {"jobs.kind.employees.import", "HR import", "import RH"},
};

}  // namespace

std::span<const MessageText> jobs_messages() { return kJobsMessages; }

}  // namespace binome::core
