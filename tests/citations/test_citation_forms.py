"""Citation forms people write: normalised form, kind, jurisdiction and link."""

from __future__ import annotations

import pytest
from citation_docs import make_doc

from claimcheck.citations import find_citations

MCA_URL = "https://mca.legmt.gov/bills/mca/title_0020/chapter_0060/part_0120/section_0010/"
USC = "https://uscode.house.gov/view.xhtml?req=granuleid:USC-prelim-title"

# sentence, normalised, kind, jurisdiction, URL prefix (None: no official link)
FORMS = [
    # ---- Montana Code Annotated, every way it is written
    ("MCA § 2-6-1201 limits disclosure.", "Mont. Code Ann. § 2-6-1201", "statute", "MT", MCA_URL),
    ("Under Section 2-6-1201, MCA, agencies must protect records.", "Mont. Code Ann. § 2-6-1201",
     "statute", "MT", MCA_URL),
    ("See 2-6-1201, MCA.", "Mont. Code Ann. § 2-6-1201", "statute", "MT", MCA_URL),
    ("Mont. Code Ann. § 2-6-1201 applies.", "Mont. Code Ann. § 2-6-1201", "statute", "MT", MCA_URL),
    ("Montana Code Annotated § 2-6-1201 prohibits it.", "Mont. Code Ann. § 2-6-1201", "statute",
     "MT", MCA_URL),
    ("MCA 39-71-105(1)(a) defines it.", "Mont. Code Ann. § 39-71-105(1)(a)", "statute", "MT",
     "https://mca.legmt.gov/bills/mca/title_0390/chapter_0710/part_0010/section_0050/"),
    # ---- other states
    ("RCW 43.17.425 restricts agencies.", "Wash. Rev. Code § 43.17.425", "statute", "WA",
     "https://app.leg.wa.gov/RCW/default.aspx?cite=43.17.425"),
    ("Wash. Rev. Code § 43.17.425 applies.", "Wash. Rev. Code § 43.17.425", "statute", "WA",
     "https://app.leg.wa.gov/RCW/"),
    ("NRS 239.010 makes records public.", "Nev. Rev. Stat. § 239.010", "statute", "NV",
     "https://www.leg.state.nv.us/NRS/NRS-239.html#NRS239Sec010"),
    ("ORS 192.355 lists exemptions.", "Or. Rev. Stat. § 192.355", "statute", "OR",
     "https://www.oregonlegislature.gov/bills_laws/ors/ors192.html"),
    ("ORS 181A.820 limits enforcement.", "Or. Rev. Stat. § 181A.820", "statute", "OR",
     "https://www.oregonlegislature.gov/bills_laws/ors/ors181A.html"),
    ("C.R.S. § 24-72-204 allows denial.", "Colo. Rev. Stat. § 24-72-204", "statute", "CO", None),
    ("Cal. Welf. & Inst. Code § 10850 protects records.", "Cal. Welf. & Inst. Code § 10850",
     "statute", "CA", ("https://leginfo.legislature.ca.gov/faces/codes_displaySection.xhtml"
                       "?lawCode=WIC&sectionNum=10850")),
    ("California Government Code Section 7284.6 limits it.", "Cal. Gov't Code § 7284.6", "statute",
     "CA", "https://leginfo.legislature.ca.gov/faces/codes_displaySection.xhtml?lawCode=GOV"),
    ("Tex. Gov't Code § 552.101 excepts information.", "Tex. Gov't Code § 552.101", "statute", "TX",
     "https://statutes.capitol.texas.gov/Docs/GV/htm/GV.552.htm#552.101"),
    ("Idaho Code § 56-209 governs it.", "Idaho Code § 56-209", "statute", "ID",
     "https://legislature.idaho.gov/statutesrules/idstat/Title56/T56CH2/SECT56-209/"),
    ("A.R.S. 11-1051 requires it.", "Ariz. Rev. Stat. § 11-1051", "statute", "AZ",
     "https://www.azleg.gov/ars/11/01051.htm"),
    ("Minn. Stat. § 13.43 classifies data.", "Minn. Stat. § 13.43", "statute", "MN",
     "https://www.revisor.mn.gov/statutes/cite/13.43"),
    ("O.C.G.A. § 50-18-72 lists exemptions.", "Ga. Code Ann. § 50-18-72", "statute", "GA", None),
    ("5 ILCS 140/7 exempts records.", "5 Ill. Comp. Stat. 140/7", "statute", "IL", None),
    ("M.G.L. c. 66, § 10 governs requests.", "Mass. Gen. Laws ch. 66, § 10", "statute", "MA",
     "https://malegislature.gov/Laws/GeneralLaws/GoTo?ChapterGoTo=66&SectionGoTo=10"),
    ("1 M.R.S. § 402 defines records.", "1 M.R.S. § 402", "statute", "ME", None),
    # ---- federal
    ("8 U.S.C. § 1373 bars restrictions.", "8 U.S.C. § 1373", "statute", "US",
     USC + "8-section1373&"),
    ("8 USC 1373 bars restrictions.", "8 U.S.C. § 1373", "statute", "US", USC + "8-section1373&"),
    ("Section 1373 of Title 8 applies.", "8 U.S.C. § 1373", "statute", "US", USC + "8-section1373&"),
    ("42 U.S.C. § 1320b-7 requires verification.", "42 U.S.C. § 1320b-7", "statute", "US",
     USC + "42-section1320b-7&"),
    ("7 U.S.C. § 2020(e)(8) allows disclosure.", "7 U.S.C. § 2020(e)(8)", "statute", "US",
     USC + "7-section2020&"),
    ("SNAP rests on 7 U.S.C. § 2011 et seq. as amended.", "7 U.S.C. § 2011 et seq.", "statute",
     "US", USC + "7-section2011&"),
    ("45 C.F.R. § 164.512 permits it.", "45 C.F.R. § 164.512", "regulation", "US",
     "https://www.ecfr.gov/current/title-45/section-164.512"),
    ("45 CFR Part 164 applies.", "45 C.F.R. pt. 164", "regulation", "US",
     "https://www.ecfr.gov/current/title-45/part-164"),
    ("Pub. L. 104-193 changed eligibility.", "Pub. L. 104-193", "public_law", "US",
     "https://www.govinfo.gov/link/plaw/104/public/193"),
    ("Public Law 93-579 created it.", "Pub. L. 93-579", "public_law", "US", None),
    ("INA § 264 requires registration.", "INA § 264", "statute", "US", None),
    ("Section 287(g) of the Immigration and Nationality Act allows it.", "INA § 287(g)", "statute",
     "US", None),
    ("The county has no 287(g) agreement with ICE.", "INA § 287(g)", "statute", "US", None),
    # ---- constitutions
    ("Article II, Section 10 of the Montana Constitution protects privacy.",
     "Mont. Const. art. II, § 10", "constitution", "MT", None),
    ("Mont. Const. art. II, § 9 gives a right to know.", "Mont. Const. art. II, § 9",
     "constitution", "MT", None),
    ("The Tenth Amendment bars commandeering.", "U.S. Const. amend. X", "constitution", "US", None),
    # ---- bills, orders, directives
    ("Texas SB 4 bans sanctuary policies.", "Tex. SB 4", "bill", "TX", None),
    ("AB 450 limits worksite access.", "Mont. AB 450", "bill", "MT", None),
    ("HB 83 was introduced.", "Mont. HB 83", "bill", "MT", None),
    ("Executive Order 13768 was revoked.", "Exec. Order No. 13768", "executive_order", "US", None),
    ("Governor's Executive Order 2017-01 applies.", "Mont. Exec. Order No. 2017-01",
     "executive_order", "MT", None),
    ("New Jersey Attorney General Directive 2018-6 limits cooperation.",
     "N.J. Att'y Gen. Directive No. 2018-6", "ag_directive", "NJ", None),
    # ---- cases
    ("Arizona v. United States, 567 U.S. 387 (2012) held so.",
     "Arizona v. United States, 567 U.S. 387 (2012)", "case", "US", None),
    ("In Printz v. United States the Court held so.", "Printz v. United States", "case", "US", None),
    # ---- named acts
    (("It must comply with the Personal Responsibility and Work Opportunity Reconciliation Act "
      "of 1996 (PRWORA)."), "Personal Responsibility and Work Opportunity Reconciliation Act of 1996",
     "named_act", "US", "https://www.govinfo.gov/link/plaw/104/public/193"),
    ("PRWORA requires it.", "Personal Responsibility and Work Opportunity Reconciliation Act of 1996",
     "named_act", "US", "https://www.govinfo.gov/"),
    ("HIPAA protects health data.", "Health Insurance Portability and Accountability Act of 1996",
     "named_act", "US", "https://www.govinfo.gov/link/plaw/104/public/191"),
    ("FERPA protects school records.", "Family Educational Rights and Privacy Act of 1974",
     "named_act", "US", "https://uscode.house.gov/"),
    ("such as the Privacy Act and others", "Privacy Act of 1974", "named_act", "US",
     "https://www.justice.gov/opcl/privacy-act-1974"),
    ("The Driver's Privacy Protection Act limits DMV disclosures.",
     "Driver's Privacy Protection Act of 1994", "named_act", "US", "https://uscode.house.gov/"),
    ("The REAL ID Act sets standards.", "REAL ID Act of 2005", "named_act", "US",
     "https://www.govinfo.gov/link/plaw/109/public/13"),
    ("The Keep Washington Working Act restricts agencies.", "Keep Washington Working Act",
     "named_act", "WA", "https://app.leg.wa.gov/"),
    # ---- vague references
    ("State laws, like the Montana Code Annotated, may apply.", "Montana Code Annotated", "vague",
     "MT", None),
    ("It follows state data privacy statutes.", "state data privacy statute (MT)", "vague", "MT",
     None),
    ("It is governed by federal laws.", "federal law", "vague", "US", None),
]


