"""Write a synthetic relgraph corpus of any size, for benchmarks.

Why: the bundled corpus has five articles, far too few to see how check, build, queries and
exports scale. This writes a seeded corpus in relgraph's own format (entities.yaml and
articles/<id>.yaml) that passes `relgraph check` and has the real corpus's shape: countries, a
cast of people that grows with the corpus (some with attested roles), meetings, visits,
proposals, positions, messages, alleged transfers and planned events, each claim quoting a
sentence that occurs exactly once in its article. The YAML is written as text, so the same seed
and size give the same bytes.

A claim builds to about 30 quads (statement node, evidence selectors, direct triple), so the
default of 2-4 claims per article gives about 100 quads per article; `--claims 8-15` gives
articles as dense as the bundled ones (about 3.5 times the quads).

Usage: python bench/generate.py OUT_DIR --articles N [--seed 1] [--claims 2-4]
"""

from __future__ import annotations

import argparse
import datetime as dt
import random
import re
from dataclasses import dataclass, field
from pathlib import Path

# id | name | aliases (;) | adjective | weight of its people | places, the capital first
COUNTRIES = """\
russia|Russia|Russian Federation|Russian|30|Moscow Vladivostok Khabarovsk Nakhodka Khasan
dprk|North Korea|DPRK;Democratic People's Republic of Korea|North Korean|30|Pyongyang Rason Wonsan
rok|South Korea|ROK;Republic of Korea|South Korean|12|Seoul Busan Incheon
usa|United States|U.S.;United States of America|U.S.|8|Washington
japan|Japan||Japanese|7|Tokyo Niigata
china|China|People's Republic of China|Chinese|9|Beijing Dandong Hunchun
mongolia|Mongolia||Mongolian|4|Ulaanbaatar"""
# id:name:alias:country, for the outlets and then for the other organizations
OUTLETS = (
    "tass:TASS::russia|interfax:Interfax::russia|kcna:Korean Central News Agency:KCNA:dprk|"
    + (
        "yonhap:Yonhap News Agency:Yonhap:rok|xinhua:Xinhua News Agency:Xinhua:china|"
        "kyodo:Kyodo News::japan|ap:Associated Press:AP:usa|afp:Agence France-Presse:AFP:"
    )
)
ORGS = "russian_foreign_ministry:Russian Foreign Ministry::russia|gazprom:Gazprom::russia|" + (
    "russian_railways:Russian Railways::russia|workers_party_of_korea:Workers' Party of Korea:WPK:"
    "dprk|kogas:Korea Gas Corporation:KOGAS:rok|united_nations:United Nations:UN:|"
    "iaea:International Atomic Energy Agency:IAEA:"
)
_KP, _KR = "Chol Nam Song Il Ho Su Myong Yong Hyon Guk Jin", "Min Jun Seo Ji Hyun"
NAMES = {  # name pools per country: a name takes one item of each pool
    "russia": ["Sergei Alexander Igor Dmitry Nikolai Andrei Mikhail Yuri Oleg Pavel Boris",
               "Ivanov Petrov Sidorov Smirnov Kuznetsov Popov Volkov Sokolov Lebedev Kozlov "
               "Novikov Morozov Orlov Makarov Zaitsev Golovin Belov Frolov Titov Gromov"],
    "dprk": ["Kim Ri Pak Choe Jang Kang Han O Ju Ryu Yun Jo",
             " ".join(f"{a}_{b}" for a in _KP.split() for b in _KP.split() if a != b)],
    "rok": ["Kim Lee Park Choi Jung Cho Yoon Lim Shin Kwon",
            " ".join(f"{a}-{b.lower()}" for a in _KR.split() for b in _KR.split() if a != b)],
    "usa": ["John Michael Robert James David Mary Susan Karen Thomas Sarah Laura",
            "Smith Johnson Williams Brown Miller Davis Wilson Anderson Taylor Moore Clark"],
    "japan": ["Taro Hiroshi Kenji Takeshi Yuko Akiko Koichi Naoko", "Sato Suzuki Tanaka Ito Kato"],
    "china": ["Wang Li Zhang Liu Chen Yang Zhao Huang", "Ming Gang Lei Ping Tao Jun Wei Jian Hua"],
    "mongolia": ["Batbayar Ganbold Enkhbayar Tsogt Munkh Oyun", "Bold Erdene Sukh Altan"],
}  # fmt: skip
ALIAS = {"Sergei": "Sergey", "Yuri": "Yury", "Ri": "Lee", "Pak": "Park", "Choe": "Choi"}
FORUMS = "six-party talks|Eastern Economic Forum|ASEAN Regional Forum|Tumen River Programme"
TOPICS = "North Korean nuclear program|Korean Peninsula security|sanctions relief|food aid|" + (
    "labor migration|Soviet-era debt|missile tests|cross-border trade|maritime boundaries"
)
PROJECTS = "Trans-Korean Railway|Khasan–Rajin rail link|trans-Korean gas pipeline|power line"
KINDS = "port upgrade|industrial park|power plant|logistics hub|rail terminal|tourist zone"
TITLES = "Foreign Minister|Deputy Foreign Minister|Ambassador|Defense Minister|Trade Minister|" + (
    "Deputy Prime Minister|Energy Minister|Special Envoy|Transport Minister"
)
GOODS = "artillery shells|ballistic missiles|fuel oil|machine tools|drone parts|rifles"
FILLER = """The talks lasted about two hours. Officials gave no further details. Trade between \
the two countries remains modest. No timetable was announced. Analysts said the move reflected \
a broader shift in regional diplomacy. The statement did not say when a decision would be made. \
Both sides described the atmosphere as friendly. The ministry declined to comment. Financing \
has not been secured. Observers noted that similar plans had stalled before. Diplomats said the \
contacts were part of a regular dialogue. Critics questioned whether the pledges would be kept."""
FILLERS = [s + "." for s in FILLER.removesuffix(".").split(". ")]
TAILS = "also took part|was among those present|accompanied the delegation|attended"
CLAIM_KEYS = "id subject participants predicate object date place host status asserted_by "
CLAIM_KEYS += "denied_by detail quote"
IDS = {"id", "subject", "participants", "object", "place", "host", "asserted_by", "denied_by"}
MONTH = "January February March April May June July August September October November December"
WEEKDAY = "Monday Tuesday Wednesday Thursday Friday Saturday Sunday"
START, DAYS = dt.date(1995, 1, 1), (dt.date(2025, 1, 1) - dt.date(1995, 1, 1)).days
Fields = dict[str, str | list[str]]


