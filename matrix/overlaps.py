"""Overlap candidates: projects by different lead entities, in the same named country, at
overlapping times, whose descriptions are alike (TF-IDF cosine over title and activities).

A pair is listed once per shared country, with the distinctive words it shares, so a
reviewer sees in one glance why it is there. Undated projects may overlap anything.
"""
from __future__ import annotations

import math
import re
from collections import Counter

import numpy as np
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


def overlap_candidates(projects: pd.DataFrame, countries: pd.DataFrame, threshold: float = THRESHOLD) -> pd.DataFrame:
    # Place names say where, not what: two projects in Iraq are not alike for naming Iraq.
    places = {w for name in countries["country"].unique() for w in tokens(name)} | {"republic", "democratic"}
    stop = STOP | places
    ids = list(projects["project_id"])
    vectors = tfidf({pid: tokens(f"{t} {a}", stop) for pid, t, a in zip(ids, projects["title"], projects["activities"])})
    position = {pid: i for i, pid in enumerate(ids)}
    lead = projects["lead_entity"].fillna("").to_numpy(dtype=object)
    title = projects["title"].to_numpy(dtype=object)
    start = projects["start_year"].to_numpy(dtype=float)  # NaN: undated, may overlap anything
    end = projects["end_year"].to_numpy(dtype=float)
    end = np.where(np.isnan(end), np.inf, end)  # open-ended or single-year-unknown: runs on
    named = countries[countries["basis"] == "named"]
    rows = []
    # Every pair of projects naming a country is a candidate: score them all at once per
    # country (one matrix product), and build the readable row only for those that pass.
    for _iso3, group in named.groupby("iso3"):
        members = sorted(set(group["project_id"]))
        if len(members) < 2:
            continue
        name = group["country"].iloc[0]
        rows_of = np.array([position[pid] for pid in members])
        words = {w: j for j, w in enumerate(sorted({w for pid in members for w in vectors[pid]}))}  # this country's
        matrix = np.zeros((len(members), len(words)))
        for i, pid in enumerate(members):
            for w, v in vectors[pid].items():
                matrix[i, words[w]] = v
        scores = matrix @ matrix.T
        present = (matrix > 0).astype(np.float32)
        shared = present @ present.T  # words in common (a float product: BLAS, unlike integers)
        leads, s, e = lead[rows_of], start[rows_of], end[rows_of]
        dated = ~np.isnan(s)
        in_time = ~(dated[:, None] & dated[None, :]) | ((s[:, None] <= e[None, :]) & (s[None, :] <= e[:, None]))
        ok = (np.triu(np.ones_like(scores, dtype=bool), k=1) & (leads[:, None] != leads[None, :])
              & (leads[:, None] != "") & in_time & (scores >= threshold - 1e-12) & (shared >= MIN_SHARED_TERMS))
        for i, j in zip(*np.nonzero(ok)):
            a, b = members[i], members[j]
            va, vb = vectors[a], vectors[b]
            common = {w: va[w] * vb[w] for w in va.keys() & vb.keys()}
            score = sum(common.values())  # summed as before, so the figures do not move
            if score < threshold:
                continue
            terms = [w for w, _ in sorted(common.items(), key=lambda kv: (-kv[1], kv[0]))[:6]]
            ra, rb = rows_of[i], rows_of[j]
            # Leads and titles ride along, so a pair reads on its own even in a filtered export.
            rows.append({"project_a": a, "project_b": b, "country": name, "score": round(score, 3),
                         "shared_terms": "; ".join(terms), "lead_a": lead[ra], "lead_b": lead[rb],
                         "title_a": title[ra], "title_b": title[rb]})
    frame = pd.DataFrame(rows, columns=OVERLAP_COLUMNS)
    return frame.sort_values(["score", "project_a", "project_b", "country"], ascending=[False, True, True, True]).reset_index(drop=True)
