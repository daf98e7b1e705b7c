"""Write a synthetic relgraph corpus of any size, for benchmarks.

Why: the bundled corpus has five articles, far too few to see how check, build, queries
and exports scale. This writes a seeded corpus in relgraph's own format (entities.yaml and
articles/<id>.yaml) that passes `relgraph check` and has the real corpus's shape: countries,
a growing cast of people (with roles), meetings, visits, proposals, positions, messages,
alleged transfers and planned events, each claim quoting a sentence that occurs exactly once
in its article. The YAML is written as text, so the same seed and size give the same bytes.

Each claim builds to about 30 quads (statement node, evidence selectors, direct triple), so
the default of 2-4 claims per article gives roughly 100 quads per article; pass
`--claims 8-15` for articles as dense as the bundled ones.

Usage: python bench/generate.py OUT_DIR --articles N [--seed 1] [--claims 2-4]
"""

from __future__ import annotations

import argparse
import datetime as dt
import random
import re
from dataclasses import dataclass, field
from pathlib import Path

MONTHS = "January February March April May June July August September October November December"
MONTH = MONTHS.split()
WEEKDAY = "Monday Tuesday Wednesday Thursday Friday Saturday Sunday".split()
START, DAYS = dt.date(1995, 1, 1), (dt.date(2024, 12, 31) - dt.date(1995, 1, 1)).days + 1
# id, name, aliases, adjective, weight, places (the capital first), name pools
COUNTRIES = [
    ("russia", "Russia", ["Russian Federation"], "Russian", 30,
     "Moscow Vladivostok Khabarovsk Nakhodka Khasan"),
    ("dprk", "North Korea", ["DPRK", "Democratic People's Republic of Korea"], "North Korean",
     30, "Pyongyang Rason Sinuiju Wonsan Chongjin Kaesong"),
    ("rok", "South Korea", ["ROK", "Republic of Korea"], "South Korean", 12, "Seoul Busan Incheon"),
    ("usa", "United States", ["U.S.", "United States of America"], "U.S.", 8, "Washington"),
    ("japan", "Japan", [], "Japanese", 7, "Tokyo Niigata Osaka"),
    ("china", "China", ["People's Republic of China"], "Chinese", 9, "Beijing Dandong Hunchun"),
    ("mongolia", "Mongolia", [], "Mongolian", 2, "Ulaanbaatar"),
    ("vietnam", "Vietnam", ["Viet Nam"], "Vietnamese", 2, "Hanoi"),
]  # fmt: skip
_S = str.split
_KP, _KR = _S("Chol Nam Song Il Ho Su Myong Yong Hyon Guk Thae Jin"), _S("Min Jun Seo Ji Hyun Woo")
_CN = _S("Wei Jian Hua Ming Gang Lei Ping Tao Jun Hong Qiang Xin")
NAMES = {
    "russia": [_S("Sergei Alexander Igor Dmitry Nikolai Andrei Mikhail Yuri Oleg Pavel Viktor "
                  "Boris Alexei Anna Elena Olga Maria Irina Natalia"),
               _S("Ivanov Petrov Sidorov Smirnov Kuznetsov Popov Volkov Sokolov Lebedev Kozlov "
                  "Novikov Morozov Orlov Makarov Zaitsev Golovin Belov Frolov Titov Gromov")],
    "dprk": [_S("Kim Ri Pak Choe Jang Kang Han O Ju Ryu Yun Jo"),
             [f"{a} {b}" for a in _KP for b in _KP if a != b]],
    "rok": [_S("Kim Lee Park Choi Jung Cho Yoon Lim Shin Kwon"),
            [f"{a}-{b.lower()}" for a in _KR for b in _KR if a != b]],
    "usa": [_S("John Michael Robert James David Mary Susan Karen Thomas Sarah Laura Kevin"),
            _S("Smith Johnson Williams Brown Miller Davis Wilson Anderson Taylor Moore Clark")],
    "japan": [_S("Taro Hiroshi Kenji Takeshi Yuko Akiko Koichi Naoko Haruki Kazuo"),
              _S("Sato Suzuki Takahashi Tanaka Watanabe Ito Yamamoto Nakamura Kato Yoshida")],
    "china": [_S("Wang Li Zhang Liu Chen Yang Zhao Huang Zhou Wu Xu Sun"),
              [a + b.lower() for a in _CN for b in _CN if a != b]],
    "mongolia": [_S("Batbayar Ganbold Enkhbayar Tsogt Munkh Oyun"), _S("Bold Erdene Sukh Altan")],
    "vietnam": [_S("Nguyen Tran Le Pham Hoang Vu"), _S("Van Thi Duc"), _S("Hung Lan Tuan Dung")],
}  # fmt: skip
ALIAS = {"Sergei": "Sergey", "Dmitry": "Dmitri", "Andrei": "Andrey", "Yuri": "Yury",
         "Alexander": "Aleksandr", "Ri": "Lee", "Pak": "Park", "Choe": "Choi", "Jo": "Cho"}  # fmt: skip
