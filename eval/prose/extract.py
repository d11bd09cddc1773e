"""Rebuild the real-prose evaluation texts in this folder from the public repositories they came from.

The texts are Swedish prose written and published by Swedish agencies (Digg's open-source
handbook, CC0-1.0; Försäkringskassan's design system documentation, MIT). They contain no personal
data besides the names of a few public officials and are used ONLY to measure false detections
(e.g. headings or English words masked as names): never copy their sentences into rules or tests.

Usage: python eval/prose/extract.py REPO_GIT_DIR SUBDIR OUT.txt "SOURCE LINE"
(REPO_GIT_DIR is a bare clone; files are read at HEAD with git show.)
"""

from __future__ import annotations

import re
import subprocess
import sys

FRONT = re.compile(r"\A---\n(.*?)\n---\n", re.S)
CODE = re.compile(r"```.*?```", re.S)
HTML = re.compile(r"<[^>]+>")
LINK = re.compile(r"\[([^\]]*)\]\([^)]*\)")
JSLINK = re.compile(r"\{@link\s+\S+\s*([^}]*)\}")
SHORTCODE = re.compile(r"\{\{[<%].*?[>%]\}\}", re.S)
INLINE_CODE = re.compile(r"`[^`]*`")
URL = re.compile(r"https?://\S+")


def to_text(md: str) -> str:
    title = ""
    m = FRONT.match(md)
    if m:
        t = re.search(r"^title:\s*[\"']?(.*?)[\"']?\s*$", m.group(1), re.M)
        title = t.group(1) if t else ""
        md = md[m.end():]
    md = CODE.sub("", md)
    md = SHORTCODE.sub("", md)
    md = JSLINK.sub(r"\1", md)
    md = LINK.sub(r"\1", md)
    md = INLINE_CODE.sub("", md)
    md = HTML.sub("", md)
    md = URL.sub("", md)
    md = md.replace("&shy;", "").replace("&nbsp;", " ")
    lines = []
    for line in md.splitlines():
        line = re.sub(r"^\s{0,3}(#{1,6}|[-*+]|\d+\.|>)\s+", "", line)
        line = line.replace("**", "").replace("__", "")
        if set(line.strip()) <= set("|-: "):
            continue  # table rule or blank
        line = " ".join(c.strip() for c in line.strip().strip("|").split("|"))
        lines.append(line.strip())
    text = "\n".join(lines)
    text = re.sub(r"\n{3,}", "\n\n", text).strip()
    return (title + "\n\n" + text).strip() if title else text


def main() -> None:
    repo, subdir, out, source = sys.argv[1:5]
    names = subprocess.run(["git", "--git-dir", repo, "ls-tree", "-r", "--name-only", "HEAD", subdir],
                           capture_output=True, text=True, check=True).stdout.split()
    parts = []
    for name in sorted(names):
        if not name.endswith(".md") or "changelog" in name.lower():
            continue
        md = subprocess.run(["git", "--git-dir", repo, "show", f"HEAD:{name}"], capture_output=True,
                            text=True, check=True).stdout
        text = to_text(md)
        if len(text.split()) >= 30:
            parts.append(text)
    with open(out, "w", encoding="utf-8") as f:
        f.write(f"# source: {source}\n\n")
        f.write("\n\n".join(parts) + "\n")


if __name__ == "__main__":
    main()
