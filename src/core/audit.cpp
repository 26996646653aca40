#include "core/audit.hpp"

#include <charconv>

#include "core/access_policy.hpp"
#include "core/messages.hpp"
#include "core/program.hpp"
#include "core/roles.hpp"

namespace binome::core {

namespace {

std::string detail_value(const AuditDetail& detail, std::string_view key) {
  for (const auto& [k, v] : detail) {
    if (k == key) return v;
  }
  return {};
}

bool has(const AuditDetail& detail, std::string_view key) {
  for (const auto& [k, v] : detail) {
    if (k == key) return true;
  }
  return false;
}

std::optional<std::int64_t> to_int(std::string_view s) {
  std::int64_t v = 0;
  const auto [end, ec] = std::from_chars(s.data(), s.data() + s.size(), v);
  if (ec != std::errc() || end != s.data() + s.size()) return std::nullopt;
  return v;
}

// "user:5" → the user's name, or "account #5"; "employee:E042" → "employee E042".
std::optional<Message> audit_target(const std::string& resource, const AuditNames& names) {
  const auto colon = resource.find(':');
  if (colon == std::string::npos) return std::nullopt;
  const std::string kind = resource.substr(0, colon);
  const std::string id = resource.substr(colon + 1);
  if (kind == "user") {
    if (const auto n = to_int(id)) {
      if (const auto* who = names.by_user_id(*n)) return msg("audit.name", {text("name", who->name)});
    }
    return msg("audit.target_user", {text("id", id)});
  }
  if (kind == "employee") return msg("audit.target_employee", {text("id", id)});
  if (kind == "token") return msg("audit.target_token", {text("id", id)});
  if (kind == "job") return msg("audit.target_job", {text("id", id)});
  if (kind == "mail") return msg("audit.target_mail", {text("id", id)});
  if (kind == "program") return msg("audit.target_program", {text("id", id)});
  return msg("audit.name", {text("name", resource)});
}

// "admin,mentor" → "Program manager, Mentor" in the reader's language.
Param role_names(const std::string& list) {
  std::vector<Message> out;
  std::size_t start = 0;
  while (start <= list.size()) {
    const auto comma = list.find(',', start);
    const std::string name = list.substr(start, comma == std::string::npos ? std::string::npos : comma - start);
    if (!name.empty()) out.push_back(parse_role(name) ? msg("role." + name) : msg("audit.name", {text("name", name)}));
    if (comma == std::string::npos) break;
    start = comma + 1;
  }
  return nested_list("roles", std::move(out), ", ");
}

std::string lines_as_list(const std::string& text_in) {
  std::string out;
  for (char c : text_in) out += c == '\n' ? std::string(", ") : std::string(1, c);
  return out;
}

Message user_update_sentence(const AuditDetail& d, const Param& actor, const Param& target) {
  std::vector<Message> parts;
  if (has(d, "active")) {
    parts.push_back(msg(detail_value(d, "active") == "false" ? "audit.user.update.disabled" : "audit.user.update.enabled",
                        {actor, target}));
  }
  if (has(d, "name")) {
    parts.push_back(msg("audit.user.update.renamed", {actor, target, quoted("name", detail_value(d, "name"))}));
  }
  if (has(d, "roles")) parts.push_back(msg("audit.user.update.roles", {actor, target, role_names(detail_value(d, "roles"))}));
  if (parts.empty()) return msg("audit.user.update", {actor, target});
  if (parts.size() == 1) return parts.front();
  return msg("audit.name", {nested_list("name", std::move(parts), " ")});
}

}  // namespace

const AuditPerson* AuditNames::by_email(const std::string& email) const {
  for (const auto& p : people) {
    if (p.email == email) return &p;
  }
  return nullptr;
}

const AuditPerson* AuditNames::by_user_id(std::int64_t user_id) const {
  for (const auto& p : people) {
    if (p.user_id == user_id) return &p;
  }
  return nullptr;
}

Message audit_actor(const std::string& actor, const AuditNames& names) {
  if (actor.starts_with("system:")) return msg("audit.actor_cli", {text("user", actor.substr(7))});
  if (actor == "anonymous") return msg("audit.actor_anonymous");
  if (const auto* who = names.by_email(actor)) return msg("audit.name", {text("name", who->name)});
  return msg("audit.name", {text("name", actor)});
}

Message audit_action_label(std::string_view code) {
  const std::string key = "audit_action." + std::string(code);
  if (find_message_text(key) == nullptr) return msg("audit.name", {text("name", std::string(code))});
  return msg(key);
}

Message audit_sentence(const AuditEntry& e, const AuditNames& names) {
  const AuditDetail d = parse_audit_detail(e.detail);
  const Param actor = nested("actor", audit_actor(e.actor, names));
  const auto target_message = audit_target(e.resource, names);
  const Param target = nested("target", target_message.value_or(msg("audit.name", {text("name", e.resource)})));
  const Param action = nested("action", audit_action_label(e.action));

  if (e.outcome == "denied") {
    if (e.action == action_code(Action::kLogin)) return msg("audit.auth.login.denied", {actor});
    return msg("audit.denied", {actor, action});
  }
  if (e.outcome == "failure") {
    if (e.action == action_code(Action::kLogin)) {
      return msg(detail_value(d, "reason") == "account disabled" ? "audit.auth.login.disabled" : "audit.auth.login.failure",
                 {actor});
    }
    if (e.action == action_code(Action::kImportEmployees)) {
      return msg("audit.employees.import.failure", {actor, count("errors", to_int(detail_value(d, "errors")).value_or(0))});
    }
    return msg("audit.failure", {actor, action});
  }
  const auto counted = [&](const char* key) { return count(key, to_int(detail_value(d, key)).value_or(0)); };
  const auto a = action_from_code(e.action);
  if (!a) return msg("audit.other", {actor, action});
  switch (*a) {
    case Action::kUpdateUser: return user_update_sentence(d, actor, target);
    case Action::kCreateUser:
      return msg("audit.user.create", {actor, nested("target", msg("audit.name", {text("name", detail_value(d, "name"))})),
                                       role_names(detail_value(d, "roles"))});
    case Action::kSetPassword: {
      const auto* who = names.by_email(e.actor);
      const bool own = who && e.resource == resource_name(ResourceKind::kUser, std::to_string(who->user_id));
      return msg(own ? "audit.user.password.own" : "audit.user.password", {actor, target});
    }
    case Action::kCreateToken:
      return msg("audit.token.create", {actor, quoted("name", detail_value(d, "name")), text("user", detail_value(d, "user"))});
    case Action::kImportEmployees:
      return msg("audit.employees.import", {actor, counted("created"), counted("updated"), counted("unchanged"),
                                            counted("deactivated")});
    case Action::kUpdateGradeScale:
      return msg("audit.grade_scale.update", {actor, text("grades", lines_as_list(detail_value(d, "grades")))});
    case Action::kMigrateSchema:
      return msg("audit.schema.migrate", {actor, text("from", detail_value(d, "from_version")),
                                          text("to", detail_value(d, "to_version"))});
    case Action::kExportAudit: return msg("audit.audit.export", {actor, counted("entries")});
    case Action::kLogin:
    case Action::kLogout:
    case Action::kRevokeToken:
    case Action::kCancelJob:
    case Action::kSendActivation:
    case Action::kActivateAccount:
    case Action::kResetPassword:
    case Action::kRetryMail: return msg("audit." + std::string(e.action), {actor, target});
    case Action::kRequestPasswordReset: return msg("audit.auth.password_reset_request", {actor});
    case Action::kSendTestMail:
      return msg("audit.outbox.test", {actor, text("email", detail_value(d, "to"))});
    case Action::kCreateProgram: return msg("audit.program.create", {actor, quoted("name", detail_value(d, "name"))});
    case Action::kUpdateProgram: return msg("audit.program.update", {actor, target});
    case Action::kChangeProgramStatus: {
      const auto status = [&](const char* key) {
        const auto s = program_status_from_name(detail_value(d, key));
        return nested(key, s ? program_status_label(*s) : msg("audit.name", {text("name", detail_value(d, key))}));
      };
      return msg("audit.program.status", {actor, target, status("from"), status("to")});
    }
    case Action::kCreateEdition:
      return msg("audit.program.new_edition",
                 {actor, quoted("name", detail_value(d, "name")),
                  nested("source", *audit_target("program:" + detail_value(d, "from"), names))});
    case Action::kAddProgramMember:
    case Action::kRemoveProgramMember: {
      const auto role = program_role_from_name(detail_value(d, "role"));
      return msg("audit." + std::string(e.action),
                 {actor, target, nested("user", *audit_target("user:" + detail_value(d, "user"), names)),
                  nested("role", role ? msg("program_role." + std::string(program_role_name(*role)))
                                      : msg("audit.name", {text("name", detail_value(d, "role"))}))});
    }
    case Action::kUpdateProgramSkills:
      return msg("audit.program.skills", {actor, target, counted("built_in"), counted("custom")});
    case Action::kCreateObjective:
    case Action::kUpdateObjective:
    case Action::kDeleteObjective:
      return msg("audit." + std::string(e.action), {actor, target, quoted("title", detail_value(d, "title"))});
    case Action::kUpdateKpi:
      if (has(d, "manual_value")) {
        return msg("audit.kpi.update.manual_value", {actor, target, quoted("name", detail_value(d, "name")),
                                                     text("value", detail_value(d, "manual_value"))});
      }
      return msg("audit.kpi.update", {actor, target, quoted("name", detail_value(d, "name"))});
    case Action::kCreateKpi:
    case Action::kDeleteKpi:
      return msg("audit." + std::string(e.action), {actor, target, quoted("name", detail_value(d, "name"))});
    default: return msg("audit.other", {actor, action});
  }
}

AuditDetail parse_audit_detail(std::string_view json) {
  AuditDetail out;
  std::size_t i = 0;
  const auto skip_space = [&] {
    while (i < json.size() && (json[i] == ' ' || json[i] == '\n' || json[i] == '\t' || json[i] == '\r')) ++i;
  };
  // A JSON string at i (escapes \" \\ \/ \b \f \n \r \t \uXXXX, surrogate pairs included).
  const auto string_at = [&](std::string& s) -> bool {
    if (i >= json.size() || json[i] != '"') return false;
    ++i;
    while (i < json.size() && json[i] != '"') {
      char c = json[i++];
      if (c != '\\') {
        s += c;
        continue;
      }
      if (i >= json.size()) return false;
      c = json[i++];
      switch (c) {
        case 'n': s += '\n'; break;
        case 'r': s += '\r'; break;
        case 't': s += '\t'; break;
        case 'b': s += '\b'; break;
        case 'f': s += '\f'; break;
        case 'u': {
          const auto hex4 = [&](std::uint32_t& v) {
            if (i + 4 > json.size()) return false;
            const auto r = std::from_chars(json.data() + i, json.data() + i + 4, v, 16);
            if (r.ec != std::errc() || r.ptr != json.data() + i + 4) return false;
            i += 4;
            return true;
          };
          std::uint32_t cp = 0;
          if (!hex4(cp)) return false;
          if (cp >= 0xD800 && cp < 0xDC00 && i + 2 <= json.size() && json[i] == '\\' && json[i + 1] == 'u') {
            i += 2;
            std::uint32_t low = 0;
            if (!hex4(low)) return false;
            cp = 0x10000 + ((cp - 0xD800) << 10) + (low - 0xDC00);
          }
          if (cp < 0x80) {
            s += static_cast<char>(cp);
          } else if (cp < 0x800) {
            s += static_cast<char>(0xC0 | (cp >> 6));
            s += static_cast<char>(0x80 | (cp & 0x3F));
          } else if (cp < 0x10000) {
            s += static_cast<char>(0xE0 | (cp >> 12));
            s += static_cast<char>(0x80 | ((cp >> 6) & 0x3F));
            s += static_cast<char>(0x80 | (cp & 0x3F));
          } else {
            s += static_cast<char>(0xF0 | (cp >> 18));
            s += static_cast<char>(0x80 | ((cp >> 12) & 0x3F));
            s += static_cast<char>(0x80 | ((cp >> 6) & 0x3F));
            s += static_cast<char>(0x80 | (cp & 0x3F));
          }
          break;
        }
        default: s += c;  // \" \\ \/
      }
    }
    if (i >= json.size()) return false;
    ++i;
    return true;
  };
  skip_space();
  if (i >= json.size() || json[i] != '{') return {};
  ++i;
  for (;;) {
    skip_space();
    if (i < json.size() && json[i] == '}') return out;
    std::string key, value;
    if (!string_at(key)) return {};
    skip_space();
    if (i >= json.size() || json[i] != ':') return {};
    ++i;
    skip_space();
    if (!string_at(value)) return {};
    out.emplace_back(std::move(key), std::move(value));
    skip_space();
    if (i < json.size() && json[i] == ',') {
      ++i;
      continue;
    }
    if (i < json.size() && json[i] == '}') return out;
    return {};
  }
}

}  // namespace binome::core