@pytest.mark.parametrize(("sentence", "normalized", "kind", "jurisdiction", "url"), FORMS,
                         ids=[f[1] + " <- " + f[0][:30] for f in FORMS])
def test_form_is_recognised(sentence, normalized, kind, jurisdiction, url):
    citations = {c.normalized: c for c in find_citations(make_doc(sentence))}
    assert normalized in citations, sorted(citations)
    citation = citations[normalized]
    assert (citation.kind, citation.jurisdiction) == (kind, jurisdiction)
    if url is None:
        assert citation.url is None
    else:
        assert citation.url is not None and citation.url.startswith(url), citation.url


NOT_CITATIONS = [
    "The agreement was signed on 12-3-2019 by both parties.",
    "It took effect on March 4, 2020, after review.",
    "Call 406-444-1234 for help.",
    "Call (555) 123-4567 for help.",
    "1. Data Encryption: data is encrypted at rest.",
    "The program cost $1,250.50 in 2019.",
    "Upgrade to version 2.3.1 of the software.",
    "See Section 5 of this FAQ for details.",
    "Agencies may share data under section 3 of the agreement.",
    "The HR department and the SB team met.",
]


@pytest.mark.parametrize("sentence", NOT_CITATIONS)
def test_not_a_citation(sentence):
    assert find_citations(make_doc(sentence)) == []


def test_seed_citations(seed_doc):
    found = {c.normalized: c for c in find_citations(seed_doc)}
    assert "Mont. Code Ann. § 2-6-1201" in found
    assert "Montana Code Annotated" in found
    assert found["Privacy Act of 1974"].status.value == "named_act_no_section"
    assert found["federal law"].kind == "vague"
    for name in ("Personal Responsibility and Work Opportunity Reconciliation Act of 1996",
                 "Immigration and Nationality Act",
                 "Health Insurance Portability and Accountability Act of 1996",
                 "Family Educational Rights and Privacy Act of 1974",
                 "state data privacy statute (MT)"):
        assert name in found
