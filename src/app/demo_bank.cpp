#include "app/demo_bank.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <array>
#include <deque>
#include <map>
#include <optional>
#include <set>
#include <string_view>

#include "core/text.hpp"

namespace binome::app {

namespace {

// splitmix64: tiny, and unlike the standard distributions, the same everywhere.
class Random {
 public:
  explicit Random(std::uint64_t seed) : state_(seed) {}
  std::uint64_t next() {
    std::uint64_t z = (state_ += 0x9E3779B97F4A7C15ULL);
    z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9ULL;
    z = (z ^ (z >> 27)) * 0x94D049BB133111EBULL;
    return z ^ (z >> 31);
  }
  std::size_t below(std::size_t n) { return static_cast<std::size_t>(next() % n); }
  int between(int lo, int hi) { return lo + static_cast<int>(below(static_cast<std::size_t>(hi - lo + 1))); }
  template <typename T, std::size_t N>
  const T& pick(const std::array<T, N>& items) { return items[below(N)]; }

 private:
  std::uint64_t state_;
};

struct Site {
  std::string_view name;
  std::string_view time_zone;
  int weight;  // share of the staff, in percent
  std::array<std::string_view, 3> languages;  // local language first; "" for none
};
constexpr std::array<Site, 8> kSites = {{
    {"Paris", "Europe/Paris", 44, {"fr", "en", ""}},
    {"Lyon", "Europe/Paris", 10, {"fr", "en", ""}},
    {"Lille", "Europe/Paris", 7, {"fr", "en", "nl"}},
    {"London", "Europe/London", 11, {"en", "fr", ""}},
    {"Brussels", "Europe/Brussels", 6, {"fr", "nl", "en"}},
    {"Luxembourg", "Europe/Luxembourg", 7, {"fr", "de", "lb"}},
    {"New York", "America/New_York", 8, {"en", "es", ""}},
    {"Singapore", "Asia/Singapore", 7, {"en", "zh", "ms"}},
}};

struct Department {
  std::string_view name;
  int weight;
  std::array<std::string_view, 4> titles;  // staff job titles
};
constexpr std::array<Department, 9> kDepartments = {{
    {"Banque de détail", 26, {"Conseiller clientèle", "Chargé d'affaires professionnels", "Conseiller patrimonial", "Directeur d'agence adjoint"}},
    {"Banque de financement et d'investissement", 14, {"Analyste crédit", "Chargé d'affaires grandes entreprises", "Structureur", "Trader"}},
    {"Risques", 9, {"Analyste risques", "Modélisateur", "Contrôleur des risques", "Expert risque de crédit"}},
    {"Conformité", 7, {"Chargé de conformité", "Analyste LCB-FT", "Juriste", "Responsable KYC"}},
    {"Informatique", 14, {"Développeur", "Architecte cloud", "Data scientist", "Expert cybersécurité"}},
    {"Opérations", 12, {"Gestionnaire back-office", "Analyste opérations", "Chargé de paiements", "Coordinateur de projets"}},
    {"Finance", 7, {"Contrôleur de gestion", "Comptable", "Analyste financier", "Trésorier"}},
    {"Ressources humaines", 5, {"Chargé de recrutement", "Responsable formation", "Gestionnaire paie", "HR business partner"}},
    {"Marketing", 6, {"Chef de produit digital", "Community manager", "Chargé d'études", "Responsable CRM"}},
}};

constexpr std::array<std::string_view, 64> kFrenchFirst = {
    "Camille", "Léa", "Manon", "Chloé", "Emma", "Inès", "Sarah", "Juliette", "Louise", "Jade",
    "Zoé", "Clémence", "Anaïs", "Océane", "Mathilde", "Élise", "Hélène", "Nathalie", "Isabelle",
    "Sophie", "Catherine", "Françoise", "Sylvie", "Valérie", "Agnès", "Brigitte", "Céline",
    "Aurélie", "Maëlle", "Noémie", "Gaëlle", "Bérénice", "Lucas", "Hugo", "Théo", "Louis",
    "Nathan", "Enzo", "Mathis", "Raphaël", "Gabriel", "Arthur", "Jules", "Maxime", "Antoine",
    "Thomas", "Nicolas", "Julien", "Pierre", "Jean-Marc", "François", "Philippe", "Bernard",
    "Thierry", "Éric", "Hervé", "Gérard", "Loïc", "Benoît", "Jérôme", "Stéphane", "Cédric",
    "Grégoire", "Rémi"};
constexpr std::array<std::string_view, 40> kWorldFirst = {
    "Yanis", "Karim", "Mehdi", "Nadia", "Fatima", "Amina", "Youssef", "Samir", "Aïcha", "Moussa",
    "Oliver", "Charlotte", "James", "Emily", "Henry", "Olivia", "Sean", "Aoife", "Lukas", "Anna",
    "Pieter", "Sofie", "Marco", "Giulia", "Carlos", "Lucía", "João", "Beatriz", "Wei", "Mei",
    "Hiroshi", "Yuki", "Priya", "Arjun", "Siti", "Ahmad", "Kwame", "Ama", "Daniel", "Sarah"};
constexpr std::array<std::string_view, 80> kFrenchLast = {
    "Martin", "Bernard", "Thomas", "Petit", "Robert", "Richard", "Durand", "Dubois", "Moreau",
    "Laurent", "Simon", "Michel", "Lefèvre", "Leroy", "Roux", "David", "Bertrand", "Morel",
    "Fournier", "Girard", "Bonnet", "Dupont", "Lambert", "Fontaine", "Rousseau", "Vincent",
    "Muller", "Lefebvre", "Faure", "André", "Mercier", "Blanc", "Guérin", "Boyer", "Garnier",
    "Chevalier", "François", "Legrand", "Gauthier", "Garcia", "Perrin", "Robin", "Clément",
    "Morin", "Nicolas", "Henry", "Roussel", "Mathieu", "Gautier", "Masson", "Marchand", "Duval",
    "Denis", "Dumont", "Marie", "Lemaire", "Noël", "Meyer", "Dufour", "Meunier", "Brun",
    "Blanchard", "Giraud", "Joly", "Rivière", "Lucas", "Brunet", "Gaillard", "Barbier", "Arnaud",
    "Martinez", "Gérard", "Roche", "Renard", "Schmitt", "Roy", "Leroux", "Colin", "Vidal",
    "Caron"};
constexpr std::array<std::string_view, 40> kWorldLast = {
    "Benali", "Haddad", "El Amrani", "Diallo", "Traoré", "Nguyen", "Tran", "Chen", "Wang", "Li",
    "Tanaka", "Sato", "Patel", "Sharma", "Smith", "Jones", "Taylor", "Brown", "O'Connor", "Murphy",
    "Schneider", "Fischer", "Weber", "Janssens", "Peeters", "De Smet", "Rossi", "Bianchi",
    "Fernández", "González", "Silva", "Santos", "Kowalski", "Nowak", "Novák", "Papadopoulos",
    "Mensah", "Osei", "Rahman", "Tan"};

constexpr std::array<std::string_view, 11> kGrades = {"A", "B", "C", "D", "E", "F", "G", "H", "I", "J", "K"};

std::string ascii_for_email(std::string_view name) {
  std::string out;
  for (char c : core::fold_for_search(name)) {
    if ((c >= 'a' && c <= 'z') || (c >= '0' && c <= '9')) out += c;
    else if (c == '-' && !out.empty() && out.back() != '-') out += '-';
  }
  return out;
}

template <typename T, std::size_t N>
std::size_t weighted(Random& rng, const std::array<T, N>& items) {
  int total = 0;
  for (const auto& it : items) total += it.weight;
  int roll = static_cast<int>(rng.below(static_cast<std::size_t>(total)));
  for (std::size_t i = 0; i < N; ++i) {
    roll -= items[i].weight;
    if (roll < 0) return i;
  }
  return N - 1;
}

std::size_t grade_index(std::string_view grade) {
  return static_cast<std::size_t>(std::find(kGrades.begin(), kGrades.end(), grade) - kGrades.begin());
}
std::size_t department_index(std::string_view name) {
  return static_cast<std::size_t>(
      std::find_if(kDepartments.begin(), kDepartments.end(), [&](const Department& d) { return d.name == name; }) -
      kDepartments.begin());
}

constexpr int kHistoryMonths = 24;  // the extracts are months 0 (two years before today) to 24

// The first of the month `m` months after 2024-11-01 (kDemoToday is month 24).
std::string month_date(int m) { return fmt::format("{:04}-{:02}-01", 2024 + (10 + m) / 12, (10 + m) % 12 + 1); }

// What was different about one employee before a month of the history, and when they were away.
struct PastOf {
  int joined = 0;                     // the first extract they are in
  int left = kHistoryMonths + 1;      // absent from this extract on...
  int returned = kHistoryMonths + 1;  // ...until this one
  int promoted = -1;                  // their grade was one lower before this month
  int moved = -1;                     // before this month: another department, job title and manager
  std::string department, job_title, department_manager;
  int relocated = -1;                 // before this month: another site (and its time zone)
  const Site* site = nullptr;
  int reassigned = -1;                // before this month: another manager in the same department
  std::string manager;
};

}  // namespace

std::vector<std::string> demo_bank_grades() {
  return {kGrades.begin(), kGrades.end()};
}

std::vector<core::Employee> demo_bank(std::size_t rows, std::uint64_t seed) {
  Random rng(seed);
  std::vector<core::Employee> out;
  out.reserve(rows);
  std::set<std::string> emails;
  // Managers with room for more reports, per department; filled breadth-first, so each
  // department is a balanced tree of teams of up to 8.
  constexpr std::size_t kTeamSize = 8;
  std::map<std::size_t, std::deque<std::size_t>> open_managers;
  std::vector<std::size_t> reports(rows, 0);
  std::vector<int> depth(rows, 0);

  for (std::size_t i = 0; i < rows; ++i) {
    core::Employee e;
    e.employee_id = fmt::format("E{:06}", 100001 + i);
    const bool international = rng.below(100) < 22;
    const std::string first(international ? rng.pick(kWorldFirst) : rng.pick(kFrenchFirst));
    const std::string last(international ? rng.pick(kWorldLast) : rng.pick(kFrenchLast));
    e.first_name = first;
    e.last_name = last;
    std::string local = ascii_for_email(first) + "." + ascii_for_email(last);
    std::string email = local + "@demo-bank.example";
    for (int n = 2; emails.contains(email); ++n) email = fmt::format("{}{}@demo-bank.example", local, n);
    emails.insert(email);
    e.email = email;

    std::size_t dept = 0;
    int level = 0;
    if (i == 0) {
      e.job_title = "Directeur général";
      e.department = "Direction générale";
      level = 0;
    } else if (i <= kDepartments.size()) {
      dept = i - 1;  // one head per department, reporting to the CEO
      e.manager_id = out[0].employee_id;
      e.job_title = "Directeur·rice " + std::string(kDepartments[dept].name);
      e.department = std::string(kDepartments[dept].name);
      level = 1;
      open_managers[dept].push_back(i);
    } else {
      dept = weighted(rng, kDepartments);
      auto& open = open_managers[dept];
      const std::size_t manager = open.front();
      if (++reports[manager] == kTeamSize) open.pop_front();
      open.push_back(i);
      e.manager_id = out[manager].employee_id;
      e.department = std::string(kDepartments[dept].name);
      level = depth[manager] + 1;
      e.job_title = level <= 2 ? "Responsable d'équipe" : std::string(rng.pick(kDepartments[dept].titles));
    }
    depth[i] = level;

    // Grades by level: the executive committee at the top, young talents at the bottom.
    int grade = 0;
    if (level == 0) grade = 10;
    else if (level == 1) grade = 9;
    else if (level == 2) grade = rng.between(7, 8);
    else if (level == 3) grade = rng.between(4, 6);
    else grade = rng.between(0, 5);
    e.grade = std::string(kGrades[static_cast<std::size_t>(grade)]);

    const Site& site = i == 0 ? kSites[0] : kSites[weighted(rng, kSites)];
    e.site = std::string(site.name);
    e.time_zone = std::string(site.time_zone);
    e.languages.emplace_back(site.languages[0]);
    if (site.languages[0] != "en" && rng.below(100) < 85) e.languages.emplace_back("en");
    if (site.languages[0] == "en" && rng.below(100) < 35) e.languages.emplace_back("fr");
    if (!site.languages[2].empty() && rng.below(100) < 30) e.languages.emplace_back(site.languages[2]);
    if (international && rng.below(100) < 40) e.languages.emplace_back(rng.below(2) ? "ar" : "es");
    std::sort(e.languages.begin() + 1, e.languages.end());
    e.languages.erase(std::unique(e.languages.begin(), e.languages.end()), e.languages.end());

    // Age follows grade: grade A is about 24, grade K about 58.
    const int age = std::clamp(22 + grade * 3 + rng.between(-2, 6), 22, 64);
    const int birth_year = 2026 - age;
    e.birth_year = birth_year;
    const int first_job = birth_year + 22 + rng.between(0, 3);
    const int hired = std::min(2026, first_job + rng.between(0, std::max(0, 2026 - first_job)));
    // The demo's "today" is late 2026: nobody is hired in the future.
    const int month = rng.between(1, hired == 2026 ? 10 : 12);
    e.hire_date = fmt::format("{:04}-{:02}-{:02}", hired, month, rng.between(1, 28));
    e.active = true;
    out.push_back(std::move(e));
  }
  return out;
}

}  // namespace binome::app

