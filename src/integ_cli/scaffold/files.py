"""The text of the files ``integ init`` writes (see :mod:`integ_cli.scaffold.create`).

The data files speak German, like the data they will hold and the people who edit
them; the tooling files (pre-commit, .gitignore, and CI in :mod:`integ_cli.scaffold.ci`)
speak English, like the tools.
Every data file starts with the editor hint, so VS Code's YAML extension completes
and checks against the repository's own ``schemas/``.
"""

from __future__ import annotations

from integ_cli import __version__

#: integ's source repository, where the generated CI and pre-commit set-up install integ
#: from. The value a city replaces (``integ init --source URL``) with the repository it
#: trusts: integ is not on a package index, and installing a name from one would run
#: whatever someone registers under it later. This project has no published URL yet.
INTEG_SOURCE = "https://git.example.org/integ/integ.git"
#: What is installed from it: this integ's version tag (``integ init --rev`` for another
#: tag or a commit). Never a branch: a branch moves, so every CI run could install other code.
INTEG_REV = f"v{__version__}"

HINT = "# yaml-language-server: $schema=../schemas/{kind}.schema.json\n"

#: The explanatory comment of each vocabulary file, after the editor hint.
VOCABULARY_COMMENTS = {
    "target-groups": """\
# Zielgruppen: für wen die Maßnahmen gedacht sind. Eine Hierarchie: ein Eintrag kann
# mit `parent` eine übergeordnete Gruppe nennen; eine Abfrage nach der übergeordneten
# Gruppe findet dann auch die Maßnahmen für ihre Untergruppen.
# Maßnahmen verweisen über die `id` auf einen Eintrag (in `target_groups:`).
#
# Ein Eintrag (die leere Liste `[]` unten durch solche Einträge ersetzen):
#
#   - id: kinder-jugendliche          # Kennung: klein, ASCII, mit Bindestrichen
#     name: Kinder und Jugendliche    # Anzeigename, gern mit Umlauten
#     description: Kinder, insbesondere im Vorschulalter, und Jugendliche.
#     main: true                      # eine Hauptzielgruppe des Konzepts
#   - id: vorschulkinder
#     name: Kinder im Vorschulalter
#     parent: kinder-jugendliche
""",
    "actors": """\
# Akteure: Organisationen, die Maßnahmen leiten (`lead:`) oder als Partner mittragen
# (`partners:`): Verwaltung und ihre Fachbereiche, Rat und Migrationsrat,
# Migrantenorganisationen, freie Träger, Netzwerke und ihre Arbeitsgruppen.
# Eine Hierarchie wie die Zielgruppen (`parent`). Kontaktangaben nur als Funktion
# und Dienstadresse, nie Daten von Privatpersonen.
#
# `kind` ist eines von: administration, council, migrant-organisation,
# welfare-provider, network, working-group, education, employment, other.
#
#   - id: stadtverwaltung
#     name: Stadtverwaltung
#     kind: administration
#   - id: stabsstelle-integration
#     name: Stabsstelle Integration
#     parent: stadtverwaltung
#     kind: administration
#     contact:
#       role: Geschäftsstelle
#       email: integration@example.org
""",
    "districts": """\
# Stadtbezirke: wo eine Maßnahme wirkt. Maßnahmen nennen in `districts:` die
# Bezirke, denen sie dienen, oder den stadtweiten Eintrag. Genau ein Eintrag trägt
# `city_wide: true`; er steht für die ganze Stadt und zählt bei Abfragen nach einem
# Bezirk mit.
#
# Die Bezirke der Stadt unter dem stadtweiten Eintrag ergänzen:
#
#   - id: innenstadt
#     name: Innenstadt
#     description: Stadtbezirk Innenstadt mit den innenstadtnahen Vierteln.
""",
}

EMPTY_VOCABULARY = "schema_version: 1\nentries: []\n"

DISTRICTS_BODY = """\
schema_version: 1
entries:
  - id: stadtweit
    name: {name}
    description: Maßnahmen, die der ganzen Stadt dienen und keinem einzelnen Bezirk zugeordnet sind.
    city_wide: true
"""

