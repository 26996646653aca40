#include "io/error_json.hpp"

#include <memory>
#include <nlohmann/json.hpp>

namespace binome::io {

namespace {

using nlohmann::json;

json message_json(const core::Message& m);

json param_json(const core::Param& p) {
  json out = {{"name", p.name}, {"kind", static_cast<int>(p.kind)}};
  if (!p.texts.empty()) out["texts"] = p.texts;
  if (p.kind == core::Param::Kind::kCount || p.kind == core::Param::Kind::kNumber) out["number"] = p.number;
  if (!p.messages.empty()) {
    json& ms = out["messages"] = json::array();
    for (const auto& m : p.messages) ms.push_back(message_json(*m));
    out["separator"] = p.separator;
  }
  return out;
}

json message_json(const core::Message& m) {
  json params = json::array();
  for (const auto& p : m.params()) params.push_back(param_json(p));
  return {{"key", m.key()}, {"params", std::move(params)}};
}

// Throws nlohmann's exceptions on a shape it does not know; the caller turns them into nothing.
core::Message message_from(const json& j) {
  std::vector<core::Param> params;
  for (const json& pj : j.at("params")) {
    core::Param p;
    p.name = pj.at("name").get<std::string>();
    const int kind = pj.at("kind").get<int>();
    if (kind < 0 || kind > static_cast<int>(core::Param::Kind::kMessageList)) throw std::out_of_range("param kind");
    p.kind = static_cast<core::Param::Kind>(kind);
    if (pj.contains("texts")) p.texts = pj.at("texts").get<std::vector<std::string>>();
    if (pj.contains("number")) p.number = pj.at("number").get<double>();
    if (pj.contains("messages")) {
      for (const json& mj : pj.at("messages")) p.messages.push_back(std::make_shared<const core::Message>(message_from(mj)));
      p.separator = pj.at("separator").get<std::string>();
    }
    params.push_back(std::move(p));
  }
  return core::Message(j.at("key").get<std::string>(), std::move(params));
}

}  // namespace

std::string error_to_json(const core::Error& error) {
  json details = json::array();
  for (const auto& d : error.details) {
    details.push_back({{"field", d.field}, {"message", message_json(d.message)}, {"line", d.line}, {"column", d.column}});
  }
  return json{{"code", error.code_name()},
              {"message", message_json(error.message)},
              {"details", std::move(details)},
              {"found", error.found}}
      .dump();
}

std::optional<core::Error> error_from_json(std::string_view text) {
  const json j = json::parse(text, nullptr, false);
  if (j.is_discarded() || !j.is_object()) return std::nullopt;
  try {
    core::Error e;
    const auto name = j.at("code").get<std::string>();
    bool known = false;
    for (const auto& info : core::kErrorCodes) {
      if (info.name == name) {
        e.code = info.code;
        known = true;
      }
    }
    if (!known) return std::nullopt;
    e.message = message_from(j.at("message"));
    for (const json& d : j.at("details")) {
      e.details.push_back({d.at("field").get<std::string>(), message_from(d.at("message")), d.at("line").get<std::int64_t>(),
                           d.at("column").get<std::string>()});
    }
    e.found = j.at("found").get<std::size_t>();
    return e;
  } catch (const json::exception&) {
    return std::nullopt;
  } catch (const std::out_of_range&) {
    return std::nullopt;
  }
}

}  // namespace binome::io