namespace binome::app {

std::vector<DemoExtract> demo_bank_history(std::size_t rows, std::uint64_t seed) {
  const std::vector<core::Employee> today = demo_bank(rows, seed);
  Random rng(seed ^ 0x5EEDu);  // a stream of its own: the bank stays the same
  std::map<std::string, std::size_t> index;
  for (std::size_t i = 0; i < rows; ++i) index.emplace(today[i].employee_id, i);
  const auto manager_of = [&](std::size_t i) -> std::optional<std::size_t> {
    if (today[i].manager_id.empty()) return std::nullopt;
    return index.at(today[i].manager_id);
  };
  std::vector<std::size_t> reports(rows, 0);
  std::vector<int> depth(rows, 0);
  for (std::size_t i = 0; i < rows; ++i) {
    // Managers come before their reports (demo_bank fills the tree breadth-first).
    if (const auto m = manager_of(i)) {
      ++reports[*m];
      depth[i] = depth[*m] + 1;
    }
  }
  std::vector<PastOf> past(rows);
  for (std::size_t i = 0; i < rows; ++i) {
    // In the first extract dated after their hire date.
    while (past[i].joined < kHistoryMonths && month_date(past[i].joined) <= today[i].hire_date) ++past[i].joined;
  }
  // Managers who were there from the start, per department and depth: where people moved from.
  std::map<std::pair<std::string, int>, std::vector<std::size_t>> managers;
  for (std::size_t i = 0; i < rows; ++i) {
    if (reports[i] > 0 && past[i].joined == 0) managers[{today[i].department, depth[i]}].push_back(i);
  }
  const auto month_after = [&](int joined) { return rng.between(joined + 1, kHistoryMonths); };

  for (std::size_t i = 0; i < rows; ++i) {
    PastOf& p = past[i];
    // The executive committee stays put; so does whoever joined with the last extract.
    if (depth[i] < 2 || p.joined >= kHistoryMonths) continue;
    // About one in ten a year promoted: a fifth of the staff over two years.
    if (grade_index(today[i].grade) > 0 && rng.below(100) < 20) p.promoted = month_after(p.joined);
    if (reports[i] > 0) continue;  // only people without reports leave, move or change managers
    const std::size_t roll = rng.below(1000);
    if (roll < 100) {
      // A leaver (about five in a hundred a year); one in eight comes back before today.
      p.left = month_after(p.joined);
      p.promoted = -1;
      if (p.left < kHistoryMonths && rng.below(8) == 0) p.returned = rng.between(p.left + 1, kHistoryMonths);
    } else if (roll < 160) {
      // From another department's team, with its job title.
      const std::size_t other =
          (department_index(today[i].department) + 1 + rng.below(kDepartments.size() - 1)) % kDepartments.size();
      const auto& from = managers[{std::string(kDepartments[other].name), 2}];
      if (from.empty()) continue;
      p.moved = month_after(p.joined);
      p.department = std::string(kDepartments[other].name);
      p.job_title = std::string(rng.pick(kDepartments[other].titles));
      p.department_manager = today[from[rng.below(from.size())]].employee_id;
    } else if (roll < 200) {
      // From another site.
      const Site* site = &kSites[rng.below(kSites.size())];
      if (site->name == today[i].site) continue;
      p.relocated = month_after(p.joined);
      p.site = site;
    } else if (roll < 260) {
      // From another team of the same department.
      const auto manager = manager_of(i);
      const auto& peers = managers[{today[i].department, depth[*manager]}];
      const std::size_t from = peers.empty() ? *manager : peers[rng.below(peers.size())];
      if (from == *manager) continue;
      p.reassigned = month_after(p.joined);
      p.manager = today[from].employee_id;
    }
  }

  const auto present = [&](std::size_t i, int m) {
    return past[i].joined <= m && !(past[i].left <= m && m < past[i].returned);
  };
  // Employee i at month m, when there.
  const auto there = [&](std::size_t i, int m) {
    const PastOf& p = past[i];
    core::Employee e = today[i];
    if (m < p.promoted) e.grade = std::string(kGrades[grade_index(e.grade) - 1]);
    if (m < p.moved) {
      e.department = p.department;
      e.job_title = p.job_title;
      e.manager_id = p.department_manager;
    }
    if (m < p.relocated) {
      e.site = std::string(p.site->name);
      e.time_zone = std::string(p.site->time_zone);
    }
    if (m < p.reassigned) e.manager_id = p.manager;
    // A manager not yet hired: their team reported to the manager above them.
    while (!e.manager_id.empty() && !present(index.at(e.manager_id), m)) e.manager_id = today[index.at(e.manager_id)].manager_id;
    return e;
  };
  // As the directory knew them: nothing before they joined; while away, inactive, as they were
  // when they left.
  const auto as_of = [&](std::size_t i, int m) -> std::optional<core::Employee> {
    if (m < past[i].joined) return std::nullopt;
    if (present(i, m)) return there(i, m);
    core::Employee gone = there(i, past[i].left - 1);
    gone.active = false;
    return gone;
  };
  std::vector<DemoExtract> out;
  out.reserve(kHistoryMonths + 1);
  std::vector<std::optional<core::Employee>> before(rows);
  for (int m = 0; m <= kHistoryMonths; ++m) {
    DemoExtract& x = out.emplace_back();
    x.effective_date = month_date(m);
    for (std::size_t i = 0; i < rows; ++i) {
      auto now = as_of(i, m);
      if (now && now != before[i]) x.employees.push_back(*now);
      before[i] = std::move(now);
    }
  }
  return out;
}

}  // namespace binome::app
