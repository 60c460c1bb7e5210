"""Generate a large, synthetic, schema-valid integ data repository for benchmarks.

Why this exists: integ's speed targets (start-up, ``integ validate``, queries and
reports) have to hold for catalogues far larger than any real one -- Aachen's second
edition (2018) has 107 measures -- and must be compared against the floor (just
parsing the YAML) and against ``check-jsonschema``.  Timings are only comparable if
everyone measures the same corpus, so this script writes one deterministically for a
given seed: seven action fields, the target-group, actor and district vocabularies,
and N measures of realistic size and variety (about 1.5 KB each; German text with
umlauts, budgets, indicators, decisions, links ...).  Every measure is marked
``illustrative: true``: none describes a real measure of the city.

It needs nothing but the standard library.  YAML is written by a small block-style
emitter that double-quotes every string YAML 1.1 would read as something else (dates,
numbers, yes/no/on/off, null), so the corpus loads the same under YAML 1.1 and 1.2.
The output directory gets no ``schemas/``, so the schemas shipped with integ govern it.

With ``--variety`` the measures are written as people write them over years, the
corpus issue 16 asks for besides the project's own: long texts (summaries of six to
fourteen sentences), 5 to 15 budget lines and up to six indicators, comment lines and
end-of-line comments, keys in varied order, and a few strings single-quoted or with
escapes. It is slower to read for any loader and meant to show that a speed-up does not
rest on the regular shape of the default corpus.

Usage::

    python benchmarks/generate_corpus.py OUT_DIR --measures 10000 [--seed 1] [--variety]
"""

from __future__ import annotations

import argparse
import json
import os
import random
import re
import sys
from collections.abc import Iterator, Mapping, Sequence
from datetime import date, timedelta
from pathlib import Path

SCHEMA_VERSION = 1
SOURCE = (
    "Illustrativer Benchmark-Korpus, generiert von benchmarks/generate_corpus.py; "
    "angelehnt an das kommunale Integrationskonzept der Stadt Aachen (2006)"
)
# The corpus' notion of "today"; fixed so the output depends only on the seed.
TODAY = date(2025, 6, 30)
# The council adopted the concept in October 2006; nothing starts before that.
CONCEPT_ADOPTED = date(2006, 10, 24)
MAX_PER_FIELD = 99_999  # ids carry five digits per field

# --------------------------------------------------------------------------------------
# Vocabularies
# --------------------------------------------------------------------------------------

# (id, name, short_name, working group, description, weight of measures)
FIELDS: list[tuple[str, str, str, str, str, int]] = [
    (
        "beratung",
        "Soziale Beratung und Betreuung, psychosoziale Beratung und Gesundheit",
        "Beratung",
        "Arbeitsgruppe Beratung und Gesundheit",
        (
            "Migrationsberatung, soziale Betreuung, psychosoziale Hilfen und Zugang zum "
            "Gesundheitssystem, möglichst muttersprachlich und wohnortnah."
        ),
        18,
    ),
    (
        "sprache",
        "Sprachförderung",
        "Sprache",
        "Arbeitsgruppe Sprache",
        (
            "Sprachförderung von der Kita bis zum Beruf: Integrationskurse, Elternkurse, "
            "Förderung der Herkunftssprachen und Sprachstandsfeststellung."
        ),
        20,
    ),
    (
        "bildung",
        "Bildung",
        "Bildung",
        "Arbeitsgruppe Schule und Beruf",
        ("Frühkindliche Bildung, Schule, Übergänge und Elternarbeit; Bildungserfolg unabhängig von der Herkunft."),
        20,
    ),
    (
        "arbeit",
        "Arbeitsmarkt",
        "Arbeit",
        "Arbeitsgruppe Schule und Beruf",
        (
            "Ausbildung, Qualifizierung, Anerkennung ausländischer Abschlüsse und Zugang "
            "zum Arbeitsmarkt, auch für Selbstständige mit Migrationshintergrund."
        ),
        16,
    ),
    (
        "wohnen",
        "Wohnen/Planen",
        "Wohnen",
        "Arbeitsgruppe Wohnen und Stadtteil",
        (
            "Wohnraumversorgung, Nachbarschaft und Quartiersentwicklung; Integration "
            "geschieht vor Ort, wo Menschen leben."
        ),
        9,
    ),
    (
        "freizeit",
        "Sport/Freizeit/Kultur",
        "Freizeit",
        "Arbeitsgruppe soziale und kulturelle Integration",
        (
            "Begegnung in Sportvereinen, Kultur- und Freizeitangeboten; interkulturelle "
            "Öffnung der Vereine und Einrichtungen."
        ),
        10,
    ),
    (
        "senioren",
        "Senioren",
        "Senioren",
        "Facharbeitskreis Ältere Migrantinnen und Migranten",
        ("Ältere Migrantinnen und Migranten: kultursensible Pflege, Beratung und Teilhabe im Alter."),
        7,
    ),
]
FIELD_IDS = [f[0] for f in FIELDS]
PRIORITISED = 4  # the first four fields were prioritised

# (id, name, parent, main, label used in running text)
TARGET_GROUPS: list[tuple[str, str, str | None, bool, str]] = [
    ("neuzuwanderer", "Neuzuwanderer", None, True, "neu zugewanderte Menschen"),
    ("gefluechtete", "Geflüchtete", "neuzuwanderer", False, "Geflüchtete"),
    (
        "unbegleitete-minderjaehrige",
        "Unbegleitete minderjährige Geflüchtete",
        "gefluechtete",
        False,
        "unbegleitete minderjährige Geflüchtete",
    ),
    ("spaetaussiedler", "Spätaussiedler", "neuzuwanderer", False, "Spätaussiedler"),
    (
        "bestandsauslaender",
        "Bestandsausländer",
        None,
        True,
        "seit Langem hier lebende Ausländerinnen und Ausländer",
    ),
    (
        "aeltere-migranten",
        "Ältere Migrantinnen und Migranten",
        "bestandsauslaender",
        False,
        "ältere Migrantinnen und Migranten",
    ),
    (
        "kinder-jugendliche",
        "Kinder, insbesondere im Vorschulalter, und Jugendliche",
        None,
        True,
        "Kinder und Jugendliche",
    ),
    ("kinder", "Kinder", "kinder-jugendliche", False, "Kinder"),
    ("vorschulkinder", "Kinder im Vorschulalter", "kinder", False, "Vorschulkinder"),
    ("schulkinder", "Schulkinder", "kinder", False, "Schulkinder"),
    ("jugendliche", "Jugendliche", "kinder-jugendliche", False, "Jugendliche"),
    (
        "uebergang-schule-beruf",
        "Jugendliche am Übergang Schule–Beruf",
        "jugendliche",
        False,
        "Jugendliche am Übergang von der Schule in den Beruf",
    ),
    (
        "junge-muetter",
        "Junge Mütter bildungsferner Schichten",
        None,
        True,
        "junge Mütter aus bildungsfernen Familien",
    ),
    ("eltern", "Eltern mit Migrationshintergrund", None, False, "zugewanderte Eltern"),
    (
        "frauen",
        "Frauen mit Migrationshintergrund",
        None,
        False,
        "Frauen mit Migrationshintergrund",
    ),
    (
        "deutsche-bevoelkerung",
        "Die deutsche Bevölkerung",
        None,
        True,
        "die deutsche Bevölkerung",
    ),
    (
        "fachkraefte",
        "Fachkräfte und Multiplikatoren",
        None,
        False,
        "Fachkräfte und Multiplikatoren",
    ),
]
GROUP_LABEL = {g[0]: g[4] for g in TARGET_GROUPS}
GROUP_IDS = [g[0] for g in TARGET_GROUPS]

