"""The CI files ``integ init`` writes (see :mod:`integ_cli.scaffold.create`): GitHub
Actions and GitLab CI jobs that validate the data on every push, and build the public
website (``integ site``) and publish it with GitHub Pages or GitLab Pages.

Each installs integ from its source repository at a pinned tag or commit (the
``{source}`` and ``{rev}`` the plan fills in, see :mod:`integ_cli.scaffold.files`);
the site workflow's actions are pinned to full commit ids.
"""

from __future__ import annotations

#: The one command both CI files install integ with (the shell reads the two settings).
PIP_INSTALL = 'python -m pip install "git+$INTEG_SOURCE@$INTEG_REV"'

GITHUB_WORKFLOW = """\
# Validate the data on every push and pull request. Under GitHub Actions integ
# writes workflow annotations: each problem shows on its file and line in the pull
# request's "Files changed" view, and the job fails when the data has problems.
name: integ

on:
  push:
  pull_request:

permissions:
  contents: read

jobs:
  validate:
    runs-on: ubuntu-latest
    env:
      # integ's source repository and the tag (or commit) installed from it: never a
      # branch, and no package index (see integ's SECURITY.md).
      INTEG_SOURCE: {source}
      INTEG_REV: {rev}
    steps:
      - uses: actions/checkout@v4
      - uses: actions/setup-python@v5
        with:
          python-version: "3.12"
      - run: {pip_install}
      # GITHUB_ACTIONS=true selects --format github by itself.
      - run: integ validate
"""

#: The actions the site workflow uses, each pinned to the full commit of a release (the
#: tag in the comment): a tag can be moved to other code, a commit cannot.
CHECKOUT = "actions/checkout@11bd71901bbe5b1630ceea73d27597364c9af683  # v4.2.2"
SETUP_PYTHON = "actions/setup-python@0b93645e9fea7318ecaed2b359559ac225c90a2b  # v5.3.0"
UPLOAD_PAGES = "actions/upload-pages-artifact@56afc609e74202658d3ffba0e8f6dda462b719fa  # v3.0.1"
DEPLOY_PAGES = "actions/deploy-pages@d6db90164ac5ed86f2b6aed7e0febac5b3c0c03e  # v4.0.5"

#: The one command both CI platforms build the site with, into the folder GitLab Pages serves.
SITE_BUILD = "integ site --output public"

GITHUB_SITE_WORKFLOW = """\
# Build the public website of the concept (integ site) and publish it with GitHub
# Pages after every push to the default branch. Once per repository: Settings ->
# Pages -> Build and deployment -> Source: GitHub Actions. The site's links are
# relative, so it works under https://<owner>.github.io/<repository>/ as it is.
name: site

on:
  push:
    branches: [main]  # the default branch, if it has another name
  workflow_dispatch:

permissions:
  contents: read

# One publication at a time; a newer push waits instead of cancelling a running one.
concurrency:
  group: pages
  cancel-in-progress: false

jobs:
  build:
    runs-on: ubuntu-latest
    env:
      # integ's source repository and the tag (or commit) installed from it: never a
      # branch, and no package index (see integ's SECURITY.md).
      INTEG_SOURCE: {source}
      INTEG_REV: {rev}
    steps:
      - uses: {checkout}
      - uses: {setup_python}
        with:
          python-version: "3.12"
      - run: {pip_install}
      - run: {site_build}
      - uses: {upload_pages}
        with:
          path: public
  deploy:
    needs: build
    runs-on: ubuntu-latest
    permissions:
      pages: write
      id-token: write
    environment:
      name: github-pages
      url: ${{{{ steps.deployment.outputs.page_url }}}}
    steps:
      - id: deployment
        uses: {deploy_pages}
"""

GITLAB_CI = """\
# Validate the data in every pipeline. The JUnit report puts each file with problems
# into the merge request's test report; the second run prints the problems in the job
# log and fails the job when there are any.
integ-validate:
  image: python:3.12
  variables: &integ
    # integ's source repository and the tag (or commit) installed from it: never a
    # branch, and no package index (see integ's SECURITY.md).
    INTEG_SOURCE: {source}
    INTEG_REV: {rev}
  script:
    - {pip_install}
    - integ validate --format junit > integ-junit.xml || true
    - integ validate
  artifacts:
    when: always
    reports:
      junit: integ-junit.xml

# Build the public website of the concept (integ site) on the default branch and
# publish it with GitLab Pages, which serves the job's public/ folder. The site's
# links are relative, so it works under the project's Pages address as it is.
pages:
  image: python:3.12
  variables: *integ
  script:
    - {pip_install}
    - {site_build}
  artifacts:
    paths:
      - public
  rules:
    - if: $CI_COMMIT_BRANCH == $CI_DEFAULT_BRANCH
"""
