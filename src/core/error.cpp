#include "core/error.hpp"

namespace binome::core {

Message Error::sentence() const {
  if (!message.empty()) return message;
  return msg("error." + std::string(code_name()));
}

std::unexpected<Error> validation_failed(std::vector<ErrorDetail> details) {
  std::vector<Message> problems;
  problems.reserve(details.size());
  for (const ErrorDetail& d : details) {
    problems.push_back(d.field.empty() ? d.message
                                       : msg("error.field_problem", {text("field", d.field),
                                                                     nested("problem", d.message)}));
  }
  return fail(ErrorCode::kValidationFailed,
              msg("error.validation_failed_list", {nested_list("problems", std::move(problems))}),
              std::move(details));
}

void Problems::add(ErrorDetail detail) {
  ++count_;
  if (details_.size() < max_listed_) details_.push_back(std::move(detail));
}

Error Problems::error(ErrorCode code, Message message) && {
  const std::size_t found = count_ > details_.size() ? count_ : 0;
  if (found) {
    details_.push_back({"problem", msg("error.and_more", {core::count("count", static_cast<std::int64_t>(count_ - details_.size()))})});
  }
  Error error = code == ErrorCode::kValidationFailed && message.empty()
                    ? validation_failed(std::move(details_)).error()
                    : Error{code, std::move(message), std::move(details_), 0};
  error.found = found;
  return error;
}

}  // namespace binome::core