# (id, name, parent, kind)
ACTORS: list[tuple[str, str, str | None, str]] = [
    ("stadt-aachen", "Stadt Aachen", None, "administration"),
    ("fb-soziales", "Fachbereich Soziales und Integration", "stadt-aachen", "administration"),
    ("stabsstelle-integration", "Stabsstelle Integration", "fb-soziales", "administration"),
    ("fb-kinder-jugend-schule", "Fachbereich Kinder, Jugend und Schule", "stadt-aachen", "administration"),
    ("fb-wohnen", "Fachbereich Wohnen", "stadt-aachen", "administration"),
    ("sportamt", "Sportamt", "stadt-aachen", "administration"),
    ("kulturbetrieb", "Kulturbetrieb der Stadt Aachen", "stadt-aachen", "administration"),
    ("gesundheitsamt", "Gesundheitsamt", None, "administration"),
    ("rat-der-stadt", "Rat der Stadt Aachen", None, "council"),
    ("sozialausschuss", "Ausschuss für Soziales, Integration und Demografie", "rat-der-stadt", "council"),
    ("migrationsrat", "Migrationsrat", None, "council"),
    ("ag-migrantenorganisationen", "Arbeitsgemeinschaft der Migrantenorganisationen", None, "migrant-organisation"),
    (
        "elternverein-russischsprachig",
        "Verein russischsprachiger Eltern",
        "ag-migrantenorganisationen",
        "migrant-organisation",
    ),
    (
        "kulturverein-afrika",
        "Afrikanischer Kultur- und Begegnungsverein",
        "ag-migrantenorganisationen",
        "migrant-organisation",
    ),
    ("tuerkischer-elternbund", "Türkischer Elternbund", "ag-migrantenorganisationen", "migrant-organisation"),
    ("arabischer-frauenverein", "Arabischer Frauenverein", "ag-migrantenorganisationen", "migrant-organisation"),
    ("caritas", "Caritasverband", None, "welfare-provider"),
    ("diakonie", "Diakonisches Werk", None, "welfare-provider"),
    ("awo", "Arbeiterwohlfahrt", None, "welfare-provider"),
    ("drk", "Deutsches Rotes Kreuz", None, "welfare-provider"),
    ("paritaetischer", "Der Paritätische", None, "welfare-provider"),
    ("netzwerk-integration", "Netzwerk Integration", None, "network"),
    ("ag-sprache", "Arbeitsgruppe Sprache", "netzwerk-integration", "working-group"),
    ("ag-schule-arbeit", "Arbeitsgruppe Schule und Arbeit", "netzwerk-integration", "working-group"),
    (
        "ag-soziale-kulturelle-integration",
        "Arbeitsgruppe soziale und kulturelle Integration",
        "netzwerk-integration",
        "working-group",
    ),
    ("fak-gesundheit", "Facharbeitskreis Migration und Gesundheit", "netzwerk-integration", "working-group"),
    (
        "fak-aeltere-migranten",
        "Facharbeitskreis Ältere Migrantinnen und Migranten",
        "netzwerk-integration",
        "working-group",
    ),
    ("vhs", "Volkshochschule Aachen", "stadt-aachen", "education"),
    ("bildungsbuero", "Regionales Bildungsbüro", None, "education"),
    ("familienzentren", "Verbund der Familienzentren", None, "education"),
    ("jobcenter", "Jobcenter", None, "employment"),
    ("agentur-fuer-arbeit", "Agentur für Arbeit", None, "employment"),
    ("handwerkskammer", "Handwerkskammer", None, "employment"),
    ("stadtsportbund", "Stadtsportbund", None, "other"),
    ("wohnungsgesellschaft", "Städtische Wohnungsgesellschaft", None, "other"),
]
ACTOR_NAME = {a[0]: a[1] for a in ACTORS}
# councils decide; they do not lead or partner in measures
WORKING_ACTORS = [a[0] for a in ACTORS if a[3] != "council"]

# (id, name, city_wide)
DISTRICTS: list[tuple[str, str, bool]] = [
    ("stadtweit", "Stadtweit", True),
    ("aachen-mitte", "Aachen-Mitte", False),
    ("brand", "Brand", False),
    ("eilendorf", "Eilendorf", False),
    ("haaren", "Haaren", False),
    ("kornelimuenster-walheim", "Kornelimünster/Walheim", False),
    ("laurensberg", "Laurensberg", False),
    ("richterich", "Richterich", False),
]
DISTRICT_NAME = {d[0]: d[1] for d in DISTRICTS}
LOCAL_DISTRICTS = [d[0] for d in DISTRICTS if not d[2]]

# --------------------------------------------------------------------------------------
# Word lists for measures, per field
# --------------------------------------------------------------------------------------

