#include "extract/support_lexicon.hpp"

#include "model/error.hpp"
#include "text/utf8.hpp"

#include <utf8proc.h>

#include <algorithm>
#include <array>
#include <cstring>
#include <string>

namespace factledger::extract {

namespace {

// The support lexicon. Patterns are RE2 fragments matched case-insensitively unless they start
// with '='; apostrophes are written ['’]. Tags: inst:X (names the instrument), status:X,
// kind:X[:before|:after], sector:X, generic (research/skills), abstract (a domain, not a party),
// country:CC, actor (public actor), rhead (organisation noun), hedge, attrib, notsupport,
// support (public money named without its instrument), backref.
constexpr CueEntry k_lexicon[] = {
    // --- Instruments (longest match wins: "crédit d'impôt" over "crédit", "loan guarantee"
    // over "loan").
    {"subventions?|subventionnements?|aides? (?:publiques?|d['’][ée]tat)|aides?|primes?|dotations?",
     "inst:grant"},
    {"r[ée]gimes? d['’]aides?|bons? de calcul|appels? [àa] projets", "inst:grant"},
    {"grants?|subsid(?:y|ies)|awards?|incentives?|direct funding|funding|computing vouchers?|"
     "compute vouchers?|cost[- ]sharing",
     "inst:grant"},
    {"pr[êe]ts?(?: bonifi[ée]s?| garantis?| [àa] taux (?:z[ée]ro|bonifi[ée]))?|avances? "
     "remboursables?|cr[ée]dits? bancaires?",
     "inst:loan"},
    {"loans?|low-cost loans?|soft loans?|green loans?|credit lines?|lignes? de cr[ée]dit",
     "inst:loan"},
    {"prises? de participation|participations?|injections? de capital|augmentations? de capital",
     "inst:equity"},
    {"entr[ée]e au capital|au capital|dans le capital", "inst:equity prep:invest"},
    {"stakes?|equity(?: stakes?| investments?)?|capital injections?|common stock|shares",
     "inst:equity"},
    {"fonds(?: d['’]investissement| de fonds| d['’]orientation)?|funds?|guidance funds?|"
     "fund of funds|growth fund",
     "inst:fund"},
    {"fonds souverains?|sovereign (?:wealth )?funds?", "inst:fund actor"},
    {"cr[ée]dits? d['’]imp[ôo]ts?|cr[ée]dit d['’]imp[ôo]t recherche|exon[ée]rations?(?: "
     "fiscales?)?|"
     "all[èe]gements? fiscaux|all[èe]gement fiscal|avantages? fiscaux|avantage fiscal|"
     "suramortissements?|d[ée]fiscalisations?",
     "inst:tax"},
    {"tax (?:credits?|breaks?|incentives?|exemptions?|holidays?|relief)|sales tax exemptions?|"
     "investment tax credits?|tax-exempt",
     "inst:tax"},
    {"garanties?(?: publiques?| d['’][ée]tat)?|loan guarantees?|guarantees?", "inst:guarantee"},
    {"commandes? publiques?|march[ée]s? publics?|contrats?|contracts?|procurement|purchase "
     "agreements?|advance purchase",
     "inst:procurement"},
    // Public money named by its envelope rather than its form: support, instrument unknown.
    {"enveloppes?(?: budg[ée]taires?| pluriannuelles?| totales?)?|versements?|injections?|"
     "allocations?|outlays?|public outlays?",
     "support"},

    // --- Status words (verbs carry their own status, see fact_rules.cpp).
    {"protocoles? d['’]accord|lettres? d['’]intention|accords? pr[ée]liminaires?|"
     "pr[ée]-?accords?|en n[ée]gociation|sous r[ée]serve",
     "status:preliminary"},
    {"preliminary memorand(?:um|a) of terms|preliminary (?:agreement|terms)|memorand(?:um|a) of "
     "understanding|letters? of intent|term sheets?|conditional(?:ly)?|proposed|"
     "non-binding|in talks",
     "status:preliminary"},
    {"annulations?|cancell?ations?|clawbacks?|remboursement exig[ée]|r[ée]silia?tions?",
     "status:cancelled"},

    // --- Hedging and attribution.
    {"seraient|serait|pourrait|pourraient|devrait|devraient|aurait|auraient|voudrait|"
     "envisagerait|envisageraient|envisage de|s['’]appr[êe]terait|projetterait|"
     "il est question|[àa] l['’][ée]tude",
     "hedge"},
    {"\\pL+eraient|\\pL+erait", "hedge"},
    {"=would|=could|=might|=may|reportedly|allegedly|(?:is|are) said to|is considering|"
     "are considering|is weighing|people familiar with|sources said|draft",
     "hedge"},
    {"selon|d['’]apr[èe]s|[àa] en croire|according to|as reported by", "hedge attrib"},

    // --- Amount kinds.
    {"dot[ée]e?s? [àa] (?:lui|elle) seule? de", "kind:registered_capital:before"},
    {"capital social|capital enregistr[ée]|capital (?:initial )?de|dot[ée]e?s? d['’]un capital "
     "(?:social )?de|dot[ée]e?s? de|capitalis[ée]e? [àa]",
     "kind:registered_capital:before"},
    {"registered capital(?: of)?|with (?:a )?capital of|capitali[sz]ed at|initial capital of",
     "kind:registered_capital:before"},
    {"mobiliser|mobilisera|lever jusqu['’][àa]|attirer|vise [àa] lever|objectif de|effet de levier",
     "kind:target:before verb:announce"},
    {"expected to (?:attract|draw|mobili[sz]e|unlock|leverage)|aims? to (?:raise|attract|"
     "mobili[sz]e)|to mobili[sz]e|to leverage|target of",
     "kind:target:before verb:announce"},
    {"au total|en tout|cumul[ée]e?s?|[àa] ce jour|jusqu['’][àa] pr[ée]sent|depuis (?:son "
     "lancement|sa cr[ée]ation|20\\d\\d)",
     "kind:cumulative"},
    {"in total|a total of|so far|to date|since (?:its "
     "launch|20\\d\\d)|cumulative(?:ly)?|altogether",
     "kind:cumulative"},
    {"par an|chaque ann[ée]e|annuels?|annuelles?|annuellement|par ann[ée]e", "kind:annual:after"},
    {"per year|a year|annually|each year|per annum|every year|a yearly|annual",
     "kind:annual:after"},

    // --- Not support: market sizes, revenues, profits, valuations, prices, fines, pay.
    {"march[ée]s?|markets?|market size|chiffres? "
     "d['’]affaires|revenues?|sales|ventes|b[ée]n[ée]fices?|"
     "profits?|net income|r[ée]sultats? nets?|pertes?|loss(?:es)?|valoris[ée]e?s?|valorisations?|"
     "valued at|valuations?|capitalisation boursi[èe]re|market (?:cap(?:itali[sz]ation)?|value)|"
     "share price|cours de l['’]action|amendes?|fined?|penalt(?:y|ies)|p[ée]nalit[ée]s?|"
     "salaires?|salar(?:y|ies)|r[ée]mun[ée]rations?|pay package|compensation package|"
     "dividendes?|dividends?|exportations?|exports?|importations?|imports?|=PIB|=GDP|"
     "lev[ée]e de fonds|a lev[ée]|ont lev[ée]|funding round|tour de table|co[ûu]ts?|costs?|"
     "co[ûu]tera|chiffr[ée]e? [àa]|rachats?|buy-?backs?|acquisitions?|acquired|rach[eè]te|"
     "capex|d[ée]penses? d['’]investissement des entreprises",
     "notsupport"},

    // --- Back-references to an amount or support named in the previous sentence.
    {"ce montant|cette somme|ce soutien|ce plan|ce financement", "backref"},
    {"cette enveloppe|l['’]enveloppe(?: budg[ée]taire| pluriannuelle| totale)?", "backref support"},
    {"cette aide|cette subvention|cette dotation", "backref inst:grant"},
    {"ce pr[êe]t", "backref inst:loan"},
    {"ce fonds|ces fonds", "backref inst:fund"},
    {"the (?:money|package|sum|amount|investment|support)|this (?:money|package|sum|amount)",
     "backref"},
    {"(?:the|this) (?:grant|award|funding|subsidy|aid)", "backref inst:grant"},
    {"(?:the|this) loan", "backref inst:loan"},
    {"(?:the|this) fund", "backref inst:fund"},
    {"apiece|per share|a share|each share|par action", "notsupport"},
    // Private money, taxes collected, costs of projects, caps per beneficiary: no support sum.
    {"private investments?|private capital|private spending|investissements? priv[ée]s?|"
     "capitaux priv[ée]s|droits de mutation|tax revenues?|recettes fiscales|estimated to cost|"
     "expected to cost|estim[ée]e? entre|d['’]une valeur (?:annonc[ée]e )?de|per company|"
     "per project|per beneficiary|par b[ée]n[ée]ficiaire|par entreprise|par projet|par "
     "soci[ée]t[ée]",
     "notsupport"},
    {"=shares (?:fell|rose|jumped|dropped|climbed|gained|lost|slid|surged|tumbled)|"
     "actions? (?:a|ont) (?:chut[ée]|bondi|progress[ée]|recul[ée])|stock price",
     "notsupport"},

    // --- Organisation nouns: a "pour/for" phrase naming one of them is a recipient.
    {"entreprises?|start-?ups?|jeunes pousses|soci[ée]t[ée]s?|=PME|=ETI|industriels?|fabricants?|"
     "producteurs?|fournisseurs?|usines?|sites?|gigafactor(?:y|ies)|projets?|laboratoires?|"
     "universit[ée]s?|laur[ée]ats?|op[ée]rateurs?|consortiums?|fili[èe]res?|industries?",
     "rhead"},
    {"compan(?:y|ies)|firms?|makers?|manufacturers?|producers?|suppliers?|plants?|factor(?:y|ies)|"
     "fabs?|projects?|developers?|operators?|carmakers?|automakers?|universit(?:y|ies)|"
     "institutions?|labs?|hubs?|campus|carriers?|industry|businesses|utilities|utility",
     "rhead"},

    // --- Public actors (a funder must be one for "invest"/"announce" verbs).
    {"gouvernements?|=[ÉE]tat|l['’][ée]tat|ex[ée]cutif|minist[èe]res?|ministres?|"
     "secr[ée]tariat|commission|agences?|administrations?|autorit[ée]s|pouvoirs publics|"
     "parlement|conseil r[ée]gional|conseils? r[ée]gionaux|r[ée]gions?|d[ée]partements?|"
     "provinces?|municipalit[ée]s?|collectivit[ée]s?|villes?|mairies?|=Bpifrance|"
     "banques? publiques?|caisse des d[ée]p[ôo]ts|=BEI|banque europ[ée]enne d['’]investissement|"
     "=KfW|=Investissement Qu[ée]bec|=CDPQ|cabinet",
     "actor"},
    {"governments?|=State|ministr(?:y|ies)|ministers?|departments?|agenc(?:y|ies)|"
     "administration|authorities|congress|parliament|lawmakers|legislators?|legislature|"
     "councils?|city|cities|states?|provincial|federal|european investment bank|=EIB|=NSF|"
     "national science foundation|=BARDA|=FCC|=DOE|=METI|=NEDO|=Cyberport",
     "actor"},
    {"chipmakers?|chip ?makers?|fabricants de puces", "sector:semiconductors rhead"},
    {"centres? de donn[ée]es|data cent(?:er|re)s?|datacent(?:er|re)s?",
     "sector:data_centres rhead"},
    {"big fund(?: (?:ii|iii|i))?|fonds national (?:d['’]investissement )?(?:dans l['’]industrie )?"
     "des circuits int[ée]gr[ée]s",
     "actor sector:semiconductors country:CN inst:fund"},
    {"=CHIPS Act|=Chips Act|=CHIPS and Science Act", "actor sector:semiconductors"},
    {"=France 2030|=Bercy|=[ÉE]lys[ée]e|=Matignon", "actor country:FR"},
    {"=InvestAI", "actor sector:ai country:EU"},
    {"=White House|=Maison[- ]Blanche|=(?:Biden|Trump) administration|=Commerce Department|"
     "=Department of (?:Commerce|Energy)|=Energy Department|=Treasury|=Pentagon|=Washington",
     "actor country:US"},
    {"=Department of Health and Human Services|=HHS", "actor country:US sector:biotech"},

    // --- Countries and capitals (actors) and adjectives (country only).
    {"=Chine|=China|=P[ée]kin|=Beijing|=Shanghai|=Shenzhen|=Hangzhou", "actor country:CN"},
    {"chinois|chinoise|chinoises|=Chinese", "country:CN"},
    {"=[ÉE]tats-Unis|=United States|=U\\.S\\.|=US|=USA|=Am[ée]rique", "actor country:US"},
    {"am[ée]ricain|am[ée]ricaine|am[ée]ricains|am[ée]ricaines|=American|=federal", "country:US"},
    {"=France|=Paris|=R[ée]publique fran[çc]aise", "actor country:FR"},
    {"fran[çc]ais|fran[çc]aise|=French|hexagonal", "country:FR"},
    {"=UE|=EU|=Union europ[ée]enne|=European Union|=Bruxelles|=Brussels|"
     "=Commission europ[ée]enne|=European Commission",
     "actor country:EU"},
    {"=Chips Act europ[ée]en|=European Chips Act|=EU Chips Act",
     "actor country:EU sector:semiconductors"},
    {"europ[ée]en|europ[ée]enne|europ[ée]ens|=European", "country:EU"},
    {"=Allemagne|=Germany|=Berlin", "actor country:DE"},
    {"allemand|allemande|allemands|=German", "country:DE"},
    {"=Japon|=Japan|=Tokyo", "actor country:JP"},
    {"japonais|japonaise|=Japanese", "country:JP"},
    {"=Cor[ée]e du Sud|=Cor[ée]e|=South Korea|=Korea|=S[ée]oul|=Seoul", "actor country:KR"},
    {"cor[ée]en|cor[ée]enne|=Korean", "country:KR"},
    {"=Inde|=India|=New Delhi|=Delhi", "actor country:IN"},
    {"indien|indienne|=Indian", "country:IN"},
    {"=Royaume-Uni|=United Kingdom|=UK|=Britain|=Londres|=London|=Downing Street",
     "actor country:GB"},
    {"britannique|britanniques|=British", "country:GB"},
    {"=Canada|=Qu[ée]bec|=Ottawa|=Ontario|=Montr[ée]al", "actor country:CA"},
    {"canadien|canadienne|canadiens|=Canadian", "country:CA"},
    {"=Ta[ïi]wan|=Taipei|=Ta[ïi]pei", "actor country:TW"},
    {"ta[ïi]wanais|ta[ïi]wanaise|=Taiwanese", "country:TW"},
    {"=Italie|=Italy|=Rome", "actor country:IT"},
    {"italien|italienne|italiens|=Italian", "country:IT"},
    {"=Pays-Bas|=Netherlands|=La Haye|=The Hague", "actor country:NL"},
    {"n[ée]erlandais|=Dutch", "country:NL"},
    {"=Arabie saoudite|=Saudi Arabia|=Riyad|=Riyadh", "actor country:SA"},
    {"saoudien|saoudienne|=Saudi", "country:SA"},
    {"=Hong Kong", "actor country:HK"},
    {"=Espagne|=Spain|=Madrid", "actor country:ES"},
    {"=Singapour|=Singapore", "actor country:SG"},

    // --- Sectors and purposes (extensible: one row per group of words).
    {"=IA|=AI|intelligence artificielle|artificial intelligence|apprentissage automatique|"
     "machine learning|=LLMs?|mod[èe]les? de langage|=GenAI|=IA g[ée]n[ée]rative|generative AI",
     "sector:ai abstract"},
    {"gigafactor(?:y|ies) (?:d['’]IA|de l['’]IA)|=AI gigafactor(?:y|ies)|supercalculateurs?|"
     "supercomputers?|puissance de calcul|=AI compute",
     "sector:ai"},
    {"semi-?conducteurs?|semiconductors?|puces?|chips?|microprocesseurs?|processeurs?|"
     "fonderies?|foundr(?:y|ies)|wafers?|plaquettes?|micro-?[ée]lectronique|microelectronics|"
     "[ée]lectronique de puissance|power electronics|carbure de silicium|silicon carbide|"
     "lithograph(?:ie|y)|=Intel|=TSMC|=SMIC|=Micron|=Samsung|=GlobalFoundries|"
     "=STMicroelectronics|=Infineon|=Rapidus|=Wolfspeed|=SK Hynix|=Hynix|=ASML",
     "sector:semiconductors"},
    {"centres de calcul|hyperscalers?|hyperscale", "sector:data_centres"},
    {"[ée]nergie|energy|nucl[ée]aire|nuclear|=EPR2?|=SMRs?|petits r[ée]acteurs|r[ée]acteurs?|"
     "reactors?|hydrog[èe]ne|hydrogen|renouvelables?|renewables?|solaire|solar|[ée]olien(?:ne)?s?|"
     "wind (?:power|farms?)|r[ée]seaux? [ée]lectriques?|grids?|transmission lines?|"
     "[ée]lectricit[ée]|electricity|d[ée]carboner|d[ée]carbonation|decarboni[sz]ation|"
     "cellules solaires|panneaux solaires|solar cells|pompes [àa] chaleur|heat pumps",
     "sector:energy"},
    {"batteries|batterie|battery|gigafactor(?:y|ies)|v[ée]hicules? [ée]lectriques?|"
     "voitures? [ée]lectriques?|electric vehicles?|=EVs?|lithium|cathodes?|anodes?|=Northvolt|"
     "=Verkor|=ACC|=LGES|=Redwood Materials|=ProLogium|=Envision",
     "sector:batteries_ev"},
    {"quantiques?|quantum|=Pasqal|=Quandela|=Alice & Bob|=QphoX", "sector:quantum"},
    {"biotech(?:s|nologies?|nology)?|vaccins?|vaccines?|pharmaceutiques?|pharmaceuticals?|=Moderna|"
     "bird flu|grippe aviaire|sant[ée]|health",
     "sector:biotech"},
    {"t[ée]l[ée]coms?|t[ée]l[ée]communications|telecoms?|telecommunications|=5G|=6G|"
     "fibre optique|broadband|haut d[ée]bit|rip and replace|wireless carriers",
     "sector:telecoms"},
    {"recherche|research|=R&D|=R et D|innovation", "sector:research generic abstract"},
    {"formations?|comp[ée]tences|skills|training|talents?|workforce|[ée]ducation|education",
     "sector:skills generic abstract"},
};

struct TagName {
  std::string_view name;
  void (*apply)(CueInfo&, std::string_view arg);
};

template <typename E> E parse_or_throw(std::optional<E> v, std::string_view tag) {
  if (!v) {
    throw Error("support lexicon: unknown tag value \"" + std::string(tag) + "\"");
  }
  return *v;
}

VerbClass parse_verb_class(std::string_view s) {
  constexpr std::array<std::pair<std::string_view, VerbClass>, 7> k_classes = {{
      {"give", VerbClass::give},
      {"receive", VerbClass::receive},
      {"invest", VerbClass::invest},
      {"announce", VerbClass::announce},
      {"cancel", VerbClass::cancel},
      {"agree", VerbClass::agree},
      {"say", VerbClass::say},
  }};
  for (auto [n, v] : k_classes) {
    if (n == s) {
      return v;
    }
  }
  throw Error("support lexicon: unknown verb class \"" + std::string(s) + "\"");
}

PrepKind parse_prep_kind(std::string_view s) {
  constexpr std::array<std::pair<std::string_view, PrepKind>, 6> k_kinds = {{
      {"recipient", PrepKind::recipient},
      {"weak", PrepKind::recipient_weak},
      {"invest", PrepKind::recipient_invest},
      {"agent", PrepKind::agent},
      {"source", PrepKind::source},
      {"partner", PrepKind::partner},
  }};
  for (auto [n, v] : k_kinds) {
    if (n == s) {
      return v;
    }
  }
  throw Error("support lexicon: unknown preposition kind \"" + std::string(s) + "\"");
}

void apply_tag(CueInfo& info, std::string_view tag) {
  auto colon = tag.find(':');
  std::string_view name = tag.substr(0, colon);
  std::string_view arg = colon == std::string_view::npos ? "" : tag.substr(colon + 1);
  if (name == "inst") {
    info.instrument = parse_or_throw(parse_instrument(arg), tag);
  } else if (name == "dinst") {
    info.default_instrument = parse_or_throw(parse_instrument(arg), tag);
  } else if (name == "status") {
    info.status = parse_or_throw(parse_status(arg), tag);
  } else if (name == "past") {
    info.past_status = parse_or_throw(parse_status(arg), tag);
  } else if (name == "kind") {
    auto c2 = arg.find(':');
    info.kind = parse_or_throw(parse_amount_kind(arg.substr(0, c2)), tag);
    if (c2 != std::string_view::npos) {
      std::string_view side = arg.substr(c2 + 1);
      info.kind_side = side == "before" ? CueSide::before : CueSide::after;
    }
  } else if (name == "sector") {
    info.sector = arg;
  } else if (name == "country") {
    info.country = arg;
  } else if (name == "verb") {
    info.verb = parse_verb_class(arg);
  } else if (name == "prep") {
    info.prep = parse_prep_kind(arg);
  } else if (name == "generic") {
    info.generic_sector = true;
  } else if (name == "abstract") {
    info.abstract = true;
  } else if (name == "pp") {
    info.participle = true;
  } else if (name == "future") {
    info.future = true;
  } else if (name == "actor") {
    info.actor = true;
  } else if (name == "rhead") {
    info.recipient_head = true;
  } else if (name == "hedge") {
    info.hedge = true;
  } else if (name == "attrib") {
    info.attribution = true;
  } else if (name == "notsupport") {
    info.not_support = true;
  } else if (name == "support") {
    info.support = true;
  } else if (name == "backref") {
    info.back_ref = true;
  } else if (name == "pronoun") {
    info.pronoun = true;
  } else if (name == "fr" || name == "en") {
    info.lang = name;
  } else if (name == "noop") {
    // Matched only so that its words are not read as another entry.
  } else {
    throw Error("support lexicon: unknown tag \"" + std::string(tag) + "\"");
  }
}

// Top-level '|'-separated alternatives of an RE2 fragment (bars inside groups and classes stay).
std::vector<std::string_view> split_alternatives(std::string_view p) {
  std::vector<std::string_view> out;
  int depth = 0;
  bool in_class = false;
  std::size_t start = 0;
  for (std::size_t i = 0; i < p.size(); ++i) {
    char c = p[i];
    if (c == '\\') {
      ++i;
    } else if (in_class) {
      in_class = c != ']';
    } else if (c == '[') {
      in_class = true;
    } else if (c == '(') {
      ++depth;
    } else if (c == ')') {
      --depth;
    } else if (c == '|' && depth == 0) {
      out.push_back(p.substr(start, i - start));
      start = i + 1;
    }
  }
  out.push_back(p.substr(start));
  return out;
}

} // namespace

CueInfo parse_cue_tags(std::string_view tags) {
  CueInfo info;
  std::size_t i = 0;
  while (i < tags.size()) {
    std::size_t j = tags.find(' ', i);
    if (j == std::string_view::npos) {
      j = tags.size();
    }
    if (j > i) {
      apply_tag(info, tags.substr(i, j - i));
    }
    i = j + 1;
  }
  return info;
}

std::span<const CueEntry> support_lexicon_entries() {
  return k_lexicon;
}

bool is_word_char_beyond_ascii(std::string_view text, std::size_t pos) {
  utf8proc_int32_t cp = 0;
  auto n = utf8proc_iterate(reinterpret_cast<const utf8proc_uint8_t*>(text.data() + pos),
                            static_cast<utf8proc_ssize_t>(text.size() - pos),
                            &cp);
  if (n <= 0) {
    return false;
  }
  switch (utf8proc_category(cp)) {
  case UTF8PROC_CATEGORY_LU:
  case UTF8PROC_CATEGORY_LL:
  case UTF8PROC_CATEGORY_LT:
  case UTF8PROC_CATEGORY_LM:
  case UTF8PROC_CATEGORY_LO:
  case UTF8PROC_CATEGORY_MN:
  case UTF8PROC_CATEGORY_ND:
    return true;
  default:
    return false;
  }
}

namespace {

std::size_t utf8_length(std::string_view text, std::size_t pos) {
  std::size_t p = pos + 1;
  while (p < text.size() && (static_cast<unsigned char>(text[p]) & 0xC0) == 0x80) {
    ++p;
  }
  return p - pos;
}

} // namespace

std::size_t previous_char_start(std::string_view text, std::size_t pos) {
  std::size_t p = pos - 1;
  while (p > 0 && (static_cast<unsigned char>(text[p]) & 0xC0) == 0x80) {
    --p;
  }
  return p;
}

namespace {

constexpr std::size_t k_max_expansions = 20000; // phrases per entry: guards a runaway pattern
constexpr char k_any_letters = '\x01';          // stands for "\pL+" in an expanded phrase

// Expands the RE2 subset the lexicon uses (literals, '|', "(?:...)", "[...]", '?', "\.",
// "\d", "\pL+", "['’]") into every phrase it matches, in canonical form: a space stands for
// any white space run, an apostrophe for both apostrophes.
class Expander {
public:
  explicit Expander(std::string_view pattern) : m_p(pattern) {}

