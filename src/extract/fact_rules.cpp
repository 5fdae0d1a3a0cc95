#include "extract/fact_rules.hpp"

#include <algorithm>
#include <array>
#include <cstdint>

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
    {"r[ée]serv(?:é|ée|és|ées)", "verb:give pp past:announced fr"},
    {"r[ée]serv(?:e|ent|era|eront)", "verb:give fr"},
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
    // Capital subscribed in a state fund ("the Ministry of Finance subscribed 60 billion yuan").
    {"subscribed|put in", "verb:invest pp past:disbursed dinst:equity en"},
    {"subscribes?|puts in", "verb:invest dinst:equity en"},
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
    {"said|says|say|announced on|told|confirmed|stated", "verb:say en"},

    // --- Not verbs of support, matched so that their words do not read as one ("prêt à
    // investir" is "ready to invest", not a loan; "won approval" wins no money).
    {"pr[êe]te?s? [àa]|pr[êe]te?s? pour", "noop fr"},
    {"obtenu (?:l['’]autorisation|le feu vert|l['’]aval)|re[çc]u (?:l['’]autorisation|le feu vert|"
     "l['’]aval)",
     "noop fr"},
    {"(?:won|secured|received|got|obtained) (?:EU |European |regulatory |state-aid )?"
     "(?:approval|clearance|the green light)",
     "noop en"},
    // --- Receiving, cancelling: forms the rows above miss.
    {"cr[ée]dit[ée]e?s?", "verb:receive pp past:awarded fr"},
    {"radi(?:é|ée|és|ées|e|er|era)", "verb:cancel fr"},
    {"written off|writes? off|wrote off|writing off|shelved|shelves|shelve", "verb:cancel en"},

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
    "pour",     "afin",    "par",     "qui",       "que",       "qu'",    "dont",        "lors",
    "selon",    "sur",     "avec",    "contre",    "via",       "grâce",  "après",       "avant",
    "depuis",   "pendant", "d'ici",   "soit",      "où",        "tandis", "mais",        "car",
    "sous",     "en",      "ainsi",   "afin",      "notamment", "parmi",  "entre",       "vers",
    "lorsque",  "quand",   "si",      "comme",     "alors",     "cette",  "ce",          "ces",
    "a",        "ont",     "sera",    "seront",    "est",       "sont",   "était",       "serait",
    "seraient", "va",      "vont",    "doit",      "afin",      "déjà",   "hors",        "malgré",
    "au-delà",  "jusqu'",  "jusqu'à", "durant",    "chaque",    "cet",    "aujourd'hui", "hier",
    "reste",    "restent", "demeure", "demeurent",
};

constexpr std::string_view k_stop_words_en[] = {
    "for",      "by",      "from",    "which", "who",    "that",      "to",        "under",
    "over",     "with",    "through", "after", "before", "during",    "including", "while",
    "as",       "on",      "at",      "since", "but",    "or",        "this",      "next",
    "last",     "so",      "until",   "when",  "where",  "whose",     "than",      "via",
    "against",  "among",   "is",      "are",   "was",    "were",      "will",      "would",
    "has",      "have",    "had",     "could", "can",    "should",    "may",       "might",
    "said",     "says",    "in",      "into",  "if",     "because",   "amid",      "despite",
    "across",   "per",     "each",    "every", "today",  "yesterday", "remains",   "remain",
    "remained", "amounts",
};

constexpr std::string_view k_clause_openers[] = {
    "que",   "qu'",     "that",  "et",      "and",   "mais",   "but",  "où",
    "when",  "lorsque", "si",    "if",      "puis",  "then",   "car",  "because",
    "while", "tandis",  "alors", "whereas", "after", "before", "once", "until",
};

constexpr std::string_view k_determiners[] = {
    "le",  "la",    "les", "l'",   "un",    "une",   "des", "de",    "du",  "d'", "au",   "aux",
    "the", "a",     "an",  "its",  "their", "his",   "her", "ses",   "son", "sa", "leur", "leurs",
    "ce",  "cette", "ces", "this", "these", "those", "our", "notre", "nos", "of",
};

