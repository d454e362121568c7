"""News about everything but diplomacy, for the relevance gate's mixed corpus (`make bench`).

A general news feed is mostly sport, markets, weather, science, courts and local news; this module
writes such articles from templates written for this repository, with the words that also occur in
diplomatic news ("talks", "meet", "visit", "call", "summit", "president", "minister", country names)
in their everyday senses, and with domestic encounters of ministers ("The health minister visited the
new clinic and met staff"), so that the gate is measured on the confusions a real feed holds rather
than on text it could never mistake. Lengths follow the real annotated articles (about 100-400
words). Names and places are invented or generic; no real article is used.
"""

from __future__ import annotations

import datetime as dt
import random

TOWNS = ["Ashford Vale", "Brookmere", "Carrow", "Dunholt", "Eastwick Bay", "Fernlow", "Greyhaven", "Halbury"]
NATIONS = [
    "Brazil",
    "Argentina",
    "France",
    "Germany",
    "Japan",
    "Spain",
    "Italy",
    "Nigeria",
    "Mexico",
    "Canada",
]
CLUBS = [
    "Brookmere Rovers",
    "Carrow City",
    "Dunholt Athletic",
    "Fernlow United",
    "Halbury Town",
    "Greyhaven FC",
]
FIRST = ["Maya", "Tom", "Priya", "Luis", "Hannah", "Kofi", "Sara", "Dmitri", "Aiko", "Ben", "Nadia", "Owen"]
LAST = [
    "Holloway",
    "Brennan",
    "Okoro",
    "Lindqvist",
    "Moreau",
    "Patel",
    "Kowalski",
    "Ferreira",
    "Sato",
    "Quinn",
]
COMPANIES = ["Norhaven Foods", "Altic Energy", "Pellmark Systems", "Greyline Logistics", "Orrin Pharma"]
WEEKDAYS = ["Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday"]

