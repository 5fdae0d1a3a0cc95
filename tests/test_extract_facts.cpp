// Fact assembly on hand-built amount and date mentions: each case names the amount as written,
// so the rules are tested without the money extractor.

#include "extract/facts.hpp"
#include "extract/support_lexicon.hpp"
#include "model/error.hpp"
#include "model/fact.hpp"

#include <doctest/doctest.h>

#include <cmath>
#include <string>

using namespace factledger;

namespace {

AmountMention
amount_in(const std::string& text, const std::string& amount, const std::string& restatement = "") {
  AmountMention m;
  auto at = text.find(amount);
  REQUIRE(at != std::string::npos);
  m.span = Span{at, at + amount.size()};
  m.text = amount;
  if (!restatement.empty()) {
    auto r = text.find(restatement, at);
    REQUIRE(r != std::string::npos);
    m.equivalent = Equivalent{Decimal{}, "USD", Span{r, r + restatement.size()}, restatement};
  }
  return m;
}

std::vector<Fact> facts_for(const std::string& text,
                            const std::string& lang,
                            const std::vector<std::string>& amounts,
                            std::vector<DateMention> dates = {},
                            std::optional<CivilDate> published = CivilDate::parse("2025-07-16")) {
  std::vector<AmountMention> ms;
  for (const auto& a : amounts) {
    ms.push_back(amount_in(text, a));
  }
  return extract::assemble_facts(text, lang, published, ms, dates);
}

std::string funder(const Fact& f) {
  return f.funder ? f.funder->text : "<null>";
}
std::string recipient(const Fact& f) {
  return f.recipient ? f.recipient->text : "<null>";
}

} // namespace

TEST_SUITE_BEGIN("extract");

TEST_CASE("model::Fact enum names round-trip") {
  for (auto i : {Instrument::grant,
                 Instrument::loan,
                 Instrument::equity,
                 Instrument::fund,
                 Instrument::tax,
                 Instrument::guarantee,
                 Instrument::procurement,
                 Instrument::other}) {
    CHECK(parse_instrument(to_string(i)) == i);
  }
  for (auto s : {Status::announced,
                 Status::preliminary,
                 Status::awarded,
                 Status::disbursed,
                 Status::cancelled}) {
    CHECK(parse_status(to_string(s)) == s);
  }
  for (auto k : {AmountKind::committed,
                 AmountKind::registered_capital,
                 AmountKind::target,
                 AmountKind::cumulative,
                 AmountKind::annual}) {
    CHECK(parse_amount_kind(to_string(k)) == k);
  }
  CHECK(to_string(AmountKind::registered_capital) == "registered_capital");
  CHECK(parse_date_source("published") == DateSource::published);
  CHECK_FALSE(parse_instrument("gift").has_value());
}

TEST_CASE("extract::parse_cue_tags rejects unknown tags") {
  CHECK(extract::parse_cue_tags("inst:loan actor").instrument == Instrument::loan);
  CHECK(extract::parse_cue_tags("kind:annual:after").kind_side == extract::CueSide::after);
  CHECK_THROWS_WITH(extract::parse_cue_tags("inst:gift"),
                    "support lexicon: unknown tag value \"inst:gift\"");
  CHECK_THROWS_WITH(extract::parse_cue_tags("colour:red"),
                    "support lexicon: unknown tag \"colour:red\"");
}

