#!/usr/bin/env python3
"""Write a deterministic corpus of newsy French and English articles as JSON Lines.

Each line is an article record {"id", "title", "text", "published", "lang", "source"} about state
support for industry (subsidies, chips, batteries, AI). Like real policy news, most sentences are
context: background, quotes, reactions and analysis, carrying the usual distractors (percentages,
years, head counts, node sizes, capacities, ranks); a minority are the "fact" sentences that
state an amount and often a date. The same --seed and --size-mb always give the same bytes, so
benchmark runs on different days compare like with like.

Densities (measured with `factledger extract`, KB = 1000 bytes of article text): the hand-written
articles in fixtures/articles/ have 2.8 amounts/KB and 3.5 dates/KB; this corpus (seed 42, 50 MB)
has 2.80 amounts/KB, 4.10 dates/KB and 1.5 facts/KB (scripts/bench-extract prints them). Real
news is sparser still (about 0.25 amounts/KB in the seed article of /work/shared/seeds/), so the
benchmark stays on the dense side on purpose. FACT_SHARE below sets the amount density.

    scripts/gen-corpus.py --size-mb 50 --seed 42 --out corpus.jsonl
"""

import argparse
import datetime
import json
import random
import sys

# --- shared vocabulary ----------------------------------------------------------------------

ORGS = [
    "Intel", "TSMC", "Samsung", "Micron", "GlobalFoundries", "STMicroelectronics", "Soitec",
    "Infineon", "Bosch", "Northvolt", "Verkor", "ACC", "ProLogium", "Mistral AI", "Rapidus",
    "SK Hynix", "SMIC", "Huawei", "CATL", "BYD", "Nvidia", "Texas Instruments", "Wolfspeed",
    "Arm", "Graphcore", "Lynred", "X-Fab", "Tata Electronics", "Foxconn", "Hua Hong",
]
PLACES_FR = [
    "Crolles", "Dunkerque", "Grenoble", "Douvrin", "Magdebourg", "Dresde", "Hefei", "Shanghai",
    "Hokkaido", "Bécancour", "Taylor", "Boise", "Catane", "Villach", "Saint-Avold", "Toulouse",
]
PLACES_EN = [
    "Crolles", "Dunkirk", "Grenoble", "Magdeburg", "Dresden", "Hefei", "Shanghai", "Hokkaido",
    "Ohio", "Arizona", "Texas", "Idaho", "New York", "Catania", "Villach", "Indiana",
]
FUNDERS_FR = [
    "l'État", "Bercy", "Bpifrance", "la Commission européenne", "la région", "Berlin", "Pékin",
    "Washington", "Tokyo", "Séoul", "le département du Commerce", "la BEI", "le fonds Big Fund",
    "le gouvernement", "France 2030", "l'Union européenne",
]
FUNDERS_EN = [
    "the state", "the Commerce Department", "Brussels", "the European Commission", "Berlin",
    "Beijing", "Washington", "Tokyo", "Seoul", "the Treasury", "the EIB", "the Big Fund",
    "the government", "the CHIPS Program Office", "the regional council", "the ministry",
]
SECTORS_FR = [
    "les semi-conducteurs", "les batteries", "l'hydrogène", "l'intelligence artificielle",
    "le quantique", "les puces avancées", "l'électronique de puissance", "les panneaux solaires",
    "le calcul haute performance", "la décarbonation de l'industrie",
]
SECTORS_EN = [
    "semiconductors", "batteries", "hydrogen", "artificial intelligence", "quantum computing",
    "advanced chips", "power electronics", "solar panels", "high-performance computing",
    "industrial decarbonisation",
]
MONTHS_FR = ["janvier", "février", "mars", "avril", "mai", "juin", "juillet", "août",
             "septembre", "octobre", "novembre", "décembre"]
MONTHS_EN = ["January", "February", "March", "April", "May", "June", "July", "August",
             "September", "October", "November", "December"]
DAYS_FR = ["lundi", "mardi", "mercredi", "jeudi", "vendredi", "samedi", "dimanche"]
DAYS_EN = ["Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday"]
SOURCES_FR = ["Les Echos", "Le Monde", "La Tribune", "L'Usine Nouvelle", "Le Figaro", "La Presse",
              "Radio-Canada", "L'Informé"]
SOURCES_EN = ["Reuters", "Financial Times", "Bloomberg", "Nikkei Asia", "South China Morning Post",
              "The Globe and Mail", "CBC News", "TechCrunch"]

