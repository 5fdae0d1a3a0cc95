#pragma once

#include "extract/phrase_map.hpp"
#include "model/fact.hpp"
#include "model/span.hpp"

#include <array>
#include <cstdint>
#include <memory>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

namespace factledger::extract {

// What a verb does to the parties around it (fact_rules.cpp).
enum class VerbClass : std::uint8_t {
  none,
  give,     // "X a accordé ... à Y", "X awarded Y ...": subject gives
  receive,  // "Y a reçu", "Y won": subject receives
  invest,   // "X investit ... dans Y": gives only when X is a public actor
  announce, // "X a annoncé", "X unveiled": subject is the funder, weakly
  cancel,   // "X a annulé", "X clawed back": subject is the funder, status cancelled
  agree,    // "X a signé ... avec Y": the public party funds the other
  say,      // "X said", "a confirmé X": a speaker, used when nothing better names the funder
};

// Where a preposition points (fact_rules.cpp).
enum class PrepKind : std::uint8_t {
  none,
  recipient,        // à, aux, en faveur de, to, into
  recipient_weak,   // pour, for: only before an organisation or a proper name
  recipient_invest, // dans, in: only for investments
  agent,            // par, by (passive agent)
  source,           // de la part de, auprès de, from
  partner,          // avec, with
};

// Where an amount-kind cue stands relative to its amount.
enum class CueSide : std::uint8_t { either, before, after };

// Everything one lexicon entry says about the words it matches; built from the entry's tag
// string ("verb:give past:awarded inst:grant pp") once at start-up.
struct CueInfo {
  std::optional<Instrument> instrument;         // a word naming the instrument ("subvention")
  std::optional<Instrument> default_instrument; // what a verb implies when no word names it
  std::optional<Status> status;                 // a word fixing the status ("protocole d'accord")
  std::optional<Status> past_status;            // a verb's status when used in the past
  std::optional<AmountKind> kind;
  CueSide kind_side = CueSide::either;
  std::string_view sector;     // "" when none
  bool generic_sector = false; // research, skills: lose to a domain sector
  bool abstract = false;       // a domain, not a party ("l'IA", "research")
  std::string_view country;    // "" when none
  VerbClass verb = VerbClass::none;
  bool participle = false; // a past participle form ("alloués", "awarded")
  bool future = false;     // a future or modal form ("accordera", "will")
  PrepKind prep = PrepKind::none;
  bool actor = false;          // a public actor (government, ministry, Pékin, fund...)
  bool recipient_head = false; // an organisation noun (entreprises, chipmakers, usine...)
  bool hedge = false;          // conditional mood, "reportedly", "would"
  bool attribution = false;    // "selon", "according to": introduces a source
  bool not_support = false;    // market size, revenue, valuation, fine, salary...
  bool support = false;        // public money named without its form ("enveloppe", "outlay")
  bool back_ref = false;       // "Ce montant", "The grant": the sentence refers back
  bool pronoun = false;        // "il", "it", "qui": a subject to resolve
  std::string_view lang;       // "fr" or "en" for one language's rows, "" for both
};

// One lexicon row: an RE2 fragment (non-capturing groups only; a leading '=' makes it
// case-sensitive) and its tags. Adding a word is adding a row.
struct CueEntry {
  std::string_view pattern;
  std::string_view tags;
};

// A lexicon match in a text.
struct CueHit {
  Span span;
  const CueInfo* info = nullptr;
};

// Scans a text for every entry of a set of lexicon tables at once. Each entry's RE2 fragment is
// expanded once into the finite set of phrases it matches (canonical form: white space runs as
// one space, typographic apostrophes as ASCII); a scan then splits the text into words once and
// looks phrases up in hash tables, longest first, keeping only hits that start and end on word
// boundaries. `\pL+suffix` alternatives match one word by its ending.
class CueScanner {
public:
  // Rows tagged with another language than `lang` are left out ("pour" is French, "pours"
  // English); `lang` "" keeps every row.
  CueScanner(std::vector<std::span<const CueEntry>> tables, std::string_view lang);
  ~CueScanner();
  CueScanner(const CueScanner&) = delete;
  CueScanner& operator=(const CueScanner&) = delete;

  // Append the hits in `text[range]` to `out` (spans are offsets into `text`), in text order.
  void scan(std::string_view text, Span range, std::vector<CueHit>& out) const;

private:
  struct Node {
    int entry = -1;      // lowest entry whose phrase is exactly this key (-1: none)
    bool longer = false; // some phrase goes on past this key's last word
  };
  using Map = PhraseMap<Node>;
  static constexpr std::size_t k_first_word_lengths = 32;
  // [first byte of the first word][its byte length, capped]: some phrase starts so.
  using FirstWords = std::vector<std::array<bool, k_first_word_lengths>>;
  static void add_phrase(Map& map, FirstWords& first_words, const std::string& phrase, int entry);

  FirstWords m_first_folded = FirstWords(256); // first byte lower-cased
  FirstWords m_first_exact = FirstWords(256);
  Map m_folded;                                        // case-insensitive phrases, lower-case
  Map m_exact;                                         // case-sensitive phrases ('=' alternatives)
  std::vector<std::pair<std::string, int>> m_suffixes; // "\pL+eraient": lower-case ending
  std::vector<CueInfo> m_infos;
};

// Parse a tag string; throws factledger::Error naming the tag on an unknown one.
CueInfo parse_cue_tags(std::string_view tags);

// The support lexicon (instruments, sectors, statuses, hedges, amount kinds, countries, public
// actors, not-support words, back-references), French and English.
std::span<const CueEntry> support_lexicon_entries();

// True when the code point at byte `pos` of `text` is a letter or digit (UTF-8 aware).
// (The ASCII case is inline: scanners call it for every byte.)
bool is_word_char_beyond_ascii(std::string_view text, std::size_t pos);
inline bool is_word_char_at(std::string_view text, std::size_t pos) {
  if (pos >= text.size()) {
    return false;
  }
  auto c = static_cast<unsigned char>(text[pos]);
  if (c < 0x80) {
    return (c >= '0' && c <= '9') || (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
  }
  return is_word_char_beyond_ascii(text, pos);
}
// Byte offset of the code point that ends at `pos` (REQUIRES: pos > 0).
std::size_t previous_char_start(std::string_view text, std::size_t pos);

} // namespace factledger::extract