# cores of titles, opening sentences, goals, indicators (name, unit, percent?),
# tags, typical target groups, typical leads
FIELD_TEXT: dict[str, dict[str, list[str]]] = {
    "beratung": {
        "cores": [
            "Migrationsberatung für Erwachsene",
            "Psychosoziale Beratungsstelle",
            "Gesundheitslotsen",
            "Muttersprachliche Sozialberatung",
            "Dolmetscherpool",
            "Familienberatung",
            "Suchtprävention",
            "Traumaberatung",
            "Lotsenprojekt",
            "Schuldnerberatung",
            "Gesundheitsmediatorinnen und -mediatoren",
            "Offene Sprechstunde",
            "Clearingstelle Gesundheit",
            "Frauengesundheitstreff",
        ],
        "openers": [
            "Die Beratungsstelle bietet offene Sprechstunden und feste Termine in mehreren Sprachen an.",
            "Geschulte Lotsinnen und Lotsen begleiten Ratsuchende zu Ämtern, Arztpraxen und Beratungsstellen.",
            "Ein Pool von Sprach- und Kulturmittlern übersetzt Gespräche in Behörden und Praxen.",
            "Psychosoziale Fachkräfte beraten Familien in Krisen und vermitteln in weiterführende Hilfen.",
            "Die Sprechstunde klärt Fragen zu Aufenthalt, Sozialleistungen und Gesundheitsversorgung.",
            "Gesundheitsmediatorinnen informieren in Vereinen und Moscheegemeinden über Vorsorge und Impfungen.",
        ],
        "goals": [
            "Ratsuchende finden schneller den Weg in die Regelangebote.",
            "Zugewanderte kennen das Gesundheitssystem und nutzen Vorsorgeangebote häufiger.",
            "Sprachbarrieren in Beratung und Behandlung werden abgebaut.",
            "Familien in Krisen erhalten frühzeitig Unterstützung.",
        ],
        "indicators": [
            "Beratungsgespräche|Gespräche",
            "Ratsuchende|Personen",
            "Dolmetscheinsätze|Einsätze",
            "Vermittlungen in Regelangebote|Prozent",
        ],
        "tags": ["migrationsberatung", "gesundheit", "dolmetschen", "lotsen", "psychosoziale-beratung", "praevention"],
        "groups": ["neuzuwanderer", "gefluechtete", "bestandsauslaender", "frauen", "junge-muetter"],
        "leads": ["caritas", "diakonie", "awo", "drk", "gesundheitsamt", "fb-soziales", "fak-gesundheit"],
    },
    "sprache": {
        "cores": [
            "Sprachkurs",
            "Elternkurs „Mama lernt Deutsch“",
            "Sprachcafé",
            "Integrationskurs mit Kinderbetreuung",
            "Sprachförderung in Kitas",
            "Lesepatenschaften",
            "Herkunftssprachlicher Unterricht",
            "Sprachstandsfeststellung",
            "Berufsbezogenes Deutsch",
            "Alphabetisierungskurs",
            "Rucksack-Programm",
            "Vorlesestunde in mehreren Sprachen",
            "Konversationskreis",
        ],
        "openers": [
            "Der Kurs verbindet Deutschunterricht mit Informationen über Schule, Kita und Alltag in der Stadt.",
            "Ehrenamtliche Lesepatinnen und Lesepaten lesen wöchentlich mit Kindern in Kitas und Grundschulen.",
            "Während die Mütter Deutsch lernen, werden ihre Kinder in der Einrichtung betreut.",
            "Das Sprachcafé bietet zwanglose Gesprächsrunden mit Ehrenamtlichen an zwei Abenden pro Woche.",
            "Fachkräfte in Kitas werden in alltagsintegrierter Sprachbildung fortgebildet.",
            "Der Alphabetisierungskurs richtet sich an Erwachsene, die in keiner Sprache sicher lesen und schreiben.",
        ],
        "goals": [
            "Die Teilnehmenden erreichen das Sprachniveau B1.",
            "Kinder beginnen die Schule mit altersgemäßen Deutschkenntnissen.",
            "Eltern können Elterngespräche ohne Dolmetscher führen.",
            "Die Herkunftssprache wird als Ressource gestärkt.",
        ],
        "indicators": [
            "Teilnehmende|Personen",
            "Kurse|Kurse",
            "Unterrichtsstunden|Stunden",
            "Abschluss B1|Prozent",
            "Lesepatenschaften|Patenschaften",
        ],
        "tags": ["deutschkurs", "elternarbeit", "kita", "mehrsprachigkeit", "alphabetisierung", "ehrenamt"],
        "groups": ["junge-muetter", "vorschulkinder", "eltern", "neuzuwanderer", "kinder", "frauen"],
        "leads": ["vhs", "ag-sprache", "familienzentren", "caritas", "awo", "fb-kinder-jugend-schule"],
    },
    "bildung": {
        "cores": [
            "Elternarbeit an Grundschulen",
            "Hausaufgabenhilfe",
            "Bildungspatenschaften",
            "Übergangsbegleitung Kita–Grundschule",
            "Interkulturelle Öffnung der Schulen",
            "Mentoring für Schülerinnen und Schüler",
            "Elternbegleiterinnen",
            "Ferienschule",
            "Schulsozialarbeit",
            "Bildungsberatung für Familien",
            "Lernwerkstatt",
            "Seiteneinsteigerklassen",
            "Brückenprojekt Kita und Familie",
        ],
        "openers": [
            "Elternbegleiterinnen informieren Familien über das Schulsystem und begleiten sie zu Elternabenden.",
            "Studierende unterstützen Schülerinnen und Schüler nachmittags bei Hausaufgaben und Prüfungsvorbereitung.",
            "In den Sommerferien bietet die Ferienschule zwei Wochen Lernen mit Sport und Ausflügen.",
            "Die Maßnahme begleitet Kinder und Eltern beim Übergang von der Kita in die Grundschule.",
            "Lehrkräfte erhalten Fortbildungen zu Mehrsprachigkeit und interkultureller Elternarbeit.",
            "Seiteneinsteigerklassen bereiten neu zugewanderte Schülerinnen und Schüler auf den Regelunterricht vor.",
        ],
        "goals": [
            "Mehr Kinder mit Migrationsgeschichte erreichen einen höheren Schulabschluss.",
            "Eltern beteiligen sich aktiv am Schulleben.",
            "Die Zahl der Schulabbrüche sinkt.",
            "Übergänge in der Bildungsbiografie gelingen ohne Brüche.",
        ],
        "indicators": [
            "Geförderte Kinder|Personen",
            "Teilnehmende Eltern|Personen",
            "Beteiligte Schulen|Schulen",
            "Übergänge in weiterführende Schulen|Prozent",
        ],
        "tags": ["schule", "elternarbeit", "mentoring", "uebergang", "hausaufgabenhilfe", "bildungsgerechtigkeit"],
        "groups": ["schulkinder", "kinder", "eltern", "jugendliche", "vorschulkinder", "kinder-jugendliche"],
        "leads": [
            "fb-kinder-jugend-schule",
            "bildungsbuero",
            "ag-schule-arbeit",
            "familienzentren",
            "tuerkischer-elternbund",
        ],
    },
    "arbeit": {
        "cores": [
            "Ausbildungslotsen",
            "Anerkennungsberatung",
            "Qualifizierung in der Pflege",
            "Bewerbungstraining",
            "Existenzgründungsberatung",
            "Betriebspraktika",
            "Jobbörse für Geflüchtete",
            "Berufsorientierung",
            "Teilzeitausbildung für junge Mütter",
            "Kompetenzfeststellung",
            "Mentoring Beruf",
            "Ausbildungsverbund",
        ],
        "openers": [
            "Ausbildungslotsen vermitteln Jugendliche in Praktika und Ausbildungsplätze bei Betrieben der Region.",
            "Die Beratung unterstützt bei der Anerkennung ausländischer Berufs- und Studienabschlüsse.",
            "Junge Mütter absolvieren eine Ausbildung in Teilzeit mit verlässlicher Kinderbetreuung.",
            "Betriebe und Migrantenorganisationen organisieren gemeinsam Praktika und Betriebsbesichtigungen.",
            "Gründerinnen und Gründer mit Migrationshintergrund erhalten Beratung zu Finanzierung und Genehmigungen.",
            "In Workshops werden Bewerbungsunterlagen erstellt und Vorstellungsgespräche geübt.",
        ],
        "goals": [
            "Mehr Jugendliche mit Migrationsgeschichte beginnen eine Ausbildung.",
            "Ausländische Abschlüsse werden anerkannt und genutzt.",
            "Die Erwerbsquote zugewanderter Frauen steigt.",
            "Betriebe öffnen sich für Auszubildende mit Migrationshintergrund.",
        ],
        "indicators": [
            "Vermittlungen in Ausbildung|Personen",
            "Anerkennungsverfahren|Verfahren",
            "Beteiligte Betriebe|Betriebe",
            "Vermittlungsquote|Prozent",
        ],
        "tags": ["ausbildung", "anerkennung", "arbeitsmarkt", "existenzgruendung", "praktikum", "pflege"],
        "groups": [
            "uebergang-schule-beruf",
            "jugendliche",
            "gefluechtete",
            "frauen",
            "junge-muetter",
            "bestandsauslaender",
        ],
        "leads": ["jobcenter", "agentur-fuer-arbeit", "handwerkskammer", "ag-schule-arbeit", "bildungsbuero"],
    },
    "wohnen": {
        "cores": [
            "Quartiersmanagement",
            "Nachbarschaftsstifter",
            "Wohnraumvermittlung",
            "Mieterberatung",
            "Stadtteilkonferenz",
            "Interkultureller Gemeinschaftsgarten",
            "Umzugsbegleitung",
            "Hausgemeinschaften stärken",
            "Stadtteilbüro",
        ],
        "openers": [
            "Das Quartiersmanagement bündelt Angebote im Stadtteil und lädt regelmäßig zur Stadtteilkonferenz ein.",
            "Die Wohnraumvermittlung hilft Familien, eine Wohnung außerhalb der Gemeinschaftsunterkünfte zu finden.",
            "Nachbarschaftsstifterinnen vermitteln bei Konflikten in Hausgemeinschaften.",
            "Im Gemeinschaftsgarten gärtnern Alteingesessene und Zugewanderte gemeinsam.",
            "Die Mieterberatung erklärt Mietverträge, Nebenkosten und Hausordnungen in mehreren Sprachen.",
        ],
        "goals": [
            "Segregation in einzelnen Quartieren wird abgebaut.",
            "Geflüchtete Familien leben in eigenen Wohnungen.",
            "Nachbarschaften werden stabilisiert.",
        ],
        "indicators": [
            "Vermittelte Wohnungen|Wohnungen",
            "Beratene Haushalte|Haushalte",
            "Stadtteilkonferenzen|Sitzungen",
        ],
        "tags": ["quartier", "nachbarschaft", "wohnraum", "stadtteil", "mieterberatung"],
        "groups": ["gefluechtete", "neuzuwanderer", "bestandsauslaender", "deutsche-bevoelkerung", "eltern"],
        "leads": ["fb-wohnen", "wohnungsgesellschaft", "diakonie", "ag-soziale-kulturelle-integration", "caritas"],
    },
    "freizeit": {
        "cores": [
            "Interkulturelles Sportfest",
            "Schwimmkurs für Frauen",
            "Fußball für alle",
            "Kulturwochen",
            "Theaterprojekt",
            "Interkultureller Chor",
            "Fest der Kulturen",
            "Vereinslotsen",
            "Mädchen-Sportgruppe",
            "Museumspatenschaften",
            "Ferienfreizeit",
        ],
        "openers": [
            "Sportvereine öffnen sich für Zugewanderte und gewinnen Übungsleiterinnen mit Migrationsgeschichte.",
            "Der Schwimmkurs findet in geschützten Zeiten nur für Frauen statt.",
            "Beim Fest der Kulturen stellen sich Vereine und Migrantenorganisationen vor.",
            "Jugendliche entwickeln gemeinsam ein Theaterstück und führen es im Stadtteil auf.",
            "Vereinslotsen begleiten Familien beim ersten Besuch im Sportverein.",
        ],
        "goals": [
            "Begegnungen zwischen Alteingesessenen und Zugewanderten nehmen zu.",
            "Vereine und Kultureinrichtungen öffnen sich interkulturell.",
            "Mädchen und Frauen nehmen häufiger an Sportangeboten teil.",
        ],
        "indicators": [
            "Teilnehmende|Personen",
            "Veranstaltungen|Veranstaltungen",
            "Neue Vereinsmitglieder|Personen",
            "Besucherinnen und Besucher|Personen",
        ],
        "tags": ["sport", "kultur", "begegnung", "verein", "ehrenamt", "maedchen"],
        "groups": ["jugendliche", "kinder", "frauen", "deutsche-bevoelkerung", "schulkinder"],
        "leads": [
            "stadtsportbund",
            "sportamt",
            "kulturbetrieb",
            "ag-soziale-kulturelle-integration",
            "kulturverein-afrika",
        ],
    },
    "senioren": {
        "cores": [
            "Kultursensible Pflegeberatung",
            "Seniorentreff international",
            "Besuchsdienst",
            "Informationsreihe Älterwerden in Deutschland",
            "Pflegelotsen",
            "Mittagstisch",
            "Rentenberatung",
            "Digitale Sprechstunde für Ältere",
        ],
        "openers": [
            "Pflegelotsinnen informieren ältere Migrantinnen und Migranten über Pflegeleistungen und Hilfen im Alltag.",
            "Der Seniorentreff bietet wöchentliche Begegnung, Bewegung und Beratung in mehreren Sprachen.",
            "Ehrenamtliche besuchen alleinlebende Ältere und begleiten sie zu Terminen.",
            "Die Informationsreihe behandelt Rente, Pflege, Vorsorge und Wohnen im Alter.",
        ],
        "goals": [
            "Ältere Zugewanderte nutzen Pflege- und Beratungsangebote.",
            "Einsamkeit im Alter wird verringert.",
            "Pflegedienste arbeiten kultursensibel.",
        ],
        "indicators": ["Beratene Seniorinnen und Senioren|Personen", "Hausbesuche|Besuche", "Treffen|Termine"],
        "tags": ["pflege", "alter", "kultursensibel", "besuchsdienst", "senioren"],
        "groups": ["aeltere-migranten", "bestandsauslaender", "spaetaussiedler", "fachkraefte"],
        "leads": ["fak-aeltere-migranten", "awo", "drk", "paritaetischer", "fb-soziales"],
    },
}

