"""views.common.Body draws an entry's text exactly as Rich's Text does, only faster."""

import io

from hypothesis import example, given, settings, strategies as st
from rich.console import Console, Group
from rich.measure import Measurement
from rich.padding import Padding
from rich.text import Text

from reconcile_cli.views.common import Body

WORDS = st.text(alphabet=" abcdefghij\n", max_size=300) | st.lists(
    st.sampled_from(["a", "bb", "river", "x" * 25, "  ", " ", "\n", "\n\n", "end.", "-", "y" * 90]),
    max_size=60).map("".join)


def drawn(renderable, width: int) -> str:
    console = Console(file=io.StringIO(), width=width, color_system=None, markup=False,
                      highlight=False, emoji=False)
    console.print(renderable)
    return console.file.getvalue()


@settings(max_examples=400, deadline=None)
@given(text=WORDS, width=st.integers(1, 120))
@example(text="a " * 50 + "x" * 200 + " tail", width=17)
@example(text="  leading and trailing  \n\nlines  ", width=5)
def test_a_body_is_drawn_as_rich_draws_its_text(text, width):
    for wrap in (lambda body: body, lambda body: Padding(body, (0, 0, 0, 2), expand=False),
                 lambda body: Padding(Group(Text("head"), Padding(body, (0, 0, 0, 2),
                                                                  expand=False)),
                                      (0, 0, 1, 1), expand=False)):
        assert drawn(wrap(Body(text)), width) == drawn(wrap(Text(text)), width)
    console = Console(file=io.StringIO(), width=width)
    assert (Measurement.get(console, console.options, Body(text))
            == Measurement.get(console, console.options, Text(text)))


def test_text_beyond_plain_ascii_is_left_to_rich():
    for text in ("café au lait", "tab\there", "wide 漢字 words " * 5):
        assert not Body(text).plain_ascii
        assert drawn(Padding(Body(text), (0, 0, 0, 2)), 12) == drawn(
            Padding(Text(text), (0, 0, 0, 2)), 12)
    assert Body("plain words\nand a second line").plain_ascii
