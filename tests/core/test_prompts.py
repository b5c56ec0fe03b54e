from collections import Counter

from reconcile_cli.core.prompts import BY_SLUG, CATALOGUE, next_prompt


def test_catalogue_has_at_least_twenty_distinct_prompts_over_every_theme():
    assert len(CATALOGUE) >= 20
    assert len(BY_SLUG) == len(CATALOGUE)
    themes = {prompt.theme for prompt in CATALOGUE}
    assert themes == {
        "motives", "my part", "acceptance", "their needs", "growth", "underlying issues",
        "forgiveness", "timing", "self-connection", "realism", "identity",
    }


def test_no_prompt_repeats_until_all_have_been_offered():
    offered: Counter = Counter()
    first_round = []
    for _ in CATALOGUE:
        prompt = next_prompt(offered)
        first_round.append(prompt.slug)
        offered[prompt.slug] += 1
    assert sorted(first_round) == sorted(BY_SLUG)
    assert next_prompt(offered) == CATALOGUE[0]
