// A random, bank-like cohort of profiles for tests and benchmarks: young mentors strong in
// digital skills who want to learn the business, senior mentees the other way round; sites in
// five time zones, free time in working hours, a few shared languages, departments, grades and
// a management tree. Deterministic from the seed.
#pragma once

#include <algorithm>
#include <cstdint>
#include <random>
#include <vector>

#include "core/matching/profiles.hpp"

namespace binome::testing {

struct ProfileCohort {
  std::vector<core::matching::Profile> mentees;
  std::vector<core::matching::Profile> mentors;
  std::int32_t skills = 24;  // 0-13 digital topics, 14-23 business ("reverse") topics
  std::int32_t interests = 40;
  std::int32_t languages = 6;  // 0 = fr, 1 = en, then four more
  std::int32_t departments = 9;
};

inline ProfileCohort random_profile_cohort(std::uint32_t mentees, std::uint32_t mentors,
                                           std::uint64_t seed) {
  namespace m = core::matching;
  std::mt19937_64 rng(seed);
  const auto pick = [&](std::int32_t lo, std::int32_t hi) {
    return std::uniform_int_distribution<std::int32_t>(lo, hi)(rng);
  };
  ProfileCohort c;
  // People: mentees 0..n-1, mentors n..n+m-1, then managers; each participant's chain is a
  // path up a tree of managers (the first 20 are the top).
  const std::int32_t first_manager = static_cast<std::int32_t>(mentees + mentors);
  const std::int32_t managers =
      std::max<std::int32_t>(40, static_cast<std::int32_t>((mentees + mentors) / 8));
  std::vector<std::int32_t> boss(static_cast<std::size_t>(managers), -1);
  for (std::int32_t k = 20; k < managers; ++k) boss[static_cast<std::size_t>(k)] = pick(0, k - 1);
  constexpr std::int32_t kOffsets[] = {60, 0, -300, 480,
                                       330};  // Paris, London, New York, Singapore, Mumbai
  const auto make = [&](bool senior, std::int32_t person) {
    m::Profile p;
    p.person = person;
    const auto topics = [&](std::int32_t lo, std::int32_t hi, std::int32_t count) {
      std::vector<std::int32_t> out;
      while (static_cast<std::int32_t>(out.size()) < count) {
        const std::int32_t s = pick(lo, hi);
        if (std::find(out.begin(), out.end(), s) == out.end()) out.push_back(s);
      }
      std::sort(out.begin(), out.end());
      return out;
    };
    // Teaches its side's topics well, a little of the other; learns the other side's.
    const std::int32_t teach_lo = senior ? 14 : 0, teach_hi = senior ? 23 : 13;
    const std::int32_t learn_lo = senior ? 0 : 14, learn_hi = senior ? 13 : 23;
    for (std::int32_t s : topics(teach_lo, teach_hi, pick(2, 5)))
      p.proficiency.emplace_back(s, pick(3, 8));
    for (std::int32_t s : topics(learn_lo, learn_hi, pick(0, 2)))
      p.proficiency.emplace_back(s, pick(1, 3));
    std::sort(p.proficiency.begin(), p.proficiency.end());
    for (std::int32_t s : topics(learn_lo, learn_hi, pick(2, 4)))
      p.goals.emplace_back(s, pick(1, 3) / 3.0);
    p.interests = topics(0, c.interests - 1, pick(1, 5));
    p.languages = (pick(0, 9) < 8 ? 1U : 0U) | (pick(0, 9) < 7 ? 2U : 0U);
    p.languages |= std::uint32_t{1} << pick(2, c.languages - 1);
    const std::int32_t offset = kOffsets[pick(0, 4)];
    p.utc_offset_minutes = offset;
    // Three to six two-hour blocks on weekdays between 08:00 and 18:00, local time.
    for (std::int32_t b = pick(3, 6); b > 0; --b) {
      const std::int32_t start = pick(0, 4) * 48 + pick(16, 32);
      for (std::int32_t h = 0; h < 4; ++h) {
        const std::int32_t utc =
            ((start + h - offset / 30) % m::kWeekSlots + m::kWeekSlots) % m::kWeekSlots;
        p.free_slots.push_back(utc);
      }
    }
    std::sort(p.free_slots.begin(), p.free_slots.end());
    p.free_slots.erase(std::unique(p.free_slots.begin(), p.free_slots.end()), p.free_slots.end());
    p.department = pick(0, c.departments - 1);
    p.grade = senior ? pick(4, 10) : pick(0, 5);
    for (std::int32_t k = pick(20, managers - 1); k >= 0; k = boss[static_cast<std::size_t>(k)]) {
      p.managers.push_back(first_manager + k);
    }
    return p;
  };
  for (std::uint32_t i = 0; i < mentees; ++i)
    c.mentees.push_back(make(true, static_cast<std::int32_t>(i)));
  for (std::uint32_t j = 0; j < mentors; ++j) {
    c.mentors.push_back(make(false, static_cast<std::int32_t>(mentees + j)));
  }
  return c;
}

}  // namespace binome::testing