# One list of sentence templates per subject; `{x}` slots are filled by `_fill`.
SUBJECTS: dict[str, list[str]] = {
    "sport": [
        "{club} beat {club2} {n1}-{n2} on {day} to move up to {ordinal} place in the table.",
        "The two sides meet again in the cup final at the end of the month.",
        "Manager {person} said contract talks with the club's top scorer were going well.",
        "The club president, {person}, told supporters that a new stadium was still the plan.",
        "{nation} face {nation2} in the quarter-finals after a late penalty settled the tie.",
        "The athletics meet in {town} drew a record crowd despite the rain.",
        "{person} called the referee's decision harsh but said the team would move on.",
        "Fans who visited the training ground on {day} watched a closed session from the stands.",
        "The captain met supporters after the match and signed shirts for half an hour.",
        "Injuries to two defenders leave the squad thin ahead of a busy run of fixtures.",
        "The league said it would review the incident and announce any sanctions next week.",
        "Ticket prices for the new season will rise by {n1} percent, the club said.",
    ],
    "markets": [
        "Shares in {company} rose {n1} percent on {day} after quarterly profit beat forecasts.",
        "The finance minister said inflation was expected to ease later in the year.",
        "Investors watched wage talks between the carmakers and the unions for signs of a deal.",
        "The central bank president held interest rates at {n1}.{n2} percent, as expected.",
        "Oil prices fell as traders weighed rising stocks against weaker demand.",
        "{company} said its chief executive, {person}, would step down at the end of the year.",
        "Analysts on a conference call with management asked about costs and margins.",
        "The index closed {n1} points higher, led by banks and energy stocks.",
        "Bond yields edged up after stronger than expected retail sales figures.",
        "The merger talks between {company} and {company2} collapsed over the price, people familiar said.",
        "The {nation} currency weakened against the dollar for a third straight session.",
        "Trading volumes were thin ahead of the holiday.",
    ],
    "weather": [
        "Heavy rain is forecast for {town} and the surrounding valleys from {day} evening.",
        "Forecasters issued a flood warning for low-lying roads near the river.",
        "Temperatures will climb to {n1} degrees by the weekend before cooler air arrives.",
        "Climbers were told to avoid the summit as winds above {n1} kilometres an hour were expected.",
        "The weather service said the dry spell was the longest since records began.",
        "Residents were asked to call the emergency line only if lives were at risk.",
        "Snow closed the mountain pass for several hours on {day}.",
        "Farmers said the late frost had damaged fruit blossom across the region.",
        "A yellow warning for thunderstorms remains in place until midnight.",
    ],
    "science": [
        "Researchers at the University of {town} reported a new method for storing energy in salt.",
        "The team said the results, published on {day}, still need to be repeated by other laboratories.",
        "Astronomers observed a comet passing close to the Sun for the first time in {n1} years.",
        "Delegates at the physics conference in {town} heard that the new detector was ahead of schedule.",
        "The study followed {n1} volunteers over ten years and found that walking lowered blood pressure.",
        "{person}, who led the work, said the finding surprised the group.",
        "The probe will visit two asteroids before reaching its final orbit.",
        "Funding for the project was renewed for another five years.",
        "Scientists called for more data before drawing firm conclusions.",
        "The telescope's mirror was polished to within a few nanometres of its design shape.",
    ],
    "local": [
        "The council in {town} approved plans for a new cycle lane on the high street.",
        "Residents met at the town hall on {day} to discuss the closure of the library.",
        "The mayor, {person}, said the budget would protect bus routes and school meals.",
        "Police are appealing for witnesses after a van was stolen overnight.",
        "Volunteers cleaned up the riverbank and collected {n1} bags of litter.",
        "The bakery on Station Road reopened after a fire in the spring.",
        "A public meeting on the housing plans will be held next month.",
        "The school's head teacher said pupils would visit the museum as part of a history project.",
        "Roadworks on the bridge are expected to last until the end of {month}.",
        "The festival returns in the summer with music, food stalls and a craft market.",
    ],
    "courts": [
        "A man was sentenced to {n1} years in prison at {town} Crown Court on {day}.",
        "The jury heard that the defendant had called the victim several times that night.",
        "The judge said the case had caused great distress to the family.",
        "Lawyers for the company said it would appeal against the ruling.",
        "The trial is expected to last six weeks.",
        "Prosecutors said the fraud had cost investors more than {n1} million.",
        "The court was told that {person} met the accused at a bar in {town}.",
        "The hearing was adjourned until {day}.",
    ],
    "health": [
        "Hospitals in {town} reported a rise in flu cases over the past week.",
        "The health minister said waiting times for surgery had fallen for a third month.",
        "Nurses' unions will resume pay talks with hospital managers on {day}.",
        "Doctors advised older people to get a booster before the winter.",
        "A new clinic opened on {day} with space for {n1} patients a day.",
        "{person}, a family doctor, said many patients called the surgery with the same symptoms.",
        "The study of {n1} patients found the drug cut the risk of a second heart attack.",
        "Visitors to the ward are asked to wear masks.",
    ],
    "technology": [
        "{company} unveiled a phone with a folding screen and a battery that lasts two days.",
        "The company's president of products said sales would begin in {month}.",
        "A software update fixed a flaw that let attackers read messages.",
        "Users reported outages on {day} morning, which the firm blamed on a faulty server.",
        "The start-up raised {n1} million in a funding round led by an investment fund.",
        "Engineers will meet at the developer summit in {town} to preview new tools.",
        "Regulators said they were reviewing the deal between {company} and {company2}.",
        "{person}, an analyst, said the price would limit its appeal.",
    ],
    "culture": [
        "The novel by {person} won the book prize at a ceremony in {town} on {day}.",
        "The exhibition of {nation} landscape painting has drawn {n1} visitors since it opened.",
        "The band will tour {n1} cities next year, starting in {town}.",
        "Critics called the film slow but beautifully shot.",
        "The theatre's director said the season would include three new plays.",
        "Tickets for the concert sold out within an hour.",
        "The museum will stay open late on Fridays through the summer.",
        "{person} met the cast for a reading of the script before filming began.",
    ],
}
# Officials meeting someone at home, in one article in OFFICIAL_SHARE: the gate's hardest confusion.
OFFICIAL_SHARE = 0.25
OFFICIALS: dict[str, list[str]] = {
    "sport": ["The sports minister visited the squad's training camp on {day} and met the coaches."],
    "markets": ["The finance minister met bank chiefs on {day} to discuss lending to small firms."],
    "local": ["The mayor held talks with the transport minister about funding for the bridge."],
    "health": ["The health minister visited the new clinic and met staff on {day}."],
    "technology": ["{company} executives met the {nation} trade minister to discuss a new factory."],
    "culture": ["The culture minister opened the exhibition on {day} and met the artists."],
    "weather": ["The environment minister met farmers on {day} to hear about the frost damage."],
    "science": ["The science minister visited the laboratory on {day} and met the research team."],
    "courts": ["The justice minister met the victims' families after the verdict."],
}
HEADLINES = {
    "sport": "{club} edge {club2} as the title race tightens",
    "markets": "Stocks rise as {company} lifts outlook",
    "weather": "Flood warnings for {town} as heavy rain moves in",
    "science": "Researchers report new way to store energy",
    "local": "{town} council backs new cycle lane",
    "courts": "Man jailed for {n1} years over fraud",
    "health": "Flu cases rise in {town} hospitals",
    "technology": "{company} unveils folding phone",
    "culture": "{person} wins book prize",
}