GENERIC_SENTENCES = [
    "Die Maßnahme wird gemeinsam mit {partner} umgesetzt.",
    "Ein Schwerpunkt liegt auf der Zusammenarbeit mit Migrantenorganisationen vor Ort.",
    "Die Ergebnisse werden jährlich im Netzwerk Integration ausgewertet und dem Ausschuss berichtet.",
    "Die Teilnahme ist kostenfrei; bei Bedarf wird Kinderbetreuung angeboten.",
    "Die Maßnahme knüpft an Erfahrungen aus dem Integrationskonzept von 2006 an.",
    "Pro Jahr sollen rund {n} Personen erreicht werden.",
    "Die Angebote finden in Familienzentren, Schulen und Begegnungsstätten statt.",
    "Informationen werden in Deutsch, Türkisch, Arabisch, Russisch und Englisch veröffentlicht.",
    "Die Federführung liegt bei {lead}.",
    "Ehrenamtliche werden vorab geschult und fachlich begleitet.",
    "Über die Fortführung entscheidet der Ausschuss nach Vorlage des Sachstandsberichts.",
]
TITLE_SUFFIXES = [
    "",
    "",
    "",
    " für {group}",
    " für {group}",
    " in {district}",
    " im Stadtbezirk {district}",
    " – Phase {phase}",
    " ({year})",
    " plus",
]
NOTES = [
    "Förderantrag beim Land NRW gestellt; Bescheid steht aus.",
    "Träger hat Personalwechsel gemeldet, Angebot läuft eingeschränkt weiter.",
    "Sachstandsbericht für die nächste Ausschusssitzung vorbereiten.",
    "Räume im Stadtteilzentrum sind bis Jahresende zugesagt.",
    "Kooperationsvereinbarung mit dem Jobcenter wird überarbeitet.",
    "Evaluation durch die Hochschule vereinbart.",
    "Teilnahmezahlen 2020/2021 pandemiebedingt niedrig.",
    "Mittelumschichtung gemäß Beschluss des Ausschusses.",
    "Fortführung hängt von der Anschlussfinanzierung ab.",
]
BUDGET_NOTES = [
    "Restmittel ins Folgejahr übertragen",
    "Kofinanzierung durch den Träger",
    "inklusive Honorarmittel",
    "Sachkosten und Miete",
]
GENERIC_TAGS = ["interkulturell", "vor-ort", "teilhabe", "niedrigschwellig", "netzwerk"]
BODIES = ["Rat der Stadt", "Sozialausschuss", "Schulausschuss", "Migrationsrat"]
SOURCES = ["municipal", "state", "jobcenter", "federal", "eu", "foundation", "other"]
SOURCE_WEIGHTS = [40, 20, 8, 10, 8, 8, 6]
STATUSES = ["planned", "active", "completed", "suspended", "dropped"]
STATUS_WEIGHTS = [20, 35, 30, 8, 7]
HORIZONS = ["short", "mid", "long"]
HORIZON_DAYS = {"short": (60, 365), "mid": (366, 3 * 365), "long": (3 * 365, 9 * 365)}
# election periods (Wahlperioden) of the council, for paper numbers
ELECTION_PERIODS = [
    (date(2009, 10, 21), 15),
    (date(2014, 6, 1), 16),
    (date(2020, 11, 1), 17),
    (date(2100, 1, 1), 18),
]

