"""Demo data: a deterministic generator of realistic applicants and cases (make start, benchmarks).

``people`` makes applicants, ``cases`` plans cases as plain data and files them into a site.
Everything is a pure function of the seed (and, for dates, of the day the plan is made).
"""
