"""FAQ documents for the CLI tests, written in our own words.

Each document is about a different state and each contradicts itself in one
way, in one input format: an Oregon DMV page in Markdown, Texas detainers in
HTML, Georgia courts in YAML, Utah workforce records in qa.json and Ohio
benefits in plain text.
"""

from __future__ import annotations

import json

OREGON_MD = """\
---
title: Oregon DMV records and immigration enforcement
state: Oregon
---

# Oregon DMV records

## 1. Has the Oregon DMV signed an agreement with ICE?

The Oregon DMV signed a memorandum of understanding with ICE in 2021 that covers licence photos.

## 2. Can ICE look up an Oregon driver record?

Only a judge's order opens a driver record to federal officers.

## 3. Is there a contract between the DMV and immigration authorities?

The Oregon DMV has never entered into an agreement with ICE.
"""

TEXAS_HTML = """\
<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="utf-8">
<title>Texas county jails and ICE detainers</title>
<script type="application/ld+json">
{"@context": "https://schema.org", "@type": "FAQPage", "name": "Texas county jails and ICE detainers",
 "mainEntity": [
  {"@type": "Question", "name": "1. Does Harris County work with ICE under a written agreement?",
   "acceptedAnswer": {"@type": "Answer",
    "text": "<p>Harris County has a written agreement with ICE for jail screening in Texas.</p>"}},
  {"@type": "Question", "name": "2. Have Texas counties signed agreements with immigration authorities?",
   "acceptedAnswer": {"@type": "Answer",
    "text": "<p>No Texas county has entered into an agreement with federal immigration authorities.</p>"}}
 ]}
</script>
</head>
<body><h1>Texas county jails and ICE detainers</h1></body>
</html>
"""

GEORGIA_YAML = """\
title: Georgia courts and immigration enforcement
jurisdiction: GA
faq:
  - q: Do Georgia courts exchange information with DHS?
    a: The Georgia Administrative Office of the Courts has an information-sharing agreement with ICE.
  - q: Is there a court agreement with ICE?
    a: Georgia courts have not entered into any agreement with ICE.
"""

UTAH_JSON = json.dumps({
    "title": "Utah workforce records and ICE",
    "jurisdiction": "Utah",
    "items": [
        {"id": "1", "question": "Does the Utah Department of Workforce Services give records to ICE?",
         "answer": "Utah's Department of Workforce Services shares applicant records with ICE."},
        {"id": "2", "question": "Are applicant records kept from immigration officers?",
         "answer": "Utah's Department of Workforce Services does not share applicant records with ICE."},
    ],
}, indent=2) + "\n"

OHIO_TXT = """\
Ohio cash assistance records and ICE

1. Has Ohio agreed to give benefits data to ICE?
The Ohio Department of Job and Family Services has a data sharing agreement with ICE.

2. Is there any written arrangement with ICE?
The Ohio Department of Job and Family Services has no agreement with ICE.
"""

#: file name -> (text, line of the first side of its contradiction)
FORMATS = {
    "oregon.md": (OREGON_MD, 10),
    "texas.html": (TEXAS_HTML, 11),
    "georgia.yaml": (GEORGIA_YAML, 5),
    "utah.json": (UTAH_JSON, 8),
    "ohio.txt": (OHIO_TXT, 4),
}

#: Two documents about federal law, in different states, that disagree.
GEORGIA_FEDERAL_MD = """\
---
title: Georgia court clerks and DHS
state: Georgia
---

# Georgia court clerks

## 1. Must a Georgia clerk hand court files to immigration officers?

Federal law requires each state agency to hand over its files to ICE.
"""

TEXAS_FEDERAL_MD = """\
---
title: Texas jails and federal law
state: Texas
---

# Texas jails

## 1. Is a Texas jail obliged by federal law to send booking files to ICE?

Federal law does not require any state agency to share records with immigration authorities.

## 2. Does Harris County have an agreement with ICE?

Harris County has a written agreement with ICE for jail screening.
"""

#: Oregon says no agreement exists: a different state from Texas' agreement above.
OREGON_NO_AGREEMENT_MD = """\
---
title: Oregon DMV
state: Oregon
---

# Oregon DMV

## 1. Does the Oregon DMV have an agreement with ICE?

The Oregon DMV has never entered into an agreement with ICE.
"""