ORGS = [  # id, name, aliases, country, is an outlet
    ("tass", "TASS", [], "russia", 1), ("interfax", "Interfax", [], "russia", 1),
    ("ria_novosti", "RIA Novosti", [], "russia", 1),
    ("kcna", "Korean Central News Agency", ["KCNA"], "dprk", 1),
    ("yonhap", "Yonhap News Agency", ["Yonhap"], "rok", 1),
    ("xinhua", "Xinhua News Agency", ["Xinhua"], "china", 1),
    ("kyodo", "Kyodo News", [], "japan", 1), ("ap", "Associated Press", ["AP"], "usa", 1),
    ("afp", "Agence France-Presse", ["AFP"], None, 1), ("reuters", "Reuters", [], None, 1),
    ("russian_foreign_ministry", "Russian Foreign Ministry", [], "russia", 0),
    ("russian_railways", "Russian Railways", [], "russia", 0),
    ("gazprom", "Gazprom", [], "russia", 0), ("rosatom", "Rosatom", [], "russia", 0),
    ("workers_party_of_korea", "Workers' Party of Korea", ["WPK"], "dprk", 0),
    ("kogas", "Korea Gas Corporation", ["KOGAS"], "rok", 0), ("korail", "Korail", [], "rok", 0),
    ("united_nations", "United Nations", ["UN"], None, 0),
    ("iaea", "International Atomic Energy Agency", ["IAEA"], None, 0),
]  # fmt: skip
FORUMS = ["six-party talks", "Eastern Economic Forum", "ASEAN Regional Forum",
          "Russia–DPRK Intergovernmental Commission", "Tumen River Area Development Programme"]  # fmt: skip
TOPICS = _S("North Korean nuclear program|Korean Peninsula security|sanctions relief|regional "
            "military buildup|labor migration|food aid|Soviet-era debt|missile tests|cross-border "
            "trade|maritime boundaries", "|")  # fmt: skip
PROJECTS = ["Trans-Korean Railway", "Khasan–Rajin rail link", "trans-Korean gas pipeline",
            "Russia–Korea power line", "Tumen River road bridge"]  # fmt: skip
KINDS = _S("port modernization|industrial park|power plant upgrade|logistics hub|rail terminal|"
           "fish processing plant|tourist zone|oil depot", "|")  # fmt: skip
TITLES = _S("Foreign Minister|Deputy Foreign Minister|Ambassador|Defense Minister|Trade Minister|"
            "Deputy Prime Minister|Energy Minister|Special Envoy|Transport Minister", "|")  # fmt: skip
GOODS = _S(
    "artillery shells|ballistic missiles|fuel oil|machine tools|drone components|rifles", "|"
)
FILLER = [
    "The talks lasted about two hours.", "Officials gave no further details.",
    "Trade between the two countries remains modest.", "No timetable was announced.",
    "Analysts said the move reflected a broader shift in regional diplomacy.",
    "The statement did not say when a final decision would be made.",
    "Both sides described the atmosphere as friendly and constructive.",
    "The ministry declined to comment on the report.", "Financing has not been secured.",
    "Observers noted that similar plans had stalled before.",
    "The announcement came amid renewed tension on the peninsula.",
    "Diplomats said the contacts were part of a regular dialogue.",
    "Several further documents were said to be under preparation.",
    "Critics questioned whether the commitments would be kept.",
]  # fmt: skip
TAILS = _S("also took part in the talks|was among those present|accompanied the delegation|"
           "told reporters the contacts would continue|attended the ceremony", "|")  # fmt: skip
