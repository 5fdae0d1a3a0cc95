#pragma once

#include "extract/support_lexicon.hpp"

#include <cstdint>
#include <span>
#include <string_view>

namespace factledger::extract {

// Verb and preposition patterns, French and English, as lexicon rows (see support_lexicon.hpp
// for the tag syntax): verb:give|receive|invest|announce|cancel|agree|say, pp (past participle),
// future (future/modal form), past:STATUS (status when used in the past), dinst:INSTRUMENT
// (instrument implied when no word names one), prep:recipient|weak|invest|agent|source|partner,
// pronoun, noop (matched only to hide its words).
std::span<const CueEntry> fact_rule_entries();

// The word lists below, as bits: `word_lists(w)` answers every list at once for a word that is
// tested against several (one lookup instead of one per list).
enum WordList : std::uint32_t {
  wl_determiner = 1u << 4,       // "le", "the", "its" (is_determiner)
  wl_non_recipient = 1u << 5,    // "hauteur", "fin", "stade": no party after "à"/"to"
  wl_demonstrative = 1u << 8,    // "ce", "this": with no name after it a phrase points back
  wl_bad_party_start = 1u << 10, // pronouns, auxiliaries, adverbs, prepositions ("qui", "has")
  wl_date = 1u << 11,            // months, days, periods ("March", "semaine", "fiscal")
  wl_amount = 1u << 12,          // scale and currency words left of an amount ("billion")
  wl_document = 1u << 13,        // laws, programmes, sources: no actor ("law", "stratégie")
  wl_place = 1u << 14,           // places that name no government ("Arizona", "Dresde")
  wl_passive = 1u << 17,         // forms of "être"/"be" (is_passive_marker)
  wl_share = 1u << 18,           // "total", "share": after a possessive, the possessor is the party
};
std::uint32_t word_lists(std::string_view lower_word);

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
// Words that, after a comma, open a clause of their own (", while", ", which", ", tandis").
bool is_clause_subordinator(std::string_view lower_word);
// Approval verbs ("approved", "autorisé"): the approving authority is not the funder.
bool is_approval_verb(std::string_view lower_word);
// Negations right before an amount ("pas un euro", "not a cent"): no money moved.
bool is_negation_word(std::string_view lower_word);
// Future and modal words: a participle after one is not past ("seront versés", "will be paid").
bool is_future_marker(std::string_view lower_word);
// Common English verbs after an infinitive "to" ("to build"): no recipient follows.
bool is_infinitive_en(std::string_view lower_word);
// Forms of "être"/"be" that make a participle passive.
bool is_passive_marker(std::string_view lower_word);

} // namespace factledger::extract