constexpr std::string_view k_non_recipient[] = {
    "atteinte",   "l'atteinte", "condition", "conditions", "hauteur",      "partir",      "compter",
    "l'horizon",  "horizon",    "taux",      "travers",    "terme",        "peine",       "nouveau",
    "date",       "l'issue",    "issue",     "moins",      "construction", "réalisation", "mise",
    "hauteur",    "titre",      "cause",     "raison",     "court",        "long",        "fin",
    "début",      "stade",      "seul",      "seuls",      "seule",        "mi",          "cours",
    "l'heure",    "heure",      "end",       "beginning",  "start",        "time",        "rate",
    "least",      "most",       "date",      "lui",        "eux",          "elle-même",   "itself",
    "production",
};

// Words after a comma that open another clause with its own subject or object: ", while
// Shanghai's programme", ", which supports", ", tandis que".
constexpr std::string_view k_clause_subordinators[] = {
    "while",
    "whereas",
    "but",
    "which",
    "who",
    "tandis",
    "alors",
    "mais",
    "qui",
    "dont",
    "although",
    "bien",
    "as",
    "ainsi",
};

// Verbs of approving: when the EU approves state aid, the Commission gives no money.
constexpr std::string_view k_approval_verbs[] = {
    "approved",   "approves",  "approve",   "authorized", "authorised", "cleared",
    "autorisé",   "autorisée", "autorisés", "autorisées", "autorise",   "autorisait",
    "autorisent", "approuvé",  "approuvée", "approuvés",  "approuvées", "approuve",
    "validé",     "validée",   "validés",   "validées",   "valide",
};

// Demonstratives: "ce stade", "this project" point back and name no party by themselves.
constexpr std::string_view k_demonstratives[] = {
    "ce",
    "cet",
    "cette",
    "ces",
    "this",
    "these",
    "those",
    "that",
};

// Negations just before an amount: "pas un euro n'est sorti", "not a cent": no money moved.
constexpr std::string_view k_negations[] = {
    "pas",
    "aucun",
    "aucune",
    "ni",
    "jamais",
    "not",
    "no",
    "never",
    "nor",
};

// First words that show a phrase is no party: relative and personal pronouns, auxiliaries,
// adverbs, prepositions ("qui prévoit", "has so far", "to Microsoft's", "par huit groupes").
constexpr std::string_view k_bad_party_starts[] = {
    "qui",      "que",      "qu'",       "dont",      "lequel",    "laquelle", "lesquels", "lui",
    "eux",      "y",        "en",        "on",        "ont",       "avait",    "avaient",  "est",
    "sont",     "sera",     "seront",    "été",       "va",        "vont",     "doit",     "peut",
    "par",      "pour",     "selon",     "sur",       "dans",      "avec",     "après",    "avant",
    "depuis",   "déjà",     "ainsi",     "aussi",     "également", "encore",   "alors",    "puis",
    "ensuite",  "which",    "who",       "whom",      "whose",     "that",     "it",       "they",
    "he",       "she",      "them",      "has",       "have",      "had",      "is",       "are",
    "was",      "were",     "will",      "would",     "could",     "can",      "may",      "to",
    "by",       "for",      "from",      "in",        "into",      "with",     "on",       "at",
    "after",    "before",   "since",     "so",        "also",      "already",  "then",     "now",
    "still",    "however",  "according", "while",     "although",  "if",       "when",     "where",
    "celle-ci", "celui-ci", "ceux-ci",   "celles-ci", "and",       "et",       "or",       "ou",
};

// Dates: a party naming a month, a day or a season is a date phrase ("in March").
constexpr std::string_view k_date_words[] = {
    "janvier",   "février",   "mars",     "avril",    "mai",      "juin",      "juillet",
    "août",      "septembre", "octobre",  "novembre", "décembre", "january",   "february",
    "march",     "april",     "may",      "june",     "july",     "august",    "september",
    "october",   "november",  "december", "lundi",    "mardi",    "mercredi",  "jeudi",
    "vendredi",  "samedi",    "dimanche", "monday",   "tuesday",  "wednesday", "thursday",
    "friday",    "saturday",  "sunday",   "année",    "year",     "years",     "ans",
    "mois",      "month",     "months",   "semaine",  "semaines", "week",      "weeks",
    "trimestre", "quarter",   "semestre", "exercice", "fiscal",   "dernier",   "dernière",
    "prochain",  "prochaine", "last",     "next",     "ago",
};

