// Accounts: users and roles, passwords, logins and sessions, API tokens.
#include "core/messages.hpp"

namespace binome::core {

namespace {

constexpr MessageText kAccountsMessages[] = {
    {"accounts.logout_token",
     "An API token has no session to log out of; it stays valid until an administrator revokes it (binome token revoke).",
     "Un jeton d’API n’a pas de session à fermer\u202F; il reste valide jusqu’à ce qu’un administrateur le révoque (binome token revoke)."},
    {"accounts.name_too_long",
     "must have at most {max} bytes",
     "doit comporter au plus {max} octets"},
    {"accounts.role_unknown",
     "unknown role {role} (expected admin, mentor, mentee or sponsor)",
     "rôle {role} inconnu (attendu\u202F: admin, mentor, mentee ou sponsor)"},
    {"accounts.roles_required",
     "at least one role is required",
     "il faut au moins un rôle"},
    {"accounts.password_too_long",
     "must have at most {max} bytes",
     "doit comporter au plus {max} octets"},
    {"accounts.password_too_short",
     "must have at least {min} characters",
     "doit comporter au moins {min} caractères"},
    {"accounts.email_invalid",
     "is not a valid email address",
     "n’est pas une adresse e-mail valide"},
    {"accounts.email_taken_detail",
     "A user with the email {email} already exists.",
     "Un utilisateur a déjà l’adresse {email}."},
    {"accounts.email_taken",
     "is already taken",
     "est déjà utilisée"},
    {"accounts.no_user_here",
     "No user has this id.",
     "Aucun utilisateur n’a cet identifiant."},
    {"accounts.no_user_id",
     "No user has id {id}.",
     "Aucun utilisateur n’a l’identifiant {id}."},
    {"accounts.no_user_email",
     "No user has the email {email}.",
     "Aucun utilisateur n’a l’adresse {email}."},
    {"accounts.unknown_user",
     "unknown user",
     "utilisateur inconnu"},
    {"accounts.cannot_disable_self",
     "you cannot disable your own account",
     "vous ne pouvez pas désactiver votre propre compte"},
    {"accounts.cannot_drop_own_admin",
     "you cannot remove your own program manager role",
     "vous ne pouvez pas retirer votre propre rôle de responsable de programme"},
    {"accounts.retry_in_a_minute",
     "Too many failed login attempts. Try again in a minute.",
     "Trop de tentatives de connexion échouées. Réessayez dans une minute."},
    {"accounts.retry_in_minutes",
     "Too many failed login attempts. Try again in {minutes} min.",
     "Trop de tentatives de connexion échouées. Réessayez dans {minutes} min."},
    {"accounts.session_ended",
     "Your session has ended. Please log in again.",
     "Votre session a pris fin. Reconnectez-vous."},
    {"accounts.token_invalid",
     "The API token is not valid or has been revoked.",
     "Le jeton d’API n’est pas valide ou a été révoqué."},
    {"accounts.token_label_required",
     "a label for the token is required",
     "il faut un libellé pour le jeton"},
    {"accounts.no_token_id",
     "No API token has id {id}.",
     "Aucun jeton d’API n’a l’identifiant {id}."},
};

}  // namespace

std::span<const MessageText> accounts_messages() { return kAccountsMessages; }

}  // namespace binome::core