  std::vector<std::string> run() {
    auto out = alternation();
    if (m_i != m_p.size()) {
      fail("unexpected ')'");
    }
    return out;
  }

private:
  [[noreturn]] void fail(std::string_view why) const {
    throw Error("support lexicon: cannot expand pattern \"" + std::string(m_p) + "\" at byte "
                + std::to_string(m_i) + ": " + std::string(why));
  }

  std::vector<std::string> alternation() {
    std::vector<std::string> out = sequence();
    while (m_i < m_p.size() && m_p[m_i] == '|') {
      ++m_i;
      auto more = sequence();
      out.insert(out.end(), more.begin(), more.end());
    }
    return out;
  }

  std::vector<std::string> sequence() {
    std::vector<std::string> out{""};
    while (m_i < m_p.size() && m_p[m_i] != '|' && m_p[m_i] != ')') {
      std::vector<std::string> choice = atom();
      if (m_i < m_p.size() && m_p[m_i] == '?') {
        ++m_i;
        choice.emplace_back();
      }
      std::vector<std::string> next;
      next.reserve(out.size() * choice.size());
      for (const auto& head : out) {
        for (const auto& tail : choice) {
          next.push_back(head + tail);
        }
      }
      if (next.size() > k_max_expansions) {
        fail("too many phrases");
      }
      out = std::move(next);
    }
    return out;
  }

