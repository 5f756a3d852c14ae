#pragma once
// "Did you mean ...?" suggestions for misspelt keys and names in user-authored files.
#include <span>
#include <string>
#include <string_view>

namespace txr::core {

// Levenshtein distance between two byte strings (case-sensitive).
std::size_t edit_distance(std::string_view a, std::string_view b);

// The candidate closest to `word` when it is close enough to be a plausible typo (distance at
// most a third of the word's length, at least 1); empty otherwise.
std::string closest_match(std::string_view word, std::span<const std::string_view> candidates);

// " (did you mean 'x'?)" or "" — ready to append to an error message.
std::string did_you_mean(std::string_view word, std::span<const std::string_view> candidates);

}  // namespace txr::core
