"""CoNLL-U reading (UD EWT, GUM): syntactic words as tokens, with whitespace from SpaceAfter."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

from claimgraph.extract.training.sentences import Sentence


def _space_after(misc: str) -> bool:
    return "SpaceAfter=No" not in misc.split("|")


def _parse_block(rows: list[list[str]], sent_id: str, doc_id: str) -> Sentence:
    """One sentence. A multi-word token ("don't" = do + n't) gives its words no space between
    them and its own SpaceAfter to the last word; empty nodes (8.1) are enhanced-only, skipped."""
    words: list[list[str]] = []
    spaces: list[bool] = []
    mwt_end, mwt_space = 0, True
    for cols in rows:
        if "." in cols[0]:
            continue
        if "-" in cols[0]:
            mwt_end, mwt_space = int(cols[0].split("-")[1]), _space_after(cols[9])
            continue
        index = int(cols[0])
        words.append(cols)
        if index < mwt_end:
            spaces.append(False)
        elif index == mwt_end:
            spaces.append(mwt_space)
        else:
            spaces.append(_space_after(cols[9]))
    return Sentence(
        words=[c[1] for c in words],
        spaces=spaces,
        sent_id=sent_id,
        doc_id=doc_id,
        lemmas=[c[2] for c in words],
        pos=[c[3] for c in words],
        tags=[c[4] for c in words],
        morphs=["" if c[5] == "_" else c[5] for c in words],
        heads=[int(c[6]) - 1 if c[6] != "0" else i for i, c in enumerate(words)],
        deps=["ROOT" if c[7] == "root" else c[7] for c in words],
        misc=[c[9] for c in words],
    )


def read_conllu(path: Path, doc_id: str = "") -> Iterator[Sentence]:
    """Sentences of a CoNLL-U file; `# newdoc id` lines (or the given id) name the document."""
    rows: list[list[str]] = []
    sent_id = ""
    with path.open(encoding="utf-8") as lines:
        for line in lines:
            line = line.rstrip("\n")
            if line.startswith("# newdoc id"):
                doc_id = line.split("=", 1)[1].strip()
            elif line.startswith("# sent_id"):
                sent_id = line.split("=", 1)[1].strip()
            elif line.startswith("#"):
                continue
            elif line.strip():
                rows.append(line.split("\t"))
            elif rows:
                yield _parse_block(rows, sent_id, doc_id or path.stem)
                rows = []
    if rows:
        yield _parse_block(rows, sent_id, doc_id or path.stem)


def read_ewt_train(ewt_dir: Path) -> Iterator[Sentence]:
    """The EWT train split, assembled from the per-document sources by the official file list."""
    listing = ewt_dir / "not-to-release" / "file-lists" / "files.train"
    for name in listing.read_text(encoding="utf-8").split():
        yield from read_conllu(ewt_dir / "not-to-release" / "sources" / name, doc_id=name)