  std::string one_char() {
    std::size_t n = utf8_char_length(m_i);
    std::string c(m_p.substr(m_i, n));
    m_i += n;
    return c == "\xE2\x80\x99" ? "'" : c;
  }

  std::size_t utf8_char_length(std::size_t i) const {
    std::size_t j = i + 1;
    while (j < m_p.size() && (static_cast<unsigned char>(m_p[j]) & 0xC0) == 0x80) {
      ++j;
    }
    return j - i;
  }

  std::vector<std::string> atom() {
    char c = m_p[m_i];
    if (c == '(') {
      if (m_p.substr(m_i, 3) != "(?:") {
        fail("only (?:...) groups are supported");
      }
      m_i += 3;
      auto inner = alternation();
      if (m_i >= m_p.size() || m_p[m_i] != ')') {
        fail("missing ')'");
      }
      ++m_i;
      return inner;
    }
    if (c == '[') {
      ++m_i;
      std::vector<std::string> out;
      while (m_i < m_p.size() && m_p[m_i] != ']') {
        std::string ch = one_char();
        if (std::find(out.begin(), out.end(), ch) == out.end()) {
          out.push_back(ch);
        }
      }
      if (m_i >= m_p.size()) {
        fail("missing ']'");
      }
      ++m_i;
      return out;
    }
    if (c == '\\') {
      ++m_i;
      if (m_i >= m_p.size()) {
        fail("trailing backslash");
      }
      char e = m_p[m_i++];
      if (e == 'd') {
        std::vector<std::string> out;
        for (char d = '0'; d <= '9'; ++d) {
          out.emplace_back(1, d);
        }
        return out;
      }
      if (e == 'p' && m_p.substr(m_i, 2) == "L+") {
        m_i += 2;
        return {std::string(1, k_any_letters)};
      }
      if (e == '.' || e == '&' || e == '-' || e == '\'') {
        return {std::string(1, e)};
      }
      fail("unsupported escape");
    }
    if (c == '*' || c == '+' || c == '{' || c == '^' || c == '$' || c == '.') {
      fail("unsupported operator");
    }
    return {one_char()};
  }

