"""The package README's first example prints what its comments say."""

from __future__ import annotations

import re
from pathlib import Path

README = Path(__file__).resolve().parents[1] / "README.md"


def test_readme_first_example():
    text = README.read_text(encoding="utf-8")
    block = re.search(r"```python\n(.*?)```", text, re.S)
    assert block, "the README has a Python example"
    namespace: dict = {}
    checked = 0
    for line in block.group(1).splitlines():
        code, _, comment = line.partition("  # ")
        if comment.startswith(("[", "(")):
            # `...` in a comment stands for the digits left out.
            pattern = re.escape(comment.strip()).replace(re.escape("..."), r"\d*")
            assert re.fullmatch(pattern, repr(eval(code, namespace))), line
            checked += 1
        else:
            exec(line, namespace)
    assert checked == 2