TEST_CASE("extract::assemble_facts French") {
  SUBCASE("announce then conditional passive (the seed article)") {
    std::string t = "En avril dernier, le gouvernement chinois a ainsi annoncé que près de 8,5 "
                    "milliards de dollars seraient alloués à de jeunes entreprises spécialisées "
                    "dans l’IA, pour couvrir notamment une partie de leurs coûts de recherche.";
    DateMention d;
    d.span = Span{0, 16};
    d.text = "En avril dernier";
    d.value = "2025-04";
    d.grain = Grain::month;
    auto f = facts_for(t, "fr", {"près de 8,5 milliards de dollars"}, {d});
    REQUIRE(f.size() == 1);
    CHECK(funder(f[0]) == "le gouvernement chinois");
    CHECK(recipient(f[0]) == "de jeunes entreprises spécialisées dans l’IA");
    CHECK(f[0].instrument == Instrument::grant);
    CHECK(f[0].status == Status::announced);
    CHECK(f[0].hedged);
    CHECK_FALSE(f[0].attributed_to.has_value());
    CHECK(f[0].sector == "ai");
    CHECK(f[0].country == "CN");
    CHECK(f[0].date == "2025-04");
    CHECK(f[0].date_source == DateSource::text);
    CHECK(f[0].amount_kind == AmountKind::committed);
    CHECK(f[0].rule == "fr.passive");
    CHECK(f[0].sentence == Span{0, t.size()});
  }
  SUBCASE("passive with agent: accordée à Y par X") {
    std::string t = "Une aide de 2,9 milliards d'euros a été accordée à STMicroelectronics par "
                    "l'État français pour son usine de puces de Crolles.";
    auto f = facts_for(t, "fr", {"2,9 milliards d'euros"});
    REQUIRE(f.size() == 1);
    CHECK(funder(f[0]) == "l'État français");
    CHECK(recipient(f[0]) == "STMicroelectronics");
    CHECK(f[0].status == Status::awarded);
    CHECK(f[0].country == "FR");
    CHECK(f[0].rule == "fr.passive_agent");
    CHECK(f[0].date == "2025-07-16");
    CHECK(f[0].date_source == DateSource::published);
  }
  SUBCASE("funder in the previous sentence through a pronoun") {
    std::string t = "Le ministère de l'Économie a présenté mardi un plan de soutien à la filière "
                    "des batteries. Il prévoit 1,5 milliard d'euros de subventions pour les "
                    "gigafactories du Nord.";
    auto f = facts_for(t, "fr", {"1,5 milliard d'euros"});
    REQUIRE(f.size() == 1);
    CHECK(funder(f[0]) == "Le ministère de l'Économie");
    CHECK(recipient(f[0]) == "les gigafactories du Nord");
    CHECK(f[0].instrument == Instrument::grant);
    CHECK(f[0].sector == "batteries_ev");
    CHECK(f[0].rule.find("previous_sentence") != std::string::npos);
  }
  SUBCASE("two amounts in one sentence share the verb") {
    std::string t = "L'Allemagne a accordé une aide de 5 milliards d'euros à l'usine de TSMC à "
                    "Dresde et une subvention de 1,3 milliard d'euros à Infineon.";
    auto f = facts_for(t, "fr", {"5 milliards d'euros", "1,3 milliard d'euros"});
    REQUIRE(f.size() == 2);
    CHECK(funder(f[0]) == "L'Allemagne");
    CHECK(recipient(f[0]) == "l'usine de TSMC à Dresde");
    CHECK(funder(f[1]) == "L'Allemagne");
    CHECK(recipient(f[1]) == "Infineon");
    CHECK(f[1].amount == 1);
    CHECK(f[0].country == "DE");
  }
  SUBCASE("cancellation") {
    std::string t = "Le gouvernement allemand a officiellement annulé la subvention de 9,9 "
                    "milliards d'euros promise à Intel pour son usine de Magdebourg.";
    auto f = facts_for(t, "fr", {"9,9 milliards d'euros"});
    REQUIRE(f.size() == 1);
    CHECK(f[0].status == Status::cancelled);
    CHECK(funder(f[0]) == "Le gouvernement allemand");
    CHECK(recipient(f[0]) == "Intel");
  }
  SUBCASE("attribution and conditional") {
    std::string t = "Selon Les Echos, Northvolt pourrait recevoir jusqu'à 700 millions d'euros "
                    "de prêts de la part de la Banque européenne d'investissement.";
    auto f = facts_for(t, "fr", {"jusqu'à 700 millions d'euros"});
    REQUIRE(f.size() == 1);
    CHECK(f[0].hedged);
    REQUIRE(f[0].attributed_to.has_value());
    CHECK(f[0].attributed_to->text == "Les Echos");
    CHECK(recipient(f[0]) == "Northvolt");
    CHECK(funder(f[0]) == "la Banque européenne d'investissement");
    CHECK(f[0].instrument == Instrument::loan);
    CHECK(f[0].rule == "fr.receive");
  }
  SUBCASE("registered capital, restatement, fund") {
    std::string t = "Pékin a lancé un troisième fonds national d'investissement dans les "
                    "semi-conducteurs, doté d'un capital social de 344 milliards de yuans (47,5 "
                    "milliards de dollars).";
    std::vector<AmountMention> ms = {
        amount_in(t, "344 milliards de yuans", "47,5 milliards de dollars")};
    auto f = extract::assemble_facts(t, "fr", std::nullopt, ms, {});
    REQUIRE(f.size() == 1);
    CHECK(f[0].amount_kind == AmountKind::registered_capital);
    CHECK(f[0].instrument == Instrument::fund);
    CHECK(funder(f[0]) == "Pékin");
    CHECK(f[0].sector == "semiconductors");
    CHECK_FALSE(f[0].date.has_value());
    CHECK_FALSE(f[0].date_source.has_value());
  }
  SUBCASE("annual amount and period") {
    std::string t = "Dans le cadre de France 2030, l'État va consacrer 1,5 milliard d'euros par "
                    "an sur cinq ans aux entreprises innovantes.";
    auto f = facts_for(t, "fr", {"1,5 milliard d'euros"});
    REQUIRE(f.size() == 1);
    CHECK(f[0].amount_kind == AmountKind::annual);
    CHECK(f[0].period_start == "2025");
    CHECK(f[0].period_end == "2029");
    CHECK(funder(f[0]) == "l'État");
    CHECK(recipient(f[0]) == "entreprises innovantes");
  }
  SUBCASE("not support: market, revenue, fine, valuation, private round") {
    CHECK(facts_for("Le marché mondial de l'IA atteindra 500 milliards de dollars en 2027.",
                    "fr",
                    {"500 milliards de dollars"})
              .empty());
    CHECK(facts_for("Le chiffre d'affaires de Nvidia a bondi à 30 milliards de dollars.",
                    "fr",
                    {"30 milliards de dollars"})
              .empty());
    CHECK(facts_for("Bruxelles a infligé une amende de 2,4 milliards d'euros à Google.",
                    "fr",
                    {"2,4 milliards d'euros"})
              .empty());
    CHECK(facts_for("Mistral AI est valorisée à 11,7 milliards d'euros.",
                    "fr",
                    {"11,7 milliards d'euros"})
              .empty());
    CHECK(facts_for("La start-up a levé 600 millions d'euros auprès de fonds américains.",
                    "fr",
                    {"600 millions d'euros"})
              .empty());
  }
}

