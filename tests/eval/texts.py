"""Labelled authored text shared by every platform's part of the
evaluation corpus (see eval.py): posts our own words, after the kinds of
post that fitness-to-practise hearings describe (a "domestic violence case"
that named nobody, a family's court hearing, a service user named on a
personal account, abuse of colleagues, a worker's exhaustion spilling into
posts) and their everyday near misses. Each: (n, text, rule, expect, why,
cls). The names are those of the made-up register in clients_csv(); a
platform renders each text as one of its own posts, dated TEXT_WHEN, and
labels it with the record id that platform gives a post.
"""

TEXT_WHEN = "2023-03-14T12:00:00Z"

# The made-up register: ref, names, active_from, active_to, former. A
# platform adds its own handles and account ids.
PEOPLE = [
    ("C-101", "Daniel Fairweather;Danny Fairweather", "2022-01-01", "", "no"),
    ("C-102", "Evelyn Marsh;Eve", "2021-05-01", "", "no"),
    ("C-103", "Priya Raman", "2019-01-01", "2020-03-31", "yes"),
    ("C-104", "Tomasz Nowak", "2016-01-01", "2017-06-30", "no"),
    ("C-105", "Chlo\u00e9 Durand", "2023-02-01", "2023-11-30", "no"),
    ("C-106", "Marcus Bell", "2024-06-01", "", "no"),
    ("C-107", "Grace Okafor;Grace", "2022-09-01", "", "no"),
    ("C-108", "Leon Price", "2020-01-01", "2021-01-31", "no"),
]


def clients_csv(handles=None, ids=None):
    """The register, with handles[ref] and ids[ref] ('platform:value')."""
    handles = handles or {}
    ids = ids or {}
    out = ["ref,names,handles,account_ids,active_from,active_to,former"]
    for ref, names, start, end, former in PEOPLE:
        out.append(",".join([ref, names, handles.get(ref, ""),
                             ids.get(ref, ""), start, end, former]))
    return "\n".join(out) + "\n"


SITES = """name,kind,latitude,longitude,radius_m
Harbour Lane Refuge,refuge,51.5000,-0.1200,500
Northgate Children's Services,office,51.5200,-0.1000,200
Elm Street Clinic,clinic,51.4800,-0.1500,300
Client home (C-101),client-home,51.4600,-0.1800,100
"""

# geotags: (n, lat, lon, expect, why) for geo-sensitive-site
GEO = [
    (101, 51.5010, -0.1195, "flag", "120 m from a refuge"),
    (102, 51.5201, -0.1002, "flag", "at the children's services office"),
    (103, 51.4805, -0.1498, "flag", "at a clinic"),
    (104, 51.46005, -0.18003, "flag", "at a client's home"),
    (105, 51.4990, -0.1210, "flag", "130 m from a refuge"),
    (111, 51.5100, -0.1200, "no-flag", "1.1 km from the refuge"),
    (112, 51.5230, -0.1000, "no-flag", "330 m from the office, outside its 200 m"),
    (113, 51.4700, -0.1500, "no-flag", "1.1 km from the clinic"),
    (114, 51.4620, -0.1800, "no-flag", "220 m from the client's home, outside its 100 m"),
    (115, 53.4800, -2.2400, "no-flag", "another city"),
]

