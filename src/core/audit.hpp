// The audit log as people read it: which entries to list, and each entry as a sentence in the
// reader's language ("Claire Morel disabled the account of Jean Dupont.") instead of its codes
// (user.update, user:5, {"active":"false"}).
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/audit_chain.hpp"
#include "core/message.hpp"
#include "core/page.hpp"
#include "core/time.hpp"

namespace binome::core {

// Which entries to list, newest first.
struct AuditQuery {
  std::string actor;   // text in the actor's email or name; accents and case ignored
  std::string action;  // an action code, or a prefix ending in '.' ("user.")
  std::optional<Millis> from;
  std::optional<Millis> to;
  PageRange page;
};

// The people an entry mentions who have an account (as actor, or as the user acted on).
struct AuditPerson {
  std::int64_t user_id = 0;
  std::string email;
  std::string name;
};
struct AuditNames {
  std::vector<AuditPerson> people;
  const AuditPerson* by_email(const std::string& email) const;
  const AuditPerson* by_user_id(std::int64_t user_id) const;
};

// Who did it, as a person reads it: their name, "Command line (root)", or the email typed.
Message audit_actor(const std::string& actor, const AuditNames& names);
// The action's name ("Account changed"); an unknown code is shown as it is.
Message audit_action_label(std::string_view code);
// The whole entry as one sentence (or a few, when one change did several things).
Message audit_sentence(const AuditEntry& entry, const AuditNames& names);

// The inverse of audit_detail_json: the flat object's pairs (empty when it is not one).
AuditDetail parse_audit_detail(std::string_view json);

}  // namespace binome::core