# --------------------------------------------------------------------------------------
# A small block-style YAML emitter
# --------------------------------------------------------------------------------------


class Folded(str):
    """A string to be written as a folded block scalar (``>-``) when it allows."""

    __slots__ = ()


class Quoted(str):
    """A string written in the quotes a person chose: ``'`` or ``"``; with ``escape``,
    its non-ASCII quotation marks written as ``\\u`` escapes, as some editors save them."""

    quote: str
    escape: bool

    def __new__(cls, text: str, quote: str, escape: bool = False) -> Quoted:
        made = super().__new__(cls, text)
        made.quote = quote
        made.escape = escape
        return made


# Plain (unquoted) only when it starts with a letter and holds no YAML indicator that
# could matter; everything else is double-quoted (JSON strings are valid YAML ones).
_PLAIN = re.compile(r"[A-Za-zÄÖÜäöüß][^\n\t\r:#\"'`{}\[\]|>&*!%@\\]*(?<! )")
_YAML11_WORDS = frozenset({"y", "n", "yes", "no", "true", "false", "on", "off", "null", "none", "nan", "inf"})
_WRAP = 88


def _scalar(value: object) -> str:
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, int):
        return str(value)
    if isinstance(value, float):
        return repr(value)
    if isinstance(value, Quoted):
        if value.quote == "'":
            return "'" + value.replace("'", "''") + "'"
        return json.dumps(value, ensure_ascii=value.escape)
    if isinstance(value, str):
        if _PLAIN.fullmatch(value) and value.lower() not in _YAML11_WORDS:
            return value
        return json.dumps(value, ensure_ascii=False)
    raise TypeError(f"cannot emit {type(value).__name__}")


def _folded_lines(text: str, indent: str) -> list[str] | None:
    """Wrap text for a ``>-`` scalar, or None if folding would change it."""
    words = text.split(" ")
    if not text or "" in words or any(c in text for c in "\n\t\r"):
        return None
    lines: list[str] = []
    line = words[0]
    for word in words[1:]:
        if len(indent) + len(line) + 1 + len(word) > _WRAP:
            lines.append(indent + line)
            line = word
        else:
            line = f"{line} {word}"
    lines.append(indent + line)
    return lines