TEST_CASE("extract::assemble_facts English") {
  SUBCASE("active give with award noun") {
    std::string t = "The Commerce Department said on Tuesday it had finalized a $7.86 billion "
                    "award to Intel for its chip plants.";
    auto f = facts_for(t, "en", {"$7.86 billion"});
    REQUIRE(f.size() == 1);
    CHECK(funder(f[0]) == "The Commerce Department");
    CHECK(recipient(f[0]) == "Intel");
    CHECK(f[0].instrument == Instrument::grant);
    CHECK(f[0].status == Status::awarded);
    CHECK(f[0].country == "US");
  }
  SUBCASE("double object") {
    std::string t = "BARDA awarded Moderna a $590 million contract to develop a vaccine.";
    auto f = facts_for(t, "en", {"$590 million"});
    REQUIRE(f.size() == 1);
    CHECK(funder(f[0]) == "BARDA");
    CHECK(recipient(f[0]) == "Moderna");
    CHECK(f[0].instrument == Instrument::procurement);
  }
  SUBCASE("preliminary terms with the partner as funder") {
    std::string t = "Micron signed a preliminary memorandum of terms with the Commerce "
                    "Department for up to $6.1 billion in CHIPS Act grants.";
    auto f = facts_for(t, "en", {"up to $6.1 billion"});
    REQUIRE(f.size() == 1);
    CHECK(f[0].status == Status::preliminary);
    CHECK(funder(f[0]) == "the Commerce Department");
    CHECK(recipient(f[0]) == "Micron");
  }
  SUBCASE("back-reference: The grant") {
    std::string t = "The National Science Foundation selected the University of Texas to host "
                    "a new AI research hub. The grant, worth $20 million over five years, will "
                    "fund computing.";
    auto f = facts_for(t, "en", {"$20 million"});
    REQUIRE(f.size() == 1);
    CHECK(funder(f[0]) == "The National Science Foundation");
    CHECK(recipient(f[0]) == "the University of Texas");
    CHECK(f[0].instrument == Instrument::grant);
    CHECK(f[0].period_start == "2025");
    CHECK(f[0].period_end == "2029");
  }
  SUBCASE("clawback, reportedly, annual") {
    auto c = facts_for(
        "The Commerce Department clawed back $500 million of the grant.", "en", {"$500 million"});
    REQUIRE(c.size() == 1);
    CHECK(c[0].status == Status::cancelled);
    auto h = facts_for("Beijing reportedly spends $20 billion a year on subsidies for domestic "
                       "chipmakers.",
                       "en",
                       {"$20 billion"});
    REQUIRE(h.size() == 1);
    CHECK(h[0].hedged);
    CHECK(h[0].amount_kind == AmountKind::annual);
    CHECK(recipient(h[0]) == "domestic chipmakers");
  }
  SUBCASE("a company's own investment and market figures are not support") {
    CHECK(facts_for("Micron plans to invest $200 billion in US memory manufacturing.",
                    "en",
                    {"$200 billion"})
              .empty());
    CHECK(facts_for("Nvidia's revenue rose to $30 billion in the quarter.", "en", {"$30 billion"})
              .empty());
    CHECK(facts_for("SMIC shares fell 5% to HK$40.", "en", {"HK$40"}).empty());
  }
  SUBCASE("no amounts, no facts") {
    CHECK(extract::assemble_facts("The government awarded a grant.", "en", std::nullopt, {}, {})
              .empty());
  }
}

