"""Overlap candidates: projects by different lead entities, in the same named country, at
overlapping times, whose descriptions are alike (TF-IDF cosine over title and activities).

A pair is listed once per shared country, with the distinctive words it shares, so a
reviewer sees in one glance why it is there. Undated projects may overlap anything.
"""
from __future__ import annotations

import math
import re
from collections import Counter

import pandas as pd

OVERLAP_COLUMNS = ["project_a", "project_b", "country", "score", "shared_terms", "lead_a", "lead_b", "title_a", "title_b"]
# Chosen by reading the ranked pairs of the 2018 matrix (README, "Overlaps"): at 0.16 and
# above, with at least two distinctive words in common, pairs read as the same kind of work
# in the same place; below, or on one shared word ("unit"), they mostly do not.
THRESHOLD = 0.16
MIN_SHARED_TERMS = 2

STOP = set("""a an and are as at be by for from has have in into is it its of on or that the their this to
was were which with within through including among between also other such well more all any
providing provide provided support supporting strengthening strengthen enhancing enhance enhanced
capacity capacities building build project projects programme program programs activities activity
implementation implementing implement national regional international member states state countries
country terrorism terrorist counter countering counterterrorism development developing related
relevant effective effectively effort efforts phase workshops workshop training trainings against
assisting assist assistance""".split())
_WORD = re.compile(r"[a-z][a-z\-]{2,}")


def tokens(text: str, stop: set[str] = STOP) -> list[str]:
    return [w.strip("-") for w in _WORD.findall(text.casefold()) if w.strip("-") not in stop and len(w.strip("-")) > 2]


def tfidf(docs: dict[str, list[str]]) -> dict[str, dict[str, float]]:
    """Sublinear TF-IDF, L2-normalised, as sparse dicts."""
    df = Counter()
    for words in docs.values():
        df.update(set(words))
    n = len(docs)
    vectors = {}
    for key, words in docs.items():
        tf = Counter(words)
        vec = {w: (1 + math.log(c)) * (math.log((1 + n) / (1 + df[w])) + 1) for w, c in tf.items()}
        norm = math.sqrt(sum(v * v for v in vec.values())) or 1.0
        vectors[key] = {w: v / norm for w, v in vec.items()}
    return vectors


def _overlap_in_time(a: pd.Series, b: pd.Series) -> bool:
    if pd.isna(a["start_year"]) or pd.isna(b["start_year"]):
        return True  # undated: cannot rule it out
    a_end = math.inf if pd.isna(a["end_year"]) else a["end_year"]
    b_end = math.inf if pd.isna(b["end_year"]) else b["end_year"]
    return a["start_year"] <= b_end and b["start_year"] <= a_end


def overlap_candidates(projects: pd.DataFrame, countries: pd.DataFrame, threshold: float = THRESHOLD) -> pd.DataFrame:
    p = projects.set_index("project_id")
    # Place names say where, not what: two projects in Iraq are not alike for naming Iraq.
    places = {w for name in countries["country"].unique() for w in tokens(name)} | {"republic", "democratic"}
    stop = STOP | places
    vectors = tfidf({pid: tokens(f"{t} {a}", stop) for pid, t, a in zip(projects["project_id"], projects["title"], projects["activities"])})
    named = countries[countries["basis"] == "named"]
    rows = []
    for iso3, group in named.groupby("iso3"):
        ids = sorted(set(group["project_id"]))
        name = group["country"].iloc[0]
        for i, a in enumerate(ids):
            for b in ids[i + 1:]:
                pa, pb = p.loc[a], p.loc[b]
                if not pa["lead_entity"] or pa["lead_entity"] == pb["lead_entity"] or not _overlap_in_time(pa, pb):
                    continue
                va, vb = vectors[a], vectors[b]
                shared = {w: va[w] * vb[w] for w in va.keys() & vb.keys()}
                score = sum(shared.values())
                if score >= threshold and len(shared) >= MIN_SHARED_TERMS:
                    terms = [w for w, _ in sorted(shared.items(), key=lambda kv: (-kv[1], kv[0]))[:6]]
                    # Leads and titles ride along, so a pair reads on its own even in a filtered export.
                    rows.append({"project_a": a, "project_b": b, "country": name, "score": round(score, 3),
                                 "shared_terms": "; ".join(terms), "lead_a": pa["lead_entity"], "lead_b": pb["lead_entity"],
                                 "title_a": pa["title"], "title_b": pb["title"]})
    frame = pd.DataFrame(rows, columns=OVERLAP_COLUMNS)
    return frame.sort_values(["score", "project_a", "project_b", "country"], ascending=[False, True, True, True]).reset_index(drop=True)
