#!/usr/bin/env python3
"""Writes crates/cp-core/data/bank-holidays.json, the bundled table of UK bank holidays.

The table has the shape of GOV.UK's own list (https://www.gov.uk/bank-holidays.json): one
division per nation, each a list of {title, date}, weekdays only (a holiday on a weekend
appears as its substitute day, as GOV.UK lists it). The dates come from the python-holidays
package (pip install holidays==0.109), which follows the GOV.UK list and the royal
proclamations, one-off holidays included (8 May 2020, 2 and 3 June 2022, 19 September 2022,
8 May 2023). Years after GOV.UK's published range follow the same statutory rules and
should be checked against GOV.UK when it publishes them; an organisation can add or
correct dates in Settings meanwhile.

Run from the repository root: python3 scripts/dev/bank-holidays.py
"""
import json

import holidays

YEARS = range(2018, 2031)
DIVISIONS = {"england-and-wales": "ENG", "scotland": "SCT", "northern-ireland": "NIR"}

out = {"source": "GOV.UK bank holidays (https://www.gov.uk/bank-holidays), via python-holidays "
       + holidays.__version__ + "; regenerate with scripts/dev/bank-holidays.py"}
for division, subdiv in DIVISIONS.items():
    found = holidays.UK(subdiv=subdiv, years=YEARS, categories=("public",))
    events = []
    for day, title in sorted(found.items()):
        if day.weekday() >= 5:
            continue
        events.append({"title": title.replace("(observed)", "(substitute day)"), "date": day.isoformat()})
    out[division] = {"division": division, "events": events}

with open("crates/cp-core/data/bank-holidays.json", "w", encoding="utf-8") as f:
    json.dump(out, f, indent=1, ensure_ascii=False)
    f.write("\n")