TEXTS = [
    # case-talk: risks
    (1, "Court report due tomorrow and I haven't written a word", "case-talk", "flag",
     "a court report is written for a family or care court: casework on its own", "alone"),
    (2, "Two home visits and a core group before lunch. Send coffee", "case-talk", "flag",
     "home visits and a core group: two casework phrases together, no work word", "alone"),
    (3, "Home visit with my client this morning, the flat was freezing", "case-talk", "flag",
     "a visit to a client's home described on a personal account", None),
    (4, "Case conference ran over again, paperwork till 9", "case-talk", "flag",
     "a child-protection meeting about a family", None),
    (5, "Supervised contact was awful, dad never showed and the little one cried", "case-talk", "flag",
     "contact between a child in care and a parent, described", None),
    (6, "Another domestic violence case landed on my desk, I'm drained", "case-talk", "flag",
     "the HCPC hearing: a post about a domestic violence case that named nobody", None),
    (7, "Third placement breakdown on my caseload this month", "case-talk", "flag",
     "a child's placement ending, on the worker's caseload", None),
    # after published hearings (HCPC 2014: "in court tomorrow for a case
    # where there is ... domestic violence", then the children "safe" after
    # the trial; HCPC 2019: posts about families visited, on a public
    # profile): our own words
    (8, "In court tomorrow for a case with a lot of domestic abuse, wish me luck", "case-talk", "flag",
     "a worker's own court case about a family, as in the 2014 hearing", None),
    (9, "Final hearing done, those three kids are finally safe", "case-talk", "flag",
     "the end of care proceedings about named-by-context children", None),
    (10, "Visited a family today where the baby had no cot, heartbreaking", "case-talk", "flag",
     "a visit to a family supported, described", None),
    (18, "Strategy meeting then a section 47 enquiry, long day", "case-talk", "flag",
     "a child-protection enquiry", None),
    (19, "Emergency placement needed tonight for a 14 year old, anyone?", "case-talk", "flag",
     "a named-by-context child's placement", None),

    (11, "Bought a case of cider for the office party at work", "case-talk", "no-flag",
     "'a case' of cider, at an office party: no casework", "everyday"),
    (12, "My family came to visit today, lovely afternoon", "case-talk", "no-flag",
     "the worker's own family", "everyday"),
    (13, "Tennis court today with the team, I lost every set", "case-talk", "no-flag",
     "tennis court, a stop context", None),
    (14, "Safeguarding training at work all day, good refresher", "case-talk", "no-flag",
     "training, a stop context", None),
    (15, "In this case the office coffee machine wins", "case-talk", "no-flag",
     "'in this case', everyday", "everyday"),
    (16, "Full disclosure: I ate the last biscuit at work", "case-talk", "no-flag",
     "'full disclosure', everyday", "everyday"),
    (17, "Referral to the physio finally came through today", "case-talk", "no-flag",
     "the worker's own health referral", "everyday"),
    (20, "In court tomorrow for jury service, first time ever!", "case-talk", "no-flag",
     "the worker's own jury service, no casework", "everyday"),
    (27, "Visited my family today, mum made a roast", "case-talk", "no-flag",
     "the worker's own family", "everyday"),
    (28, "Final hearing of the planning appeal for the bypass, the whole village turned out", "case-talk", "no-flag",
     "the final hearing of a planning appeal: no casework", "everyday"),
    (29, "Strategy meeting at work about the new website launch", "case-talk", "no-flag",
     "a company's planning meeting", "everyday"),
    (30, "Placement year at uni starts Monday for my son", "case-talk", "no-flag",
     "a student placement year", "everyday"),
    # client-mention: risks
    (21, "Saw Daniel Fairweather at the bus station, he looked well", "client-mention", "flag",
     "a client named by full name on a personal account", None),
    (22, "Had a long chat with Danny Fairweather about his tenancy", "client-mention", "flag",
     "a client named by a registered alias", None),
    (23, "Chloé Durand's hearing is next week, fingers crossed", "client-mention", "flag",
     "a client named, with a hearing: identifiable", None),
    (24, "CHLOE DURAND finally got the flat!", "client-mention", "flag",
     "the same name without its accent, in capitals", None),
    (25, "Eve turned up at the office again, no appointment", "client-mention", "flag",
     "the client's alias Eve: a name that is also a word, so the match is weak", "common-word"),
    (26, "Grace Okafor moved flats again, third time this year", "client-mention", "flag",
     "a client named by full name", None),
    (38, "Popped in on Priya Raman, she's doing so well now", "client-mention", "flag",
     "a former client named (the agency keeps former clients flagged)", None),
    (39, "Evelyn Marsh lost her first tooth at contact, so cute", "client-mention", "flag",
     "a client named with a detail of her care", None),
    # client-mention: near misses
    (31, "Christmas Eve at my sister's, the kids are hyper", "client-mention", "no-flag",
     "Christmas Eve: the alias Eve as an everyday word", "common-word"),
    (32, "Lovely evening walk by the canal", "client-mention", "no-flag",
     "'evening' is not the alias Eve (whole words)", None),
    (33, "Steve's barbecue was great", "client-mention", "no-flag",
     "'Steve' is not Eve", None),
    (34, "Fair weather for the fun run, Daniel from next door came too", "client-mention", "no-flag",
     "neither 'Daniel' nor 'fair weather' is a registered name", None),
    (35, "Marcus Bell is a brilliant drummer, what a gig", "client-mention", "no-flag",
     "posted before Marcus Bell became a client (2024-06)", None),
    (36, "amazing grace at the choir tonight, goosebumps", "client-mention", "no-flag",
     "'grace' in lower case, the hymn: not the alias Grace", "common-word"),
    (37, "Off to the pub on the eve of the big match", "client-mention", "no-flag",
     "'the eve of': not the alias Eve", "common-word"),
    (47, "Priya Ramanathan gave a brilliant talk at the library", "client-mention", "no-flag",
     "'Priya Ramanathan' is not 'Priya Raman' (whole words)", None),
    (48, "Dan Fairweather-Smith won the pub quiz again", "client-mention", "no-flag",
     "another person whose surname only begins like the client's", None),
    # personal-data: risks
    (41, "Her number is 07700 900456, ring if you see her", "personal-data", "flag",
     "someone's mobile number", None),
    (42, "Email jo.bloggs@example.org for the rota swap", "personal-data", "flag",
     "a person's e-mail address", None),
    (43, "She was born on 12/03/2011 and already runs the house", "personal-data", "flag",
     "a date of birth", None),
    (44, "They moved to 14 Acacia Avenue last week", "personal-data", "flag",
     "a street address", None),
    (45, "Finally closed AB-2023-04417, what a year", "personal-data", "flag",
     "an agency case reference: the built-in case-number format", "case-number"),
    (46, "FS-2022-118220 went to panel and got agreed", "personal-data", "flag",
     "an agency case reference", "case-number"),
    (49, "Call her on +44 7700 900123 if she turns up at yours", "personal-data", "flag",
     "a mobile number in international form", None),
    (50, "Her DOB is 03/04/2009, can someone check the file", "personal-data", "flag",
     "a date of birth", None),
    # personal-data: near misses
    (51, "If you need to talk, Childline is 0800 1111", "personal-data", "no-flag",
     "a helpline number, no one's personal data", None),
    (52, "Tickets from info@example.org, all proceeds to the food bank", "personal-data", "no-flag",
     "an organisation's desk address", None),
    (53, "Worked there 2019-2023, best team ever", "personal-data", "no-flag",
     "a range of years", None),
    (54, "Paid 1,250.00 for the new boiler, ouch", "personal-data", "no-flag",
     "a price", None),
    (55, "Meeting moved to 12/03/2023 at 10", "personal-data", "no-flag",
     "a date that is not a date of birth", None),
    (56, "COVID-19 booster booked for 2023-10-02", "personal-data", "no-flag",
     "not a case reference: no letters-year-number shape", "case-number"),
    (57, "Order 4411223344 finally arrived", "personal-data", "no-flag",
     "an order number, not a phone number", None),
    (58, "Ring 999 in an emergency, not the office", "personal-data", "no-flag",
     "the emergency number", None),
    (59, "Flight BA2490 lands at 14:05, pick me up?", "personal-data", "no-flag",
     "a flight number and a time", None),
    # frustration: risks
    (61, "Sick of this job, my manager is useless", "frustration", "flag",
     "frustration about work and a manager", None),
    (62, "Fucking paperwork again at work", "frustration", "flag",
     "profanity about work", None),
    (63, "My caseload is a joke, nobody upstairs cares", "frustration", "flag",
     "frustration about the caseload", None),
    (64, "Hate this job so much today", "frustration", "flag",
     "frustration about the job", None),
    (65, "Colleagues are idiots, every single shift", "frustration", "flag",
     "abuse of colleagues", None),
    (66, "Burnt out at work and the boss doesn't care", "frustration", "flag",
     "frustration about work and a boss", None),
    (67, "Another ungrateful family screaming at me on the doorstep, love this job", "frustration", "flag",
     "contempt for a family supported, as in the 2019 hearing's rants", None),
    (68, "My manager is a total clown, the whole office knows it", "frustration", "flag",
     "contempt for a manager", None),
    # frustration: near misses
    (71, "Worst night ever, kids up till 3", "frustration", "no-flag",
     "a parent's night, not work", None),
    (72, "This cake is a joke (in the best way)", "frustration", "no-flag",
     "'a joke' about a cake", None),
    (73, "Sick of the rain already", "frustration", "no-flag",
     "the weather", None),
    (74, "Bloody brilliant day at the beach", "frustration", "no-flag",
     "mild profanity, nothing about work", None),
    (75, "Had enough pizza to last a week", "frustration", "no-flag",
     "'had enough' of pizza", None),
    (76, "Lazy Sunday on the sofa, bliss", "frustration", "no-flag",
     "'lazy' about the worker's own Sunday", None),
    (77, "Vile weather for the school run", "frustration", "no-flag",
     "the weather", None),
    (78, "My manager bought cake for the whole team, legend", "frustration", "no-flag",
     "praise of a manager", None),
]

