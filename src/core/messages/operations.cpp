// Running the service and the command line: the database's schema, files and options given to commands.
#include "core/messages.hpp"

namespace binome::core {

namespace {

constexpr MessageText kOperationsMessages[] = {
    {"operations.schema_outdated",
     "the database {database} is at schema version {current} and this binome needs version {expected}: run `binome --db {url} migrate` first",
     "la base {database} est à la version de schéma {current} et ce binome a besoin de la version {expected}\u202F: lancez d’abord `binome --db {url} migrate`"},
    {"operations.cannot_read",
     "cannot read {file}: {reason}",
     "impossible de lire {file}\u202F: {reason}"},
    {"operations.cannot_write",
     "cannot write {file}: {reason}",
     "impossible d’écrire {file}\u202F: {reason}"},
    {"operations.not_json",
     "not well-formed JSON: {reason}",
     "ce n’est pas du JSON bien formé\u202F: {reason}"},
    {"operations.mapping_object",
     "a mapping file is a JSON object such as {\"Code salarié\": \"employee_id\"}",
     "un fichier de correspondance est un objet JSON comme {\"Code salarié\": \"employee_id\"}"},
    {"operations.mapping_value",
     "the value for {header} must be a field name",
     "la valeur de {header} doit être un nom de champ"},
    {"operations.passwords_differ",
     "the two passwords differ",
     "les deux mots de passe diffèrent"},
    {"operations.no_password",
     "no password on standard input (pipe it in, e.g. `echo ... | binome user add ...`)",
     "aucun mot de passe sur l’entrée standard (passez-le par un tube, par exemple `echo ... | binome user add ...`)"},
    {"operations.listen_format",
     "--listen must be HOST:PORT, got {value}",
     "--listen doit valoir HÔTE:PORT, reçu {value}"},
    {"operations.listen_port",
     "--listen has an invalid port in {value}",
     "--listen a un port non valide dans {value}"},
    {"operations.secret_file_unreadable",
     "cannot read or create the link secret file {path}: {reason}",
     "impossible de lire ou de créer le fichier de secret des liens {path} : {reason}"},
    {"operations.secret_file_short",
     "the link secret file {path} holds fewer than 32 characters: write a long random one (head -c 32 /dev/urandom | base64)",
     "le fichier de secret des liens {path} compte moins de 32 caractères : écrivez-y un long secret aléatoire "
     "(head -c 32 /dev/urandom | base64)"},
    {"operations.smtp_tls_invalid",
     "--smtp-tls must be required, optional or none",
     "--smtp-tls doit valoir required, optional ou none"},
    {"operations.trusted_proxy_invalid",
     "--trusted-proxy must be an IP address or a CIDR range such as 10.0.0.0/8 or fd00::/8, got {value}",
     "--trusted-proxy doit être une adresse IP ou une plage CIDR comme 10.0.0.0/8 ou fd00::/8, reçu {value}"},
    {"operations.import_failed",
     "{count} error(s); nothing was imported",
     "erreurs\u202F: {count}\u202F; rien n’a été importé"},
    {"operations.optimality_failed",
     "the result failed its optimality check ({failure}); please report this",
     "le résultat a échoué à sa vérification d’optimalité ({failure})\u202F; merci de le signaler"},
    {"operations.stability_failed",
     "the result failed its stability check ({count} blocking pairs); please report this",
     "le résultat a échoué à sa vérification de stabilité (paires bloquantes\u202F: {count})\u202F; merci de le signaler"},
};

}  // namespace

std::span<const MessageText> operations_messages() { return kOperationsMessages; }

}  // namespace binome::core