  std::string_view m_p;
  std::size_t m_i = 0;
};

std::string lower_phrase(std::string_view phrase) {
  std::string out;
  text::append_lower(phrase, out);
  return out;
}

// Length of the white space character at `pos` (0 when none): what a pattern's ' ' matches.
std::size_t space_length(std::string_view t, std::size_t pos) {
  char c = t[pos];
  if (c == ' ' || c == '\t' || c == '\n' || c == '\f' || c == '\r') {
    return 1;
  }
  std::string_view rest = t.substr(pos, 3);
  if (rest.substr(0, 2) == "\xC2\xA0") {
    return 2; // U+00A0
  }
  if (rest == "\xE2\x80\xAF" || rest == "\xE2\x80\x89") {
    return 3; // U+202F, U+2009
  }
  return 0;
}

// One word of a scanned text, with its canonical forms' bytes.
struct ScanWord {
  std::size_t begin = 0; // bytes in the text
  std::size_t end = 0;
  std::size_t canon_begin = 0; // bytes in the canonical buffers (same in both)
  std::size_t canon_end = 0;
  std::size_t unit_canon_end = 0; // canonical end of the first separator unit after the word
  std::size_t unit_text_end = 0;  // text end of that unit
};

// Per-thread scratch, reused across scans: no allocation per word.
struct ScanScratch {
  std::vector<ScanWord> words;
  std::string folded; // words lower-cased, separators canonical
  std::string exact;  // words as written, separators canonical
};

} // namespace

void CueScanner::add_phrase(Map& map,
                            FirstWords& first_words,
                            const std::string& phrase,
                            int entry) {
  // The first word's first byte and length: a cheap filter before hashing.
  std::size_t first_len = 0;
  while (first_len < phrase.size() && is_word_char_at(phrase, first_len)) {
    first_len += utf8_length(phrase, first_len);
  }
  auto b = static_cast<unsigned char>(phrase[0]);
  first_words[b][std::min<std::size_t>(first_len, k_first_word_lengths - 1)] = true;
  Node& node = map[phrase];
  if (node.entry < 0 || entry < node.entry) {
    node.entry = entry;
  }
  // Every word end inside the phrase is a key that goes on.
  for (std::size_t q = 1; q < phrase.size(); ++q) {
    if (!is_word_char_at(phrase, q) && (static_cast<unsigned char>(phrase[q]) & 0xC0) != 0x80
        && is_word_char_at(phrase, previous_char_start(phrase, q))) {
      map[std::string_view(phrase).substr(0, q)].longer = true;
    }
  }
}

CueScanner::CueScanner(std::vector<std::span<const CueEntry>> tables, std::string_view lang) {
  for (auto table : tables) {
    for (const auto& e : table) {
      CueInfo info = parse_cue_tags(e.tags);
      if (!lang.empty() && !info.lang.empty() && info.lang != lang) {
        continue;
      }
      int entry = static_cast<int>(m_infos.size());
      m_infos.push_back(info);
      // Each top-level alternative chooses: "chinois|=Chinese" is folded, then case-sensitive.
      for (std::string_view alt : split_alternatives(e.pattern)) {
        bool exact = !alt.empty() && alt.front() == '=';
        for (const std::string& phrase : Expander(exact ? alt.substr(1) : alt).run()) {
          if (phrase.empty()) {
            throw Error("support lexicon: pattern \"" + std::string(e.pattern)
                        + "\" matches the empty string");
          }
          if (phrase.front() == k_any_letters) {
            std::string suffix = phrase.substr(1);
            if (exact || suffix.find(k_any_letters) != std::string::npos
                || std::any_of(suffix.begin(), suffix.end(), [](char c) {
                     return !((c >= 'a' && c <= 'z') || static_cast<unsigned char>(c) >= 0x80);
                   })) {
              throw Error("support lexicon: pattern \"" + std::string(e.pattern)
                          + "\": \\pL+ only starts a folded one-word ending");
            }
            m_suffixes.emplace_back(suffix, entry);
          } else if (phrase.find(k_any_letters) != std::string::npos) {
            throw Error("support lexicon: pattern \"" + std::string(e.pattern)
                        + "\": \\pL+ only starts a folded one-word ending");
          } else if (exact) {
            add_phrase(m_exact, m_first_exact, phrase, entry);
          } else {
            add_phrase(m_folded, m_first_folded, lower_phrase(phrase), entry);
          }
        }
      }
    }
  }
}

CueScanner::~CueScanner() = default;

namespace {

// Byte classes of ASCII (nearly all bytes of news text), one table look-up each.
constexpr std::uint8_t k_other = 0;
constexpr std::uint8_t k_word = 1;
constexpr std::uint8_t k_space = 2;
constexpr auto k_ascii_class = [] {
  std::array<std::uint8_t, 128> a{};
  for (int c = '0'; c <= '9'; ++c) {
    a[static_cast<std::size_t>(c)] = k_word;
  }
  for (int c = 'a'; c <= 'z'; ++c) {
    a[static_cast<std::size_t>(c)] = k_word;
    a[static_cast<std::size_t>(c - 'a' + 'A')] = k_word;
  }
  for (char c : {' ', '\t', '\n', '\f', '\r'}) {
    a[static_cast<std::size_t>(c)] = k_space;
  }
  return a;
}();

// Split `text[range]` into words, with the folded (lower-case) and exact forms of the words and
// their separators in canonical form (a run of white space is one ' ', "’" is "'") in two
// buffers that share offsets. The buffers are written through pointers: lower-casing ASCII never
// changes a length, and room is made before a non-ASCII word, whose lower case may be longer.
void split_scan_words(std::string_view text, Span range, ScanScratch& scratch) {
  auto& words = scratch.words;
  auto& folded = scratch.folded;
  auto& exact = scratch.exact;
  words.clear();
  std::size_t room = range.size() + 16;
  folded.resize(room);
  exact.resize(room);
  char* fo = folded.data();
  char* ex = exact.data();
  std::size_t len = 0;
  auto put = [&](char c) {
    fo[len] = c;
    ex[len] = c;
    ++len;
  };
  std::size_t pos = range.begin;
  const char* t = text.data();
  while (pos < range.end) {
    auto c0 = static_cast<unsigned char>(t[pos]);
    std::uint8_t cls = c0 < 0x80                              ? k_ascii_class[c0]
                       : is_word_char_beyond_ascii(text, pos) ? k_word
                                                              : k_other;
    if (cls != k_word) {
      std::size_t n = cls == k_space ? 1 : c0 < 0x80 ? 0 : space_length(text, pos);
      if (n > 0) {
        if (len == 0 || fo[len - 1] != ' ' || words.empty() || words.back().canon_end == len) {
          put(' ');
        }
      } else if (c0 == 0xE2 && text.substr(pos, 3) == "\xE2\x80\x99") {
        n = 3;
        put('\'');
      } else {
        n = c0 < 0x80 ? 1 : utf8_length(text, pos);
        for (std::size_t k = 0; k < n; ++k) {
          put(t[pos + k]);
        }
      }
      // The first separator unit after a word ends where this character (or space run) ends.
      if (!words.empty()) {
        ScanWord& last = words.back();
        if (last.unit_canon_end == 0) {
          last.unit_canon_end = len;
          last.unit_text_end = pos + n;
        } else if (fo[len - 1] == ' ' && last.unit_canon_end == len) {
          last.unit_text_end = pos + n; // the run of white space goes on
        }
      }
      pos += n;
      continue;
    }
    ScanWord& w = words.emplace_back();
    w.begin = pos;
    w.canon_begin = len;
    // The ASCII letters and digits first (most words are nothing else).
    std::size_t p = pos;
    while (p < range.end && static_cast<unsigned char>(t[p]) < 0x80
           && k_ascii_class[static_cast<unsigned char>(t[p])] == k_word) {
      ++p;
    }
    if (p < range.end && static_cast<unsigned char>(t[p]) >= 0x80
        && is_word_char_beyond_ascii(text, p)) {
      // A word with non-ASCII letters: its end, then its lower case by utf8proc.
      while (p < range.end) {
        auto c = static_cast<unsigned char>(t[p]);
        if (c < 0x80) {
          if (k_ascii_class[c] != k_word) {
            break;
          }
          ++p;
        } else if (is_word_char_beyond_ascii(text, p)) {
          p += utf8_length(text, p);
        } else {
          break;
        }
      }
      w.end = std::min(p, range.end);
      std::string_view word = text.substr(w.begin, w.end - w.begin);
      thread_local std::string lower;
      lower.clear();
      text::append_lower(word, lower);
      std::size_t m = std::max(lower.size(), word.size());
      if (len + m + (range.end - w.end) + 16 > room) {
        room = len + m + (range.end - w.end) + 16;
        folded.resize(room);
        exact.resize(room);
        fo = folded.data();
        ex = exact.data();
      }
      // Both forms keep the longer length: the shorter is padded with NULs.
      std::memset(fo + len, 0, m);
      std::memset(ex + len, 0, m);
      std::memcpy(fo + len, lower.data(), lower.size());
      std::memcpy(ex + len, word.data(), word.size());
      len += m;
    } else {
      w.end = p;
      std::memcpy(ex + len, t + pos, p - pos);
      for (std::size_t k = pos; k < p; ++k) {
        // Letters and digits only: bit 5 lower-cases the letters and leaves the digits.
        fo[len++] = static_cast<char>(t[k] | 0x20);
      }
    }
    w.canon_end = len;
    pos = w.end;
  }
  folded.resize(len);
  exact.resize(len);
}

} // namespace

void CueScanner::scan(std::string_view text, Span range, std::vector<CueHit>& out) const {
  thread_local ScanScratch scratch;
  split_scan_words(text, range, scratch);
  const auto& words = scratch.words;
  const auto& folded = scratch.folded;
  const auto& exact = scratch.exact;
  out.reserve(out.size() + (range.end - range.begin) / 24 + 2); // hits: one allocation

  auto capped = [](std::size_t n) { return std::min(n, k_first_word_lengths - 1); };
  std::size_t i = 0;
  while (i < words.size()) {
    const ScanWord& first = words[i];
    std::size_t best_end = 0; // text end of the longest phrase found
    int best_entry = -1;
    auto consider = [&](const Node* node, std::size_t end) {
      if (node && node->entry >= 0
          && (end > best_end || (end == best_end && node->entry < best_entry))) {
        best_end = end;
        best_entry = node->entry;
      }
    };
    std::string_view fw(folded.data() + first.canon_begin, first.canon_end - first.canon_begin);
    for (const auto& [suffix, entry] : m_suffixes) {
      // The last byte first: most words end otherwise, and it spares the comparison call.
      if (fw.size() > suffix.size() && fw.back() == suffix.back()
          && fw.substr(fw.size() - suffix.size()) == suffix
          && (first.end > best_end || (first.end == best_end && entry < best_entry))) {
        best_end = first.end;
        best_entry = entry;
      }
    }
    bool try_f = m_first_folded[static_cast<unsigned char>(fw.front())][capped(fw.size())];
    bool try_e =
        m_first_exact[static_cast<unsigned char>(exact[first.canon_begin])][capped(fw.size())];
    // Hashes of the phrase so far, extended word by word (FNV-1a extends).
    std::uint64_t hf = Map::k_empty_hash;
    std::uint64_t he = Map::k_empty_hash;
    std::size_t hashed = first.canon_begin;
    for (std::size_t j = i; (try_f || try_e) && j < words.size(); ++j) {
      const ScanWord& last = words[j];
      std::size_t len = last.canon_end - first.canon_begin;
      std::string_view new_f(folded.data() + hashed, last.canon_end - hashed);
      std::string_view new_e(exact.data() + hashed, last.canon_end - hashed);
      hashed = last.canon_end;
      const Node* nf = nullptr;
      const Node* ne = nullptr;
      if (try_f) {
        hf = Map::extend(hf, new_f);
        nf = m_folded.find(std::string_view(folded.data() + first.canon_begin, len), hf);
        consider(nf, last.end);
      }
      if (try_e) {
        he = Map::extend(he, new_e);
        ne = m_exact.find(std::string_view(exact.data() + first.canon_begin, len), he);
        consider(ne, last.end);
      }
      try_f = nf && nf->longer;
      try_e = ne && ne->longer;
      if (last.unit_canon_end > last.canon_end && (try_f || try_e)) {
        // Phrases ending with a separator: "d'", "U.S.".
        std::size_t ulen = last.unit_canon_end - first.canon_begin;
        std::size_t sep = last.unit_canon_end - last.canon_end;
        if (try_f) {
          consider(m_folded.find(std::string_view(folded.data() + first.canon_begin, ulen),
                                 Map::extend(hf, std::string_view(folded.data() + hashed, sep))),
                   last.unit_text_end);
        }
        if (try_e) {
          consider(m_exact.find(std::string_view(exact.data() + first.canon_begin, ulen),
                                Map::extend(he, std::string_view(exact.data() + hashed, sep))),
                   last.unit_text_end);
        }
      }
    }
    bool bounded =
        best_entry >= 0
        && (first.begin == 0 || !is_word_char_at(text, previous_char_start(text, first.begin)))
        && !is_word_char_at(text, best_end);
    if (bounded) {
      out.push_back(
          CueHit{Span{first.begin, best_end}, &m_infos[static_cast<std::size_t>(best_entry)]});
      while (i < words.size() && words[i].begin < best_end) {
        ++i;
      }
    } else {
      ++i;
    }
  }
}

} // namespace factledger::extract
