#include "extract/currencies.hpp"

#include "extract/text_scan.hpp"

#include <algorithm>
#include <array>
#include <utility>

namespace factledger::extract {

namespace {

constexpr std::uint8_t k_both = k_prefix | k_suffix;
constexpr std::uint8_t k_fr = 1;
constexpr std::uint8_t k_en = 2;

constexpr CurrencyForm sym(std::string_view f, std::string_view iso, std::uint8_t flags = 0) {
  return {f, iso, CurrencyKind::symbol, k_both, 0, 0, 0, flags};
}
constexpr CurrencyForm
code(std::string_view f, std::string_view iso, std::uint8_t flags = 0, std::uint8_t lang = 0) {
  return {f, iso, CurrencyKind::code, k_both, lang, 0, 0, flags};
}
constexpr CurrencyForm scaled_code(std::string_view f, std::string_view iso, std::int8_t scale) {
  return {f, iso, CurrencyKind::code, k_both, 0, 0, scale, 0};
}
constexpr CurrencyForm name(std::string_view f,
                            std::string_view iso,
                            std::uint8_t lang = 0,
                            std::uint8_t flags = 0,
                            std::uint8_t places = k_suffix) {
  return {f, iso, CurrencyKind::name, places, lang, 0, 0, flags};
}
constexpr CurrencyForm minor(std::string_view f,
                             std::string_view iso,
                             std::int8_t exp = 2,
                             std::uint8_t lang = 0,
                             std::uint8_t flags = 0) {
  return {f, iso, CurrencyKind::minor, k_suffix, lang, exp, 0, flags};
}

// The currency lexicon: one line per written form. iso "$" is the article's dollar and "¥"
// its yen (see money_context.cpp); a minor unit with iso "$" is a cent of that dollar.
// Deliberately absent: bare "dinar" (Kuwaiti, Iraqi, Jordanian... no default), bare "peso",
// "lira", "dirham", "real" (ambiguous or common words), "ALL" (the English word), "sen"/"mao"
// outside a "major and minor" amount.
const std::array k_forms = {
    // Symbols and symbol compounds.
    sym("$", "$"),
    sym("us $", "USD"),
    sym("u.s. $", "USD"),
    sym("u.s $", "USD"),
    sym("usd $", "USD"),
    sym("hk $", "HKD"),
    sym("hkd $", "HKD"),
    sym("nt $", "TWD"),
    sym("ntd $", "TWD"),
    sym("twd $", "TWD"),
    sym("a$", "AUD", k_upper_only),
    sym("au $", "AUD"),
    sym("aud $", "AUD"),
    sym("c $", "CAD"),
    sym("ca $", "CAD"),
    sym("can $", "CAD"),
    sym("cad $", "CAD"),
    sym("s$", "SGD", k_upper_only),
    sym("sg $", "SGD"),
    sym("sgd $", "SGD"),
    sym("nz $", "NZD"),
    sym("nzd $", "NZD"),
    sym("mex $", "MXN"),
    sym("mx $", "MXN"),
    sym("mxn $", "MXN"),
    sym("r$", "BRL", k_upper_only),
    sym("$ us", "USD"),
    sym("$ usd", "USD"),
    sym("$ c", "CAD"),
    sym("$ ca", "CAD"),
    sym("$ can", "CAD"),
    sym("$ cad", "CAD"),
    sym("$ hk", "HKD"),
    sym("$ au", "AUD"),
    sym("$ aus", "AUD"),
    sym("$ aud", "AUD"),
    sym("$ nz", "NZD"),
    sym("$ sg", "SGD"),
    sym("$ sgd", "SGD"),
    sym("\xE2\x82\xAC", "EUR"), // €
    sym("\xE2\x82\xAC"
        "ur",
        "EUR"),                             // €ur
    sym("\xC2\xA3", "GBP"),                 // £
    sym("\xC2\xA5", "\xC2\xA5"),            // ¥: context
    sym("\xEF\xBF\xA5", "\xC2\xA5"),        // fullwidth ￥
    sym("\xE2\x82\xA9", "KRW"),             // ₩
    sym("\xE2\x82\xB9", "INR"),             // ₹
    sym("\xE5\x85\x83", "CNY"),             // 元
    sym("\xE2\x82\xA1", "CRC"),             // ₡
    sym("\xE2\x82\xBE", "GEL"),             // ₾
    sym("\xE2\x82\xAD", "LAK"),             // ₭
    sym("\xE2\x82\xBD", "RUB"),             // ₽
    sym("\xE2\x82\xAA", "ILS"),             // ₪
    sym("\xE2\x82\xBA", "TRY"),             // ₺
    sym("\xE2\x82\xB1", "PHP"),             // ₱
    sym("\xE2\x82\xA6", "NGN"),             // ₦
    sym("\xE2\x82\xAB", "VND"),             // ₫
    sym("\xE0\xAE\xB0\xE0\xAF\x82", "LKR"), // ரூ
    minor("\xC2\xA2", "$"),                 // ¢

    // ISO codes (and a few customary abbreviations).
    code("usd", "USD"),
    code("eur", "EUR"),
    code("gbp", "GBP"),
    code("jpy", "JPY"),
    code("cny", "CNY"),
    code("rmb", "CNY"),
    code("krw", "KRW"),
    code("inr", "INR"),
    code("hkd", "HKD"),
    code("twd", "TWD"),
    code("ntd", "TWD"),
    code("sgd", "SGD"),
    code("aud", "AUD"),
    code("cad", "CAD"),
    code("nzd", "NZD"),
    code("chf", "CHF"),
    code("mxn", "MXN"),
    code("brl", "BRL"),
    code("rub", "RUB"),
    code("ils", "ILS"),
    code("sar", "SAR"),
    code("qar", "QAR"),
    code("kwd", "KWD"),
    code("lbp", "LBP"),
    code("egp", "EGP"),
    code("bgn", "BGN"),
    code("myr", "MYR"),
    code("mnt", "MNT"),
    code("uah", "UAH"),
    code("zar", "ZAR"),
    code("sek", "SEK"),
    code("nok", "NOK"),
    code("dkk", "DKK"),
    code("pln", "PLN"),
    code("czk", "CZK"),
    code("huf", "HUF"),
    code("idr", "IDR"),
    code("thb", "THB"),
    code("vnd", "VND"),
    code("php", "PHP", k_upper_only),
    code("ngn", "NGN"),
    code("xof", "XOF"),
    code("xaf", "XAF"),
    code("mad", "MAD", k_upper_only),
    code("tnd", "TND"),
    code("dzd", "DZD"),
    code("aed", "AED"),
    code("try", "TRY", k_upper_only),
    code("ars", "ARS"),
    code("clp", "CLP"),
    code("cop", "COP", k_upper_only),
    code("pen", "PEN", k_upper_only),
    code("fcfa", "XOF"),
    code("f cfa", "XOF"),
    code("rs.", "INR"),
    code("rs", "INR"),
    code("rm", "MYR"),
    code("l.e.", "EGP", 0, k_en),
    code("l.e", "EGP", 0, k_en),
    code("le", "EGP", 0, k_en),
    scaled_code("musd", "USD", 6),
    scaled_code("meur", "EUR", 6),
    scaled_code("mgbp", "GBP", 6),
    scaled_code("maud", "AUD", 6),
    scaled_code("mcad", "CAD", 6),
    scaled_code("mchf", "CHF", 6),
    scaled_code("kusd", "USD", 3),
    scaled_code("keur", "EUR", 3),

    // Names, French and English.
    name("dollars am\xC3\xA9ricains", "USD", k_fr),
    name("dollar am\xC3\xA9ricain", "USD", k_fr),
    name("dollars us", "USD"),
    name("dollar us", "USD"),
    name("dollars des \xC3\xA9tats-unis", "USD", k_fr),
    name("us dollars", "USD"),
    name("us dollar", "USD"),
    name("u.s. dollars", "USD"),
    name("u.s. dollar", "USD"),
    name("american dollars", "USD", k_en),
    name("dollars canadiens", "CAD", k_fr),
    name("dollar canadien", "CAD", k_fr),
    name("canadian dollars", "CAD", k_en),
    name("canadian dollar", "CAD", k_en),
    name("dollars australiens", "AUD", k_fr),
    name("dollar australien", "AUD", k_fr),
    name("australian dollars", "AUD", k_en),
    name("australian dollar", "AUD", k_en),
    name("dollars de hong kong", "HKD", k_fr),
    name("dollars hongkongais", "HKD", k_fr),
    name("hong kong dollars", "HKD"),
    name("hong kong dollar", "HKD"),
    name("hk dollars", "HKD"),
    name("dollars ta\xC3\xAFwanais", "TWD", k_fr),
    name("dollars taiwanais", "TWD", k_fr),
    name("nouveaux dollars ta\xC3\xAFwanais", "TWD", k_fr),
    name("dollars de ta\xC3\xAFwan", "TWD", k_fr),
    name("new taiwan dollars", "TWD", k_en),
    name("new taiwan dollar", "TWD", k_en),
    name("taiwan dollars", "TWD", k_en),
    name("taiwanese dollars", "TWD", k_en),
    name("dollars de singapour", "SGD", k_fr),
    name("dollars singapouriens", "SGD", k_fr),
    name("singapore dollars", "SGD", k_en),
    name("singapore dollar", "SGD", k_en),
    name("dollars n\xC3\xA9o-z\xC3\xA9"
         "landais",
         "NZD",
         k_fr),
    name("new zealand dollars", "NZD", k_en),
    name("dollars", "$"),
    name("dollar", "$"),
    name("euros", "EUR"),
    name("euro", "EUR"),
    name("livres sterling", "GBP", k_fr),
    name("livre sterling", "GBP", k_fr),
    name("livres britanniques", "GBP", k_fr),
    name("pounds sterling", "GBP", k_en),
    name("pound sterling", "GBP", k_en),
    name("british pounds", "GBP", k_en),
    name("sterling", "GBP"),
    name("livres libanaises", "LBP", k_fr),
    name("lebanese pounds", "LBP", k_en),
    name("lebanese pound", "LBP", k_en),
    name("livres \xC3\xA9gyptiennes", "EGP", k_fr),
    name("egyptian pounds", "EGP", k_en),
    name("egyptian pound", "EGP", k_en),
    name("egyptianpound", "EGP", k_en),
    name("geneh", "EGP", k_en),
    name("genihat masriya", "EGP", k_en),
    name("livres turques", "TRY", k_fr),
    name("livre turque", "TRY", k_fr),
    name("lires turques", "TRY", k_fr),
    name("turkish liras", "TRY", k_en),
    name("turkish lira", "TRY", k_en),
    name("livres", "GBP", k_fr, k_needs_cue),
    name("livre", "GBP", k_fr, k_needs_cue),
    name("pounds", "GBP", k_en, k_needs_cue),
    name("pound", "GBP", k_en, k_needs_cue),
    name("yuans chinois", "CNY", k_fr),
    name("chinese yuan", "CNY", k_en),
    name("yuan renminbi", "CNY"),
    name("yuans", "CNY"),
    name("yuan", "CNY"),
    name("renminbi", "CNY"),
    name("kuai", "CNY", k_en),
    name("yens japonais", "JPY", k_fr),
    name("japanese yen", "JPY", k_en),
    name("yens", "JPY"),
    name("yen", "JPY"),
    name("wons sud-cor\xC3\xA9"
         "ens",
         "KRW",
         k_fr),
    name("won sud-cor\xC3\xA9"
         "en",
         "KRW",
         k_fr),
    name("south korean won", "KRW", k_en),
    name("korean won", "KRW", k_en),
    name("wons", "KRW"),
    name("won", "KRW"),
    name("roupies indiennes", "INR", k_fr),
    name("roupie indienne", "INR", k_fr),
    name("indian rupees", "INR", k_en),
    name("indian rupee", "INR", k_en),
    name("roupies pakistanaises", "PKR", k_fr),
    name("pakistani rupees", "PKR", k_en),
    name("sri lankan rupees", "LKR", k_en),
    name("roupies", "INR", k_fr),
    name("roupie", "INR", k_fr),
    name("rupees", "INR", k_en),
    name("rupee", "INR", k_en),
    name("francs suisses", "CHF", k_fr),
    name("franc suisse", "CHF", k_fr),
    name("swiss francs", "CHF", k_en),
    name("swiss franc", "CHF", k_en),
    name("francs cfa", "XOF"),
    name("franc cfa", "XOF"),
    name("cfa francs", "XOF", k_en),
    name("francs fran\xC3\xA7"
         "ais",
         "FRF",
         k_fr),
    name("french francs", "FRF", k_en),
    name("francs belges", "BEF", k_fr),
    name("belgian francs", "BEF", k_en),
    // Bare "francs": Swiss francs, the one franc still widely reported (documented default).
    name("francs", "CHF"),
    name("franc", "CHF"),
    name("roubles", "RUB"),
    name("rouble", "RUB"),
    name("rubles", "RUB"),
    name("ruble", "RUB"),
    name("nouveaux shekels", "ILS", k_fr),
    name("new shekels", "ILS", k_en),
    name("shekels", "ILS"),
    name("shekel", "ILS"),
    name("qatari riyals", "QAR", k_en),
    name("qatari riyal", "QAR", k_en),
    name("riyals qataris", "QAR", k_fr),
    name("saudi riyals", "SAR", k_en),
    name("saudiriyal", "SAR", k_en),
    name("riyals saoudiens", "SAR", k_fr),
    name("riyals", "SAR"),
    name("riyal", "SAR"),
    name("rials", "IRR"),
    name("rial", "IRR"),
    name("kuwaiti dinars", "KWD", k_en),
    name("kuwaiti dinar", "KWD", k_en),
    name("dinars kowe\xC3\xAF"
         "tiens",
         "KWD",
         k_fr),
    name("malaysian ringgits", "MYR", k_en, 0, k_both),
    name("malaysian ringgit", "MYR", k_en, 0, k_both),
    name("malaysia ringgits", "MYR", k_en, 0, k_both),
    name("malaysia ringgit", "MYR", k_en, 0, k_both),
    name("ringgits", "MYR", 0, 0, k_both),
    name("ringgit", "MYR", 0, 0, k_both),
    name("tugriks", "MNT"),
    name("tugrik", "MNT"),
    name("hryvnias", "UAH"),
    name("hryvnia", "UAH"),
    name("hryvnas", "UAH"),
    name("mark finlandais", "FIM", k_fr),
    name("marks finlandais", "FIM", k_fr),
    name("finnish markkaa", "FIM", k_en),
    name("finnish markka", "FIM", k_en),
    name("markkaa", "FIM"),
    name("markka", "FIM"),
    name("florins hollandais", "NLG", k_fr),
    name("dutch guilders", "NLG", k_en),
    name("guilders", "NLG", k_en),
    name("florins", "NLG", k_fr),
    name("pesetas", "ESP"),
    name("peseta", "ESP"),
    name("deutsche marks", "DEM"),
    name("deutschemarks", "DEM"),
    name("marks allemands", "DEM", k_fr),
    name("lires italiennes", "ITL", k_fr),
    name("italian lire", "ITL", k_en),
    name("zlotys", "PLN"),
    name("zloty", "PLN"),
    name("zlotys polonais", "PLN", k_fr),
    name("couronnes su\xC3\xA9"
         "doises",
         "SEK",
         k_fr),
    name("swedish kronor", "SEK", k_en),
    name("swedish krona", "SEK", k_en),
    name("couronnes norv\xC3\xA9giennes", "NOK", k_fr),
    name("norwegian kroner", "NOK", k_en),
    name("couronnes danoises", "DKK", k_fr),
    name("danish kroner", "DKK", k_en),
    name("rands", "ZAR"),
    name("rand", "ZAR"),
    name("nairas", "NGN"),
    name("naira", "NGN"),
    name("reais", "BRL"),
    name("pesos mexicains", "MXN", k_fr),
    name("mexican pesos", "MXN", k_en),

    // Minor units: the number counts hundredths.
    minor("cents", "$"),
    minor("cent", "$", 2, k_en),
    minor("centimes", "EUR"),
    minor("centime", "EUR"),
    minor("pence", "GBP"),
    minor("penny", "GBP"),
    minor("pennies", "$", 2, k_en),
    minor("p", "GBP", 2, k_en, k_attached),
    minor("c", "$", 2, k_en),
    minor("kopiykas", "UAH"),
    minor("kopiyka", "UAH"),
    minor("pesewas", "GHS"),
    minor("pesewa", "GHS"),
    minor("paise", "INR"),
    minor("sens", "MYR", 2, 0, k_tail_only),
    minor("sen", "MYR", 2, 0, k_tail_only),
};

// The forms that may start with a given byte, longest first, for one place and language,
// split by their second byte: a form whose second character is a space, an apostrophe or
// nothing ("$ c", "$") stands in every list of its bucket, at its place in the order.
struct Bucket {
  std::vector<std::pair<char, std::vector<const CurrencyForm*>>> by_second;
  std::vector<const CurrencyForm*> any_second; // when the second byte has no list of its own