def q(value: str) -> str:
    """A double-quoted YAML scalar."""
    return '"' + value.replace("\\", "\\\\").replace('"', '\\"') + '"'


def slug(name: str, sep: str = "_") -> str:
    return re.sub(r"[^a-z0-9]+", sep, name.lower()).strip(sep)


def spoken(day: dt.date) -> str:
    return f"{day.day} {MONTH.split()[day.month - 1]} {day.year}"


def fmt(key: str, value: str | list[str]) -> str:
    """Ids, id lists and ISO days unquoted (as relgraph's own files), every other value quoted."""
    if isinstance(value, list):
        return "[" + ", ".join(value) + "]"
    return value if key in IDS or re.fullmatch(r"\d{4}-\d\d-\d\d", value) else q(value)


@dataclass
class Ent:
    id: str
    type: str
    name: str
    country: str | None = None
    aliases: list[str] = field(default_factory=list)
    title: tuple[str, str] = ("", "")  # the role this person is attested in: title, of
    roles: list[tuple[str, str, str, str, str]] = field(default_factory=list)


class Generator:
    def __init__(self, articles: int, seed: int, claims: tuple[int, int]) -> None:
        self.rng, self.claims = random.Random(seed), claims
        self.ents: dict[str, Ent] = {}
        self.taken: set[str] = set()  # every name and alias, case-folded
        rows = [r.split("|") for r in COUNTRIES.splitlines()]
        self.adj = {r[0]: r[3] for r in rows}
        self.capital = {r[0]: slug(r[5].split()[0]) for r in rows}
        for cid, name, aliases, _, _, places in rows:
            self.add(cid, "Country", name, None, aliases)
            for place in places.split():
                self.add(slug(place), "Place", place, cid)
        self.places = [e for e in self.ents.values() if e.type == "Place"]
        self.outlets, self.orgs = [
            [
                self.add(i, "Organization", n, c or None, a)
                for i, n, a, c in (o.split(":") for o in orgs.split("|"))
            ]
            for orgs in (OUTLETS, ORGS)
        ]
        self.forums = [self.add(slug(f), "Forum", f) for f in FORUMS.split("|")]
        topics = [self.add(slug(t), "Topic", t) for t in TOPICS.split("|")]
        hubs = [p.name for p in self.places if p.country in ("russia", "dprk", "china")]
        extra = [f"{p} {k}" for k in KINDS.split("|") for p in hubs]
        names = (PROJECTS.split("|") + extra)[: 10 + articles // 40]
        self.projects = [self.add(slug(p), "Project", p) for p in names]
        self.things = self.projects + topics + self.forums
        ids, weights = [r[0] for r in rows], [int(r[4]) for r in rows]
        self.people: dict[str, list[Ent]] = {c: [] for c in ids}
        for country in ids + self.rng.choices(ids, weights, k=articles // 5 + 50 - len(ids)):
            self.people[country].append(self.person(country))
        self.all_people = [p for c in ids for p in self.people[c]]
        self.rng.shuffle(self.all_people)

    def add(
        self, eid: str, kind: str, name: str, country: str | None = None, aliases: str = ""
    ) -> Ent:
        while eid in self.ents:
            eid += "_x"
        names = [n for n in [name, *aliases.split(";")] if n and n.casefold() not in self.taken]
        self.taken.update(n.casefold() for n in names)
        self.ents[eid] = Ent(eid, kind, name, country, names[1:])
        return self.ents[eid]

    def person(self, country: str) -> Ent:
        for attempt in range(60):
            parts = [self.rng.choice(pool.split()).replace("_", " ") for pool in NAMES[country]]
            if attempt >= 30:  # the pools are crowded: add a middle initial
                parts.insert(1, chr(65 + self.rng.randrange(26)) + ".")
            name = " ".join(parts)
            if name.casefold() not in self.taken:
                break
        else:
            name += f" {self.rng.randrange(10**6)}"
        alias = " ".join(ALIAS.get(p, p) for p in parts)
        alias = alias if alias != name and self.rng.random() < 0.6 else ""
        return self.add(slug(name), "Person", name, country, alias)

    def pick(self, items: list[Ent]) -> Ent:  # skewed, so that a few entities recur often
        return items[int(len(items) * self.rng.random() ** 2)]

    def who(self, country: str) -> Ent:
        return self.pick(self.people[country] or self.all_people)

    def actor(self, person: Ent) -> Ent:
        r = self.rng.random()
        return self.ents[person.country or "russia"] if r < 0.2 else person

    def when(self, pub: dt.date) -> tuple[str, str]:
        """A claim date on or before ``pub``, as written in YAML and in the text."""
        r, day = self.rng.random(), pub - dt.timedelta(days=self.rng.randrange(21))
        if r < 0.45:
            return day.isoformat(), f"on {spoken(day)}"
        if r < 0.65:
            weekday = WEEKDAY.split()[day.weekday()]
            return weekday, f"on {weekday}"
        if r < 0.75:
            return "yesterday", "yesterday"
        if r < 0.95:
            return f"{day:%Y-%m}", f"in {spoken(day).split(' ', 1)[1]}"
        return "", ""

    def claim(self, pub: dt.date, home: Ent) -> tuple[Fields, str]:
        """One claim's fields and the sentence that states it."""
        rng, (date, when) = self.rng, self.when(pub)
        kind = rng.choices(range(9), [20, 12, 10, 14, 16, 8, 6, 9, 5])[0]
        partner = rng.choice(["dprk", "dprk", "dprk", "rok", "china", "usa", "japan", "mongolia"])
        a, b = self.who("russia"), self.who(partner)
        a, b = (b, a) if rng.random() < 0.5 else (a, b)
        x, other = self.pick(self.things), self.ents[b.country or "dprk"]
        c: Fields = {"subject": a.id}
        if kind == 0:  # a meeting of two to four
            group = [a, b] + [self.pick(self.all_people) for _ in range(rng.choice([0, 0, 1, 2]))]
            group = list({e.id: e for e in group}.values())
            place = home if rng.random() < 0.6 else self.ents[self.capital[a.country or "dprk"]]
            host = [e.id for e in group if e.country == place.country][:1]
            if len(group) > 2:
                c = {"participants": [e.id for e in group], "predicate": "met"}
            else:
                c |= {"predicate": "met", "object": b.id}
            c |= {"place": place.id} | ({"host": host[0]} if host else {})
            names = ", ".join(e.name for e in group[:-1]) + " and " + group[-1].name
            s = f"{names} {rng.choice(['met', 'held talks'])} in {place.name} {when}"
        elif kind == 1:  # a visit to a place or a country
            dest = rng.choice([p for p in self.places if p.country == b.country] + [other])
            c |= {"predicate": "visited", "object": dest.id}
            s = f"{a.name} {rng.choice(['visited', 'arrived in', 'toured'])} {dest.name} {when}"
        elif kind == 2:  # a proposal
            who, plan = self.actor(a), self.pick(self.projects)
            c = {"subject": who.id, "predicate": "proposed", "object": plan.id}
            s = f"{who.name} {rng.choice(['proposed', 'put forward'])} the {plan.name} {when}"
        elif kind == 3:  # discussed, by two participants
            c = {"participants": [a.id, b.id], "predicate": "discussed", "object": x.id}
            s = f"{a.name} and {b.name} discussed the {x.name} {when}"
        elif kind == 4:  # a country's position as its official states it
            verb = rng.choice(["support", "expand cooperation on", "review", "resume talks on"])
            detail, ctry = f"ready to {verb} the {x.name}", self.ents[a.country or "russia"]
            c = {"subject": ctry.id, "predicate": "stated_position", "object": x.id}
            c |= {"asserted_by": a.id, "detail": detail}
            s = f"{a.name} said {ctry.name} was {detail} {when}"
        elif kind == 5:  # a message
            what = rng.choice(["a letter of greetings", "a congratulatory message", "a letter"])
            c |= {"predicate": "sent_message", "object": b.id, "detail": what}
            s = f"{a.name} sent {b.name} {what} {when}"
        elif kind == 6:  # an alleged transfer, denied by both sides
            src, dst = rng.sample(["russia", "dprk"], 2)
            say, goods = (
                self.ents[rng.choice(["usa", "rok", "japan"])],
                rng.choice(GOODS.split("|")),
            )
            date, when = f"{pub:%Y-%m}", f"in {spoken(pub).split(' ', 1)[1]}"
            c = {"subject": src, "predicate": "transferred", "object": dst, "status": "alleged"}
            c |= {"asserted_by": say.id, "denied_by": [src, dst], "detail": goods}
            s = f"{say.name} said {self.ents[src].name} had shipped {goods} to "
            s += f"{self.ents[dst].name} {when}, a charge both governments denied"
        elif kind == 7:  # something planned, after the article date
            day = pub + dt.timedelta(days=rng.randrange(3, 150))
            date, when, forum = day.isoformat(), f"on {spoken(day)}", rng.choice(self.forums)
            c |= {"predicate": "participates_in", "object": forum.id, "status": "planned"}
            s = f"{a.name} is expected to attend a {forum.name} meeting {when}"
            if b.country != a.country and rng.random() < 0.5:
                dest = self.ents[self.capital[b.country or "dprk"]]
                c |= {"predicate": "visited", "object": dest.id}
                s = f"{a.name} is scheduled to visit {dest.name} {when}"
        else:  # support or concern
            who = self.actor(a)
            verb = rng.choice(["welcomed", "praised", "voiced concern over", "warned against"])
            pred = "supported" if verb in ("welcomed", "praised") else "expressed_concern"
            c = {"subject": who.id, "predicate": pred, "object": x.id}
            s = f"{who.name} {verb} the {x.name} {when}"
        return c | ({"date": date} if date else {}), s.strip()

    def article(self, i: int, pub: dt.date, holders: list[Ent], used: set[str]) -> tuple[str, str]:
        rng, claims, paras, said = self.rng, list[Fields](), list[list[str]](), list[str]()
        outlet, home = self.pick(self.outlets), self.pick(self.places)
        aid = base = f"{pub.isoformat()}-{slug(outlet.id, '-')}-{slug(home.id, '-')}"
        while aid in used:
            aid = f"{base}-{i}-{len(used)}"
        used.add(aid)

        def say(sentence: str) -> bool:
            """Add a sentence and some filler, unless it is in, or holds, one already said."""
            if any(sentence in s or s in sentence for s in said):
                return False  # its quote would not be unique: the caller draws another
            said.append(sentence)
            paras.append([sentence + ".", *rng.sample(FILLERS, rng.choice([0, 1, 1, 2]))])
            return True

        want = rng.randint(*self.claims)
        while len(claims) < want:
            c, sentence = self.claim(pub, home)
            if say(sentence):
                claims.append({"id": f"c{len(claims) + 1:02d}", **c, "quote": sentence})
        quotes = [str(c["quote"]) for c in claims]
        roles: list[tuple[str, str, str, str]] = []
        for p in holders:
            (title, of), date = p.title, pub.isoformat()
            label = f"{self.adj.get(of) or self.ents[of].name} {title} {p.name}"
            full = f"{label} {rng.choice(TAILS.split('|'))}"
            if any(r[0] == title and r[2] == date for r in p.roles) or not say(full):
                continue  # a duplicate role (same title and date), or a clashing sentence
            quotes.append(label if sum(label in s for s in said) == 1 else full)
            p.roles.append((title, of, date, aid, quotes[-1]))
            roles.append((p.id, title, of, quotes[-1]))
        paras[0][0] = f"{home.name.upper()} — {paras[0][0]}"
        text = "\n\n".join(" ".join(p) for p in paras)
        assert all(text.count(quote) == 1 for quote in quotes), aid
        out = [f"id: {aid}", f"title: {q(quotes[0][:90])}", f"outlet: {outlet.id}"]
        out += [f"published: {pub.isoformat()}", f"dateline: {home.id}", "text: |"]
        out += [f"  {line}" if line else "" for line in text.split("\n")]
        if roles:
            out.append("roles:")
        for n, (who, title, of, quote) in enumerate(roles, 1):
            out += [f"  - id: r{n:02d}", f"    entity: {who}", f"    title: {q(title)}"]
            out += [f"    of: {of}", f"    date: {pub.isoformat()}", f"    quote: {q(quote)}"]
        out.append("claims:")
        for c in claims:
            for j, key in enumerate(k for k in CLAIM_KEYS.split() if k in c):
                out.append(("  - " if j == 0 else "    ") + f"{key}: {fmt(key, c[key])}")
        return aid, "\n".join(out) + "\n"


def write_entities(ents: list[Ent]) -> str:
    out = ["# Synthetic entity registry written by bench/generate.py.", "entities:"]
    for e in ents:
        out += [f"  - id: {e.id}", f"    type: {q(e.type)}", f"    name: {q(e.name)}"]
        if e.aliases:
            out.append("    aliases: [" + ", ".join(q(a) for a in e.aliases) + "]")
        if e.country:
            out.append(f"    country: {e.country}")
    return "\n".join(out) + "\n"


def generate(
    out_dir: Path, articles: int, seed: int = 1, claims: tuple[int, int] = (2, 4)
) -> dict[str, int]:
    """Write OUT_DIR/entities.yaml and OUT_DIR/articles/*.yaml; return the counts."""
    g = Generator(articles, seed, claims)
    rng, orgs = g.rng, {c: [o.id for o in g.orgs if o.country == c] for c in g.people}
    holders = rng.sample(g.all_people, min(len(g.all_people), 300, 20 + articles // 4))
    slots: dict[int, list[Ent]] = {}
    for p in holders:
        p.title = (rng.choice(TITLES.split("|")), p.country or "russia")
        if orgs[p.title[1]] and rng.random() < 0.25:
            p.title = (rng.choice(["Chairman", "Spokesman"]), rng.choice(orgs[p.title[1]]))
        for i in sorted({rng.randrange(articles) for _ in range(rng.choice([1, 1, 1, 2]))}):
            slots.setdefault(i, []).append(p)
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