# Bumped when the output changes, so that scripts/bench-extract does not reuse an old corpus.
GENERATOR_VERSION = 2

NB = "\u00a0"
NNB = "\u202f"

# --- amounts, numbers, dates ----------------------------------------------------------------


def fr_decimal(r, whole_max=99):
    whole = r.randint(1, whole_max)
    if r.random() < 0.5:
        return str(whole)
    return f"{whole},{r.randint(1, 9)}"


def en_decimal(r, whole_max=99):
    whole = r.randint(1, whole_max)
    if r.random() < 0.5:
        return str(whole)
    return f"{whole}.{r.randint(1, 9)}"


def fr_grouped(r, n):
    sep = r.choice([" ", NB, NNB, "."])
    s = f"{n:,}".replace(",", sep)
    return s


def fr_amount(r):
    kind = r.randrange(12)
    if kind == 0:
        return f"{fr_decimal(r)} milliards d'euros"
    if kind == 1:
        return f"{fr_decimal(r, 900)} millions d'euros"
    if kind == 2:
        return f"{fr_decimal(r)} Md€"
    if kind == 3:
        return f"{r.randint(5, 950)} M€"
    if kind == 4:
        return f"{fr_decimal(r)} milliards de dollars"
    if kind == 5:
        return f"{fr_grouped(r, r.randint(2, 900) * 1000)} euros"
    if kind == 6:
        return r.choice(["deux milliards d'euros", "un demi-milliard d'euros",
                         "trois cents millions de dollars", "un milliard d'euros",
                         "cinq millions d'euros", "vingt-cinq millions d'euros"])
    if kind == 7:
        return f"{fr_decimal(r, 500)} milliards de yuans"
    if kind == 8:
        return f"entre {r.randint(1, 4)} et {r.randint(5, 9)} milliards d'euros"
    if kind == 9:
        return (f"{fr_decimal(r, 400)} milliards de yuans "
                f"({fr_decimal(r, 60)} milliards de dollars)")
    if kind == 10:
        return f"{r.randint(100, 990)} milliards de yens"
    return f"{r.randint(1, 40)}{NB}000 milliards de wons"


def en_amount(r):
    kind = r.randrange(12)
    if kind == 0:
        return f"${en_decimal(r)} billion"
    if kind == 1:
        return f"${en_decimal(r, 900)} million"
    if kind == 2:
        return f"€{en_decimal(r)}bn"
    if kind == 3:
        return f"£{r.randint(5, 950)}m"
    if kind == 4:
        return f"{en_decimal(r)} billion euros"
    if kind == 5:
        return f"${r.randint(2, 900) * 1000:,}"
    if kind == 6:
        return r.choice(["a billion dollars", "half a billion euros", "two billion dollars",
                         "three hundred million pounds", "five million euros"])
    if kind == 7:
        return f"{en_decimal(r, 500)} billion yuan"
    if kind == 8:
        return f"between ${r.randint(1, 4)}bn and ${r.randint(5, 9)}bn"
    if kind == 9:
        return f"{en_decimal(r, 400)} billion yuan (${en_decimal(r, 60)} billion)"
    if kind == 10:
        return f"¥{r.randint(100, 990)} billion"
    return f"US${en_decimal(r)} billion"


QUAL_FR = ["", "", "", "près de ", "environ ", "plus de ", "jusqu'à ", "au moins ", "quelque "]
QUAL_EN = ["", "", "", "nearly ", "about ", "more than ", "up to ", "at least ", "some "]


def fr_date(r, year):
    k = r.randrange(5)
    if k == 0:
        return f"le {r.randint(1, 28)} {r.choice(MONTHS_FR)} {year}"
    if k == 1:
        return f"en {r.choice(MONTHS_FR)} dernier"
    if k == 2:
        return f"{r.choice(DAYS_FR)} {r.randint(1, 28)} {r.choice(MONTHS_FR)}"
    if k == 3:
        return f"d'ici {r.choice([2027, 2028, 2030, 2035])}"
    return f"au {r.choice(['premier', 'deuxième', 'troisième', 'quatrième'])} trimestre"


def en_date(r, year):
    k = r.randrange(5)
    if k == 0:
        return f"on {r.choice(MONTHS_EN)} {r.randint(1, 28)}, {year}"
    if k == 1:
        return f"last {r.choice(MONTHS_EN)}"
    if k == 2:
        return f"on {r.choice(DAYS_EN)}"
    if k == 3:
        return f"by {r.choice([2027, 2028, 2030, 2035])}"
    return f"in the {r.choice(['first', 'second', 'third', 'fourth'])} quarter"


