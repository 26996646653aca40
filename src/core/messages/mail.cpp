// E-mail: the messages the platform sends, and what the outbox says about them.
#include "core/messages.hpp"

namespace binome::core {

namespace {

constexpr MessageText kMailMessages[] = {
    {"mail.greeting", "Hello {name},", "Bonjour {name},"},
    {"mail.greeting_anonymous", "Hello,", "Bonjour,"},
    {"mail.signature", "Binôme, the reverse-mentoring program", "Binôme, le programme de mentorat inversé"},
    {"mail.link_validity",
     "This link works once, for {hours} hours.",
     "Ce lien ne sert qu’une fois, pendant {hours}\u00A0heures."},
    {"mail.activation.subject", "Your Binôme account", "Votre compte Binôme"},
    {"mail.activation.intro",
     "{by} has opened a Binôme account for you, the tool of your reverse-mentoring program. Choose your password "
     "to start:",
     "{by} vous a ouvert un compte Binôme, l’outil de votre programme de mentorat inversé. Choisissez votre mot de "
     "passe pour commencer\u202F:"},
    {"mail.activation.action", "Choose my password", "Choisir mon mot de passe"},
    {"mail.activation.ignore",
     "If you did not expect this message, you can ignore it: no one can use the account without this link.",
     "Si vous n’attendiez pas ce message, vous pouvez l’ignorer\u202F: personne ne peut utiliser le compte sans ce "
     "lien."},
    {"mail.password_reset.subject", "Reset your Binôme password", "Réinitialiser votre mot de passe Binôme"},
    {"mail.password_reset.intro",
     "Someone, probably you, asked to reset the password of your Binôme account. Choose a new one:",
     "Quelqu’un, sans doute vous, a demandé à réinitialiser le mot de passe de votre compte Binôme. Choisissez-en "
     "un nouveau\u202F:"},
    {"mail.password_reset.action", "Choose a new password", "Choisir un nouveau mot de passe"},
    {"mail.password_reset.ignore",
     "If you did not ask for it, ignore this message: your password stays as it is.",
     "Si vous n’avez rien demandé, ignorez ce message\u202F: votre mot de passe reste inchangé."},
    {"mail.test.subject", "Binôme test message", "Message d’essai de Binôme"},
    {"mail.test.intro",
     "{by} sent this message to check that Binôme's e-mail reaches you.",
     "{by} a envoyé ce message pour vérifier que les e-mails de Binôme vous parviennent."},
    {"mail.test.attachment",
     "It carries a calendar invitation, as session invitations will: your calendar should offer to add it.",
     "Il porte une invitation d’agenda, comme le feront les invitations aux séances\u202F: votre agenda devrait "
     "proposer de l’ajouter."},
    {"mail.test.event", "Binôme test event", "Événement d’essai Binôme"},
    // The outbox.
    {"mail.kind.account.activation", "Account activation", "Activation de compte"},
    {"mail.kind.account.password_reset", "Password reset", "Réinitialisation du mot de passe"},
    {"mail.kind.mail.test", "Test message", "Message d’essai"},
    {"mail.link.activation", "Activation link", "Lien d’activation"},
    {"mail.link.password_reset", "Password reset link", "Lien de réinitialisation"},
    {"mail.no_message", "there is no message {id} in the outbox", "il n’y a pas de message {id} dans la boîte d’envoi"},
    {"mail.not_failed",
     "message {id} is {status}: only a message that failed can be sent again",
     "le message {id} est à l’état {status}\u202F: seul un message en échec peut être renvoyé"},
    {"mail.status_invalid",
     "status must be one of {values}",
     "status doit valoir l’une de ces valeurs\u202F: {values}"},
    {"mail.links_disabled",
     "this server has no link secret, so it cannot make activation or reset links: start it with --secret-file",
     "ce serveur n’a pas de secret de liens et ne peut donc pas faire de liens d’activation ou de réinitialisation\u202F: "
     "lancez-le avec --secret-file"},
    {"mail.already_activated",
     "account {id} is already activated: its owner can reset the password from the login page",
     "le compte {id} est déjà activé\u202F: son titulaire peut réinitialiser le mot de passe depuis la page de "
     "connexion"},
};

}  // namespace

std::span<const MessageText> mail_messages() { return kMailMessages; }

}  // namespace binome::core
