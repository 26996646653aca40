#include "store/employee_history_repository.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <iterator>

namespace binome::store::employee_history {

namespace {

Value text_or_null(const std::optional<std::string>& s) { return s ? Value{*s} : Value{}; }

DirectoryImport import_from_row(const Row& r) {
  return {r.i64(0), r.i64(1), r.text(2), r.text(3), r.opt_text(4), r.text(5),
          r.i64(6), r.i64(7), r.i64(8),  r.i64(9),  r.i64(10)};
}

}  // namespace

std::int64_t insert_import(Connection& c, const DirectoryImport& i) {
  return c
      .query_one(
          "INSERT INTO directory_imports (at, actor, source, file_name, effective_date, rows_read, created, "
          "updated, unchanged, deactivated) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10) RETURNING id",
          {i.at, i.actor, i.source, text_or_null(i.file_name), i.effective_date, i.rows, i.created, i.updated,
           i.unchanged, i.deactivated})
      ->i64(0);
}

std::optional<DirectoryImport> find_import(Connection& c, std::int64_t id) {
  auto r = c.query_one(
      "SELECT id, at, actor, source, file_name, effective_date, rows_read, created, updated, unchanged, "
      "deactivated FROM directory_imports WHERE id = $1",
      {id});
  if (!r) return std::nullopt;
  return import_from_row(*r);
}

void insert_changes(Connection& c, const DirectoryImport& import, std::span<const NewChange> changes) {
  // Many rows per statement, as employees::insert_many does: one round trip per batch on
  // PostgreSQL, and each batch size one prepared statement. The import and its date are
  // parameters of their own, shared by the rows.
  constexpr std::size_t kBatch = 1000;
  constexpr std::size_t kPerRow = 5;
  std::string sql;
  Params params;
  for (std::size_t start = 0; start < changes.size(); start += kBatch) {
    const std::size_t n = std::min(kBatch, changes.size() - start);
    sql = "INSERT INTO employee_changes (employee_id, kind, field, old_value, new_value, import_id, "
          "effective_date) VALUES ";
    const std::size_t shared = n * kPerRow + 1;
    for (std::size_t i = 0; i < n; ++i) {
      sql += i ? ",(" : "(";
      for (std::size_t k = 0; k < kPerRow; ++k) fmt::format_to(std::back_inserter(sql), "${},", i * kPerRow + k + 1);
      fmt::format_to(std::back_inserter(sql), "${},${})", shared, shared + 1);
    }
    params.clear();
    params.reserve(n * kPerRow + 2);
    for (std::size_t i = start; i < start + n; ++i) {
      const core::FieldChange& ch = changes[i].change;
      params.emplace_back(*changes[i].employee_id);
      params.emplace_back(std::string(core::change_kind_name(ch.kind)));
      params.push_back(ch.field ? Value{std::string(core::field_name(*ch.field))} : Value{});
      params.push_back(text_or_null(ch.old_value));
      params.push_back(text_or_null(ch.new_value));
    }
    params.emplace_back(import.id);
    params.emplace_back(import.effective_date);
    c.execute(sql, params);
  }
}

core::Page<core::EmployeeChange> list(Connection& c, const std::string& employee_id, const core::PageRange& page) {
  core::Page<core::EmployeeChange> out;
  out.total = c.query_one("SELECT COUNT(*) FROM employee_changes WHERE employee_id = $1", {employee_id})->i64(0);
  const auto rows = c.query(
      "SELECT ch.id, ch.import_id, ch.kind, ch.field, ch.old_value, ch.new_value, ch.effective_date, i.at "
      "FROM employee_changes ch JOIN directory_imports i ON i.id = ch.import_id WHERE ch.employee_id = $1 "
      "ORDER BY ch.effective_date DESC, ch.import_id DESC, ch.id ASC LIMIT $2 OFFSET $3",
      {employee_id, page.limit, page.offset});
  out.items.reserve(rows.size());
  for (const Row& r : rows) {
    core::EmployeeChange e;
    e.id = r.i64(0);
    e.employee_id = employee_id;
    e.import_id = r.i64(1);
    // The table's CHECK admits only the four kinds, and fields are written from field_name.
    e.change.kind = core::parse_change_kind(r.view(2)).value_or(core::ChangeKind::kChanged);
    if (!r.is_null(3)) e.change.field = core::parse_field_name(r.view(3));
    e.change.old_value = r.opt_text(4);
    e.change.new_value = r.opt_text(5);
    e.effective_date = r.text(6);
    e.recorded_at = r.i64(7);
    out.items.push_back(std::move(e));
  }
  return out;
}

}  // namespace binome::store::employee_history