# --- sentence templates (same stories in both languages) -------------------------------------

TEMPLATES_FR = [
    "{Funder} a annoncé {date} une aide de {qamount} pour l'usine de {org} à {place}.",
    "Selon {source}, {org} recevra {qamount} au titre du plan de soutien à {sector}.",
    "Le projet, qui doit créer {count} emplois, coûtera {amount} au total.",
    "La part des subventions publiques atteint {pct} % du coût total, soit {amount}.",
    "{Org} a levé {qamount} {date}, une hausse de {pct} % sur un an.",
    "Les investissements dans {sector} ont atteint {amount} en {year}, contre {amount2} en {year0}.",
    "{Funder} prévoit {qamount} sur cinq ans pour {sector}, a indiqué le ministre {date}.",
    "Le site de {place} emploie {count} salariés et produira {units} millions de puces par an.",
    "Cette enveloppe s'ajoute aux {amount} déjà engagés par {funder} depuis {year0}.",
    "L'usine, d'une capacité de {gw} GWh, doit entrer en service {date}.",
    "Près de {pct} % des {count} entreprises interrogées jugent les aides insuffisantes.",
    "La Commission européenne a autorisé {qamount} d'aides d'État pour {org}.",
    "Le taux de chômage de la région est tombé à {pct},{d} % {date}.",
    "{Org} emploie {count} ingénieurs dans le monde, dont {count2} en France.",
    "Le fonds, doté de {amount}, investira dans {sector} {date}.",
]

TEMPLATES_EN = [
    "{Funder} announced {date} a grant of {qamount} for {org}'s plant in {place}.",
    "According to {source}, {org} will receive {qamount} under the support plan for {sector}.",
    "The project, expected to create {count} jobs, will cost {amount} in total.",
    "Public subsidies cover {pct}% of the total cost, or {amount}.",
    "{Org} raised {qamount} {date}, up {pct}% from a year earlier.",
    "Investment in {sector} reached {amount} in {year}, compared with {amount2} in {year0}.",
    "{Funder} plans {qamount} over five years for {sector}, the minister said {date}.",
    "The {place} site employs {count} people and will make {units} million chips a year.",
    "The package comes on top of the {amount} already committed by {funder} since {year0}.",
    "The factory, with a capacity of {gw} GWh, is due to start production {date}.",
    "Nearly {pct}% of the {count} companies surveyed said the aid was not enough.",
    "The European Commission approved {qamount} in state aid for {org}.",
    "The region's unemployment rate fell to {pct}.{d}% {date}.",
    "{Org} employs {count} engineers worldwide, including {count2} in the United States.",
    "The fund, worth {amount}, will invest in {sector} {date}.",
]

# --- context sentences: background, quotes, reactions (mostly no amount) ---------------------

PEOPLE = [
    "Hélène Marchetti", "Thomas Keller", "Sophie Lambert", "David Chen", "Maria Rossi",
    "Jean-Marc Dubois", "Emily Carter", "Kenji Watanabe", "Claire Moreau", "Lee Ji-won",
    "Paul Girard", "Anna Schmidt", "Marc Lefèvre", "Rachel Green", "Olivier Martin",
]
ROLES_FR = ["économiste chez Asterion Conseil", "analyste chez Gartner", "député de la commission des "
            "finances", "porte-parole du ministère", "secrétaire général du syndicat CFDT",
            "directrice de la stratégie", "professeur à Sciences Po", "président de la région",
            "chercheur à l'Ifri", "responsable des affaires publiques"]
ROLES_EN = ["an economist at Asterion Advisory", "an analyst at Gartner", "a member of the budget "
            "committee", "a ministry spokesperson", "general secretary of the union",
            "head of strategy", "a professor at the London School of Economics", "the regional "
            "governor", "a fellow at the Peterson Institute", "head of public affairs"]

