#include "core/audit_chain.hpp"

#include <fmt/format.h>

namespace binome::core {

namespace {
void append_json_string(std::string& out, std::string_view v) {
  out += '"';
  for (char ch : v) {
    const auto u = static_cast<unsigned char>(ch);
    switch (ch) {
      case '"': out += "\\\""; break;
      case '\\': out += "\\\\"; break;
      case '\n': out += "\\n"; break;
      case '\r': out += "\\r"; break;
      case '\t': out += "\\t"; break;
      default:
        if (u < 0x20) {
          out += fmt::format("\\u{:04x}", u);
        } else {
          out += ch;
        }
    }
  }
  out += '"';
}
}  // namespace

std::string audit_detail_json(const AuditDetail& detail) {
  std::string out = "{";
  for (const auto& [key, value] : detail) {
    if (out.size() > 1) out += ',';
    append_json_string(out, key);
    out += ':';
    append_json_string(out, value);
  }
  return out + "}";
}

std::string audit_canonical_bytes(const AuditEntry& e) {
  std::string out;
  auto field = [&out](std::string_view v) { out += fmt::format("{}:{};", v.size(), v); };
  field("binome-audit-v1");
  field(std::to_string(e.id));
  field(std::to_string(e.at));
  field(e.actor);
  field(e.action);
  field(e.resource);
  field(e.source);
  field(e.client);
  field(e.outcome);
  field(e.detail);
  field(e.prev_hash);
  return out;
}

std::optional<std::string> AuditChainChecker::check(const AuditEntry& e) {
  ++count_;
  if (failure_) return failure_;
  if (e.id <= last_id_) {
    failure_ = fmt::format("id {} does not follow id {}", e.id, last_id_);
  } else if (e.prev_hash != expected_prev_) {
    failure_ = "its previous-hash does not match the entry before it (an entry was removed or altered)";
  } else if (hash_(audit_canonical_bytes(e)) != e.hash) {
    failure_ = "its content does not match its hash (the entry was altered)";
  } else {
    last_id_ = e.id;
    expected_prev_ = e.hash;
  }
  return failure_;
}

std::optional<std::string> AuditChainChecker::check_head(std::string_view recorded_last_hash) const {
  if (failure_) return failure_;
  if (recorded_last_hash != expected_prev_) {
    return "the last entries of the log are missing (the recorded head does not match)";
  }
  return std::nullopt;
}

}  // namespace binome::core