// Amount and scale words: what is left of an amount is no party ("billion", "euros").
constexpr std::string_view k_amount_words[] = {
    "million", "millions", "milliard", "milliards", "billion", "billions", "trillion", "trillions",
    "bn",      "mn",       "md",       "mds",       "crore",   "crores",   "lakh",     "euro",
    "euros",   "dollar",   "dollars",  "yuan",      "yuans",   "yen",      "yens",     "won",
    "livres",  "pounds",   "francs",   "roupies",   "rupees",  "percent",  "mille",    "thousand",
};

// Shares of a sum after a possessive: "the government's total", "Ottawa's share" name the
// possessor as the party.
constexpr std::string_view k_share_words[] = {
    "total",
    "share",
    "contribution",
    "stake",
    "portion",
    "part",
    "sum",
};

// Nouns of documents, laws and programmes: they do not give money themselves ("The 2022
// law set aside", "un décret a annulé", "la stratégie nationale a mobilisé").
constexpr std::string_view k_document_words[] = {
    "loi",        "lois",      "décret",  "décrets",   "law",      "laws",       "bill",
    "decree",     "rapport",   "report",  "étude",     "study",    "décompte",   "tally",
    "stratégie",  "strategy",  "roadmap", "feuille",   "document", "documents",  "bilan",
    "cadre",      "framework", "scheme",  "programme", "program",  "dispositif", "mission",
    "initiative", "plan",      "budget",  "enveloppe", "package",  "pointage",   "figures",
    "estimates",  "data",      "filings", "presse",    "press",    "sources",    "source",
};

// Places that name no government by themselves: "a fab in Arizona" gives no recipient.
constexpr std::string_view k_place_words[] = {
    "arizona",    "texas",     "ohio",       "oregon",        "new",       "york",     "mexico",
    "idaho",      "virginia",  "california", "indiana",       "illinois",  "kansas",   "georgia",
    "michigan",   "utah",      "colorado",   "florida",       "carolina",  "north",    "south",
    "vermont",    "malta",     "boise",      "clay",          "manassas",  "dresde",   "dresden",
    "magdebourg", "magdeburg", "crolles",    "grenoble",      "dunkerque", "kumamoto", "hiroshima",
    "chitose",    "hokkaido",  "sanand",     "dholera",       "gujarat",   "jewar",    "windsor",
    "alliston",   "st",        "thomas",     "mcmasterville", "leuven",    "catania",  "metz",
    "penly",      "heide",     "wrocław",    "miękinia",      "leipzig",   "yongin",   "pyeongtaek",
    "edinburgh",  "bristol",   "hsinchu",    "tainan",        "sicile",    "sicily",
};

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

// Every word list above in one table from a word to the lists holding it: the assembler asks
// several lists about each word of a phrase, for every amount.
enum WordClass : std::uint32_t {
  c_auxiliaries = 1u << 0,
  c_stop_words_fr = 1u << 1,
  c_stop_words_en = 1u << 2,
  c_clause_openers = 1u << 3,
  c_determiners = 1u << 4,
  c_non_recipient = 1u << 5,
  c_clause_subordinators = 1u << 6,
  c_approval_verbs = 1u << 7,
  c_demonstratives = 1u << 8,
  c_negations = 1u << 9,
  c_bad_party_starts = 1u << 10,
  c_date_words = 1u << 11,
  c_amount_words = 1u << 12,
  c_document_words = 1u << 13,
  c_place_words = 1u << 14,
  c_future_markers = 1u << 15,
  c_infinitives_en = 1u << 16,
  c_passive_markers = 1u << 17,
  c_share_words = 1u << 18,
};

// An open-addressing table with a [first byte][length] filter in front: most words of a text
// are in no list and are rejected without hashing.
class WordClassTable {
public:
  void add(std::string_view w, std::uint32_t c) {
    m_first[static_cast<unsigned char>(w.front())] |= std::uint32_t{1}
                                                      << std::min<std::size_t>(w.size(), 31);
    std::size_t h = hash(w);
    while (!m_slots[h].word.empty() && m_slots[h].word != w) {
      h = (h + 1) & k_mask;
    }
    m_slots[h].word = w;
    m_slots[h].classes |= c;
  }
  std::uint32_t find(std::string_view w) const {
    if (w.empty() || w.size() > 31
        || (m_first[static_cast<unsigned char>(w.front())] & (std::uint32_t{1} << w.size())) == 0) {
      return 0;
    }
    for (std::size_t h = hash(w); !m_slots[h].word.empty(); h = (h + 1) & k_mask) {
      if (m_slots[h].word == w) {
        return m_slots[h].classes;
      }
    }
    return 0;
  }

private:
  static constexpr std::size_t k_mask = 2047; // a power of two minus one, well above the words
  static std::size_t hash(std::string_view w) {
    std::uint32_t h = 2166136261u;
    for (char c : w) {
      h = (h ^ static_cast<unsigned char>(c)) * 16777619u;
    }
    return h & k_mask;
  }
  struct Slot {
    std::string_view word;
    std::uint32_t classes = 0;
  };
  std::array<std::uint32_t, 256> m_first{};
  std::array<Slot, k_mask + 1> m_slots{};
};