CONTEXT_FR = [
    "« Nous ne pouvons pas laisser {sector} aux seuls acteurs asiatiques », a déclaré {person}, {role}.",
    "« C'est un signal fort pour toute la filière, mais il faudra tenir dans la durée », estime {person}, {role}.",
    "Le dossier était en discussion depuis plusieurs mois entre {funder} et la direction de {org}.",
    "Selon {person}, {role}, le calendrier reste très ambitieux au regard des contraintes techniques.",
    "{Org} compte aujourd'hui {count} salariés répartis sur {small} sites, dont {small2} en Europe.",
    "La part de marché de l'Europe dans la production mondiale de puces est tombée à {pct} % en {year0}.",
    "Le groupe vise une gravure en {nm} nanomètres d'ici la fin de la décennie.",
    "Les syndicats réclament des garanties sur l'emploi, alors que {pct} % des postes seraient des contrats temporaires.",
    "L'opposition dénonce un « chèque en blanc » accordé à une entreprise qui a supprimé {count2} postes l'an dernier.",
    "Le projet doit encore obtenir le feu vert des autorités environnementales, qui ont ouvert une consultation publique.",
    "Les négociations ont achoppé à plusieurs reprises sur la question des contreparties en matière d'emploi.",
    "{Place} accueille déjà {small} usines du secteur et un centre de recherche de {count2} personnes.",
    "Le marché mondial de {sector} devrait croître de {pct} % par an jusqu'en {yearf}, selon le cabinet Yole.",
    "La ligne de production, longue de {small2}00 mètres, fonctionnera {small}4 heures sur 24.",
    "Interrogé par {source}, le ministère n'a pas souhaité commenter ces informations.",
    "Plusieurs élus locaux s'inquiètent de la consommation d'eau du site, estimée à {count} mètres cubes par jour.",
    "La concurrence entre les États pour attirer ces projets est devenue féroce depuis la pandémie.",
    "{Org}, qui compte {count2} brevets, est classé au {small}e rang mondial du secteur.",
    "Le texte prévoit aussi un volet formation, avec {count2} places supplémentaires dans les écoles d'ingénieurs.",
    "Pour {person}, {role}, « la vraie question est celle de la demande, pas celle de l'offre ».",
    "Cette décision intervient dans un contexte de tensions commerciales croissantes avec la Chine.",
    "Les premiers équipements devraient être livrés {date}, selon un document interne consulté par {source}.",
    "La filière représente {pct} % de l'emploi industriel de la région et près de {small} entreprises sous-traitantes.",
    "Le rendement des lignes de production atteint désormais {pct} %, contre {pct2} % au démarrage.",
    "Les détails du montage financier n'ont pas été rendus publics.",
    "Le conseil d'administration de {org} doit encore valider le projet.",
    "En {year0}, le groupe avait déjà reporté de {small} ans la construction d'une seconde usine.",
    "Le chantier mobilisera jusqu'à {count} ouvriers au plus fort des travaux.",
]

CONTEXT_EN = [
    "\"We cannot leave {sector} to Asian players alone,\" said {person}, {role}.",
    "\"It is a strong signal for the whole industry, but it has to last,\" said {person}, {role}.",
    "The deal had been under discussion for months between {funder} and {org}'s management.",
    "According to {person}, {role}, the timetable remains very ambitious given the technical constraints.",
    "{Org} now has {count} employees across {small} sites, {small2} of them in Europe.",
    "Europe's share of global chip production fell to {pct}% in {year0}.",
    "The group is aiming for a {nm}-nanometre process by the end of the decade.",
    "Unions want job guarantees, with {pct}% of the positions said to be temporary contracts.",
    "The opposition called it a \"blank cheque\" for a company that cut {count2} jobs last year.",
    "The project still needs approval from environmental regulators, who have opened a public consultation.",
    "Talks stalled several times over the commitments the company would make on jobs.",
    "{Place} already hosts {small} plants in the sector and a research centre with {count2} staff.",
    "The global market for {sector} is expected to grow {pct}% a year until {yearf}, according to Yole.",
    "The production line, {small2}00 metres long, will run {small}4 hours a day.",
    "Asked by {source}, the ministry declined to comment.",
    "Several local officials are worried about the site's water use, put at {count} cubic metres a day.",
    "Competition between governments to attract such projects has become fierce since the pandemic.",
    "{Org}, which holds {count2} patents, ranks {small}th in the world in its sector.",
    "The bill also includes a training component, with {count2} extra places in engineering schools.",
    "For {person}, {role}, \"the real question is demand, not supply.\"",
    "The decision comes amid rising trade tensions with China.",
    "The first tools are due to be delivered {date}, according to an internal document seen by {source}.",
    "The industry accounts for {pct}% of manufacturing jobs in the region and nearly {small} suppliers.",
    "Yields on the production lines now reach {pct}%, up from {pct2}% at launch.",
    "Details of the financing have not been made public.",
    "{Org}'s board has yet to approve the project.",
    "In {year0}, the group had already delayed a second plant by {small} years.",
    "Construction will employ up to {count} workers at its peak.",
]