def _emit_mapping(mapping: Mapping[str, object], indent: str, out: list[str], first: str | None = None) -> None:
    prefix = indent if first is None else first
    for key, value in mapping.items():
        if value is None:
            continue
        if isinstance(value, Mapping):
            out.append(f"{prefix}{key}:")
            _emit_mapping(value, indent + "  ", out)
        elif isinstance(value, list):
            if not value:
                out.append(f"{prefix}{key}: []")
            else:
                out.append(f"{prefix}{key}:")
                inner = indent + "  "
                for item in value:
                    if isinstance(item, Mapping):
                        _emit_mapping(item, inner + "  ", out, first=inner + "- ")
                    else:
                        out.append(f"{inner}- {_scalar(item)}")
        elif isinstance(value, Folded) and (lines := _folded_lines(value, indent + "  ")):
            out.append(f"{prefix}{key}: >-")
            out.extend(lines)
        else:
            out.append(f"{prefix}{key}: {_scalar(value)}")
        prefix = indent


def to_yaml(record: Mapping[str, object], schema: str, rng: random.Random | None = None) -> bytes:
    """Render one record as a YAML document with an editor schema hint; with ``rng``,
    sprinkle comments over it as people leave them (see :func:`_comment`)."""
    out = [f"# yaml-language-server: $schema={schema}"]
    _emit_mapping(record, "", out)
    if rng is not None:
        out = _comment(out, rng)
    out.append("")
    return "\n".join(out).encode("utf-8")


COMMENTS = [
    "Stand laut Sachstandsbericht an den Ausschuss",
    "Angaben mit dem Träger abgestimmt",
    "TODO: Zahlen für das laufende Jahr nachtragen",
    "Rückfrage beim Fachbereich läuft",
    "übernommen aus der Fortschreibung",
    "Beträge in Euro, ohne Personalkosten",
]
# A line holding a key and a one-line value (plain, quoted or a number), where an
# end-of-line comment is a comment and not part of the value.
_KEY_VALUE = re.compile(r'\s*(- )?[a-z_]+: (?!>-$|\|$)("[^"]*"|[^"#\s][^#]*|-?[0-9][0-9.]*)$')


def _comment(lines: list[str], rng: random.Random) -> list[str]:
    """Comment lines before some top-level keys and end-of-line comments after some
    values: what staff leave in files they edit by hand."""
    result: list[str] = []
    for line in lines:
        if line and not line.startswith((" ", "-", "#")) and rng.random() < 0.15:
            result.append(f"# {rng.choice(COMMENTS)}")
        if rng.random() < 0.08 and _KEY_VALUE.fullmatch(line):
            line = f"{line}  # {rng.choice(COMMENTS)}"
        result.append(line)
    return result


# --------------------------------------------------------------------------------------
# Records
# --------------------------------------------------------------------------------------


def field_records() -> Iterator[dict[str, object]]:
    for order, (fid, name, short, group, description, _weight) in enumerate(FIELDS, 1):
        yield {
            "schema_version": SCHEMA_VERSION,
            "id": fid,
            "name": name,
            "short_name": short,
            "order": order,
            "prioritised": order <= PRIORITISED,
            "description": Folded(description),
            "working_group": group,
            "source": SOURCE,
        }


def vocabulary(entries: list[dict[str, object]]) -> dict[str, object]:
    return {"schema_version": SCHEMA_VERSION, "source": SOURCE, "entries": entries}


def target_group_entries() -> list[dict[str, object]]:
    return [
        {"id": gid, "name": name, "parent": parent, "main": True if main else None}
        for gid, name, parent, main, _label in TARGET_GROUPS
    ]


def actor_entries() -> list[dict[str, object]]:
    entries: list[dict[str, object]] = []
    for i, (aid, name, parent, kind) in enumerate(ACTORS):
        entry: dict[str, object] = {"id": aid, "name": name, "parent": parent}
        entry["kind"] = kind
        if i % 3 == 0:
            entry["contact"] = {
                "role": "Geschäftsstelle",
                "email": f"{aid}@example.org",
            }
        if i % 4 == 1:
            entry["url"] = f"https://www.example.org/akteure/{aid}"
        entries.append(entry)
    return entries


def district_entries() -> list[dict[str, object]]:
    return [
        {
            "id": did,
            "name": name,
            "description": "Die ganze Stadt, alle Stadtbezirke." if city_wide else None,
            "city_wide": True if city_wide else None,
        }
        for did, name, city_wide in DISTRICTS
    ]


def _join(items: Sequence[str]) -> str:
    if len(items) == 1:
        return items[0]
    return ", ".join(items[:-1]) + " und " + items[-1]


