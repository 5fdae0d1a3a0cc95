#include "extract/fact_rules.hpp"

#include <algorithm>
#include <iterator>

namespace factledger::extract {

namespace {

// Verb rows. "pp" marks past participles: after "a/ont/has" or alone after an amount they read
// as past ("8 milliards alloués à"); after "sera/will be" as future. Rows are grouped by verb.
constexpr CueEntry k_rules[] = {
    // --- French: giving.
    {"allou(?:é|ée|és|ées)", "verb:give pp past:awarded dinst:grant fr"},
    {"allou(?:e|ent|er|era|eront|erait|eraient|ant)", "verb:give dinst:grant fr"},
    {"accord(?:é|ée|és|ées)", "verb:give pp past:awarded dinst:grant fr"},
    {"accord(?:e|ent|er|era|eront|erait|eraient|ant)", "verb:give dinst:grant fr"},
    {"octroy(?:é|ée|és|ées)", "verb:give pp past:awarded dinst:grant fr"},
    {"octroi(?:e|ent|era|eront|erait)|octroyer", "verb:give dinst:grant fr"},
    {"attribu(?:é|ée|és|ées)", "verb:give pp past:awarded dinst:grant fr"},
    {"attribu(?:e|ent|er|era|eront)", "verb:give dinst:grant fr"},
    {"vers(?:é|ée|és|ées)", "verb:give pp past:disbursed dinst:grant fr"},
    {"vers(?:e|ent|er|era|eront|erait)", "verb:give dinst:grant fr"},
    {"d[ée]caiss(?:é|ée|és|ées)", "verb:give pp past:disbursed fr"},
    {"consacr(?:é|ée|és|ées)", "verb:give pp past:announced fr"},
    {"consacr(?:e|ent|er|era|eront)", "verb:give fr"},
    {"d[ée]bloqu(?:é|ée|és|ées)", "verb:give pp past:announced fr"},
    {"d[ée]bloqu(?:e|ent|er|era|eront)", "verb:give fr"},
    {"apport(?:é|ée|és|ées)", "verb:give pp past:awarded fr"},
    {"apport(?:e|ent|er|era|eront)", "verb:give fr"},
    {"fourni(?:t|r|ra|ront)", "verb:give fr"},
    {"financ(?:é|ée|és|ées)", "verb:give pp past:awarded fr"},
    {"financ(?:e|ent|er|era|eront)", "verb:give fr"},
    {"subventionn(?:é|ée|és|ées)", "verb:give pp past:awarded dinst:grant fr"},
    {"subventionn(?:e|ent|er|era)", "verb:give dinst:grant fr"},
    {"pr[êe]t(?:é|ée|és|ées)", "verb:give pp past:awarded dinst:loan fr"},
    {"pr[êe]t(?:er|era|eront)", "verb:give dinst:loan fr"},
    {"engag(?:é|ée|és|ées)", "verb:give pp past:announced fr"},
    {"promis|promise|promises", "verb:give pp past:announced fr"},
    {"promet|promettent|promettre", "verb:give fr"},
    {"d[ée]gag(?:é|ée|és|ées)", "verb:give pp past:announced fr"},
    {"accorder|allouer|verser|attribuer", "verb:give fr"},
    {"s[ée]lectionn(?:é|ée|és|ées)|retenu(?:e|s|es)?", "verb:give pp past:awarded fr"},
    // --- French: investing (a funder only when it is a public actor).
    {"investi|investis", "verb:invest pp past:disbursed fr"},
    {"invest(?:it|ir|ira|iront|issent|irait)", "verb:invest fr"},
    {"inject(?:é|ée|és|ées)", "verb:invest pp past:disbursed dinst:equity fr"},
    {"inject(?:e|ent|er|era|eront)", "verb:invest dinst:equity fr"},
    {"pris une participation|pris des participations|est entr[ée]e? au capital",
     "verb:invest pp past:disbursed dinst:equity fr"},
    {"prendre une participation|prend une participation|prendra une participation",
     "verb:invest dinst:equity fr"},
    {"investissements?", "verb:invest fr"},
    // --- French: receiving.
    {"re[çc]u|re[çc]ue|re[çc]us|re[çc]ues|per[çc]u|per[çc]ue|touch[ée]|empoch[ée]|obtenu|obtenue|"
     "d[ée]croch[ée]",
     "verb:receive pp past:disbursed fr"},
    {"re[çc]oi(?:t|vent)|recevr(?:a|ont|ait|aient)|recevoir|b[ée]n[ée]fici(?:e|ent|era|eront|"
     "erait|eraient|er)|obt(?:ient|iennent|iendra|iendront|enir)|d[ée]croch(?:e|er|era)|"
     "touch(?:e|er|era)|percevr(?:a|ont)",
     "verb:receive fr"},
    // --- French: announcing, approving, creating.
    {"annonc(?:é|ée|és|ées)|d[ée]voil[ée]|pr[ée]sent[ée]|lanc[ée]|cr[ée][ée]|notifi[ée]",
     "verb:announce pp fr"},
    {"annonc(?:e|ent|er|era)|d[ée]voil(?:e|ent|er)|pr[ée]vo(?:it|ient|ir|yant|ira)|"
     "pr[ée]vu(?:e|s|es)?|lanc(?:e|ent|er|era)|cr[ée](?:e|ent|er|era)|mobilis(?:e|ent|é|ée)|"
     "met sur la table|mettra sur la table|budg[ée]t[ée]",
     "verb:announce fr"},
    {"approuv[ée]e?s?|valid[ée]e?s?|autoris[ée]e?s?|sign[ée]e?s?|finalis[ée]e?s?|conclu(?:e|s)?",
     "verb:announce pp past:awarded fr"},
    {"approuv(?:e|ent|er|era)|valid(?:e|ent|er|era)|autoris(?:e|ent|er|era)", "verb:announce fr"},
    // --- French: cancelling and clawing back.
    {"annul(?:é|ée|és|ées|e|ent|er|era)|retir(?:é|ée|e|ent|er|era)|supprim(?:é|ée|e|er|era)|"
     "abandonn(?:é|ée|e|er)|renonc(?:é|e|er)|gel(?:é|ée|er)|exig(?:e|é|er|ent) le remboursement|"
     "r[ée]cup[ée]r(?:er|é|e)|r[ée]clam(?:e|é|er) le remboursement",
     "verb:cancel fr"},
    // --- French: agreements and speech.
    {"sign[ée] (?:un|une|des)|a sign[ée]|ont sign[ée]", "verb:agree pp past:awarded fr"},
    {"a confirm[ée]|a indiqu[ée]|a pr[ée]cis[ée]|a d[ée]clar[ée]|selon un communiqu[ée]|"
     "a fait savoir|a assur[ée]",
     "verb:say fr"},

    // --- English: giving.
    {"awarded|granted|allocated|finali[sz]ed|approved|selected|provided|extended|lent|"
     "subsidi[sz]ed",
     "verb:give pp past:awarded dinst:grant en"},
    {"disbursed|paid|paid out", "verb:give pp past:disbursed en"},
    {"earmarked|set aside|committed|pledged|offered|promised|backed|channell?ed",
     "verb:give pp past:announced en"},
    {"(?:will|would|could|to|may|shall|must) (?:grant|award|subsidi[sz]e)",
     "verb:give dinst:grant en"},
    {"(?:will|would|could|to|may|shall|must) (?:fund|finance)", "verb:give en"},
    {"allocates?|disburses?|pays|provides?|extends?|lends?|subsidi[sz]es?|"
     "earmarks?|commits?|pledges?|offers?|promises?|backs|channels?|finali[sz]es?|"
     "spends?|spent|devotes?|devoted|allocate|provide|extend|disburse|lend|spend|"
     "pay|commit|pledge",
     "verb:give en"},
    {"invested|injected|poured|pumped", "verb:invest pp past:disbursed en"},
    {"invests?|invest|injects?|inject|pours?|pumps?|investments?|takes?|took|take",
     "verb:invest en"},
    {"received|secured|won|obtained|got|landed|clinched|was awarded|were awarded|was granted|"
     "were granted",
     "verb:receive pp past:awarded en"},
    {"receives?|receive|secures?|secure|wins?|win|obtains?|obtain|gets?|get|lands?|"
     "is eligible for|are eligible for|stands? to receive",
     "verb:receive en"},
    {"announced|unveiled|launched|created|set up|established|proposed|budgeted",
     "verb:announce pp en"},
    {"announces?|announce|unveils?|unveil|launch(?:es)?|creates?|create|plans?|sets? up|"
     "establish(?:es)?",
     "verb:announce en"},
    {"cancell?ed|cancels?|cancel|withdr(?:ew|awn|aws|aw)|rescind(?:ed|s)?|revok(?:ed|es|e)|"
     "terminat(?:ed|es|e)|scrap(?:ped|s)?|clawed back|claws? back|claw back|pulled|"
     "rolled back|froze|frozen|halted",
     "verb:cancel en"},
    {"signed", "verb:agree pp past:awarded en"},
    {"said|says|announced on|told|confirmed|stated", "verb:say en"},

    // --- Not verbs of support, matched so that their words do not read as one ("prêt à
    // investir" is "ready to invest", not a loan).
    {"pr[êe]te?s? [àa]|pr[êe]te?s? pour", "noop fr"},

    // --- Prepositions.
    {"à|au|aux|en faveur d['’]|en faveur de|en faveur des|au profit d['’]|au profit de|"
     "au profit des|au b[ée]n[ée]fice de|destin[ée]e?s? [àa]|destin[ée]e?s? aux?|chez|"
     "pour soutenir|pour aider|pour financer",
     "prep:recipient fr"},
    {"=to|into|to support|to help|to fund|to back", "prep:recipient en"},
    {"pour", "prep:weak fr"},
    {"=for", "prep:weak en"},
    {"dans", "prep:invest fr"},
    {"=in", "prep:invest en"},
    {"par", "prep:agent fr"},
    {"=by|funded by", "prep:agent en"},
    {"de la part d['’]|de la part de|de la part des|aupr[èe]s d['’]|aupr[èe]s de|aupr[èe]s des",
     "prep:source fr"},
    {"=from", "prep:source en"},
    {"avec", "prep:partner fr"},
    {"=with", "prep:partner en"},

    // --- Subjects to resolve.
    {"=Il|=Elle|=Ils|=Elles|=It|=They|il|elle|ils|elles|it|they|qui|which|celui-ci|celle-ci|"
     "l['’]organisme|l['’]institution|the agency",
     "pronoun"},
};

constexpr std::string_view k_auxiliaries[] = {
    "a",          "ont",       "avait",        "avaient",    "aura",
    "auront",     "va",        "vont",         "doit",       "doivent",
    "devrait",    "devraient", "pourrait",     "pourraient", "compte",
    "entend",     "veut",      "souhaite",     "vient",      "viennent",
    "de",         "d'",        "s'est",        "est",        "sont",
    "été",        "sera",      "seront",       "serait",     "seraient",
    "ainsi",      "également", "aussi",        "déjà",       "officiellement",
    "finalement", "enfin",     "encore",       "notamment",  "désormais",
    "ensuite",    "n'",        "ne",           "pas",        "se",
    "s'",         "y",         "prêt",         "prête",      "prêts",
    "à",          "envisage",  "envisagerait", "together",   "has",
    "have",       "had",       "will",         "would",      "could",
    "may",        "might",     "should",       "is",         "are",
    "was",        "were",      "be",           "been",       "set",
    "to",         "plans",     "plan",         "also",       "already",
    "officially", "finally",   "now",          "reportedly", "jointly",
    "ensemble",   "lui-même",  "elle-même",    "also",       "recently",
    "récemment",
};

constexpr std::string_view k_stop_words_fr[] = {
    "pour",     "afin",    "par",     "qui",    "que",       "qu'",    "dont",        "lors",
    "selon",    "sur",     "avec",    "contre", "via",       "grâce",  "après",       "avant",
    "depuis",   "pendant", "d'ici",   "soit",   "où",        "tandis", "mais",        "car",
    "sous",     "en",      "ainsi",   "afin",   "notamment", "parmi",  "entre",       "vers",
    "lorsque",  "quand",   "si",      "comme",  "alors",     "cette",  "ce",          "ces",
    "a",        "ont",     "sera",    "seront", "est",       "sont",   "était",       "serait",
    "seraient", "va",      "vont",    "doit",   "afin",      "déjà",   "hors",        "malgré",
    "au-delà",  "jusqu'",  "jusqu'à", "durant", "chaque",    "cet",    "aujourd'hui", "hier",
};

constexpr std::string_view k_stop_words_en[] = {
    "for",    "by",      "from",   "which",  "who",    "that",      "to",    "under",     "over",
    "with",   "through", "after",  "before", "during", "including", "while", "as",        "on",
    "at",     "since",   "but",    "or",     "this",   "next",      "last",  "so",        "until",
    "when",   "where",   "whose",  "than",   "via",    "against",   "among", "is",        "are",
    "was",    "were",    "will",   "would",  "has",    "have",      "had",   "could",     "can",
    "should", "may",     "might",  "said",   "says",   "in",        "into",  "if",        "because",
    "amid",   "despite", "across", "per",    "each",   "every",     "today", "yesterday",
};

constexpr std::string_view k_clause_openers[] = {
    "que", "qu'", "that", "et",   "and", "mais",    "but",   "où",     "when",  "lorsque",
    "si",  "if",  "puis", "then", "car", "because", "while", "tandis", "alors", "whereas",
};

constexpr std::string_view k_determiners[] = {
    "le",  "la",    "les", "l'",   "un",    "une",   "des", "de",    "du",  "d'", "au",   "aux",
    "the", "a",     "an",  "its",  "their", "his",   "her", "ses",   "son", "sa", "leur", "leurs",
    "ce",  "cette", "ces", "this", "these", "those", "our", "notre", "nos", "of",
};

constexpr std::string_view k_non_recipient[] = {
    "hauteur", "partir", "compter", "l'horizon", "horizon", "taux",  "travers",
    "terme",   "peine",  "nouveau", "date",      "l'issue", "issue", "moins",
    "hauteur", "titre",  "cause",   "raison",    "court",   "long",
};

template <std::size_t N> bool contains(const std::string_view (&list)[N], std::string_view w) {
  return std::find(std::begin(list), std::end(list), w) != std::end(list);
}

constexpr std::string_view k_future_markers[] = {
    "sera",     "seront",     "serait", "seraient", "va",     "vont",     "devrait", "devraient",
    "pourrait", "pourraient", "doit",   "doivent",  "will",   "would",    "could",   "may",
    "might",    "should",     "être",   "to",       "pourra", "pourront", "aller",   "allait",
};

constexpr std::string_view k_infinitives_en[] = {
    "build",  "host",      "develop",   "expand",  "fund",       "support",     "help",
    "create", "boost",     "rip",       "make",    "produce",    "manufacture", "invest",
    "train",  "cover",     "finance",   "buy",     "construct",  "set",         "launch",
    "bring",  "modernize", "modernise", "upgrade", "strengthen", "accelerate",  "attract",
    "secure", "establish", "open",      "design",  "scale",      "deploy",      "replace",
    "reduce", "add",       "hire",      "keep",    "speed",      "decarbonize", "decarbonise",
    "retool", "convert",   "pay",       "offset",  "complete",   "restart",     "revive",
    "extend", "lower",     "address",   "compete", "counter",
};

constexpr std::string_view k_passive_markers[] = {
    "est",
    "sont",
    "été",
    "sera",
    "seront",
    "serait",
    "seraient",
    "était",
    "étaient",
    "être",
    "is",
    "are",
    "was",
    "were",
    "been",
    "be",
    "being",
};

} // namespace

std::span<const CueEntry> fact_rule_entries() {
  return k_rules;
}

bool is_auxiliary_word(std::string_view w) {
  return contains(k_auxiliaries, w);
}

bool is_phrase_stop_word(std::string_view w, std::string_view lang) {
  return lang == "fr" ? contains(k_stop_words_fr, w) : contains(k_stop_words_en, w);
}

bool is_clause_opener(std::string_view w) {
  return contains(k_clause_openers, w);
}

bool is_determiner(std::string_view w) {
  return contains(k_determiners, w);
}

bool is_non_recipient_after_prep(std::string_view w) {
  return contains(k_non_recipient, w);
}

bool is_future_marker(std::string_view w) {
  return contains(k_future_markers, w);
}

bool is_infinitive_en(std::string_view w) {
  return contains(k_infinitives_en, w);
}

bool is_passive_marker(std::string_view w) {
  return contains(k_passive_markers, w);
}

} // namespace factledger::extract