DATA_README = """\
# {title}

Dieser Ordner hält das kommunale Integrationskonzept als YAML-Dateien, eine Datei je
Handlungsfeld und je Maßnahme. `integ validate` prüft sie gegen die JSON-Schemas in
`schemas/` und prüft alle Verweise zwischen den Dateien.

## Aufbau

```
data/
  README.md            diese Datei
  fields/<id>.yaml     ein Handlungsfeld je Datei        (schemas/field.schema.json)
  measures/<id>.yaml   eine Maßnahme je Datei            (schemas/measure.schema.json)
  target-groups.yaml   Zielgruppen, hierarchisch         (schemas/target-groups.schema.json)
  actors.yaml          Akteure, hierarchisch             (schemas/actors.schema.json)
  districts.yaml       Stadtbezirke und „stadtweit“      (schemas/districts.schema.json)
```

## Erste Schritte

1. Zielgruppen, Akteure und Bezirke eintragen (`target-groups.yaml`, `actors.yaml`,
   `districts.yaml`); die Kommentare in den Dateien zeigen, wie ein Eintrag aussieht.
2. Je Handlungsfeld eine Datei in `fields/` anlegen, zum Beispiel `fields/sprache.yaml`:

   ```yaml
   # yaml-language-server: $schema=../../schemas/field.schema.json
   schema_version: 1
   id: sprache                 # gleich dem Dateinamen ohne .yaml
   name: Sprachförderung
   order: 1                    # Reihenfolge im Konzept
   prioritised: true
   ```

3. Je Maßnahme eine Datei in `measures/` anlegen, zum Beispiel `measures/sprache-001.yaml`:

   ```yaml
   # yaml-language-server: $schema=../../schemas/measure.schema.json
   schema_version: 1
   id: sprache-001
   title: Deutschkurse für Eltern an Kitas
   summary: Niedrigschwellige Kurse am Vormittag, mit Kinderbetreuung.
   field: sprache
   target_groups:
     - kinder-jugendliche
   districts:
     - stadtweit
   status: planned             # planned, active, completed, suspended, dropped
   horizon: short              # short, mid, long
   start: "2026-09-01"         # Datum in Anführungszeichen
   ```

4. `integ validate` ausführen: jede Meldung nennt Datei, Zeile und Spalte.

`integ schema measure` zeigt alle Felder einer Maßnahme mit ihren Beschreibungen.

## Kennungen (ids)

- Kennungen sind ASCII, klein geschrieben, mit Bindestrichen: `^[a-z0-9]+(-[a-z0-9]+)*$`.
  Anzeigenamen bleiben deutsch mit Umlauten.
- Die `id` eines Handlungsfelds oder einer Maßnahme ist gleich dem Dateinamen ohne
  `.yaml`.
- Maßnahmen heißen `<handlungsfeld>-<NNN>`, dreistellig fortlaufend je Handlungsfeld.
- Maßnahmen verweisen auf Handlungsfelder, Zielgruppen, Akteure und Bezirke nur über
  deren Kennungen.

## Prüfen

- `integ validate` prüft alles; `integ validate data/measures/sprache-001.yaml` nur
  diese Datei, ihre Verweise aber gegen das ganze Repository.
- `.pre-commit-config.yaml` prüft vor jedem Commit (`pre-commit install`).
- `.github/workflows/integ.yml` (GitHub Actions) und `.gitlab-ci.yml` (GitLab CI)
  prüfen jeden Push; die Datei, die zur eigenen Plattform nicht passt, kann weg.

## Veröffentlichen

`integ site --output public` baut die öffentliche Website des Konzepts in den Ordner
`public/`. Nach jedem Push auf den Standard-Branch baut und veröffentlicht sie
`.github/workflows/site.yml` mit GitHub Pages (einmal einstellen: Settings → Pages →
Source: GitHub Actions) oder der Job `pages` in `.gitlab-ci.yml` mit GitLab Pages.
Ein eigener Webserver braucht nur den Inhalt von `public/`.
"""

PRE_COMMIT_CONFIG = """\
# pre-commit (https://pre-commit.com) runs `integ validate` before every commit and
# stops the commit when the data has problems. Set up once per clone:
#   pip install pre-commit && pre-commit install
# pre-commit installs integ itself, into an environment of its own, from integ's source
# repository at the pinned `rev` (a tag or a commit, never a branch), so the hook works
# wherever git runs, an editor's Git panel included. The whole repository is checked,
# every time: a commit that removes a district or deletes a field cannot leave measures
# behind that still point at it.
repos:
  - repo: {source}
    rev: {rev}
    hooks:
      - id: integ-validate-all
  # For very large repositories, hook `integ-validate` checks only the files being
  # committed (their references still against the whole repository) and leaves the
  # rest to CI. To use the integ on your PATH instead, replace the repository above with:
  #
  # - repo: local
  #   hooks:
  #     - id: integ-validate-all
  #       name: integ validate
  #       entry: integ validate
  #       language: system
  #       pass_filenames: false
  #       always_run: true
  #       require_serial: true
"""

GITIGNORE = """\
# Python environments integ may be installed into
.venv/
venv/
__pycache__/
# Temporary files: integ writes through hidden .<name>.<random>.tmp files and only
# leaves one behind when it is killed mid-write
.*.tmp
# The CI test report (see .gitlab-ci.yml)
integ-junit.xml
# The website integ site builds (CI publishes it; see .github/workflows/site.yml)
public/
# Editors and operating systems
.DS_Store
Thumbs.db
*~
*.swp
"""
