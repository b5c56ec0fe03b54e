from reconcile_cli.core.text import decode, printable, tidy, to_bytes


def test_printable_removes_escape_sequences_and_controls_but_keeps_lines():
    body = "a\x00b\x1b[2J\x1b]8;;http://x\x1b\\link\x1b]8;;\x1b\\\tc\nd\x07"
    assert printable(body) == "ablink\tc\nd"


def test_decode_replaces_invalid_bytes_and_says_so():
    assert decode(b"caf\xe9") == ("caf\ufffd", True)
    assert decode("café".encode()) == ("café", False)


def test_to_bytes_recovers_surrogate_escaped_bytes_and_survives_lone_surrogates():
    assert to_bytes("caf\udce9") == b"caf\xe9"
    assert decode(to_bytes("a\ud800b"))[0] == "a\ufffd\ufffd\ufffdb"


def test_tidy_drops_editor_whitespace_around_the_text_only():
    assert tidy("\n\n  indented line\nsecond  \n\n") == "  indented line\nsecond"
