"""The set-up cell every notebook runs first: where checkpoints come from, and quiet loading.

In Colab (or wherever the Hugging Face Hub answers) notebooks load the real checkpoints. Offline
they load from the course's mirror (real tokenizers and configs, stand-in weights), and a
checkpoint the mirror lacks gets a short message instead of a long OSError traceback.
"""

import os
import socket
import sys
from urllib.parse import urlsplit

from . import i18n
from .i18n import _
from .mirror import CHECKPOINTS, default_dir, environment, is_up_to_date
from .mirror.layout import read_stamp
from .provenance import HUB_LINE, MIRROR_LINE

BUILD_COMMAND = "python -m course.mirror"
HUB_HOST = "huggingface.co"


class CourseSetupError(Exception):
    """A set-up problem, shown to the learner as its message alone (no traceback)."""

    def _render_traceback_(self):  # IPython shows this instead of a traceback
        return [f"\x1b[31m{self}\x1b[0m"]


def setup(language=i18n.ENGLISH):
    """Choose the checkpoint source, silence progress bars and load reports, and say which.

    A translated notebook's set-up cell names its language (`course.setup(language="ko")`):
    the course's messages are in that language from then on."""
    try:
        i18n.set_language(language)
    except ValueError as error:
        raise CourseSetupError(error) from None
    if "google.colab" not in sys.modules and os.environ.get("HF_HUB_OFFLINE") != "1":
        _use_local_mirror_if_offline()
    offline = os.environ.get("HF_HUB_OFFLINE") == "1"
    if offline and read_stamp(os.environ.get("HF_HOME", "")) is None:
        raise CourseSetupError(_missing_mirror_message())
    _quiet_transformers()
    if offline:
        _install_friendly_missing_checkpoint_message()
        print(_(MIRROR_LINE))
    else:
        print(_(HUB_LINE))


def _use_local_mirror_if_offline():
    if hub_reachable():
        return
    if not is_up_to_date(default_dir()):
        raise CourseSetupError(_missing_mirror_message())
    if "huggingface_hub" in sys.modules:
        raise CourseSetupError(_("The offline mirror must be chosen before transformers is imported: "
                                 "restart the kernel and run this cell first."))
    os.environ.update(environment(default_dir()))


def hub_address():
    """Host and port of the Hub: `HF_ENDPOINT` if set (a mirror or a local test server)."""
    endpoint = urlsplit(os.environ.get("HF_ENDPOINT") or f"https://{HUB_HOST}")
    return endpoint.hostname, endpoint.port or (80 if endpoint.scheme == "http" else 443)


def hub_reachable(timeout=1.5):
    """Whether a connection to the Hub (or `HF_ENDPOINT`) opens within `timeout` seconds."""
    try:
        socket.create_connection(hub_address(), timeout=timeout).close()
        return True
    except OSError:
        return False


def _missing_mirror_message():
    return _("The Hugging Face Hub cannot be reached and the course's offline mirror is not built.\n"
             "In the repository, run:  {command}\n"
             "then restart the kernel. (In Google Colab the real checkpoints load from the Hub.)"
             ).format(command=BUILD_COMMAND)


def _quiet_transformers():
    from transformers.utils import logging

    logging.set_verbosity_error()  # load reports are taught once, where they matter
    logging.disable_progress_bar()


def missing_checkpoint_message(name):
    """The message for a checkpoint that is neither in the mirror nor reachable."""
    return _("'{name}' is not in the course's offline mirror, and the Hugging Face Hub cannot be "
             "reached from here.\nThe mirror holds: {checkpoints}.\n"
             "Use one of those, or open this notebook in Google Colab to load any checkpoint."
             ).format(name=name, checkpoints=", ".join(sorted(CHECKPOINTS)))


def requested_checkpoint(traceback):
    """The name passed to the innermost `from_pretrained` call in a traceback, if any."""
    name = None
    while traceback is not None:
        frame = traceback.tb_frame
        if frame.f_code.co_name == "from_pretrained":
            value = frame.f_locals.get("pretrained_model_name_or_path")
            if isinstance(value, str):
                name = value
        traceback = traceback.tb_next
    return name


def _install_friendly_missing_checkpoint_message():
    try:
        shell = get_ipython()  # noqa: F821 (defined inside IPython only)
    except NameError:
        return

    def handler(shell, etype, value, tb, tb_offset=None):
        name = requested_checkpoint(tb)
        if name is None or name in CHECKPOINTS or os.path.isdir(name):
            return shell.showtraceback((etype, value, tb), tb_offset=tb_offset)
        print(f"\x1b[31m{missing_checkpoint_message(name)}\x1b[0m", file=sys.stderr)
        return None

    shell.set_custom_exc((OSError,), handler)