// Parties must read as parties: cases from the sample articles where the rules once took a
// date, an amount word, a pronoun, a clause fragment, a document or a place for a party.
TEST_CASE("extract::assemble_facts keeps only parties that name an actor") {
  struct Case {
    const char* lang;
    const char* text;
    const char* amount;
    const char* funder;    // "<null>" when none
    const char* recipient; // "<null>" when none
  };
  const Case cases[] = {
      {"fr",
       "Les deux projets, approuvés en 2019 et 2021, ont autorisé jusqu'à 6,1 Md€ d'aides "
       "d'État.",
       "jusqu'à 6,1 Md€",
       "<null>",
       "<null>"},
      {"en",
       "The 2022 law set aside $52.7 billion for the semiconductor industry.",
       "$52.7 billion",
       "<null>",
       "the semiconductor industry"},
      {"en",
       "GlobalFoundries, which secured a $1.5 billion award in November, said it was ready.",
       "$1.5 billion",
       "<null>",
       "GlobalFoundries"},
      {"en",
       "Two weeks after the Union Cabinet approved projects worth a combined $4 billion, "
       "officials met.",
       "$4 billion",
       "the Union Cabinet",
       "<null>"},
      {"fr",
       "Le troisième fonds, créé en mai 2024, est doté à lui seul de 344 milliards de yuans.",
       "344 milliards de yuans",
       "<null>",
       "Le troisième fonds"},
      {"fr",
       "Un peu moins de 1,2 Md€ d'aides auraient été versés à la fin du premier semestre.",
       "1,2 Md€",
       "<null>",
       "<null>"},
      {"fr",
       "Le cadre financier, qui prévoit de consacrer 10 000 milliards de yens aux "
       "semi-conducteurs, sera revu.",
       "10 000 milliards de yens",
       "<null>",
       "<null>"},
      {"en",
       "In June 2023, Brussels approved up to €8.1 billion of aid for 68 projects.",
       "up to €8.1 billion",
       "<null>",
       "<null>"},
      {"fr",
       "Selon la presse, l'aide publique envisagée approchait 1,7 milliard d'euros ; elle "
       "n'avait pas été notifiée à Bruxelles.",
       "1,7 milliard d'euros",
       "<null>",
       "<null>"},
      {"fr",
       "Un décret a annulé 3 milliards d'euros de crédits sur la mission « Investir pour la "
       "France de 2030 ».",
       "3 milliards d'euros",
       "<null>",
       "<null>"},
      {"fr",
       "Bpifrance apportera sa garantie de 300 millions d'euros aux prêts bancaires de Verkor.",
       "300 millions d'euros",
       "Bpifrance",
       "Verkor"},
      // A possessive before a share of the sum names the party, without its "'s".
      {"en",
       "With the grants already paid, the government’s total investment amounts to $11.1 "
       "billion, the company said.",
       "$11.1 billion",
       "the government",
       "<null>"},
      {"en",
       "Quebec's total investment in the plant amounts to C$2.5 billion, officials said.",
       "C$2.5 billion",
       "Quebec",
       "the plant"},
      // "réserver" gives; a state fund's capital is subscribed.
      {"fr",
       "Dans le cadre de France 2030, l’État avait réservé 500 M€ à EDF pour le projet Nuward.",
       "500 M€",
       "l’État",
       "EDF"},
      // "conditionné à l'atteinte de jalons": a condition, not a recipient.
      {"fr",
       "Le versement du solde, soit 2,5 milliards d’euros, est conditionné à l’atteinte de "
       "jalons de production.",
       "2,5 milliards d’euros",
       "<null>",
       "<null>"},
      {"en",
       "The Ministry of Finance subscribed 60 billion yuan, or 17.44% of the fund's capital.",
       "60 billion yuan",
       "The Ministry of Finance",
       "<null>"},
      // A conjunction starts no party.
      {"en",
       "It has backed several start-ups in Madrid and has pledged €50 million to them.",
       "€50 million",
       "<null>",
       "<null>"},
  };
  for (const auto& c : cases) {
    std::string text = c.text;
    CAPTURE(text);
    auto facts = facts_for(text, c.lang, {c.amount});
    REQUIRE(facts.size() == 1);
    CHECK(funder(facts[0]) == c.funder);
    CHECK(recipient(facts[0]) == c.recipient);
  }
}