class MeasureFactory:
    """Builds measure records; all randomness comes from one seeded generator."""

    def __init__(self, rng: random.Random, variety: bool = False) -> None:
        self.rng = rng
        self.variety = variety
        self.first = CONCEPT_ADOPTED.toordinal()
        self.today = TODAY.toordinal()

    def _day(self, lo: int, hi: int) -> date:
        return date.fromordinal(self.rng.randint(lo, max(lo, hi)))

    def _dates(self, status: str, horizon: str) -> tuple[date | None, date | None]:
        rng = self.rng
        lo_days, hi_days = HORIZON_DAYS[horizon]
        duration = rng.randint(lo_days, hi_days)
        if status == "completed":
            start = self._day(self.first, self.today - duration)
            return start, start + timedelta(days=duration)
        if status == "planned":
            if rng.random() < 0.15:
                return None, None
            start = self._day(self.today + 1, self.today + 900)
        elif status == "dropped" and rng.random() < 0.5:
            return None, None
        else:  # active, suspended, dropped
            start = self._day(self.first, self.today)
        end: date | None = start + timedelta(days=duration)
        if status == "active" and end is not None and end <= TODAY:
            end = TODAY + timedelta(days=rng.randint(30, 900))
        if status != "completed" and rng.random() < (0.3 if horizon == "long" else 0.08):
            end = None  # open-ended
        return start, end

    def _budget(self, status: str, start: date | None, end: date | None) -> list[dict[str, object]]:
        rng = self.rng
        count = rng.randint(5, 15) if self.variety else rng.choices((0, 1, 2, 3, 4), (10, 25, 27, 22, 16))[0]
        if not count:
            return []
        first_year = start.year if start else TODAY.year + 1
        last_year = end.year if end else first_year + 3
        # with variety: eight years x seven sources, room for 15 lines
        last_year = first_year + 7 if self.variety else min(last_year, first_year + 4)
        keyed: dict[tuple[int, int], dict[str, object]] = {}
        for _ in range(count * 3 if self.variety else count):
            if len(keyed) == count:
                break
            year = rng.randint(first_year, max(first_year, last_year))
            source = rng.choices(SOURCES, SOURCE_WEIGHTS)[0]
            key = (year, SOURCES.index(source))
            if key in keyed:
                continue
            planned = rng.randint(5, 1500) * 100
            line: dict[str, object] = {"year": year, "planned": planned}
            base = planned
            if rng.random() < 0.4:
                base = round(planned * rng.uniform(0.7, 1.3) / 100) * 100
                line["revised"] = base
            spendable = year < TODAY.year and status not in ("planned", "dropped")
            if spendable and rng.random() < 0.85:
                line["spent"] = round(base * rng.uniform(0.55, 1.05), 2)
            line["source"] = source
            if rng.random() < 0.08:
                line["note"] = rng.choice(BUDGET_NOTES)
            keyed[key] = line
        return [keyed[key] for key in sorted(keyed)]

    def _indicators(self, field: str, status: str, start: date | None, end: date | None) -> list[dict[str, object]]:
        rng = self.rng
        pool = FIELD_TEXT[field]["indicators"]
        count = rng.randint(2, 6) if self.variety else rng.choices((0, 1, 2, 3), (15, 30, 30, 25))[0]
        result: list[dict[str, object]] = []
        for spec in rng.sample(pool, min(count, len(pool))):
            name, unit = spec.split("|")
            percent = unit == "Prozent"
            hi = 95 if percent else rng.choice((20, 60, 200, 1200))
            ind: dict[str, object] = {"name": name, "unit": unit}
            if rng.random() < 0.5:
                ind["baseline"] = rng.randint(0, hi // 2)
            if rng.random() < 0.85:
                ind["target"] = rng.randint(hi // 2, hi)
            if status in ("active", "completed") and rng.random() < 0.7:
                actual = rng.uniform(0.3, 1.1) * hi
                ind["actual"] = round(actual, 1) if percent else int(actual)
            if start and start <= TODAY and rng.random() < 0.5:
                last = min(end or TODAY, TODAY)
                ind["year"] = rng.randint(start.year, last.year)
            result.append(ind)
        return result

    def _decision(self, start: date | None) -> dict[str, object]:
        rng = self.rng
        hi = min(start.toordinal(), self.today) if start else self.today
        day = self._day(min(self.first, hi), hi)
        period = next(wp for until, wp in ELECTION_PERIODS if day < until)
        decision: dict[str, object] = {
            "body": rng.choices(BODIES, (30, 50, 10, 10))[0],
            "date": day.isoformat(),
        }
        if rng.random() < 0.85:
            unit = rng.choice((20, 40, 45, 56, 61))
            decision["paper"] = f"FB {unit}/{rng.randint(1, 999):04d}/WP{period}"
        return decision

    def build(
        self,
        mid: str,
        field: str,
        supersedes: str | None,
        superseded_by: str | None,
    ) -> dict[str, object]:
        rng = self.rng
        text = FIELD_TEXT[field]
        status = "completed" if superseded_by else rng.choices(STATUSES, STATUS_WEIGHTS)[0]
        horizon = rng.choices(HORIZONS, (35, 40, 25))[0]
        start, end = self._dates(status, horizon)

        # who and where
        if rng.random() < 0.65:
            groups = rng.sample(text["groups"], min(rng.randint(1, 3), len(text["groups"])))
        else:
            groups = rng.sample(GROUP_IDS, rng.randint(1, 4))
        lead = rng.choice(text["leads"] if rng.random() < 0.75 else WORKING_ACTORS)
        others = [a for a in WORKING_ACTORS if a != lead]
        partners = rng.sample(others, rng.choices((0, 1, 2, 3, 4, 5), (15, 20, 25, 20, 12, 8))[0])
        if rng.random() < 0.35:
            districts = ["stadtweit"]
        else:
            districts = rng.sample(LOCAL_DISTRICTS, rng.choices((1, 2, 3), (55, 30, 15))[0])

        # words
        place = (
            "im gesamten Stadtgebiet"
            if districts == ["stadtweit"]
            else "in " + _join([DISTRICT_NAME[d] for d in districts])
        )
        suffix = rng.choice(TITLE_SUFFIXES).format(
            group=GROUP_LABEL[groups[0]],
            district=DISTRICT_NAME[rng.choice(LOCAL_DISTRICTS)],
            phase=rng.randint(2, 4),
            year=(start or TODAY).year,
        )
        title = rng.choice(text["cores"]) + suffix
        sentences = [
            *rng.sample(text["openers"], rng.choices((1, 2), (45, 55))[0]),
            f"Das Angebot richtet sich an {_join([GROUP_LABEL[g] for g in groups])} {place}.",
        ]
        generic = (
            rng.choices(GENERIC_SENTENCES, k=rng.randint(5, 12))
            if self.variety
            else rng.sample(GENERIC_SENTENCES, rng.randint(2, 5))
        )
        for template in generic:
            sentences.append(
                template.format(
                    partner=ACTOR_NAME[partners[0] if partners else rng.choice(others)],
                    lead=ACTOR_NAME[lead],
                    n=rng.randint(2, 60) * 10,
                )
            )
        summary = " ".join(sentences)
        goal = None
        if rng.random() < 0.7:
            goal = " ".join(rng.sample(text["goals"], rng.randint(1, 2)))
        also_fields = None
        if rng.random() < 0.25:
            also_fields = rng.sample([f for f in FIELD_IDS if f != field], rng.randint(1, 2))

        if start is None or status == "planned":
            updated = self._day(self.today - 700, self.today)
        else:
            updated = self._day(min(start.toordinal(), self.today), self.today)
        tags = rng.sample(text["tags"] + GENERIC_TAGS, rng.randint(0, 4))
        links = None
        if rng.random() < 0.4:
            links = [
                {
                    "title": "Projektseite",
                    "url": f"https://integration.example.org/massnahmen/{mid}",
                }
            ]
            if rng.random() < 0.4:
                links.append(
                    {
                        "title": "Sachstandsbericht",
                        "url": f"https://ratsinfo.example.org/vorlagen/{rng.randint(1000, 99999)}",
                    }
                )
        visibility = "internal" if rng.random() < 0.1 else "public"

        record: dict[str, object] = {
            "schema_version": SCHEMA_VERSION,
            "id": mid,
            "title": title,
            "summary": Folded(summary) if rng.random() < 0.6 else summary,
            "goal": goal,
            "field": field,
            "also_fields": also_fields,
            "target_groups": groups,
            "lead": lead,
            "partners": partners or None,
            "districts": districts,
            "status": status,
            "horizon": horizon,
            "start": start.isoformat() if start else None,
            "end": end.isoformat() if end else None,
            "budget": self._budget(status, start, end) or None,
            "indicators": self._indicators(field, status, start, end) or None,
            "decision": self._decision(start) if rng.random() < 0.4 else None,
            "supersedes": supersedes,
            "superseded_by": superseded_by,
            "visibility": visibility if visibility == "internal" or rng.random() < 0.7 else None,
            "tags": tags or None,
            "links": links,
            "updated": updated.isoformat(),
            "notes": rng.choice(NOTES) if rng.random() < 0.35 else None,
            "illustrative": True,
        }
        return self._vary(record) if self.variety else record

    def _vary(self, record: dict[str, object]) -> dict[str, object]:
        """Keys in varied order (the schema version and id stay first, as every tool
        writes them), budget lines with their keys shuffled, a few strings that a
        person quoted by hand: single quotes, or double quotes with an escape."""
        rng = self.rng
        head = {key: record[key] for key in ("schema_version", "id")}
        rest = [key for key in record if key not in head]
        rng.shuffle(rest)
        varied: dict[str, object] = {**head, **{key: record[key] for key in rest}}
        budget = varied.get("budget")
        if isinstance(budget, list):
            lines = []
            for line in budget:
                keys = list(line)
                rng.shuffle(keys)
                lines.append({key: line[key] for key in keys})
            varied["budget"] = lines
        if isinstance(varied.get("notes"), str) and rng.random() < 0.3:
            varied["notes"] = Quoted(f"Hinweis: {varied['notes']}", "'" if rng.random() < 0.5 else '"')
        if isinstance(varied.get("title"), str) and rng.random() < 0.05:
            varied["title"] = Quoted(f"{varied['title']} „Tür an Tür“", '"', escape=True)
        return varied


# --------------------------------------------------------------------------------------
# Writing
# --------------------------------------------------------------------------------------


class Writer:
    """Writes files directly (no temp files: the corpus is throw-away) and counts."""

    def __init__(self) -> None:
        self.files = 0
        self.bytes = 0

    def write(self, path: Path, data: bytes) -> None:
        fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o644)
        try:
            os.write(fd, data)
        finally:
            os.close(fd)
        self.files += 1
        self.bytes += len(data)


def plan_ids(rng: random.Random, count: int) -> tuple[list[tuple[str, str]], dict[str, str], dict[str, str]]:
    """Assign each measure a field and an id; pick a few supersession pairs."""
    weights = [f[5] for f in FIELDS]
    counters = dict.fromkeys(FIELD_IDS, 0)
    open_ids: dict[str, list[str]] = {f: [] for f in FIELD_IDS}
    ids: list[tuple[str, str]] = []
    supersedes: dict[str, str] = {}
    superseded_by: dict[str, str] = {}
    for field in rng.choices(FIELD_IDS, weights, k=count):
        counters[field] += 1
        if counters[field] > MAX_PER_FIELD:
            raise ValueError(f"more than {MAX_PER_FIELD} measures in field {field!r}")
        mid = f"{field}-{counters[field]:05d}"
        earlier = open_ids[field]
        if earlier and rng.random() < 0.02:
            pick = rng.randrange(max(0, len(earlier) - 200), len(earlier))
            old = earlier.pop(pick)
            supersedes[mid] = old
            superseded_by[old] = mid
        earlier.append(mid)
        ids.append((mid, field))
    return ids, supersedes, superseded_by


def generate(out_dir: Path, measures: int, seed: int, variety: bool = False) -> Writer:
    rng = random.Random(seed)
    data = out_dir / "data"
    fields_dir = data / "fields"
    measures_dir = data / "measures"
    for folder in (fields_dir, measures_dir):
        folder.mkdir(parents=True, exist_ok=True)
    writer = Writer()
    for record in field_records():
        writer.write(
            fields_dir / f"{record['id']}.yaml",
            to_yaml(record, "../../schemas/field.schema.json"),
        )
    for name, entries in (
        ("target-groups", target_group_entries()),
        ("actors", actor_entries()),
        ("districts", district_entries()),
    ):
        writer.write(
            data / f"{name}.yaml",
            to_yaml(vocabulary(entries), f"../schemas/{name}.schema.json"),
        )

    ids, supersedes, superseded_by = plan_ids(rng, measures)
    wanted = {f"{mid}.yaml" for mid, _ in ids}
    for stale in measures_dir.glob("*.yaml"):
        if stale.name not in wanted:
            stale.unlink()
    factory = MeasureFactory(rng, variety)
    schema = "../../schemas/measure.schema.json"
    for mid, field in ids:
        record = factory.build(mid, field, supersedes.get(mid), superseded_by.get(mid))
        writer.write(measures_dir / f"{mid}.yaml", to_yaml(record, schema, rng if variety else None))
    return writer


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        description="Write a synthetic integ data repository with N measures (deterministic for a given seed)."
    )
    parser.add_argument("out_dir", type=Path, metavar="OUT_DIR")
    parser.add_argument(
        "--measures",
        type=int,
        default=10_000,
        help="number of measures (default 10000)",
    )
    parser.add_argument("--seed", type=int, default=1, help="random seed (default 1)")
    parser.add_argument(
        "--force",
        action="store_true",
        help="write into a non-empty OUT_DIR (overwrites; removes other measure files)",
    )
    parser.add_argument(
        "--variety",
        action="store_true",
        help="write measures as people do: long texts, 5-15 budget lines, comments, varied key order",
    )
    args = parser.parse_args(argv)
    out_dir: Path = args.out_dir
    if args.measures < 0:
        parser.error("--measures must not be negative")
    if out_dir.exists() and not out_dir.is_dir():
        parser.error(f"{out_dir} exists and is not a directory")
    if out_dir.is_dir() and any(out_dir.iterdir()) and not args.force:
        parser.error(f"{out_dir} is not empty (use --force to write into it)")
    try:
        writer = generate(out_dir, args.measures, args.seed, args.variety)
    except (OSError, ValueError) as exc:
        print(f"generate_corpus: error: {exc}", file=sys.stderr)
        return 1
    print(f"wrote {writer.files} files ({writer.bytes} bytes) to {out_dir}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