  const std::vector<const CurrencyForm*>& candidates(char second) const {
    for (const auto& [c, list] : by_second) {
      if (c == second) {
        return list;
      }
    }
    return any_second;
  }
};

bool any_second(const CurrencyForm& f) {
  return f.form.size() == 1 || f.form[1] == ' ' || f.form[1] == '\'';
}

struct Index {
  std::vector<CurrencyForm> forms;
  // [place is suffix][text is French][first byte]
  std::array<std::array<std::array<Bucket, 256>, 2>, 2> buckets{};

  Index() : forms(k_forms.begin(), k_forms.end()) {
    std::array<std::vector<const CurrencyForm*>, 256> by_first{};
    for (const CurrencyForm& f : forms) {
      by_first[static_cast<unsigned char>(f.form[0])].push_back(&f);
    }
    for (auto& bucket : by_first) {
      // Longest first: "dollars canadiens" before "dollars", "$ c" before "$".
      std::stable_sort(bucket.begin(), bucket.end(), [](const auto* a, const auto* b) {
        return a->form.size() > b->form.size();
      });
    }
    for (int suffix = 0; suffix < 2; ++suffix) {
      for (int french = 0; french < 2; ++french) {
        std::uint8_t place = suffix ? k_suffix : k_prefix;
        std::uint8_t other_lang = french ? k_en : k_fr;
        for (std::size_t b = 0; b < 256; ++b) {
          std::vector<const CurrencyForm*> usable;
          for (const CurrencyForm* f : by_first[b]) {
            if ((f->places & place) != 0 && f->lang != other_lang) {
              usable.push_back(f);
            }
          }
          Bucket& out = buckets[suffix][french][b];
          for (const CurrencyForm* f : usable) {
            if (any_second(*f)) {
              out.any_second.push_back(f);
              continue;
            }
            char c = f->form[1];
            auto known = std::find_if(out.by_second.begin(),
                                      out.by_second.end(),
                                      [c](const auto& entry) { return entry.first == c; });
            if (known != out.by_second.end()) {
              continue;
            }
            std::vector<const CurrencyForm*> list;
            for (const CurrencyForm* g : usable) {
              if (any_second(*g) || g->form[1] == c) {
                list.push_back(g);
              }
            }
            out.by_second.emplace_back(c, std::move(list));
          }
        }
      }
    }
  }
};

const Index& index() {
  static const Index idx;
  return idx;
}

bool upper_in_text(std::string_view t, std::size_t begin, std::size_t end) {
  for (std::size_t i = begin; i < end; ++i) {
    if (t[i] >= 'a' && t[i] <= 'z') {
      return false;
    }
  }
  return true;
}

} // namespace

std::optional<CurrencyMatch>
match_currency(std::string_view t, std::size_t pos, bool french, CurrencyPlace place) {
  if (pos >= t.size()) {
    return std::nullopt;
  }
  const Bucket& bucket = index().buckets[place == k_suffix ? 1 : 0][french ? 1 : 0]
                                        [static_cast<unsigned char>(scan::ascii_lower(t[pos]))];
  char second = pos + 1 < t.size() ? scan::ascii_lower(t[pos + 1]) : '\0';
  for (const CurrencyForm* f : bucket.candidates(second)) {
    std::size_t end = scan::match_form(t, pos, f->form);
    if (end == scan::k_npos) {
      continue;
    }
    if ((f->flags & k_upper_only) && !upper_in_text(t, pos, end)) {
      continue;
    }
    return CurrencyMatch{f, pos, end};
  }
  return std::nullopt;
}

const std::vector<CurrencyForm>& currency_forms() {
  return index().forms;
}

} // namespace factledger::extract