TEST_CASE("extract::assemble_facts: public money named by its envelope is support, form unknown") {
  struct Case {
    const char* lang;
    const char* text;
    const char* amount;
  };
  const Case cases[] = {
      {"fr",
       "Le gouvernement assure que l’enveloppe totale de 360 millions d’euros sera tenue.",
       "360 millions d’euros"},
      {"fr",
       "Le versement du solde, soit environ 2,5 milliards d’euros, est conditionné à des jalons.",
       "environ 2,5 milliards d’euros"},
      {"en",
       "The programme has a planned public outlay of NT$300 billion over 2024-2033.",
       "NT$300 billion"},
  };
  for (const auto& c : cases) {
    std::string text = c.text;
    CAPTURE(text);
    auto facts = facts_for(text, c.lang, {c.amount});
    REQUIRE(facts.size() == 1);
    CHECK_FALSE(facts[0].instrument.has_value()); // an envelope names no instrument
  }
  // Without such a word nor a verb of support, an amount is still no fact.
  auto none = facts_for(
      "Le chiffre d’affaires atteint 360 millions d’euros.", "fr", {"360 millions d’euros"});
  CHECK(none.empty());
}

TEST_CASE("extract::assemble_facts: a verb does not reach across \", while\"") {
  auto facts = facts_for("Shenzhen has earmarked up to 500 million yuan for computing vouchers, "
                         "while Shanghai's voucher programme is worth up to 600 million yuan.",
                         "en",
                         {"up to 500 million yuan", "up to 600 million yuan"});
  REQUIRE(!facts.empty());
  CHECK(funder(facts[0]) == "Shenzhen");
  for (const auto& f : facts) {
    if (f.amount == 1) {
      CHECK(funder(f) == "<null>");
    }
  }
}

