"""The CI files of a new repository: the jobs that build the site and publish it with
GitHub Pages or GitLab Pages, pinned as the validating ones are (their structure is
checked against the platforms' schemas in ``tests/cli/test_init.py``)."""

from __future__ import annotations

import re

import yaml

from integ_cli.scaffold.create import plan


def test_github_builds_the_site_and_deploys_it_with_pages_actions_pinned_by_commit() -> None:
    workflow = yaml.safe_load(plan(rev="v2.0.1")[".github/workflows/site.yml"])
    build, deploy = workflow["jobs"]["build"], workflow["jobs"]["deploy"]
    assert build["env"]["INTEG_REV"] == "v2.0.1"
    runs = [step.get("run") for step in build["steps"]]
    assert runs.index('python -m pip install "git+$INTEG_SOURCE@$INTEG_REV"') < runs.index("integ site --output public")
    [upload] = [step for step in build["steps"] if "upload-pages-artifact" in step.get("uses", "")]
    assert upload["with"] == {"path": "public"}
    assert deploy["needs"] == "build" and deploy["permissions"] == {"pages": "write", "id-token": "write"}
    assert deploy["environment"]["name"] == "github-pages"
    assert workflow["permissions"] == {"contents": "read"}  # only the deploy job may write, and only Pages
    uses = [step["uses"] for job in (build, deploy) for step in job["steps"] if "uses" in step]
    assert [use.split("@")[0] for use in uses] == [
        "actions/checkout",
        "actions/setup-python",
        "actions/upload-pages-artifact",
        "actions/deploy-pages",
    ]
    assert all(re.fullmatch(r"[0-9a-f]{40}", use.split("@")[1]) for use in uses), uses


def test_gitlab_publishes_the_site_from_the_default_branch_with_the_validating_job_s_pins() -> None:
    pipeline = yaml.safe_load(plan(rev="v2.0.1")[".gitlab-ci.yml"])
    pages = pipeline["pages"]
    assert pages["variables"] == pipeline["integ-validate"]["variables"]  # one place to change the pin
    assert pages["script"][-1] == "integ site --output public"
    assert pages["artifacts"] == {"paths": ["public"]}
    assert pages["rules"] == [{"if": "$CI_COMMIT_BRANCH == $CI_DEFAULT_BRANCH"}]