CLAIM_KEYS = _S("id subject participants predicate object date place host status asserted_by "
                "denied_by detail quote")  # fmt: skip
IDS = {"id", "subject", "participants", "object", "place", "host", "asserted_by", "denied_by"}
ISO_DAY = re.compile(r"\d{4}-\d{2}-\d{2}\Z")


def q(value: str) -> str:
    """A double-quoted YAML scalar."""
    return '"' + value.replace("\\", "\\\\").replace('"', '\\"') + '"'


def slug(name: str, sep: str = "_") -> str:
    return re.sub(r"[^a-z0-9]+", sep, name.lower().replace("–", " ")).strip(sep)


@dataclass
class Ent:
    id: str
    type: str
    name: str
    country: str | None = None
    aliases: list[str] = field(default_factory=list)
    title: tuple[str, str] = ("", "")  # the role a person is attested in: title, of
    roles: list[tuple[str, str, str, str, str]] = field(default_factory=list)


class Generator:
    def __init__(self, articles: int, seed: int, claims: tuple[int, int]) -> None:
        self.rng, self.n, self.claims = random.Random(seed), articles, claims
        self.ents: dict[str, Ent] = {}
        self.taken: set[str] = set()
        self.adj = {c[0]: c[3] for c in COUNTRIES}
        self.capital: dict[str, str] = {}
        for cid, name, aliases, _, _, places in COUNTRIES:
            self.add(cid, "Country", name, None, aliases)
            for place in places.split():
                self.capital.setdefault(cid, self.add(slug(place), "Place", place, cid).id)
        self.places = [e for e in self.ents.values() if e.type == "Place"]
        for oid, name, aliases, country, _ in ORGS:
            self.add(oid, "Organization", name, country, aliases)
        self.outlets = [self.ents[o[0]] for o in ORGS if o[4]]
        self.orgs = [self.ents[o[0]] for o in ORGS if not o[4]]
        self.forums = [self.add(slug(f), "Forum", f) for f in FORUMS]
        self.topics = [self.add(slug(t), "Topic", t) for t in TOPICS]
        hubs = [p.name for p in self.places if p.country in ("russia", "dprk", "china")]
        names = (PROJECTS + [f"{p} {k}" for k in KINDS for p in hubs])[: 10 + articles // 40]
        self.projects = [self.add(slug(p), "Project", p) for p in names]
        ids, weights = [c[0] for c in COUNTRIES], [c[4] for c in COUNTRIES]
        self.people: dict[str, list[Ent]] = {c: [] for c in ids}
        for country in ids + self.rng.choices(ids, weights, k=articles // 5 + 50 - len(ids)):
            self.people[country].append(self.person(country))
        self.all_people = [p for c in ids for p in self.people[c]]
        self.rng.shuffle(self.all_people)

    def add(self, eid: str, kind: str, name: str, country: str | None = None,
            aliases: list[str] | None = None) -> Ent:  # fmt: skip
        while eid in self.ents:
            eid += "_x"
        names = [n for n in [name, *(aliases or [])] if n.casefold() not in self.taken]
        self.taken.update(n.casefold() for n in names)
        self.ents[eid] = Ent(eid, kind, name, country, names[1:])
        return self.ents[eid]

    def person(self, country: str) -> Ent:
        for attempt in range(60):
            parts = [self.rng.choice(pool) for pool in NAMES[country]]
            if attempt >= 30:  # the pools are crowded: add a middle initial
                parts.insert(1, chr(65 + self.rng.randrange(26)) + ".")
            name = " ".join(parts)
            if name.casefold() not in self.taken:
                break
        else:
            name = f"{name} {attempt}"
        alias = " ".join(ALIAS.get(p, p) for p in parts)
        aliases = [alias] if alias != name and self.rng.random() < 0.6 else []
        return self.add(slug(name), "Person", name, country, aliases)

    def pick(self, items: list[Ent]) -> Ent:  # skewed: a few entities recur often
        return items[int(len(items) * self.rng.random() ** 2)]

    def who(self, country: str | None = None) -> Ent:
        country = country or self.rng.choice(["russia", "dprk", "russia", "dprk", None])
        pool = self.people.get(country or "") or self.all_people
        return self.pick(pool)

    def actor(self) -> Ent:
        r = self.rng.random()
        if r < 0.2:
            return self.ents[self.rng.choice(["russia", "dprk", "rok", "usa", "china", "japan"])]
        return self.pick(self.orgs) if r < 0.3 else self.who()

    def when(self, pub: dt.date) -> tuple[str | None, str]:
        """A claim date on or before ``pub``, as written in YAML and in the text."""
        r, day = self.rng.random(), pub - dt.timedelta(days=self.rng.randrange(21))
        if r < 0.45:
            return day.isoformat(), f"on {day.day} {MONTH[day.month - 1]} {day.year}"
        if r < 0.65:
            wd = WEEKDAY[day.weekday()]
            return wd, f"on {wd}"
        if r < 0.75:
            return "yesterday", "yesterday"
        if r < 0.95:
            return f"{day:%Y-%m}", f"in {MONTH[day.month - 1]} {day.year}"
        return None, ""

    def claim(self, pub: dt.date, home: Ent) -> tuple[dict[str, str | list[str]], str]:
        """One claim's fields and the sentence that states it."""
        rng, kind = self.rng, self.rng.choices(range(10), [20, 12, 10, 14, 14, 8, 6, 8, 5, 3])[0]
        date, when = self.when(pub)
        c: dict[str, str | list[str]] = {}
        a, b = self.who("russia"), self.who("dprk")
        if rng.random() < 0.5:
            a, b = b, a
        thing = self.pick(self.projects + self.topics + self.forums)
        if kind == 0:  # a meeting of two to four
            group = [a, b] + [self.who() for _ in range(rng.choice([0, 0, 1, 2]))]
            group = list({e.id: e for e in group}.values())
            place = home if rng.random() < 0.6 else self.ents[self.capital[group[0].country or ""]]
            host = [e.id for e in group if e.country == place.country][:1]
            c = {"participants": [e.id for e in group]} if len(group) > 2 else {"subject": a.id}
            c |= {"predicate": "met"} | ({"object": b.id} if len(group) == 2 else {})
            c |= {"place": place.id} | ({"host": host[0]} if host else {})
            names = ", ".join(e.name for e in group[:-1]) + " and " + group[-1].name
            s = rng.choice(["{} met in {} {}", "{} held talks in {} {}"])
            s = s.format(names, place.name, when)
        elif kind == 1:  # a visit
            dest = rng.choice(
                [p for p in self.places if p.country != a.country] + [self.ents["dprk"]]
            )
            c = {"subject": a.id, "predicate": "visited", "object": dest.id}
            s = f"{a.name} {rng.choice(['visited', 'arrived in', 'toured'])} {dest.name} {when}"
        elif kind == 2:  # a proposal
            who, plan = rng.choice([a, self.ents[a.country or "russia"]]), self.pick(self.projects)
            c = {"subject": who.id, "predicate": "proposed", "object": plan.id}
            s = f"{who.name} {rng.choice(['proposed', 'put forward a plan for'])} the {plan.name} {when}"
        elif kind == 3:  # discussed
            c = {"participants": [a.id, b.id], "predicate": "discussed", "object": thing.id}
            s = f"{a.name} and {b.name} discussed the {thing.name} {when}"
        elif kind == 4:  # a stated position, sometimes a country's as told by its official
            verb = rng.choice(["support", "expand cooperation on", "review", "resume talks on"])
            detail, ctry = f"ready to {verb} the {thing.name}", self.ents[a.country or "russia"]
            c = {"subject": ctry.id, "predicate": "stated_position", "object": thing.id}
            c |= {"asserted_by": a.id, "detail": detail}
            s = f"{a.name} said {ctry.name} was {detail} {when}"
        elif kind == 5:  # a message
            what = rng.choice(["a letter of greetings", "a congratulatory message", "a letter"])
            c = {"subject": a.id, "predicate": "sent_message", "object": b.id, "detail": what}
            s = f"{a.name} sent {b.name} {what} {when}"
        elif kind == 6:  # an alleged transfer, denied by both sides
            src, dst = rng.sample(["russia", "dprk"], 2)
            say, goods = self.ents[rng.choice(["usa", "rok", "japan"])], rng.choice(GOODS)
            deny, date, when = [src, dst], f"{pub:%Y-%m}", f"in {MONTH[pub.month - 1]} {pub.year}"
            c = {"subject": src, "predicate": "transferred", "object": dst, "status": "alleged"}
            c |= {"asserted_by": say.id, "denied_by": deny, "detail": goods}
            s = f"{say.name} said {self.ents[src].name} had shipped {goods} to "
            s += f"{self.ents[dst].name} {when}, a charge both governments denied"
        elif kind == 7:  # something planned, after the article date
            day = pub + dt.timedelta(days=rng.randrange(3, 150))
            date, when = day.isoformat(), f"on {day.day} {MONTH[day.month - 1]} {day.year}"
            forum = rng.choice(self.forums)
            c = {"subject": a.id, "predicate": "participates_in", "object": forum.id}
            s = f"{a.name} is expected to attend the {forum.name} session {when}"
            if rng.random() < 0.5:
                c = {
                    "subject": a.id,
                    "predicate": "visited",
                    "object": self.capital[b.country or "dprk"],
                }
                s = f"{a.name} is scheduled to visit {self.ents[str(c['object'])].name} {when}"
            c["status"] = "planned"
        elif kind == 8:
            c = {"subject": a.id, "predicate": "supported", "object": thing.id}
            s = f"{a.name} {rng.choice(['welcomed', 'praised', 'endorsed'])} the {thing.name} {when}"
        else:
            c = {"subject": a.id, "predicate": "expressed_concern", "object": thing.id}
            s = f"{a.name} voiced concern over the {thing.name} {when}"
        if date:
            c["date"] = date
        return c, s.strip()

    def article(self, i: int, pub: dt.date, holders: list[Ent], used: set[str]) -> tuple[str, str]:
        rng = self.rng
        outlet, home = self.pick(self.outlets), self.pick(self.places)
        aid = base = f"{pub.isoformat()}-{slug(outlet.id, '-')}-{slug(home.id, '-')}"
        while aid in used:
            aid = f"{base}-{len(used) % 1000}-{i}"
        used.add(aid)
        claims: list[dict[str, str | list[str]]] = []
        paras: list[list[str]] = []
        sentences: list[str] = []

        def say(sentence: str) -> str:
            n = 0
            while any(sentence in s or s in sentence for s in sentences):
                n += 1
                sentence = f"{sentence.split(', report')[0]}, report {n} said"
            sentences.append(sentence)
            paras.append([sentence + "."] + rng.sample(FILLER, rng.choice([0, 1, 1, 2])))
            return sentence

        for k in range(rng.randint(*self.claims)):
            c, sentence = self.claim(pub, home)
            claims.append({"id": f"c{k + 1:02d}", **c, "quote": say(sentence)})
        for p in holders:
            (title, of), date = p.title, pub.isoformat()
            if any(r[0] == title and r[2] == date for r in p.roles):
                continue  # the same role and date twice would be a duplicate role
            label = f"{self.ents[of].name if of != p.country else self.adj[of]} {title} {p.name}"
            full = say(f"{label} {rng.choice(TAILS)}")
            quote = label if sum(label in s for s in sentences) == 1 else full
            p.roles.append((title, of, date, aid, quote))
            claims.append({"quote": quote})
        paras[0][0] = f"{home.name.upper()} — {paras[0][0]}"
        text = "\n\n".join(" ".join(p) for p in paras)
        for c in claims:
            assert text.count(str(c["quote"])) == 1, (aid, c["quote"])
        claims = [c for c in claims if "id" in c]
        title = f"{claims[0]['quote']}"[:90].rstrip(" ,")
        out = [f"id: {aid}", f"title: {q(title)}", f"outlet: {outlet.id}"]
        out += [f"published: {pub.isoformat()}", f"dateline: {home.id}", "text: |"]
        out += [f"  {line}" if line else "" for line in text.split("\n")]
        out.append("claims:")
        for c in claims:
            for j, key in enumerate(k for k in CLAIM_KEYS if k in c):
                out.append(("  - " if j == 0 else "    ") + f"{key}: {fmt(key, c[key])}")
        return aid, "\n".join(out) + "\n"


def fmt(key: str, value: str | list[str]) -> str:
    if isinstance(value, list):
        return "[" + ", ".join(value) + "]"
    return value if key in IDS or ISO_DAY.match(value) else q(value)


def write_entities(ents: list[Ent]) -> str:
    out = ["# Synthetic entity registry written by bench/generate.py.", "entities:"]
    for e in ents:
        out += [f"  - id: {e.id}", f"    type: {q(e.type)}", f"    name: {q(e.name)}"]
        if e.aliases:
            out.append("    aliases: [" + ", ".join(q(a) for a in e.aliases) + "]")
        if e.country:
            out.append(f"    country: {e.country}")
        if e.roles:
            out.append("    roles:")
        for title, of, date, article, quote in e.roles:
            out += [f"      - title: {q(title)}", f"        of: {of}", f"        date: {date}"]
            out += [f"        article: {article}", f"        quote: {q(quote)}"]
    return "\n".join(out) + "\n"


def generate(
    out_dir: Path, articles: int, seed: int = 1, claims: tuple[int, int] = (2, 4)
) -> dict[str, int]:
    """Write OUT_DIR/entities.yaml and OUT_DIR/articles/*.yaml; return the counts."""
    g = Generator(articles, seed, claims)
    rng, orgs = g.rng, {c: [o for o in g.orgs if o.country == c] for c in g.people}
    holders = rng.sample(g.all_people, min(len(g.all_people), 300, 20 + articles // 4))
    slots: dict[int, list[Ent]] = {}
    for p in holders:
        country = p.country or "russia"
        title, of = rng.choice(TITLES), country
        if orgs[country] and rng.random() < 0.25:
            title, of = (
                rng.choice(["Chairman", "Chief Executive", "Spokesman"]),
                rng.choice(orgs[country]).id,
            )
        for i in sorted({rng.randrange(articles) for _ in range(rng.choice([1, 1, 1, 2]))}):
            slots.setdefault(i, []).append(p)
        p.title = (title, of)
    pubs = sorted(START + dt.timedelta(days=rng.randrange(DAYS)) for _ in range(articles))
    (out_dir / "articles").mkdir(parents=True, exist_ok=True)
    used: set[str] = set()
    n_claims = 0
    for i, pub in enumerate(pubs):
        aid, body = g.article(i, pub, slots.get(i, []), used)
        n_claims += body.count("\n  - id: ")
        (out_dir / "articles" / f"{aid}.yaml").write_text(body, encoding="utf-8")
    ents = list(g.ents.values())
    (out_dir / "entities.yaml").write_text(write_entities(ents), encoding="utf-8")
    roles = sum(len(e.roles) for e in ents)
    return {"articles": articles, "entities": len(ents), "claims": n_claims, "roles": roles}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("out_dir", type=Path)
    parser.add_argument("--articles", type=int, required=True)
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--claims", default="2-4", help="claims per article, MIN-MAX")
    args = parser.parse_args()
    lo, _, hi = args.claims.partition("-")
    counts = generate(args.out_dir, args.articles, args.seed, (int(lo), int(hi or lo)))
    print(", ".join(f"{v} {k}" for k, v in counts.items()))


if __name__ == "__main__":
    main()