TITLES_FR = [
    "{org} : {amount} pour {sector}",
    "{Funder} débloque {amount} pour {org}",
    "Aides d'État : {org} obtient {amount} à {place}",
    "{sector_cap} : le plan de {amount} se précise",
]
TITLES_EN = [
    "{org} wins {amount} for {sector}",
    "{Funder} unlocks {amount} for {org}",
    "State aid: {org} gets {amount} in {place}",
    "{sector_cap}: the {amount} plan takes shape",
]


# Share of sentences that state an amount; the rest is context (tuned for the densities above).
FACT_SHARE = 0.35


def cap(s):
    return s[:1].upper() + s[1:]


def qualified(r, amount, qualifiers):
    # A range already says how sure it is: no "près de entre 2 et 3 milliards".
    if amount.startswith(("entre ", "between ")):
        return amount
    return r.choice(qualifiers) + amount


def fill(r, template, lang, year):
    fr = lang == "fr"
    amount = fr_amount if fr else en_amount
    qual = QUAL_FR if fr else QUAL_EN
    funder = r.choice(FUNDERS_FR if fr else FUNDERS_EN)
    org = r.choice(ORGS)
    sector = r.choice(SECTORS_FR if fr else SECTORS_EN)
    count = r.randint(50, 20000)
    count_s = (fr_grouped(r, count) if fr else f"{count:,}") if count >= 1000 else str(count)
    values = {
        "Funder": cap(funder), "funder": funder, "org": org, "Org": org,
        "place": r.choice(PLACES_FR if fr else PLACES_EN),
        "sector": sector, "sector_cap": cap(sector),
        "source": r.choice(SOURCES_FR if fr else SOURCES_EN),
        "amount": amount(r), "amount2": amount(r), "qamount": qualified(r, amount(r), qual),
        "date": (fr_date if fr else en_date)(r, year),
        "year": year, "year0": year - r.randint(1, 5),
        "count": count_s, "count2": r.randint(10, 900),
        "pct": r.randint(1, 95), "d": r.randint(0, 9),
        "units": r.randint(1, 90), "gw": r.randint(4, 60),
        "person": r.choice(PEOPLE), "role": r.choice(ROLES_FR if fr else ROLES_EN),
        "Place": r.choice(PLACES_FR if fr else PLACES_EN), "small": r.randint(2, 9),
        "small2": r.randint(1, 9), "nm": r.choice([2, 3, 5, 7, 14, 28]), "pct2": r.randint(1, 95),
        "yearf": r.choice([2030, 2032, 2035]), "yearold": r.randint(1950, 2015),
    }
    return template.format(**values)


def article(r, index):
    lang = "fr" if r.random() < 0.5 else "en"
    fr = lang == "fr"
    published = datetime.date(2023, 1, 1) + datetime.timedelta(days=r.randrange(3 * 365))
    year = published.year
    title = fill(r, r.choice(TITLES_FR if fr else TITLES_EN), lang, year)
    facts = TEMPLATES_FR if fr else TEMPLATES_EN
    context = CONTEXT_FR if fr else CONTEXT_EN
    paragraphs = []
    for _ in range(r.randint(4, 9)):
        sentences = [fill(r, r.choice(facts if r.random() < FACT_SHARE else context), lang, year)
                     for _ in range(r.randint(2, 5))]
        paragraphs.append(" ".join(sentences))
    return {
        "id": f"bench-{index:07d}",
        "title": title,
        "text": "\n\n".join(paragraphs),
        "published": published.isoformat(),
        "lang": lang,
        "source": r.choice(SOURCES_FR if fr else SOURCES_EN),
    }


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--size-mb", type=float, default=50, help="corpus size in MB (default 50)")
    parser.add_argument("--seed", type=int, default=42, help="random seed (default 42)")
    parser.add_argument("--out", default="-", help="output file (default stdout)")
    args = parser.parse_args()

    target = int(args.size_mb * 1_000_000)
    r = random.Random(args.seed)
    out = sys.stdout if args.out == "-" else open(args.out, "w", encoding="utf-8", newline="\n")
    written = 0
    index = 0
    try:
        while written < target:
            index += 1
            line = json.dumps(article(r, index), ensure_ascii=False) + "\n"
            try:
                out.write(line)
            except BrokenPipeError:  # `gen-corpus.py | head` is fine
                sys.stderr.close()
                return
            written += len(line.encode("utf-8"))
    finally:
        if out is not sys.stdout:
            out.close()
    print(f"gen-corpus: {index} articles, {written / 1e6:.1f} MB (seed {args.seed})",
          file=sys.stderr)


if __name__ == "__main__":
    main()