TEST_CASE("extract::assemble_facts: no fact for a place as recipient of a private pledge") {
  auto facts = facts_for("TSMC, which in March pledged an additional $100 billion for Arizona, "
                         "has said it does not expect its award to change.",
                         "en",
                         {"$100 billion"});
  // The pledge is TSMC's own money: whatever the fact, Arizona is not its recipient.
  for (const auto& f : facts) {
    CHECK(recipient(f) == "<null>");
    CHECK(funder(f) != "March");
  }
}

TEST_CASE("extract::assemble_facts: negations, share prices and restatements give no fact") {
  SUBCASE("pas un euro") {
    auto facts = facts_for("« Pas un euro n'est sorti des caisses de l'État fédéral pour ce "
                           "projet », a assuré une porte-parole du ministère.",
                           "fr",
                           {"un euro"});
    CHECK(facts.empty());
  }
  SUBCASE("not a dollar, a few words after the negation") {
    std::string t = "\"The government has not paid a dollar in grants, so the direct loss to "
                    "taxpayers is limited.\"";
    auto one = amount_in(t, "a dollar");
    one.value = Decimal::from_int(1);
    CHECK(extract::assemble_facts(t, "en", std::nullopt, {one}, {}).empty());
    // A real sum a few words after a negation is still a fact (awarded, not yet paid).
    std::string u = "The ministry has not yet paid the $5 billion grant it awarded to Acme.";
    auto five = amount_in(u, "$5 billion");
    five.value = Decimal::from_int(5000000000);
    CHECK(extract::assemble_facts(u, "en", std::nullopt, {five}, {}).size() == 1);
  }
  SUBCASE("a share price") {
    auto facts = facts_for("The government will purchase 433.3 million newly issued Intel "
                           "shares at $20.47 apiece.",
                           "en",
                           {"$20.47"});
    CHECK(facts.empty());
  }
  SUBCASE("a restatement in parentheses") {
    auto facts = facts_for("La municipalité a alloué 600 millions de yuans (¥600 M, environ "
                           "76 millions d'euros) à ces bons de calcul.",
                           "fr",
                           {"600 millions de yuans", "¥600 M", "76 millions d'euros"});
    REQUIRE(facts.size() == 1);
    CHECK(facts[0].amount == 0);
    CHECK(funder(facts[0]) == "La municipalité");
  }
  SUBCASE("private investment") {
    auto facts = facts_for("Brussels approved the aid, expected to unlock a further EUR 13.7 "
                           "billion in private investment.",
                           "en",
                           {"EUR 13.7 billion"});
    CHECK(facts.empty());
  }
}

TEST_SUITE_END();

TEST_CASE("extract::assemble_facts confidence is a two-decimal score") {
  // Rule weights add up in binary fractions; the stored score is rounded to the hundredth.
  auto fs = facts_for("Selon Reuters, environ 2 milliards de yuans seraient alloués à des "
                      "start-up de l’IA.",
                      "fr",
                      {"environ 2 milliards de yuans"});
  REQUIRE(fs.size() == 1);
  CHECK(fs[0].confidence == doctest::Approx(0.55));
  CHECK(fs[0].confidence == std::round(fs[0].confidence * 100.0) / 100.0);
  CHECK(fs[0].confidence == 0.55); // the double nearest 0.55, not 0.5499999999999999
}