def _fill(template: str, rng: random.Random, published: dt.date) -> str:
    club, club2 = rng.sample(CLUBS, 2)
    nation, nation2 = rng.sample(NATIONS, 2)
    company, company2 = rng.sample(COMPANIES, 2)
    return template.format(
        club=club,
        club2=club2,
        nation=nation,
        nation2=nation2,
        company=company,
        company2=company2,
        town=rng.choice(TOWNS),
        person=f"{rng.choice(FIRST)} {rng.choice(LAST)}",
        day=rng.choice(WEEKDAYS),
        month=(published + dt.timedelta(days=40)).strftime("%B"),
        ordinal=rng.choice(["second", "third", "fourth", "fifth"]),
        n1=rng.randrange(2, 60),
        n2=rng.randrange(0, 9),
    )


def other_article(rng: random.Random, i: int, words: tuple[int, int] = (100, 350)) -> dict:
    """One article on a subject other than diplomacy, as a record of `corpus.write_corpus`'s shape
    (the default lengths average the real articles' 224 words)."""
    subject = rng.choice(sorted(SUBJECTS))
    published = dt.date(2019, 1, 1) + dt.timedelta(days=rng.randrange(2500))
    wanted = rng.randrange(*words)
    sentences: list[str] = []
    pool: list[str] = []
    count = 0
    while count < wanted:
        if not pool:  # each template once before any comes again
            pool = rng.sample(SUBJECTS[subject], len(SUBJECTS[subject]))
        sentence = _fill(pool.pop(), rng, published)
        sentences.append(sentence)
        count += len(sentence.split())
    if rng.random() < OFFICIAL_SHARE:
        sentences.insert(
            rng.randrange(len(sentences) + 1), _fill(rng.choice(OFFICIALS[subject]), rng, published)
        )
    paragraphs = [" ".join(sentences[k : k + 2]) for k in range(0, len(sentences), 2)]
    return {
        "id": f"other-{i:06d}",
        "title": _fill(HEADLINES[subject], rng, published),
        "published": published.isoformat(),
        "publisher": rng.choice(["Example Gazette", "Example Evening News", "Example Wire"]),
        "url": f"https://example.org/news/{subject}/{i}",
        "text": "\n".join(paragraphs) + "\n",
    }
