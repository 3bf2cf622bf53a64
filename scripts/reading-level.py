#!/usr/bin/env python3
"""Flesch-Kincaid grade of Rapport's Markdown pages, measured as the Swift test measures it.

    python3 scripts/reading-level.py Resources/Content/topics/*.md

Rules (the same as Tests/RapportTests/Content/ReadingLevelTests.swift):
- the text measured is the page's Markdown body (front matter left out), with link targets,
  emphasis marks and heading marks removed;
- a sentence ends at '.', '!' or '?', and at the end of every paragraph, list item and heading;
- a word is a run of letters (apostrophes inside a word kept);
- syllables are groups of vowels (a e i o u y), one less for a silent final 'e', at least one;
- grade = 0.39 * words / sentences + 11.8 * syllables / words - 15.59.
"""
import re
import sys


def body(markdown):
    if markdown.startswith("---"):
        end = markdown.find("\n---", 3)
        if end >= 0:
            markdown = markdown[end + 4:]
    return markdown


def blocks(markdown):
    """Paragraphs, list items and headings, each as plain text."""
    result, paragraph = [], []
    for line in body(markdown).splitlines():
        stripped = line.strip()
        item = re.match(r"^([-*+]|\d+[.)])\s+(.*)$", stripped)
        if not stripped or stripped.startswith("#") or item:
            if paragraph:
                result.append(" ".join(paragraph))
                paragraph = []
            if stripped.startswith("#"):
                result.append(stripped.lstrip("#").strip())
            elif item:
                paragraph = [item.group(2)]
            continue
        paragraph.append(stripped)
    if paragraph:
        result.append(" ".join(paragraph))
    plain = []
    for block in result:
        block = re.sub(r"!?\[([^\]]*)\]\([^)]*\)", r"\1", block)
        block = re.sub(r"[*_`>]", "", block)
        plain.append(block)
    return [b for b in plain if re.search(r"[A-Za-z]", b)]


def syllables(word):
    word = word.lower().replace("'", "")
    groups = len(re.findall(r"[aeiouy]+", word))
    if word.endswith("e") and groups > 1:
        groups -= 1
    return max(1, groups)


def measure(markdown):
    sentences = words = syllable_count = 0
    for block in blocks(markdown):
        for sentence in re.split(r"[.!?]+", block):
            found = re.findall(r"[A-Za-z]+(?:'[A-Za-z]+)*", sentence)
            if found:
                sentences += 1
                words += len(found)
                syllable_count += sum(syllables(w) for w in found)
    if not words:
        return 0.0, 0
    return 0.39 * words / sentences + 11.8 * syllable_count / words - 15.59, words


if __name__ == "__main__":
    worst = 0.0
    for path in sys.argv[1:]:
        grade, count = measure(open(path, encoding="utf-8").read())
        worst = max(worst, grade)
        print(f"{grade:5.1f}  {count:5d} words  {path}")
    sys.exit(1 if worst > 9 else 0)
