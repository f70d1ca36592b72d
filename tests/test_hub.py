"""`course.hub.hub_ready` runs a Hub cell only where it can, and otherwise says why it skipped it.

The Hub is a local socket that accepts connections (or a closed port), the token comes from
`HF_TOKEN` or a token file, as `huggingface_hub` reads them: nothing is mocked but the place.
"""

import socket

import pytest
from huggingface_hub import constants

from course.hub import AUTOMATED, AUTOMATED_RUN, NO_TOKEN, SKIPPED, UNREACHABLE, hub_ready, why_not

TOKEN_VARIABLES = ("HF_TOKEN", "HUGGING_FACE_HUB_TOKEN", "HF_OIDC_RESOURCE")


@pytest.fixture
def session(monkeypatch, tmp_path):
    """A learner's session: no automated run, online, no token; returns the token file's path."""
    for name in (AUTOMATED_RUN, "HF_HUB_OFFLINE", *TOKEN_VARIABLES):
        monkeypatch.delenv(name, raising=False)
    token_file = tmp_path / "token"
    monkeypatch.setattr(constants, "HF_TOKEN_PATH", str(token_file))
    return token_file


@pytest.fixture
def hub(monkeypatch):
    """A reachable 'Hub': a local socket that accepts connections, named by HF_ENDPOINT."""
    with socket.socket() as listening:
        listening.bind(("127.0.0.1", 0))
        listening.listen()
        monkeypatch.setenv("HF_ENDPOINT", f"http://127.0.0.1:{listening.getsockname()[1]}")
        yield


@pytest.fixture
def no_hub(monkeypatch):
    """An unreachable 'Hub': a port nothing listens on."""
    with socket.socket() as closed:
        closed.bind(("127.0.0.1", 0))
        port = closed.getsockname()[1]
    monkeypatch.setenv("HF_ENDPOINT", f"http://127.0.0.1:{port}")


def test_with_the_hub_and_a_token_the_cell_runs_silently(session, hub, monkeypatch, capsys):
    monkeypatch.setenv("HF_TOKEN", "hf_example")
    assert hub_ready() is True
    assert capsys.readouterr().out == ""


def test_a_token_file_counts_as_logged_in(session, hub):
    session.write_text("hf_example")
    assert why_not() is None


def test_without_a_token_only_logging_in_runs(session, hub, capsys):
    assert hub_ready(token=False) is True
    assert hub_ready() is False
    assert capsys.readouterr().out == SKIPPED[NO_TOKEN] + "\n"
    assert "notebook_login()" in SKIPPED[NO_TOKEN]


def test_an_unreachable_hub_skips_every_cell(session, no_hub, monkeypatch, capsys):
    monkeypatch.setenv("HF_TOKEN", "hf_example")
    assert hub_ready(token=False) is False
    assert capsys.readouterr().out == SKIPPED[UNREACHABLE] + "\n"


def test_offline_mode_skips_without_trying_the_network(session, hub, monkeypatch):
    monkeypatch.setenv("HF_HUB_OFFLINE", "1")
    assert why_not(token=False) == UNREACHABLE


def test_automated_runs_never_use_an_account(session, hub, monkeypatch, capsys):
    monkeypatch.setenv("HF_TOKEN", "hf_example")
    monkeypatch.setenv(AUTOMATED_RUN, "1")
    assert hub_ready() is False and hub_ready(token=False) is False
    assert capsys.readouterr().out == 2 * (SKIPPED[AUTOMATED] + "\n")
    assert "Colab" in SKIPPED[AUTOMATED]