std::uint32_t word_classes(std::string_view w) {
  static const WordClassTable k_table = [] {
    WordClassTable t;
    auto add = [&t](const auto& list, std::uint32_t c) {
      for (std::string_view x : list) {
        t.add(x, c);
      }
    };
    add(k_auxiliaries, c_auxiliaries);
    add(k_stop_words_fr, c_stop_words_fr);
    add(k_stop_words_en, c_stop_words_en);
    add(k_clause_openers, c_clause_openers);
    add(k_determiners, c_determiners);
    add(k_non_recipient, c_non_recipient);
    add(k_clause_subordinators, c_clause_subordinators);
    add(k_approval_verbs, c_approval_verbs);
    add(k_demonstratives, c_demonstratives);
    add(k_negations, c_negations);
    add(k_bad_party_starts, c_bad_party_starts);
    add(k_date_words, c_date_words);
    add(k_amount_words, c_amount_words);
    add(k_document_words, c_document_words);
    add(k_place_words, c_place_words);
    add(k_future_markers, c_future_markers);
    add(k_infinitives_en, c_infinitives_en);
    add(k_passive_markers, c_passive_markers);
    add(k_share_words, c_share_words);
    return t;
  }();
  return k_table.find(w);
}

// The public bits of fact_rules.hpp are these lists' bits.
static_assert(std::uint32_t{c_determiners} == std::uint32_t{wl_determiner});
static_assert(std::uint32_t{c_non_recipient} == std::uint32_t{wl_non_recipient});
static_assert(std::uint32_t{c_demonstratives} == std::uint32_t{wl_demonstrative});
static_assert(std::uint32_t{c_bad_party_starts} == std::uint32_t{wl_bad_party_start});
static_assert(std::uint32_t{c_date_words} == std::uint32_t{wl_date});
static_assert(std::uint32_t{c_amount_words} == std::uint32_t{wl_amount});
static_assert(std::uint32_t{c_document_words} == std::uint32_t{wl_document});
static_assert(std::uint32_t{c_place_words} == std::uint32_t{wl_place});
static_assert(std::uint32_t{c_passive_markers} == std::uint32_t{wl_passive});
static_assert(std::uint32_t{c_share_words} == std::uint32_t{wl_share});

bool has_class(std::string_view w, std::uint32_t c) {
  return (word_classes(w) & c) != 0;
}

} // namespace

std::uint32_t word_lists(std::string_view w) {
  return word_classes(w);
}

std::span<const CueEntry> fact_rule_entries() {
  return k_rules;
}

bool is_auxiliary_word(std::string_view w) {
  return has_class(w, c_auxiliaries);
}

bool is_phrase_stop_word(std::string_view w, std::string_view lang) {
  return lang == "fr" ? has_class(w, c_stop_words_fr) : has_class(w, c_stop_words_en);
}

bool is_clause_opener(std::string_view w) {
  return has_class(w, c_clause_openers);
}

bool is_determiner(std::string_view w) {
  return has_class(w, c_determiners);
}

bool is_non_recipient_after_prep(std::string_view w) {
  return has_class(w, c_non_recipient);
}

bool is_clause_subordinator(std::string_view w) {
  return has_class(w, c_clause_subordinators);
}

bool is_approval_verb(std::string_view w) {
  return has_class(w, c_approval_verbs);
}

bool is_negation_word(std::string_view w) {
  return has_class(w, c_negations);
}

bool is_future_marker(std::string_view w) {
  return has_class(w, c_future_markers);
}

bool is_infinitive_en(std::string_view w) {
  return has_class(w, c_infinitives_en);
}

bool is_passive_marker(std::string_view w) {
  return has_class(w, c_passive_markers);
}

} // namespace factledger::extract
