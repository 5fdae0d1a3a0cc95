#pragma once

#include "extract/support_lexicon.hpp"

#include <span>
#include <string_view>

namespace factledger::extract {

// Verb and preposition patterns, French and English, as lexicon rows (see support_lexicon.hpp
// for the tag syntax): verb:give|receive|invest|announce|cancel|agree|say, pp (past participle),
// future (future/modal form), past:STATUS (status when used in the past), dinst:INSTRUMENT
// (instrument implied when no word names one), prep:recipient|weak|invest|agent|source|partner,
// pronoun, noop (matched only to hide its words).
std::span<const CueEntry> fact_rule_entries();

// Word lists used to delimit noun phrases; each is matched against a lower-cased word.
// Words skipped between a subject and its verb ("a", "ainsi", "will", "also").
bool is_auxiliary_word(std::string_view lower_word);
// Words that end a noun phrase read forward ("pour", "qui", "which", "by").
bool is_phrase_stop_word(std::string_view lower_word, std::string_view lang);
// Words that open a clause, bounding a subject read backward ("que", "that", "et").
bool is_clause_opener(std::string_view lower_word);
// Leading determiners stripped when comparing party names ("le", "l'", "the", "its").
bool is_determiner(std::string_view lower_word);
// Words after "à"/"to" that show no recipient follows ("hauteur", "partir", infinitives
// are tested separately).
bool is_non_recipient_after_prep(std::string_view lower_word);
// Future and modal words: a participle after one is not past ("seront versés", "will be paid").
bool is_future_marker(std::string_view lower_word);
// Common English verbs after an infinitive "to" ("to build"): no recipient follows.
bool is_infinitive_en(std::string_view lower_word);
// Forms of "être"/"be" that make a participle passive.
bool is_passive_marker(std::string_view lower_word);

} // namespace factledger::extract
